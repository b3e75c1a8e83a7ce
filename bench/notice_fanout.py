#!/usr/bin/env python
"""CPU of a round change for N waiting phones in one worker: wake-up and answer, without HTTP.

N waiters (as the stream and long-poll endpoints wait) sit on one session in one event loop;
a notice arrives (as from the NOTIFY listener); each waiter gets its answer from the session's
snapshot (``Watcher.snapshot`` + ``Snapshot.body_for``). The snapshot is built from a fake
reader (no database), so this measures what the change costs the worker per phone on top of
writing the bytes to its socket. Prints JSON: CPU ms in all and per phone, and when the last
phone had its answer (the wake-up spreading included).

    .venv/bin/python bench/notice_fanout.py --phones 1000 10000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def fake_snapshots(tokens: list[str], version: dict):
    def read(session_ids):
        from mia.live.waiting import Snapshot

        shared = json.dumps({"version": version["v"], "session": "Zaal", "status": "live", "phase": "ronde",
                             "round": {"id": 7, "number": 2, "label": "Vraag 2", "question": "Wat betekent dit voor u?",
                                       "is_closing": False, "open": True, "deadline": None,
                                       "card_kinds": [{"kind": "conclusie", "label": "Conclusie", "has_topic": True}]},
                             "closing_message": "Dank u wel."}).encode()[:-1]
        people = {token: (i, True) for i, token in enumerate(tokens)}
        return {sid: Snapshot(version["v"], 0.0, shared, people, {}) for sid in session_ids}
    return read


async def one_run(phones: int) -> dict:
    from mia.live import waiting

    version = {"v": 1}
    tokens = [f"token-{i:06d}" for i in range(phones)]
    watcher = waiting.Watcher(read_versions=lambda ids: {sid: version["v"] for sid in ids},
                              read_snapshots=fake_snapshots(tokens, version), interval=3600, subscribe=False)
    waiting._watchers[asyncio.get_running_loop()] = watcher
    done_at: list[float] = []

    async def phone(token: str) -> None:
        await watcher.wait(1, 1, 60, 1)
        body = await waiting.state_body(1, token, 2)
        assert body is not None and b'"consent": true' in body
        done_at.append(time.perf_counter())

    tasks = [asyncio.create_task(phone(token)) for token in tokens]
    while watcher.waiting.get(1, 0) < phones:
        await asyncio.sleep(0.01)
    cpu, started = time.process_time(), time.perf_counter()
    version["v"] = 2
    watcher.notice(1, 2)
    await asyncio.gather(*tasks)
    cpu = time.process_time() - cpu
    return {"phones": phones, "cpu_ms": round(cpu * 1000, 1), "cpu_ms_per_phone": round(cpu * 1000 / phones, 4),
            "last_answer_after_ms": round((max(done_at) - started) * 1000, 1)}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, nargs="+", default=[1000, 10000])
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mia.settings")
    import django

    django.setup()
    results = [asyncio.run(one_run(n)) for n in args.phones]
    print(json.dumps({"runs": results, "loadavg": Path("/proc/loadavg").read_text().split()[:3]}, indent=2))


if __name__ == "__main__":
    main()
