"""The client's address, read the same way everywhere (the session-code lock-out, login throttling)."""

from __future__ import annotations

from django.conf import settings


def client_address(meta) -> str:
    """The client's address; behind ``MIA_PROXY_HOPS`` trusted proxies, taken from X-Forwarded-For."""
    hops = settings.MIA_PROXY_HOPS
    forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return meta.get("REMOTE_ADDR", "")


def request_address(request) -> str:
    """``client_address`` of a request (django-axes' AXES_CLIENT_IP_CALLABLE)."""
    return client_address(getattr(request, "META", {}) or {})
