"""The JSON API of the live MIA-dialoog, with its OpenAPI schema at /api/openapi.json.

Participants are identified by their personal token in the path: it reaches only
their own session and cards. Facilitator endpoints use the kernteam's login.
"""

from __future__ import annotations

import json
import time
import uuid
from datetime import UTC, datetime
from typing import Literal

import rules
from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIRequest
from django.db import connection
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Router, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import django_auth
from pydantic import Field

from mia.assessments.models import Assessment
from mia.dialogues.models import DialogueSession, Round
from mia.live import actions, state
from mia.live.waiting import MAX_WAIT_SECONDS, OwnPart, arrival_body, own_part, session_and_version, state_body, wait_for_change

api = NinjaAPI(
    title="MIA live-dialoog API",
    version="1",
    description="Sessies, rondes en conclusiekaartjes van de live MIA-dialoog.",
    urls_namespace="api",
    docs_url=None,  # the interactive docs load scripts from a CDN, which our CSP forbids
)

STREAM_SECONDS = 300  # an event stream ends after this long; the browser reconnects with Last-Event-ID
KEEP_ALIVE_SECONDS = 20

# PostgreSQL text cannot hold NUL characters; refuse them with a 422 instead of a 500.
NO_NUL = r"^[^\x00]*$"

# Codes come from the instrument content (its perspectives, its card types); the actions check them.
CODE = r"^[a-z0-9-]*$"
PERSPECTIVE = Field("", max_length=40, pattern=CODE, description="Een perspectief uit de inhoud van het instrument "
                    "(bijvoorbeeld 'wetenschap', 'praktijk', 'samenleving', 'interne-buitenstaander'), of leeg.")


class Problem(Schema):
    detail: str
    code: str = "error"


class Ok(Schema):
    ok: bool


# Answers of ninja itself, not of the views: a body that is no JSON (400), input that does not
# fit the schema (422), and for the facilitator no login (401) or no CSRF token (403).
BAD_BODY = {400: Problem, 422: Problem}
BAD_INPUT = {422: Problem}
NO_LOGIN = {401: Problem}
NO_LOGIN_OR_CSRF = {401: Problem, 403: Problem}


class JoinIn(Schema):
    code: str = Field(max_length=40, description="De sessiecode van het scherm, bijvoorbeeld 'ACD 4FG'.")
    accept: bool = Field(description="Stemt de deelnemer in met de afspraken over vertrouwelijkheid?")
    display_name: str = Field("", max_length=60, pattern=NO_NUL)
    perspective: str = PERSPECTIVE


class JoinOut(Schema):
    token: str
    participant_url: str
    consent: bool


class ConsentIn(Schema):
    accept: bool
    display_name: str | None = Field(None, max_length=60, pattern=NO_NUL)
    perspective: str | None = Field(None, max_length=40, pattern=CODE)


class CardKindOut(Schema):
    kind: str
    label: str
    has_topic: bool = Field(description="Of dit kaartje een veld ‘Onderwerp’ heeft (de twee kaartjes van de MIA wel, het slotkaartje niet).")


class RoundOut(Schema):
    id: int
    number: int
    label: str
    question: str
    is_closing: bool
    open: bool
    deadline: str | None
    topic_label: str
    card_kinds: list[CardKindOut]


class OwnCard(Schema):
    client_id: str
    kind: str
    topic: str
    text: str
    saved_at: str


class ParticipantState(Schema):
    version: int
    session: str
    status: str
    phase: Literal["wachten", "ronde", "pauze", "klaar"]
    consent: bool
    round: RoundOut | None
    cards: list[OwnCard]
    closing_message: str


class CardIn(Schema):
    round: int = Field(ge=1, le=2**31 - 1)
    kind: str = Field(min_length=1, max_length=30, pattern=CODE, description="Een soort kaartje van de ronde (zie `card_kinds`).")
    text: str = Field(min_length=1, max_length=actions.MAX_CARD_CHARS, pattern=NO_NUL)
    topic: str = Field("", max_length=actions.MAX_TOPIC_CHARS, pattern=NO_NUL, description="Onderwerp (mag leeg).")


class CardOut(Schema):
    client_id: str
    kind: str
    topic: str
    text: str
    saved_at: str


class WallCard(Schema):
    id: int
    kind: str
    topic: str
    text: str
    author: str
    updated_at: str


