"""ASGI entry point: `uvicorn mia.asgi:application --workers N`.

Long polling of the live dialogue waits on the event loop, so thousands of waiting phones
need no threads. The participants' part of the API (token in the path: no session, login,
CSRF or messages) goes through a lean handler; everything else through Django's full stack.
"""

import asyncio
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mia.settings")
django_application = get_asgi_application()

from django.conf import settings  # noqa: E402  (after Django is set up)
from django.core.handlers.asgi import ASGIHandler  # noqa: E402

from mia.core import collector  # noqa: E402
from mia.core.loops import one_per_loop  # noqa: E402

PARTICIPANT_PATHS = ("/api/live/deelnemer/", "/api/live/join", "/api/live/status")
PARTICIPANT_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "mia.core.middleware.SecurityHeadersMiddleware",
]


class ParticipantAPIHandler(ASGIHandler):
    """Django for the phones' hot paths, without the middleware they do not need.

    Each of Django's session, auth, CSRF, message and locale middlewares moves a request
    through a thread and back under ASGI; phones identified by their token need none of them.
    Without a per-request thread context, the sync parts of these requests share the
    worker's one sync thread and its database connection instead of a new thread each.
    """

    def load_middleware(self, is_async=False):
        full = settings.MIDDLEWARE
        settings.MIDDLEWARE = PARTICIPANT_MIDDLEWARE  # read only while the chain is built, at start-up
        try:
            super().load_middleware(is_async)
        finally:
            settings.MIDDLEWARE = full

    async def __call__(self, scope, receive, send):
        await self.handle(scope, receive, send)


participant_application = ParticipantAPIHandler()


# Requests through Django's full stack that run their view at the same time, per worker process.
# Each one is a thread of its own (Django's per-request thread context); 100 facilitators opening
# a round in the same second made 100 threads fight over the GIL with the event loop, which then
# could not write the round's notices to the phones' streams for seconds. The rest wait, cheaply,
# on the loop. A request holds a slot from its last body chunk (a slow upload holds none) to the
# start of its answer (a slow download holds none).
FULL_STACK_CONCURRENCY = max(1, int(os.environ.get("MIA_FULL_STACK_CONCURRENCY", "2")))
_slots: dict = {}


async def _full_stack(scope, receive, send):
    slots = one_per_loop(_slots, lambda: asyncio.Semaphore(FULL_STACK_CONCURRENCY))
    held = asked = False

    async def receive_then_wait_for_a_slot():
        nonlocal held, asked
        message = await receive()
        if not asked and not message.get("more_body", False):  # once: later it is Django's disconnect watch
            asked = True
            await slots.acquire()
            held = True
        return message

    async def send_and_free_the_slot(message):
        nonlocal held
        if held and message["type"] == "http.response.start":
            held = False
            slots.release()
        await send(message)

    try:
        await django_application(scope, receive_then_wait_for_a_slot, send_and_free_the_slot)
    finally:
        if held:
            slots.release()


# A worker holding 5,000 event streams tracks about a million objects; with Python's thresholds a full
# collection came every 1-4 s and took 0.2-1.3 s (measured at 10,000 phones: every phone of the
# worker, its notices and its card writes waited that long). At start-up each worker freezes what it
# has loaded (Django, the apps, the content) and collects its youngest generation every GC_THRESHOLD
# allocations (``mia.core.collector``).
GC_THRESHOLD = int(os.environ.get("MIA_GC_THRESHOLD", "50000"))




async def _lifespan(receive, send):
    """The ASGI server's start and stop of a worker (Django itself does not speak lifespan)."""
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            collector.tune(GC_THRESHOLD)
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


async def route(scope, receive, send):
    if scope["type"] == "http" and scope["path"].startswith(PARTICIPANT_PATHS):
        await participant_application(scope, receive, send)
    elif scope["type"] == "http":
        await _full_stack(scope, receive, send)
    elif scope["type"] == "lifespan":
        await _lifespan(receive, send)
    else:
        await django_application(scope, receive, send)


def _with_fast_card_writes(app):
    """On PostgreSQL the phones' card PUTs skip Django's request cycle (``mia.live.fastwrite``)."""
    from django.db import connection

    from mia.live.fastwrite import FastCardWrites, configured_pool_size, connection_kwargs

    size = configured_pool_size(os.environ)
    if connection.vendor != "postgresql" or size == 0:
        return app
    return FastCardWrites(app, connection_kwargs(), max_size=size)


application = _with_fast_card_writes(route)
