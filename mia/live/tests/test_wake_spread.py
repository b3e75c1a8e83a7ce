"""A round change for thousands of waiting phones is spread over the event loop (``Watcher._my_turn``).

Each woken phone's answer costs a little time on the loop; woken all at once, they held the card
writes that arrived meanwhile behind them. The spread counts every waiter of the loop, whatever
its session: at an event with a hundred sessions each has only a few waiters per worker."""

from __future__ import annotations

import asyncio

from mia.live import waiting


def test_a_burst_over_many_sessions_goes_out_in_slices_and_lets_other_work_through():
    sessions, per_session = 100, 12  # 1,200 waiters in one loop, 12 per session

    async def event():
        watcher = waiting.Watcher(read_versions=lambda ids: {}, read_snapshots=lambda ids: {},
                                  interval=60, subscribe=False)
        loop = asyncio.get_running_loop()
        woken = []

        async def phone(session_id):
            await watcher.wait(session_id, 0, timeout=10)
            woken.append(loop.time())

        phones = [asyncio.create_task(phone(s)) for s in range(sessions) for _ in range(per_session)]
        await asyncio.sleep(0.05)  # every phone waits
        opened = loop.time()
        for session_id in range(sessions):
            watcher.notice(session_id, 1)  # every session's round opens in the same moment

        async def card_write():
            await asyncio.sleep(0)
            return loop.time()

        card_done = await asyncio.create_task(card_write())
        await asyncio.gather(*phones)
        watcher.close()
        return opened, sorted(t - opened for t in woken), card_done - opened

    opened, delays, card_after = asyncio.run(event())
    assert len(delays) == sessions * per_session
    slices = len(delays) // waiting.WAKE_SLICE
    assert sum(d < waiting.WAKE_PAUSE_SECONDS / 2 for d in delays) == waiting.WAKE_SLICE  # the first slice at once
    assert delays[-1] >= (slices - 1) * waiting.WAKE_PAUSE_SECONDS * 0.9  # the last slice later
    assert delays[-1] <= waiting.WAKE_SPREAD_SECONDS + 0.5  # never more than the spread (and a margin)
    assert card_after < delays[-1]  # a card write that came in meanwhile did not wait for the whole burst


def test_a_lone_round_change_later_is_not_delayed_by_an_earlier_burst():
    async def event():
        watcher = waiting.Watcher(read_versions=lambda ids: {}, read_snapshots=lambda ids: {},
                                  interval=60, subscribe=False)
        loop = asyncio.get_running_loop()
        for version in (1, 2):
            phones = [asyncio.create_task(watcher.wait(s, version - 1, timeout=10)) for s in range(3 * waiting.WAKE_SLICE)]
            await asyncio.sleep(0.05)
            for session_id in range(3 * waiting.WAKE_SLICE):
                watcher.notice(session_id, version)
            await asyncio.gather(*phones)
            await asyncio.sleep(waiting.WAKE_SPREAD_SECONDS + 0.1)  # quiet: the burst is over
        lone = asyncio.create_task(watcher.wait(0, 2, timeout=10))
        await asyncio.sleep(0.05)
        started = loop.time()
        watcher.notice(0, 3)
        await lone
        watcher.close()
        return loop.time() - started

    assert asyncio.run(event()) < waiting.WAKE_PAUSE_SECONDS
