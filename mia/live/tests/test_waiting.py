"""The watcher's spreading of a burst of wake-ups (``mia.live.waiting.Watcher``), without a database."""

from __future__ import annotations

import asyncio

from mia.live import waiting
from mia.tests.aio import run

SESSIONS = 50
PHONES_PER_SESSION = 40  # fewer than a slice per session: only a count over all sessions spreads them


def test_a_burst_over_many_sessions_is_woken_in_slices_over_the_loop():
    async def scenario() -> list[float]:
        moved = asyncio.Event()

        def read_versions(session_ids):
            return {session_id: 2 if moved.is_set() else 1 for session_id in session_ids}

        watcher = waiting.Watcher(read_versions=read_versions, read_snapshots=lambda ids: {}, interval=0.01,
                                  subscribe=False)
        loop = asyncio.get_running_loop()
        woken: list[float] = []

        async def phone(session_id: int) -> None:
            await watcher.wait(session_id, known=1, timeout=10, current=1)
            woken.append(loop.time())

        phones = [asyncio.create_task(phone(s)) for s in range(SESSIONS) for _ in range(PHONES_PER_SESSION)]
        await asyncio.sleep(0.05)
        assert not woken, "nobody wakes before the version moves"
        moved.set()  # every session's round opens at once (as a hundred facilitators at an event)
        await asyncio.gather(*phones)
        return woken

    woken = run(scenario())
    phones = SESSIONS * PHONES_PER_SESSION
    assert len(woken) == phones
    first = min(woken)
    in_first_slice = sum(1 for t in woken if t - first < waiting.SLICE_SECONDS / 2)
    assert in_first_slice <= waiting.WAKE_SLICE, "the burst went out at once instead of in slices"
    slices = phones // waiting.WAKE_SLICE
    assert max(woken) - first >= (slices - 1) * waiting.SLICE_SECONDS * 0.8
    assert max(woken) - first <= waiting.WAKE_SPREAD_SECONDS + 0.5, "nobody waits much longer than the spread"


def test_a_few_phones_wake_at_once():
    async def scenario() -> float:
        watcher = waiting.Watcher(read_versions=lambda ids: dict.fromkeys(ids, 3), read_snapshots=lambda ids: {},
                                  interval=0.01, subscribe=False)
        loop = asyncio.get_running_loop()
        start = loop.time()
        await asyncio.gather(*(watcher.wait(1, known=2, timeout=10) for _ in range(waiting.WAKE_SLICE)))
        return loop.time() - start

    assert run(scenario()) < 0.5
