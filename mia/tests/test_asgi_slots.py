"""The full stack's slots (``mia/asgi.py``): a bounded number of Django views run at once per worker.

Without a bound, a burst of facilitator requests made a thread each and starved the event loop
that writes the phones' round notices. A slot is held from the last body chunk to the start of
the answer: a slow upload or a slow download holds none."""

from __future__ import annotations

import asyncio

import pytest

from mia import asgi
from mia.tests.aio import run


@pytest.fixture
def one_slot(monkeypatch):
    monkeypatch.setattr(asgi, "FULL_STACK_CONCURRENCY", 1)
    monkeypatch.setattr(asgi, "_slots", {})
    events = []

    async def django(scope, receive, send):
        while (await receive()).get("more_body"):
            pass
        events.append(("view", scope["path"]))
        await asyncio.sleep(0.05)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        events.append(("answered", scope["path"]))
        await asyncio.sleep(0.05)  # the body still streams: the slot is free already
        await send({"type": "http.response.body", "body": b"ok"})
        events.append(("done", scope["path"]))

    monkeypatch.setattr(asgi, "django_application", django)
    return events


def http(path):
    return {"type": "http", "method": "GET", "path": path, "headers": []}


async def sink(message):
    pass


def whole_body():
    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}
    return receive


def test_a_second_view_waits_for_the_first_answer_but_not_for_its_body(one_slot):
    async def both():
        await asyncio.gather(asgi.route(http("/a/"), whole_body(), sink), asgi.route(http("/b/"), whole_body(), sink))

    run(both())
    assert one_slot.index(("view", "/b/")) > one_slot.index(("answered", "/a/"))
    assert one_slot.index(("view", "/b/")) < one_slot.index(("done", "/a/"))


def test_a_slow_upload_holds_no_slot(one_slot):
    async def both():
        last_chunk = asyncio.Event()

        async def slow_upload():
            if not hasattr(slow_upload, "sent"):
                slow_upload.sent = True
                return {"type": "http.request", "body": b"x" * 10, "more_body": True}
            await last_chunk.wait()
            return {"type": "http.request", "body": b"", "more_body": False}

        upload = asyncio.create_task(asgi.route(http("/upload/"), slow_upload, sink))
        await asgi.route(http("/other/"), whole_body(), sink)  # served while the upload is still coming in
        assert ("view", "/upload/") not in one_slot
        last_chunk.set()
        await upload

    run(both())
    assert one_slot.index(("done", "/other/")) < one_slot.index(("view", "/upload/"))


def test_a_failing_view_gives_its_slot_back(one_slot, monkeypatch):
    async def broken(scope, receive, send):
        await receive()
        raise RuntimeError("boom")

    monkeypatch.setattr(asgi, "django_application", broken)

    async def twice():
        for _ in range(2):
            with pytest.raises(RuntimeError):
                await asyncio.wait_for(asgi.route(http("/x/"), whole_body(), sink), 1)

    run(twice())  # the second would wait forever for a slot that was never given back


def test_participant_paths_do_not_take_slots(one_slot, monkeypatch):
    seen = []

    async def lean(scope, receive, send):
        seen.append(scope["path"])

    monkeypatch.setattr(asgi, "participant_application", lean)
    run(asgi.route(http("/api/live/deelnemer/abc/state"), whole_body(), sink))
    assert seen == ["/api/live/deelnemer/abc/state"] and not one_slot
