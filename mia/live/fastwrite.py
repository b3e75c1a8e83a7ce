"""A card PUT on PostgreSQL without Django's request cycle (issue 17: a cheap card write).

At an event the phones' card PUTs are most of the work, and under ASGI each one used to take a
trip through a thread, Django's handler, django-ninja and the ORM's connection handling around one
SQL statement. ``FastCardWrites`` wraps the ASGI application: for ``PUT /api/live/deelnemer/<token>
/cards/<client_id>`` it validates the body with the API's own schema (``CardIn``: the same pydantic
model), runs the one statement of ``actions.store_card_on`` on an async connection pool on the event
loop, and answers with the same JSON and the same headers as the API.

Everything else goes to Django unchanged, and so does a PUT the statement does not store: a body
that does not validate, an unknown token, a closed round, withdrawn consent, another card's client
id, a database error. The API then stores the card or answers with its Dutch reason, exactly as
without this wrapper. One exception: when the pool has no free connection within ``POOL_WAIT_SECONDS``,
the database is the bottleneck, and handing the PUT to Django (a thread and a connection more) would
only deepen the queue (at 10,000 phones on a slow machine: 8,593 such timeouts, the server's open files
at its limit, every answer late). Then the phone hears ``503`` with ``Retry-After``, stores nothing,
and sends the same card again (``live.js``: same client id, growing pause): shedding load, not cards. The headers of a fast
answer are those of the last 200 answer Django gave for a card PUT, so the security headers can
never drift from the middleware's; until that first answer every PUT goes to Django.

Only on PostgreSQL, only under an ASGI server (``mia/asgi.py``); ``MIA_LIVE_FAST_WRITES=false``
turns it off.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import uuid

from pydantic import ValidationError

from mia.core.loops import one_per_loop
from mia.live import actions
from mia.live.api import CardIn

logger = logging.getLogger(__name__)

CARD_PUT = re.compile(r"/api/live/deelnemer/([^/\x00]{1,200})/cards/([0-9A-Fa-f-]{32,36})")
MAX_BODY_BYTES = 32 * 1024  # a card is at most 2,000 characters; a larger body goes to Django, which refuses it
# Headers that belong to one answer, not to the kind of answer.
PER_ANSWER = {b"content-length", b"date", b"server"}
POOL_WAIT_SECONDS = 2.0  # a statement takes about a millisecond: a longer wait for a connection is a queue
RETRY_AFTER_SECONDS = 2


class FastCardWrites:
    def __init__(self, app, connection_kwargs: dict, max_size: int = 16):
        self.app = app
        self.connection_kwargs = connection_kwargs
        self.max_size = max_size
        self.headers: list[tuple[bytes, bytes]] | None = None  # learnt from Django's first 200 answer
        self._pools: dict[asyncio.AbstractEventLoop, object] = {}

    async def __call__(self, scope, receive, send):
        match = CARD_PUT.fullmatch(scope["path"]) if scope["type"] == "http" and scope["method"] == "PUT" else None
        if match is None:
            return await self.app(scope, receive, send)
        messages, body = await _read_body(receive)
        answer = None
        if body is not None and self.headers is not None:
            answer = await self._store(match[1], match[2], body)
        if answer is None:
            return await self.app(scope, _replay(messages, receive), self._learning(send))
        status, body = answer
        extra = [(b"retry-after", str(RETRY_AFTER_SECONDS).encode())] if status == 503 else []
        await send({"type": "http.response.start", "status": status,
                    "headers": [*self.headers, *extra, (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    async def _store(self, token: str, client_id: str, body: bytes) -> tuple[int, bytes] | None:
        try:
            card_id = uuid.UUID(client_id)
            payload = CardIn.model_validate_json(body)
        except (ValueError, ValidationError):
            return None  # Django's answer says what is wrong, in Dutch
        from psycopg_pool import PoolTimeout

        try:
            card = await actions.store_card_on(
                await self._pool(), token, round_id=payload.round, kind=payload.kind, text=payload.text,
                client_id=card_id, topic=payload.topic)
        except PoolTimeout:
            return 503, _busy_body()
        except Exception:  # the database is away or refused: the full path answers (and logs) properly
            logger.warning("fast card write failed; the request goes to Django", exc_info=True)
            return None
        if card is None:
            return None
        return 200, json.dumps({"client_id": str(card.client_id), "kind": card.kind, "topic": card.topic,
                                "text": card.text, "saved_at": card.updated_at.isoformat()},
                               ensure_ascii=False, separators=(",", ":")).encode()

    async def _pool(self):
        # One pool per event loop (uvicorn: one loop per worker process), opened on first use; a closed
        # pool is never in the registry (``close`` takes it out), so "closed" here means "not opened yet".
        pool = one_per_loop(self._pools, self._new_pool)
        if pool.closed:
            await pool.open()  # safe when another request opened it meanwhile
        return pool

    def _new_pool(self):
        from psycopg_pool import AsyncConnectionPool

        # Named, so that pg_stat_activity tells these connections from Django's.
        kwargs = {**self.connection_kwargs, "autocommit": True, "application_name": "mia-fast-write"}
        return AsyncConnectionPool(kwargs=kwargs,
                                   min_size=1, max_size=self.max_size, timeout=POOL_WAIT_SECONDS, open=False)

    async def close(self) -> None:
        """Close this loop's pool (tests; a worker's pool ends with its process)."""
        pool = self._pools.pop(asyncio.get_running_loop(), None)
        if pool is not None:
            await pool.close()

    def _learning(self, send):
        """``send`` that remembers the headers of a 200 answer to a card PUT."""
        async def learning_send(message):
            if message["type"] == "http.response.start" and message["status"] == 200:
                self.headers = [(name, value) for name, value in message.get("headers", [])
                                if name.lower() not in PER_ANSWER]
            await send(message)
        return learning_send


def _busy_body() -> bytes:
    from django.utils.translation import gettext as _

    detail = _("Het is heel druk. Uw kaartje is nog niet opgeslagen; uw telefoon probeert het zo opnieuw.")
    return json.dumps({"detail": detail, "code": "busy"}, ensure_ascii=False).encode()


async def _read_body(receive) -> tuple[list[dict], bytes | None]:
    """The request's messages (to hand on to Django if need be) and its body; None when too large."""
    messages, size, parts = [], 0, []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages, None  # the phone went away
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return messages, None
        parts.append(chunk)
        if not message.get("more_body", False):
            return messages, b"".join(parts)


def _replay(messages: list[dict], receive):
    """``receive`` that gives the messages read already, then the rest of the request."""
    pending = list(messages)

    async def replay():
        # A body cut off at MAX_BODY_BYTES goes on from ``receive`` after the replayed part.
        return pending.pop(0) if pending else await receive()
    return replay


def configured_pool_size(environ) -> int:
    """Connections per worker for the fast card writes (``MIA_LIVE_FAST_POOL_SIZE``); 0 when turned off
    (``MIA_LIVE_FAST_WRITES=false``). Also what ``bench/live_session.py`` counts in its connection budget."""
    if environ.get("MIA_LIVE_FAST_WRITES", "true").lower() == "false":
        return 0
    return int(environ.get("MIA_LIVE_FAST_POOL_SIZE", "16"))


def connection_kwargs() -> dict:
    """psycopg's connection arguments as Django's PostgreSQL backend would connect (no Django extras)."""
    from django.db import connection

    params = connection.get_connection_params()
    for name in ("cursor_factory", "context", "pool"):
        params.pop(name, None)
    return params
