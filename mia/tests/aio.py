"""Running a coroutine from a test, whatever runs in the main thread."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor


def run(coroutine):
    # In a thread of its own: after a browser test, Playwright's event loop runs in the main thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
