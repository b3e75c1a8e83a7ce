"""Writes of organisations, users and their roles.

A beheerder does most of this in the admin; these functions are for scripts (the demo) that must
set up people the same way every time. Existing records are never changed, so a user keeps the
password they chose and a role a beheerder gave."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.accounts.models import Membership, Organisation, ResetMailCount, Role

RESET_WINDOW = timedelta(hours=1)


class AccountError(Exception):
    """A rule about users or roles was broken; the message is Dutch and shown as is."""


def ensure_organisation(name: str) -> Organisation:
    organisation, _created = Organisation.objects.get_or_create(name=name)
    return organisation


def ensure_user(username: str, *, password: str, email: str = "", first_name: str = "", last_name: str = "",
                is_admin: bool = False):
    """The user called ``username``; created (an admin: staff and superuser) only if there is none."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    create = User.objects.create_superuser if is_admin else User.objects.create_user
    return create(username=username, email=email, password=password, first_name=first_name, last_name=last_name)


def ensure_membership(user, organisation: Organisation, role: str) -> Membership:
    """The user's membership of the organisation; created with ``role`` only if there is none."""
    if role not in Role.values:
        raise AccountError(_("Kies de rol beheerder, kernteam of lezer."))
    membership, _created = Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": role})
    return membership


def _window_start(now: datetime) -> datetime:
    return now.replace(minute=0, second=0, microsecond=0)


def count_reset_request(key: str, now: datetime | None = None) -> int:
    """Add one to the reset-mail counter of ``key`` (a keyed hash) in this hour and return the new count.

    The increment is one UPDATE with F() in the database, so processes that count at the same time
    each see their own number; the first request of a window creates the row (a concurrent second
    creator falls back to the update)."""
    window = _window_start(now or timezone.now())
    rows = ResetMailCount.objects.filter(key=key, window_start=window)
    with transaction.atomic():
        if not rows.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    ResetMailCount.objects.create(key=key, window_start=window, count=1)
                return 1
            except IntegrityError:
                rows.update(count=F("count") + 1)
        return rows.values_list("count", flat=True).get()


def prune_reset_counts(now: datetime | None = None) -> int:
    """Delete the counters of windows that have ended."""
    deleted, _details = ResetMailCount.objects.filter(window_start__lte=(now or timezone.now()) - RESET_WINDOW).delete()
    return deleted