class Wall(Schema):
    version: int
    status: str
    join_code: str
    participants: int
    round: RoundOut | None
    received: int
    expected: int
    cards: list[WallCard]
    # Ids of the round's cards that are off the wall now (withdrawn consent, hidden): a screen that
    # is open removes them; an id that leaves this list is back on the wall (fetch without since).
    removed: list[int]
    cursor: str | None


class FacilitatorAction(Schema):
    action: Literal["start", "open_round", "close_round", "next_round", "set_timer", "close", "show_names", "hide_names"]
    round: int | None = Field(None, ge=1, le=2**31 - 1)
    minutes: int | None = Field(None, ge=1, le=actions.MAX_ROUND_MINUTES)


@api.exception_handler(ValidationError)
def validation_failed(request, exc: ValidationError):
    fields = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload", "query", "path")]
        fields.append(".".join(location) or "verzoek")
    message = _("Deze gegevens kloppen niet: %(fields)s.") % {"fields": ", ".join(dict.fromkeys(fields))}
    return api.create_response(request, {"detail": message, "code": "invalid"}, status=422)


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Niet gevonden."), "code": "not_found"}, status=404)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    # ninja's own texts are English; these are the ones a client can meet.
    if exc.status_code == 403 and "CSRF" in str(exc):
        detail = _("Uw sessie is verlopen of de pagina is ergens anders geopend. Vernieuw de pagina en probeer het opnieuw.")
        return api.create_response(request, {"detail": detail, "code": "csrf"}, status=403)
    if exc.status_code == 400 and str(exc) == "Cannot parse request body":
        detail = _("Het verzoek kan niet worden gelezen. Stuur de gegevens als JSON.")
        return api.create_response(request, {"detail": detail, "code": "bad_body"}, status=400)
    return api.create_response(request, {"detail": str(exc), "code": "error"}, status=exc.status_code)


@api.exception_handler(AuthenticationError)
def not_logged_in(request, exc):
    return api.create_response(request, {"detail": _("Log in om de sessie te sturen."), "code": "login"}, status=401)


def refused(exc: actions.LiveRefused):
    status = {"locked": 429, "unknown": 404, "not_found": 404, "conflict": 409, "kind": 422, "empty": 422,
              "too_long": 422}.get(exc.code, 409)
    return Status(status, {"detail": exc.message, "code": exc.code})


live = Router(tags=["live"])


@live.get("/status", response=Ok, summary="Eenvoudige controle dat de server antwoordt")
def status(request):
    return {"ok": True}


@live.post("/join", response={201: JoinOut, 404: Problem, 409: Problem, 429: Problem, **BAD_BODY},
           summary="Meedoen met de sessiecode")
def join(request, payload: JoinIn):
    key = actions.client_key(request.META)
    try:
        session = actions.find_session_by_code(payload.code, key)
        participant = actions.join_by_code(
            session, accept=payload.accept, display_name=payload.display_name.strip(), perspective=payload.perspective
        )
    except actions.LiveRefused as exc:
        return refused(exc)
    return Status(201, {
        "token": participant.invite_token,
        "participant_url": reverse("live:participant", args=[participant.invite_token]),
        "consent": participant.has_consented,
    })


def _release_connection() -> None:
    """Give the database connection back before a long wait (not inside a test's transaction)."""
    if not connection.in_atomic_block:
        connection.close()


