"""Per event loop state: one value for each running asyncio loop of the process.

Under uvicorn a worker has one loop; under WSGI (tests, runserver) each request runs a loop of its
own, so values of loops that have ended are dropped when the next one is made."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def one_per_loop(registry: dict, make: Callable[[], T], *, forget: Callable[[T], None] | None = None) -> T:
    """The registry's value for the running loop, made on first use; ``forget`` is called for dropped ones."""
    loop = asyncio.get_running_loop()
    value = registry.get(loop)
    if value is None:
        for ended in [old for old in registry if old.is_closed()]:
            dropped = registry.pop(ended)
            if forget is not None:
                forget(dropped)
        value = registry[loop] = make()
    return value
