"""The card PUT that skips Django's request cycle on PostgreSQL (``mia.live.fastwrite``): the same
answers, headers and guarantees as the API, and everything it does not store handled by Django."""

from __future__ import annotations

import asyncio
import json
import uuid

import pytest
from django.db import connection

from mia.analysis.readability import check_text
from mia.dialogues.models import ConclusionCard
from mia.live import actions
from mia.live.fastwrite import MAX_BODY_BYTES, FastCardWrites, configured_pool_size
from mia.tests.aio import run
from mia.tests.factories import make_dialogue


async def call(app, method: str, path: str, body: bytes = b"", chunk: int = 0) -> tuple[int, dict, bytes]:
    """One request through an ASGI app, as uvicorn would send it (the body in chunks if asked)."""
    parts = [body[i:i + chunk] for i in range(0, len(body), chunk)] if chunk else [body]
    messages = [{"type": "http.request", "body": part, "more_body": i < len(parts) - 1} for i, part in enumerate(parts)]
    sent = []

    async def receive():
        if messages:
            return messages.pop(0)
        await asyncio.Event().wait()  # the phone stays connected (Django cancels a request on disconnect)

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json")],
             "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8000)}
    await app(scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    headers = {name.decode().lower(): value.decode() for name, value in start["headers"]}
    return start["status"], headers, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


class Recorder:
    """A stand-in for Django: records what reaches it, answers 200 with fixed headers."""

    def __init__(self):
        self.bodies = []

    async def __call__(self, scope, receive, send):
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        self.bodies.append(body)
        await send({"type": "http.response.start", "status": 200, "headers": [(b"x-from", b"django")]})
        await send({"type": "http.response.body", "body": b"{}"})


def test_other_requests_and_large_bodies_reach_django_unchanged():
    django = Recorder()
    fast = FastCardWrites(django, {})
    fast.headers = [(b"x-from", b"fast")]  # as if Django had answered a card PUT already
    big = json.dumps({"round": 1, "kind": "conclusie", "text": "x" * (MAX_BODY_BYTES + 10)}).encode()
    path = f"/api/live/deelnemer/abc/cards/{uuid.uuid4()}"

    async def scenario():
        return [await call(fast, "GET", "/api/live/status"),
                await call(fast, "PUT", "/api/live/deelnemer/abc/cards/niet-een-uuid", b"{}"),
                await call(fast, "PUT", path, big, chunk=4096),  # cut off while reading: the rest follows
                await call(fast, "PUT", path, b"{kapot")]  # does not validate: Django says why

    answers = run(scenario())
    assert [headers["x-from"] for _status, headers, _body in answers] == ["django"] * 4
    assert django.bodies == [b"", b"{}", big, b"{kapot"]


def test_a_pool_with_no_free_connection_answers_busy_and_stores_nothing():
    """The database is the bottleneck: the phone hears 503 with Retry-After, in Dutch, and sends again;
    the PUT does not go on to Django (a thread and a connection more would deepen the queue)."""
    from contextlib import asynccontextmanager

    from psycopg_pool import PoolTimeout

    django = Recorder()
    fast = FastCardWrites(django, {})
    fast.headers = [(b"x-from", b"fast"), (b"content-type", b"application/json")]

    class FullPool:
        @asynccontextmanager
        async def connection(self):
            raise PoolTimeout("couldn't get a connection after 2.00 sec")
            yield  # pragma: no cover

    async def full_pool():
        return FullPool()

    fast._pool = full_pool
    body = json.dumps({"round": 1, "kind": "conclusie", "text": "De bus rijdt te weinig."}).encode()
    status, headers, answer = run(call(fast, "PUT", f"/api/live/deelnemer/abc/cards/{uuid.uuid4()}", body))
    assert status == 503 and headers["retry-after"] == "2" and headers["x-from"] == "fast"
    assert json.loads(answer) == {"code": "busy", "detail": "Het is heel druk. Uw kaartje is nog niet opgeslagen; "
                                                            "uw telefoon probeert het zo opnieuw."}
    assert int(headers["content-length"]) == len(answer) and django.bodies == []
    assert check_text(json.loads(answer)["detail"]).is_b1  # a participant may read it


postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the fast path runs on PostgreSQL only")


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_fast_card_writes_answer_as_the_api_does_and_keep_its_guarantees(assessment):
    from mia.asgi import route
    from mia.live.fastwrite import connection_kwargs

    session = actions.start_live(make_dialogue(assessment, participants=2, questions=2))
    ConclusionCard.objects.all().delete()
    person, other = session.participants.all()[:2]
    actions.record_consent(person, accept=True)
    actions.record_consent(other, accept=True)
    round_ = actions.next_round(session)
    reached_django = []

    async def django(scope, receive, send):
        reached_django.append(scope["path"])
        await route(scope, receive, send)

    fast = FastCardWrites(django, connection_kwargs())

    def put(token, client_id, text="De bus rijdt te weinig.", kind="conclusie", round_id=round_.pk):
        body = json.dumps({"round": round_id, "kind": kind, "text": text}).encode()
        return call(fast, "PUT", f"/api/live/deelnemer/{token}/cards/{client_id}", body)

    first_id, second_id, others_id = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()

    async def until_open():
        try:
            return await puts_in_open_round()
        finally:
            await fast.close()

    async def puts_in_open_round():
        answers = [await put(person.invite_token, first_id),  # Django: learns the headers
                   await put(person.invite_token, first_id, "Veranderd."),  # fast: same client id updates
                   await put(person.invite_token, second_id, "Van mijn tablet."),  # fast: a second device
                   await put(other.invite_token, others_id),  # fast: no lookup of the token's card kinds
                   await put(person.invite_token, others_id, "Niet van mij.", kind="idee"),  # another card's id: 409
                   await put(person.invite_token, uuid.uuid4(), "\x00"),  # Django's 422
                   await put(person.invite_token, uuid.uuid4(), kind="onbekend"),  # Django's answer
                   await put("geen-bestaand-token", uuid.uuid4())]  # the statement stores nothing: Django's 404
        return answers

    answers = run(until_open())
    statuses = [status for status, _headers, _body in answers]
    assert statuses[:4] == [200, 200, 200, 200]
    assert statuses[4] == 409 and "hoort niet bij u" in json.loads(answers[4][2])["detail"]
    assert statuses[5] == 422 and statuses[6] in (409, 422) and statuses[7] == 404
    assert len(reached_django) == 5, reached_django  # the 2nd, 3rd and 4th PUT were answered without Django
    slow, fast_answer = answers[0][1], answers[1][1]
    for name in ("content-security-policy", "x-content-type-options", "cache-control", "content-type", "referrer-policy"):
        assert fast_answer.get(name) == slow.get(name), name
    assert "no-store" in fast_answer["cache-control"]
    # Acknowledged means stored: one card per participant and kind, the client id of the first device.
    mine = ConclusionCard.objects.get(participant=person, kind="conclusie")
    assert mine.text == "Van mijn tablet." and mine.client_id == first_id and mine.source == "telefoon"
    assert json.loads(answers[2][2]) == {"client_id": str(first_id), "kind": "conclusie", "topic": "",
                                         "text": "Van mijn tablet.", "saved_at": json.loads(answers[2][2])["saved_at"]}

    # Withdrawn consent and a closed round: the statement stores nothing, Django gives the reason.
    actions.record_consent(other, accept=False)
    actions.close_round(session)

    async def after():
        try:
            return [await put(other.invite_token, others_id, "Toch nog."), await put(person.invite_token, first_id, "Te laat")]
        finally:
            await fast.close()

    refused_consent, too_late = run(after())
    assert refused_consent[0] in (403, 409) and too_late[0] == 409 and "gesloten" in json.loads(too_late[2])["detail"]
    assert ConclusionCard.objects.get(participant=person, kind="conclusie").text == "Van mijn tablet."
    assert not ConclusionCard.objects.filter(text__in=["Toch nog.", "Te laat"]).exists()


def test_the_pool_size_comes_from_the_environment_and_is_zero_when_turned_off():
    assert configured_pool_size({}) == 16
    assert configured_pool_size({"MIA_LIVE_FAST_POOL_SIZE": "4"}) == 4
    assert configured_pool_size({"MIA_LIVE_FAST_WRITES": "False", "MIA_LIVE_FAST_POOL_SIZE": "4"}) == 0
