"""Throttling of logins and password-reset mails.

Logins (the app's and the admin's): django-axes counts wrong passwords per account and per client
address (settings ``AXES_*``); at the limit both are refused for a cool-off period, also with the
right password, and ``locked_out`` answers in Dutch. Reset mails: at most ``MIA_RESET_MAILS_PER_ADDRESS``
per e-mail address and ``MIA_RESET_MAILS_PER_CLIENT`` per client address per clock hour, counted in
the database (``ResetMailCount``), so every app process and server shares the count; no address is
stored: the keys are keyed hashes.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.utils.translation import gettext as _

from mia.accounts.actions import count_reset_request
from mia.core.clients import request_address


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes' AXES_LOCKOUT_CALLABLE: a Dutch page with status 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


def _key(kind: str, value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"reset:{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def reset_allowed(request, email: str) -> bool:
    """Count this reset request; False when the address or the client asked too often this hour."""
    by_address = count_reset_request(_key("address", email.strip().casefold()))
    by_client = count_reset_request(_key("client", request_address(request)))
    return by_address <= settings.MIA_RESET_MAILS_PER_ADDRESS and by_client <= settings.MIA_RESET_MAILS_PER_CLIENT


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's reset view, with a limit on the mails. The answer does not say whether the address
    is known: the limit counts what was typed, known or not."""

    def form_valid(self, form):
        if not reset_allowed(self.request, form.cleaned_data["email"]):
            form.add_error(None, _("U hebt te vaak een nieuwe link gevraagd. Wacht een uur en probeer het dan opnieuw."))
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().form_valid(form)
