"""Who a command acts as: ``--user NAME``, or the first beheerder (superuser)."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def acting_user(username: str | None):
    User = get_user_model()
    if username:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Er is geen gebruiker {username!r}.")
        return user
    user = User.objects.filter(is_superuser=True).order_by("pk").first()
    if user is None:
        raise CommandError("Er is nog geen beheerder. Geef --user op of maak eerst een gebruiker.")
    return user
