"""A worker's start under the ASGI server (``mia/asgi.py``): the lifespan protocol, and the garbage
collector tuned so that full collections do not stop the event loop for a second at a time."""

from __future__ import annotations

import asyncio
import gc

import pytest

from mia import asgi
from mia.tests.aio import run


@pytest.fixture
def untuned_afterwards():
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


async def lifespan() -> list[str]:
    incoming = asyncio.Queue()
    for message in ("lifespan.startup", "lifespan.shutdown"):
        incoming.put_nowait({"type": message})
    sent = []

    async def send(message):
        sent.append(message["type"])

    await asgi.application({"type": "lifespan", "asgi": {"version": "3.0"}}, incoming.get, send)
    return sent


def test_a_worker_starts_and_stops_with_its_garbage_collector_tuned(untuned_afterwards, monkeypatch):
    monkeypatch.setattr(asgi, "GC_THRESHOLD", 50_000)
    gc.unfreeze()
    assert run(lifespan()) == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert gc.get_freeze_count() > 10_000, "what the worker loaded is frozen: the collector no longer walks it"
    assert gc.get_threshold()[0] == 50_000


def test_the_tuning_can_be_turned_off(untuned_afterwards, monkeypatch):
    monkeypatch.setattr(asgi, "GC_THRESHOLD", 0)
    gc.unfreeze()
    before = gc.get_threshold()
    assert run(lifespan()) == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert gc.get_freeze_count() == 0 and gc.get_threshold() == before
