"""Waiting phones: "has anything changed since version v?", answered as soon as it has.

Waiting requests (long polls and event streams) do not query the database themselves. Per
event loop one ``Watcher`` knows the versions of the sessions someone waits for:

* pushed: on PostgreSQL every bump is a ``NOTIFY`` that reaches every process at once
  (``mia.live.notices``); the watcher still reads the versions every few seconds as a safety net;
* polled: on SQLite (or while the listener reconnects) it reads them twice a second in one query.

When a session's version moves, its waiters wake. What they send back is built once per
session version (``Snapshot``): the shared part of the state (session, round, phase, texts) is
encoded once, and each phone's own part (consent, its cards in the round) comes from two
queries for the whole session, not two per phone. Waiters wake in slices, so a round opening
for thousands of phones does not arrive as one burst in front of the card writes.

A phone that arrives (a page opened, a stream reconnected) gets the same shared part, cached per
session version, and its own part from one prepared statement (``own_part``): thousands of phones
reconnecting after a network blip do not each build the session's state through the ORM.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC

from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from mia.core.loops import one_per_loop
from mia.dialogues.models import ConclusionCard, DialogueSession, Participant
from mia.live import notices, state

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.5  # without push: how often a process reads the versions
SAFETY_POLL_SECONDS = 5.0  # with push: a slow re-read in case a notice went astray
MAX_WAIT_SECONDS = 25
SNAPSHOT_MAX_AGE = 2.0  # seconds a snapshot serves the waiters of one version
WAKE_SLICE = 200  # waiters woken per slice, over all sessions of the loop
SLICE_SECONDS = 0.02  # between slices: the card writes that came in meanwhile go first
WAKE_SPREAD_SECONDS = 0.5  # a burst is spread over at most this long


def _read_versions(session_ids: list[int]) -> dict[int, int]:
    try:
        return dict(DialogueSession.objects.filter(pk__in=session_ids).values_list("pk", "live_version"))
    finally:
        # Not kept between reads: a connection held by this background thread would go stale
        # unnoticed (nothing closes it) and would keep a test database from being dropped.
        connection.close()


@dataclass
class Snapshot:
    """A session's state at one version: the shared part encoded once, and every phone's own part."""

    version: int
    built_at: float
    shared: bytes  # the shared JSON object without its closing brace
    people: dict[str, tuple[int, bool]]  # token -> (participant id, consent)
    cards: dict[int, list[dict]] = field(default_factory=dict)  # participant id -> own cards of the round
    round_id: int | None = None  # the session's current round at this version

    def body_for(self, token: str) -> bytes | None:
        person = self.people.get(token)
        if person is None:
            return None  # joined after the snapshot, or erased: the full path decides
        participant_id, consent = person
        return self.body_with(consent, self.cards.get(participant_id, []))

    def body_with(self, consent: bool, cards: list[dict]) -> bytes:
        own = json.dumps({"consent": consent, "cards": cards}, ensure_ascii=False)
        return self.shared + b"," + own[1:].encode()


def _read_shared(session_ids: list[int]) -> tuple[list[DialogueSession], dict[int, Snapshot]]:
    """One query: the sessions with the shared part of their state (snapshots without anyone's own part)."""
    sessions = list(DialogueSession.objects.select_related("current_round__question", "assessment")
                    .filter(pk__in=session_ids))
    snapshots = {}
    for session in sessions:
        shared = json.dumps(state.shared_state(session), ensure_ascii=False).encode()
        snapshots[session.pk] = Snapshot(session.live_version, 0.0, shared[:-1], {}, round_id=session.current_round_id)
    return sessions, snapshots


def _read_shared_parts(session_ids: list[int]) -> dict[int, Snapshot]:
    try:
        return _read_shared(session_ids)[1]
    finally:
        connection.close()


def _read_snapshots(session_ids: list[int]) -> dict[int, Snapshot]:
    """Three queries for any number of sessions: sessions, their participants, their round's cards."""
    try:
        sessions, snapshots = _read_shared(session_ids)
        people = (Participant.objects.filter(session_id__in=snapshots, personal_data_erased_at__isnull=True)
                  .values_list("invite_token", "session_id", "pk", "consent_given_at", "consent_refused_at"))
        for token, session_id, pk, given, refused in people:
            snapshots[session_id].people[token] = (pk, given is not None and refused is None)
        rounds = {s.current_round_id: s.pk for s in sessions if s.current_round_id}
        cards = (ConclusionCard.objects.filter(round_id__in=rounds, participant__isnull=False)
                 .only("round_id", "participant_id", "client_id", "kind", "text", "updated_at").order_by("kind"))
        for card in cards:
            snapshots[rounds[card.round_id]].cards.setdefault(card.participant_id, []).append(state.own_card(card))
        return snapshots
    finally:
        connection.close()


class Watcher:
    """Wakes waiters when a session's version moves past what they know. One per event loop."""

    def __init__(self, read_versions: Callable[[list[int]], dict[int, int]] = _read_versions,
                 read_snapshots: Callable[[list[int]], dict[int, Snapshot]] = _read_snapshots,
                 interval: float | None = None, subscribe: bool = True):
        self._read = read_versions
        self._read_snapshots = read_snapshots
        self._interval = interval
        self.versions: dict[int, int] = {}
        self.changed: dict[int, asyncio.Event] = {}
        self.waiting: dict[int, int] = {}
        self.task: asyncio.Task | None = None
        self.poke = asyncio.Event()
        self.snapshots: dict[int, Snapshot] = {}
        self.shared_parts: dict[int, Snapshot] = {}  # snapshots without the phones' own parts
        self._snapshot_builds = _Builds(read_snapshots, self._keep_snapshot)
        self._shared_builds = _Builds(_read_shared_parts, self._keep_shared_part)
        self._burst_at = float("-inf")  # when the current burst of wake-ups began
        self._burst_woken = 0  # waiters woken in it so far, over all sessions
        self.loop = asyncio.get_running_loop()
        self._unsubscribe = notices.subscribe(self._notice_from_thread, self._resync_from_thread) if subscribe else None

    @property
    def interval(self) -> float:
        if self._interval is not None:
            return self._interval
        return SAFETY_POLL_SECONDS if notices.listening() else POLL_SECONDS

    # --- notices (from the listener's thread, or from a bump in this process)

    def _notice_from_thread(self, session_id: int, version: int) -> None:
        if not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.notice, session_id, version)

    def _resync_from_thread(self) -> None:
        if not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self.poke.set)

    def notice(self, session_id: int, version: int) -> None:
        if session_id in self.waiting and version > self.versions.get(session_id, -1):
            self.versions[session_id] = version
            self._wake(session_id)

    def _wake(self, session_id: int) -> None:
        event = self.changed.get(session_id)
        if event is not None:
            event.set()

    def close(self) -> None:
        if self._unsubscribe:
            self._unsubscribe()

    # --- waiting

    async def wait(self, session_id: int, known: int, timeout: float, current: int | None = None) -> None:
        """Until the session's version is past ``known`` or ``timeout`` passes.

        ``current``: the version the caller just read, so the watcher knows it before its next read."""
        if current is not None and current > self.versions.get(session_id, -1):
            self.versions[session_id] = current
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
                if event.is_set():
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
        if self.versions.get(session_id, -1) > known:
            await self._my_turn()

    async def _my_turn(self) -> None:
        """Spread a burst of wake-ups over the loop: the n-th waiter goes in slice n // WAKE_SLICE.

        Counted over all sessions: at an event a hundred sessions of a hundred phones open their
        round in the same second; with some 50 waiters per session and worker, a count per session
        never reached a slice and the whole burst went out in one turn of the loop."""
        now = self.loop.time()
        if now - self._burst_at > WAKE_SPREAD_SECONDS:
            self._burst_at, self._burst_woken = now, 0
        slot = self._burst_woken // WAKE_SLICE
        self._burst_woken += 1
        pause = self._burst_at + min(WAKE_SPREAD_SECONDS, SLICE_SECONDS * slot) - now
        if pause > 0:
            await asyncio.sleep(pause)

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
                if version > self.versions.get(session_id, -1):
                    self.versions[session_id] = version
                    self._wake(session_id)
            self.poke.clear()
            try:
                await asyncio.wait_for(self.poke.wait(), self.interval)
            except TimeoutError:
                pass
        self.versions.clear()

    # --- what the woken waiters send

    async def snapshot(self, session_id: int, version: int) -> Snapshot | None:
        """The session's snapshot at ``version`` or later: built once for all waiters of the loop."""
        cached = self._fresh(self.snapshots, session_id, version)
        snapshot = cached or await self._snapshot_builds.get(session_id)
        return snapshot if snapshot is not None and snapshot.version >= version else None

    async def shared_part(self, session_id: int, version: int) -> Snapshot | None:
        """The shared part of the session's state at ``version`` or later (from a full snapshot if fresh)."""
        cached = self._fresh(self.snapshots, session_id, version) or self._fresh(self.shared_parts, session_id, version)
        snapshot = cached or await self._shared_builds.get(session_id)
        return snapshot if snapshot is not None and snapshot.version >= version else None

    def _fresh(self, cache: dict[int, Snapshot], session_id: int, version: int) -> Snapshot | None:
        cached = cache.get(session_id)
        if cached is not None and cached.version >= version and self.loop.time() - cached.built_at < SNAPSHOT_MAX_AGE:
            return cached
        return None

    def _keep_snapshot(self, session_id: int, snapshot: Snapshot) -> None:
        self.snapshots[session_id] = snapshot
        self._learn(session_id, snapshot.version)

    def _keep_shared_part(self, session_id: int, snapshot: Snapshot) -> None:
        self.shared_parts[session_id] = snapshot
        self._learn(session_id, snapshot.version)

    def _learn(self, session_id: int, version: int) -> None:
        """A read saw a newer version than the watcher knew: wake its waiters now, not at the next read."""
        if version > self.versions.get(session_id, -1) and session_id in self.waiting:
            self.versions[session_id] = version
            self._wake(session_id)


