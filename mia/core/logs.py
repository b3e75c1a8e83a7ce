"""What the server logs about a request: the path with its secrets masked, and no client address.

A participant's personal link ``/deelnemer/<token>/`` is their only credential, and a phone asks
``/api/live/deelnemer/<token>/state`` every few seconds; the access log of uvicorn (or gunicorn)
would otherwise hold every token next to the phone's address. ``AccessLogFilter`` rewrites the
records of the access loggers and of Django's request loggers before any handler formats them:

- path segments after ``deelnemer`` and every segment that looks like a token (20 or more URL-safe
  characters: ``secrets.token_urlsafe``, password-reset tokens) become ``***``;
- query values of ``code``, ``token``, ``key`` and the like become ``***``;
- the client address becomes ``-``, unless ``MIA_LOG_CLIENT_ADDRESSES=1`` (for a deployment that
  needs it and says so in its privacy statement).

``install()`` (called by ``CoreConfig.ready``) puts the filter on those loggers in every process
that loads Django, so it holds under ``uvicorn --workers N``, gunicorn with uvicorn workers and
``runserver`` alike, whatever logging configuration the server itself applied.
"""

from __future__ import annotations

import logging
import os
import re

MASK = "***"
# Loggers that name a request's path (and, for the access logs, the client's address).
ACCESS_LOGGERS = ("uvicorn.access", "gunicorn.access")
REQUEST_LOGGERS = ("django.request", "django.server", "django.security.csrf")

_AFTER_PARTICIPANT = re.compile(r"(/deelnemer/)[^/?#\s\"]+")
_TOKEN_SEGMENT = re.compile(r"(?<=/)[A-Za-z0-9_\-]{20,}(?=[/?#\s\"]|$)")
_SECRET_QUERY = re.compile(r"([?&](?:code|token|key|sessiecode|uid|secret)=)[^&#\s\"]*", re.IGNORECASE)


def mask_path(text: str) -> str:
    """``/api/live/deelnemer/Xy…/state?version=3`` → ``/api/live/deelnemer/***/state?version=3``."""
    if not isinstance(text, str) or "/" not in text and "=" not in text:
        return text
    text = _AFTER_PARTICIPANT.sub(r"\1" + MASK, text)
    text = _TOKEN_SEGMENT.sub(MASK, text)
    return _SECRET_QUERY.sub(r"\1" + MASK, text)


def log_client_addresses() -> bool:
    return os.environ.get("MIA_LOG_CLIENT_ADDRESSES", "0").strip().lower() in ("1", "true", "yes", "on")


class AccessLogFilter(logging.Filter):
    """Masks tokens in the paths of a record's arguments and drops the client address."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        keep_address = log_client_addresses()
        if isinstance(args, dict):  # gunicorn's access log: atoms h (address), r (request line), U, q, ...
            record.args = {key: self._atom(key, value, keep_address) for key, value in args.items()}
        elif isinstance(args, tuple) and args:
            values = [mask_path(value) if isinstance(value, str) else value for value in args]
            if record.name == "uvicorn.access" and not keep_address:
                values[0] = "-"  # uvicorn: '%s - "%s %s HTTP/%s" %d' with the client address first
            record.args = tuple(values)
        if isinstance(record.msg, str):
            record.msg = mask_path(record.msg)
        request = getattr(record, "request", None)  # django.request keeps the request for handlers
        if request is not None and hasattr(request, "path"):
            record.request = _MaskedRequest(request)
        return True

    @staticmethod
    def _atom(key: str, value, keep_address: bool):
        if key in ("h", "{x-forwarded-for}i", "{x-real-ip}i") and not keep_address:
            return "-"
        return mask_path(value) if isinstance(value, str) else value


class _MaskedRequest:
    """A request as a log handler may see it (AdminEmailHandler shows path and META): masked."""

    def __init__(self, request):
        self._request = request
        self.path = self.path_info = mask_path(request.path)
        self.META = {key: value for key, value in getattr(request, "META", {}).items()
                     if key not in ("REMOTE_ADDR", "HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "QUERY_STRING")
                     or log_client_addresses()}

    def get_full_path(self) -> str:
        return mask_path(self._request.get_full_path())

    def build_absolute_uri(self, location=None) -> str:
        return mask_path(self._request.build_absolute_uri(location))

    def __getattr__(self, name):
        return getattr(self._request, name)


_installed = AccessLogFilter()


def install() -> None:
    for name in ACCESS_LOGGERS + REQUEST_LOGGERS:
        logger = logging.getLogger(name)
        if _installed not in logger.filters:
            logger.addFilter(_installed)