def _in_a_thread(request, fn):
    """Run ``fn`` (database work) for a phone's request off the event loop.

    Under the ASGI server the phones' paths have no per-request thread (``mia/asgi.py``), so the
    default would put every phone of a worker through one thread, one query after the other: at an
    event a burst of arrivals then queues the card writes behind it. Here they go to a small pool of
    threads, each giving its connection back (to the pool) when done. Under WSGI (tests, runserver)
    they stay on the request's thread, inside its transaction.
    """
    if not isinstance(request, ASGIRequest):
        return sync_to_async(fn)

    def closing(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        finally:
            connection.close()

    return sync_to_async(closing, thread_sensitive=False)


def _participant(token: str):
    participant = state.load_participant(token)
    if participant is None:
        raise Http404
    return participant


@live.get("/deelnemer/{token}/state", response={200: ParticipantState, 204: None, 404: Problem, **BAD_INPUT},
          summary="De toestand van de sessie voor deze deelnemer",
          description="Long polling: met `version` (de laatst bekende) en `wait` (seconden) antwoordt de server "
                      "zodra er iets verandert, of na `wait` seconden met 204 als er niets veranderde.")
async def participant_state(request, token: str, version: int = Query(-1, ge=-1, le=2**31 - 1),
                            wait: int = Query(0, ge=0, le=MAX_WAIT_SECONDS)):
    if wait:
        # A phone renewing its wait costs one small query; the full state only goes out on a change.
        current = await _in_a_thread(request, session_and_version)(token)
        if current is None:
            raise Http404
        session_id, live_version = current
        if version >= live_version:
            if not isinstance(request, ASGIRequest):  # (under ASGI the thread gave it back already)
                await sync_to_async(_release_connection)()
            if not await wait_for_change(session_id, version, wait, live_version):
                return Status(204, None)
        # Built once per session version for every waiting phone of this process.
        body = await state_body(session_id, token, version + 1)
        if body is not None:
            return HttpResponse(body, content_type="application/json")
    body = await _arrival(request, token)
    return HttpResponse(body, content_type="application/json")


def _full_state(token: str) -> bytes:
    return json.dumps(state.participant_state(_participant(token)), ensure_ascii=False).encode()


async def _arrival(request, token: str, own: OwnPart | None = None) -> bytes:
    """The state of a phone that arrives (page opened, stream reconnected): the session's cached shared
    part with the phone's own part from one statement; the full path only when the round moved between."""
    if own is None:
        own = await _in_a_thread(request, own_part)(token)
        if own is None:
            raise Http404
    body = await arrival_body(own)
    return body if body is not None else await _in_a_thread(request, _full_state)(token)


def _event(version: int, body: bytes) -> bytes:
    return b"id: %d\nevent: state\ndata: " % version + body + b"\n\n"


@live.get("/deelnemer/{token}/stream", response={200: None, 204: None, 404: Problem, **BAD_INPUT},
          summary="De toestand als Server-Sent Events (text/event-stream)",
          description="Elke verandering komt als een `state`-gebeurtenis met de toestand (zoals `/state`) en de "
                      "versie als `id`; na een onderbreking stuurt de browser `Last-Event-ID` mee en mist hij niets. "
                      "De stroom duurt `wait` seconden; daarna verbindt de browser opnieuw. Werkt dit niet "
                      "(een netwerk dat het blokkeert), dan valt de telefoon terug op long polling via `/state`. "
                      "204: deze server kan niet streamen; gebruik `/state`.")
async def participant_stream(request, token: str, version: int = Query(-1, ge=-1, le=2**31 - 1),
                             wait: int = Query(STREAM_SECONDS, ge=1, le=STREAM_SECONDS)):
    if not isinstance(request, ASGIRequest):
        # A WSGI server (runserver, the test server) would hold the whole stream back: 204 tells
        # EventSource to stop, and the phone falls back to long polling.
        return Status(204, None)
    last_event = request.headers.get("Last-Event-ID", "")
    known = max(version, int(last_event)) if last_event.isdigit() and len(last_event) < 10 else version
    own = await _in_a_thread(request, own_part)(token)
    if own is None:
        raise Http404
    session_id, live_version = own.session_id, own.version
    first = await _arrival(request, token, own) if live_version > known else None
    if first is not None:
        live_version = json.loads(first)["version"]

    async def events():
        nonlocal known
        yield b"retry: 2000\n\n"
        if first is not None:
            known = live_version
            yield _event(live_version, first)
        deadline = time.monotonic() + wait
        while (left := deadline - time.monotonic()) > 0:
            if not await wait_for_change(session_id, known, min(left, KEEP_ALIVE_SECONDS), live_version):
                yield b": wachten\n\n"  # keeps proxies from closing a quiet connection
                continue
            body = await state_body(session_id, token, known + 1)
            if body is None:  # not in the snapshot (erased, or joined later): end; the phone reconnects
                return
            known = json.loads(body)["version"]
            yield _event(known, body)

    response = StreamingHttpResponse(events(), content_type="text/event-stream")
    response["Cache-Control"] = "no-store"
    response["X-Accel-Buffering"] = "no"  # nginx: pass the events on at once
    return response


@live.post("/deelnemer/{token}/consent", response={200: ParticipantState, 404: Problem, **BAD_BODY},
           summary="Toestemming geven of weigeren")
def consent(request, token: str, payload: ConsentIn):
    participant = _participant(token)
    display_name = payload.display_name.strip() if payload.display_name is not None else None
    try:
        actions.record_consent(participant, accept=payload.accept, display_name=display_name,
                               perspective=payload.perspective)
    except actions.LiveRefused as exc:
        return refused(exc)
    return state.participant_state(participant)


@live.put("/deelnemer/{token}/cards/{client_id}", response={200: CardOut, 404: Problem, 409: Problem, **BAD_BODY},
          summary="Een kaartje opslaan of veranderen (idempotent per client_id)")
async def put_card(request, token: str, client_id: uuid.UUID, payload: CardIn):
    try:
        # One statement when all is in order; otherwise the full checks give the Dutch reason.
        card = await _in_a_thread(request, actions.store_card)(
            token, round_id=payload.round, kind=payload.kind, text=payload.text, client_id=client_id,
            topic=payload.topic, load_participant=_participant)
    except actions.LiveRefused as exc:
        return refused(exc)
    return {"client_id": str(card.client_id), "kind": card.kind, "topic": card.topic, "text": card.text,
            "saved_at": card.updated_at.isoformat()}


facilitator = Router(tags=["gespreksleider"], auth=django_auth)


def _with_rounds():
    return DialogueSession.objects.select_related("assessment", "current_round__question")


def _session_for(request, session_id: int) -> DialogueSession:
    session = get_object_or_404(_with_rounds(), pk=session_id)
    if not rules.has_perm("assessments.change_assessment", request.user, session.assessment):
        raise Http404
    return session


@facilitator.get("/sessies/{session_id}", response={200: Wall, 404: Problem, **BAD_INPUT, **NO_LOGIN},
                 summary="Kaartjesmuur en tellingen van de huidige ronde (since: alleen nieuwere kaartjes; removed: kaartjes die van de muur zijn)")
def session_wall(request, session_id: int, since: datetime | None = None):
    session = _session_for(request, session_id)
    if since is not None:
        try:  # the database compares in UTC; a moment beyond year 1..9999 there has no datetime
            since = (timezone.make_aware(since) if timezone.is_naive(since) else since).astimezone(UTC)
        except OverflowError:
            return Status(422, {"detail": _("Deze gegevens kloppen niet: %(fields)s.") % {"fields": "since"},
                                "code": "invalid"})
    return state.wall(session, since=since)


@facilitator.get("/sessies/{session_id}/zaal", response={200: dict, 404: Problem, **BAD_INPUT, **NO_LOGIN},
                 summary="De zaalmuur: tellingen per vraag en perspectief en de thema's van de huidige ronde")
def crowd_wall(request, session_id: int):
    session = _session_for(request, session_id)
    data = state.crowd_wall(session)
    return {key: data[key] for key in ("questions", "perspectives", "themes", "themes_counted", "themes_at")}


@facilitator.post("/sessies/{session_id}/stappen", response={200: Wall, 404: Problem, 409: Problem, **BAD_BODY,
                                                               **NO_LOGIN_OR_CSRF},
                  summary="De sessie sturen: starten, ronde openen of sluiten, timer, afsluiten")
def steer(request, session_id: int, payload: FacilitatorAction):
    session = _session_for(request, session_id)
    if payload.action == "open_round":
        round_ = get_object_or_404(Round, pk=payload.round or 0, session=session)
        actions.open_round(session, round_)
    elif payload.action == "set_timer":
        actions.set_timer(session, payload.minutes or session.round_minutes)
    else:
        actions.STEPS[payload.action](session)
    # Read again (a step may change the round in the database only); allowed already.
    return state.wall(_with_rounds().get(pk=session.pk))


@facilitator.get("/mia/{assessment_id}/sessies", response={200: list[dict], 404: Problem, **BAD_INPUT, **NO_LOGIN},
                 summary="Alle sessies van een MIA met hun live toestand (parallelle sessies)")
def overview(request, assessment_id: int):
    assessment = get_object_or_404(Assessment, pk=assessment_id)
    if not rules.has_perm("assessments.change_assessment", request.user, assessment):
        raise Http404
    return [
        {"session": row["session"].pk, "name": row["session"].name, "code": row["code"], "joined": row["joined"],
         "phase": row["phase"], "round": row["round"], "received": row["received"]}
        for row in state.sessions_overview(assessment)
    ]


api.add_router("/live", live)
api.add_router("/live", facilitator)
