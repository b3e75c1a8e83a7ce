"""Writes of organisations, users and their roles.

A beheerder does most of this in the admin; these functions are for scripts (the demo) that must
set up people the same way every time. Existing records are never changed, so a user keeps the
password they chose and a role a beheerder gave."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from mia.accounts.models import Membership, Organisation, Role


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
