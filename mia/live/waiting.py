"""Long polling: a participant's phone asks "has anything changed since version v?" and the
server answers as soon as it has, or after a timeout.

Waiting requests do not query the database themselves. Per event loop one watcher
task reads the versions of all sessions that someone waits for, twice a second, in a
single query, and wakes the waiters of sessions whose version changed. So ten thousand
waiting phones cost two small queries a second per worker process, not ten thousand.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.db import connection

from mia.dialogues.models import DialogueSession

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.5
MAX_WAIT_SECONDS = 25


def _read_versions(session_ids: list[int]) -> dict[int, int]:
    try:
        return dict(DialogueSession.objects.filter(pk__in=session_ids).values_list("pk", "live_version"))
    finally:
        # Not kept between reads: a connection held by this background thread would go stale
        # unnoticed (nothing closes it) and would keep a test database from being dropped.
        connection.close()


class Watcher:
    """Wakes waiters when a session's version moves past what they know. One per event loop."""

    def __init__(self, read_versions: Callable[[list[int]], dict[int, int]] = _read_versions,
                 interval: float = POLL_SECONDS):
        self._read = read_versions
        self.interval = interval
        self.versions: dict[int, int] = {}
        self.changed: dict[int, asyncio.Event] = {}
        self.waiting: dict[int, int] = {}
        self.task: asyncio.Task | None = None

    async def wait(self, session_id: int, known: int, timeout: float) -> None:
        # Versions only grow. A waiter that knows a newer version than the cache (read just
        # before the watcher's next query) keeps waiting instead of spinning.
        if self.versions.get(session_id, -1) > known:
            return
        self.waiting[session_id] = self.waiting.get(session_id, 0) + 1
        event = self.changed.setdefault(session_id, asyncio.Event())
        if self.task is None or self.task.done():
            # An empty context: the request's context holds asgiref's executor for that request,
            # which quits when the request ends, after which every read would fail.
            self.task = asyncio.create_task(self._watch(), context=contextvars.Context())
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            while self.versions.get(session_id, -1) <= known:
                remaining = deadline - loop.time()
                if remaining <= 0:
                    break
                event.clear()
                try:
                    await asyncio.wait_for(event.wait(), remaining)
                except TimeoutError:
                    break
        finally:
            self.waiting[session_id] -= 1
            if not self.waiting[session_id]:
                del self.waiting[session_id]
                self.changed.pop(session_id, None)

    async def _watch(self) -> None:
        failing = False
        while self.waiting:
            try:
                fresh = await asyncio.get_running_loop().run_in_executor(_reader, self._read, list(self.waiting))
                failing = False
            except RuntimeError:  # the process is shutting down: stop; the waiters time out
                break
            except Exception:  # a database hiccup must not end the watch; waiters time out and retry
                if not failing:
                    logger.exception("live: reading session versions failed")
                failing, fresh = True, {}
            for session_id, version in fresh.items():
                if self.versions.get(session_id) != version:
                    self.versions[session_id] = version
                    if session_id in self.changed:
                        self.changed[session_id].set()
            await asyncio.sleep(self.interval)
        self.versions.clear()


_watchers: dict[asyncio.AbstractEventLoop, Watcher] = {}
# One thread with its own connection reads the versions for every watcher of the process: a
# watcher outlives the request that started it, so it must not use that request's thread
# (asgiref's, which ends with the request) or its connection.
_reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live-watcher")


async def wait_for_change(session_id: int, known_version: int, timeout: float) -> bool:
    """Wait until the session's version is past ``known_version`` (True) or ``timeout`` seconds pass (False)."""
    loop = asyncio.get_running_loop()
    watcher = _watchers.get(loop)
    if watcher is None:
        # Under WSGI (tests, runserver) each request runs its own loop; drop watchers of finished loops.
        for old in [lp for lp in _watchers if lp.is_closed()]:
            del _watchers[old]
        watcher = _watchers[loop] = Watcher()
    await watcher.wait(session_id, known_version, min(timeout, MAX_WAIT_SECONDS))
    return watcher.versions.get(session_id, -1) > known_version


def session_and_version(token: str) -> tuple[int, int] | None:
    """The session a participant token belongs to and its version: one small indexed query."""
    return (
        DialogueSession.objects.filter(participants__invite_token=token,
                                       participants__personal_data_erased_at__isnull=True)
        .values_list("pk", "live_version").order_by().first()
    )
