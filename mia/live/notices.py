"""Telling every server process that a session's version moved: push where the database can.

On PostgreSQL a version bump sends ``NOTIFY mia_live, '<session>:<version>'`` in the bump's
own transaction, so it is delivered when (and only when) the change is committed, to every
process on every machine that listens on the same database. Each server process keeps one
listening connection in one thread (``Listener``) and hands the notices to the event loops
of the process. If that connection breaks, the listener reconnects and asks every loop to
read the versions again, so a notice sent while it was away is not lost.

SQLite (the embedded default) has no such channel: the processes fall back to reading the
versions from the database twice a second (``mia.live.waiting``), and a bump made in the
process itself is handed over at once. No extra service is needed in either case.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connection, transaction

logger = logging.getLogger(__name__)

CHANNEL = "mia_live"
RECONNECT_SECONDS = 1.0

# Callbacks of this process: notice(session_id, version) and resync() (read everything again).
_subscribers: list[tuple[Callable[[int, int], None], Callable[[], None]]] = []
_lock = threading.Lock()
_listener: Listener | None = None


def push_available() -> bool:
    """Whether notices reach every process (PostgreSQL), or the processes must poll (SQLite)."""
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def publish(session_id: int, version: int) -> None:
    """Called by the action that raised the version, inside its transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, f"{session_id}:{version}"])
    # This process's own waiters need not wait for the round trip (or, on SQLite, the next poll).
    transaction.on_commit(lambda: deliver(session_id, version))


def deliver(session_id: int, version: int) -> None:
    for notice, _resync in list(_subscribers):
        notice(session_id, version)


def subscribe(notice: Callable[[int, int], None], resync: Callable[[], None]) -> Callable[[], None]:
    """Hear of version changes in this process; returns the function that ends the subscription."""
    entry = (notice, resync)
    with _lock:
        _subscribers.append(entry)
        if push_available():
            _start_listener()

    def unsubscribe() -> None:
        with _lock:
            if entry in _subscribers:
                _subscribers.remove(entry)

    return unsubscribe


def listening() -> bool:
    """Whether this process's listener is connected now (when not, the loops poll as on SQLite)."""
    return _listener is not None and _listener.connected.is_set()


def parse(payload: str) -> tuple[int, int] | None:
    session, _sep, version = payload.partition(":")
    try:
        return int(session), int(version)
    except ValueError:
        return None


def _start_listener() -> None:
    global _listener
    if _listener is None or not _listener.is_alive():
        _listener = Listener()
        _listener.start()


def _conninfo() -> dict:
    db = settings.DATABASES["default"]
    params = {"dbname": db.get("NAME") or "", "user": db.get("USER") or "", "host": db.get("HOST") or "",
              "port": str(db.get("PORT") or ""), "password": db.get("PASSWORD") or "",
              "application_name": "mia-live-listener", "connect_timeout": 5}
    return {key: value for key, value in params.items() if value != ""}


class Listener(threading.Thread):
    """One connection per process that LISTENs, and hands each notice to the subscribers."""

    def __init__(self):
        super().__init__(name="live-listener", daemon=True)
        self.connected = threading.Event()
        self.stopping = threading.Event()

    def run(self) -> None:
        import psycopg

        failing = False
        while not self.stopping.is_set():
            try:
                with psycopg.connect(autocommit=True, **_conninfo()) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.connected.set()
                    failing = False
                    # Whatever changed while we were not listening: read it now.
                    for _notice, resync in list(_subscribers):
                        resync()
                    while not self.stopping.is_set():
                        for note in conn.notifies(timeout=5.0):
                            parsed = parse(note.payload)
                            if parsed:
                                deliver(*parsed)
            except Exception:  # the database went away: reconnect; the loops poll meanwhile
                if not failing:
                    logger.warning("live: the notice listener lost its connection; reconnecting", exc_info=True)
                failing = True
            self.connected.clear()
            time.sleep(RECONNECT_SECONDS)
