"""The kinds of job, registered by the apps that own them (in their ``tasks.py``).

The jobs app knows no domain: an app registers a handler with a Dutch label and a
rule for who may see the job; the worker and the web process both import every
app's ``tasks`` module (``JobsConfig.ready``), so both know every kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class JobFailed(Exception):
    """An expected failure (bad input, an infeasible problem): the message is Dutch and shown as is.

    ``result`` is kept with the failed job for the page that explains the failure (e.g. which
    quotas conflict), as a done job keeps its result."""

    def __init__(self, message: str, *, result: dict | None = None):
        super().__init__(message)
        self.result = result or {}


@dataclass(frozen=True)
class JobKind:
    name: str
    handler: Callable[[Any], dict | None]
    label: str
    may_view: Callable[[Any, Any], bool]
    # A job whose worker died is started again this many times in all, then marked failed.
    max_attempts: int = 2


_kinds: dict[str, JobKind] = {}


def register(name: str, *, label: str, may_view: Callable[[Any, Any], bool], max_attempts: int = 2):
    """Decorator: ``@register("panels.select", label=..., may_view=...)`` over ``handler(context) -> dict``."""

    def decorator(handler):
        _kinds[name] = JobKind(name, handler, label, may_view, max_attempts)
        return handler

    return decorator


def get_kind(name: str) -> JobKind | None:
    return _kinds.get(name)