class _Builds:
    """One read in a thread for every session asked for meanwhile, whoever asks (snapshots, shared parts)."""

    def __init__(self, read: Callable[[list[int]], dict[int, Snapshot]], keep: Callable[[int, Snapshot], None]):
        self._read = read
        self._keep = keep
        self._pending: dict[int, asyncio.Future] = {}
        self._task: asyncio.Task | None = None

    async def get(self, session_id: int) -> Snapshot | None:
        future = self._pending.get(session_id)
        if future is None:
            future = self._pending[session_id] = asyncio.get_running_loop().create_future()
            if self._task is None or self._task.done():
                self._task = asyncio.create_task(self._run(), context=contextvars.Context())
        return await asyncio.shield(future)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while self._pending:
            futures = dict(self._pending)
            try:
                built = await loop.run_in_executor(_builders, self._read, list(futures))
            except Exception:
                logger.exception("live: building session snapshots failed")
                built = {}
            now = loop.time()
            for session_id, future in futures.items():
                snapshot = built.get(session_id)
                if snapshot is not None:
                    snapshot.built_at = now
                    self._keep(session_id, snapshot)
                self._pending.pop(session_id, None)
                if not future.done():
                    future.set_result(snapshot)


_watchers: dict[asyncio.AbstractEventLoop, Watcher] = {}
# Threads with their own connections read for every watcher of the process: a watcher outlives
# the request that started it, so it must not use that request's thread or its connection.
_reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live-watcher")
_builders = ThreadPoolExecutor(max_workers=2, thread_name_prefix="live-snapshot")


