"""Fetch a programme (or a part of it) only for users allowed to see it; everyone else gets
a 404, so that a stranger cannot even learn that it exists."""

from __future__ import annotations

import rules
from django.http import Http404
from django.shortcuts import get_object_or_404

from mia.programmes.models import Cycle, Programme

CHANGE = "programmes.change_programme"
VIEW = "programmes.view_programme"


def get_programme_for(user, pk: int, perm: str = CHANGE) -> Programme:
    programme = get_object_or_404(Programme.objects.select_related("organisation"), pk=pk)
    if not rules.has_perm(perm, user, programme):
        raise Http404("no access")
    return programme


def get_cycle_for(user, programme_pk: int, cycle_pk: int, perm: str = CHANGE) -> Cycle:
    programme = get_programme_for(user, programme_pk, perm)
    cycle = get_object_or_404(
        Cycle.objects.select_related("theme", "target_group", "programme", "previous"), pk=cycle_pk, programme=programme
    )
    return cycle


def programmes_for(user):
    """The programmes a user may read, newest first."""
    if not user.is_authenticated:
        return Programme.objects.none()
    # Superusers too see only their own organisations' programmes (they work in the admin).
    return Programme.objects.filter(organisation__memberships__user=user).select_related("organisation").distinct()