def watcher() -> Watcher:
    return one_per_loop(_watchers, Watcher, forget=Watcher.close)


async def wait_for_change(session_id: int, known_version: int, timeout: float, current: int | None = None) -> bool:
    """Wait until the session's version is past ``known_version`` (True) or ``timeout`` seconds pass (False)."""
    found = watcher()
    await found.wait(session_id, known_version, min(timeout, MAX_WAIT_SECONDS), current)
    return found.versions.get(session_id, -1) > known_version


async def state_body(session_id: int, token: str, version: int) -> bytes | None:
    """The phone's state as JSON from the session's snapshot at ``version`` or later (None: use the full path)."""
    snapshot = await watcher().snapshot(session_id, version)
    return snapshot.body_for(token) if snapshot is not None else None


# Prepared statements, not the ORM: every phone asks these, and building the ORM's SQL for them
# cost more than running it (py-spy at 10,000 phones: 45 % of a worker's time in the ORM's compiler).
_SESSION_AND_VERSION = """
SELECT s.id, s.live_version FROM dialogues_participant p JOIN dialogues_dialoguesession s ON s.id = p.session_id
WHERE p.invite_token = %s AND p.personal_data_erased_at IS NULL
"""

_OWN_PART = """
SELECT p.session_id, s.live_version, s.current_round_id,
       p.consent_given_at IS NOT NULL AND p.consent_refused_at IS NULL,
       c.client_id, c.kind, c.topic, c.text, c.updated_at
FROM dialogues_participant p
JOIN dialogues_dialoguesession s ON s.id = p.session_id
LEFT JOIN dialogues_conclusioncard c ON c.round_id = s.current_round_id AND c.participant_id = p.id
WHERE p.invite_token = %s AND p.personal_data_erased_at IS NULL
ORDER BY c.kind
"""


def session_and_version(token: str) -> tuple[int, int] | None:
    """The session a participant token belongs to and its version: one small indexed query."""
    if not state.may_be_a_token(token):
        return None
    with connection.cursor() as cursor:
        cursor.execute(_SESSION_AND_VERSION, [token])
        row = cursor.fetchone()
    return None if row is None else (row[0], row[1])


@dataclass
class OwnPart:
    """A phone's own part of its state, with the session version and round it belongs to."""

    session_id: int
    version: int
    round_id: int | None
    consent: bool
    cards: list[dict]


def own_part(token: str) -> OwnPart | None:
    """The participant's session, version, round, consent and own cards of that round: one statement."""
    if not state.may_be_a_token(token):
        return None
    with connection.cursor() as cursor:
        cursor.execute(_OWN_PART, [token])
        rows = cursor.fetchall()
    if not rows:
        return None
    session_id, version, round_id, consent = rows[0][:4]
    client_id = ConclusionCard._meta.get_field("client_id")
    cards = [state.own_card_data(client_id.to_python(row[4]), row[5], row[6], row[7], _aware(row[8]))
             for row in rows if row[5] is not None]
    return OwnPart(session_id, version, round_id, bool(consent), cards)


def _aware(value):
    """A timestamp as the ORM would give it (SQLite hands raw SQL a string or a naive UTC datetime)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return timezone.make_aware(value, UTC) if timezone.is_naive(value) else value


async def arrival_body(own: OwnPart) -> bytes | None:
    """The state of a phone that arrives, from the cached shared part and its own part (None: use the full path)."""
    shared = await watcher().shared_part(own.session_id, own.version)
    if shared is None or shared.round_id != own.round_id:
        return None  # the round moved on between the two reads: the full path reads both at once
    return shared.body_with(own.consent, own.cards)

