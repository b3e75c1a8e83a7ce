"""Fetch a trajectory (or one of its parts) only for users allowed to see it; everyone else gets
a 404, so that a stranger cannot even learn that it exists."""

from __future__ import annotations

import rules
from django.http import Http404
from django.shortcuts import get_object_or_404

from mia.inclusion.models import Trajectory

VIEW = "inclusion.view_trajectory"
CHANGE = "inclusion.change_trajectory"
MANAGE = "inclusion.manage_trajectory"


def get_trajectory_for(user, pk: int, perm: str = CHANGE) -> Trajectory:
    trajectory = get_object_or_404(
        Trajectory.objects.select_related("organisation", "content_version"), pk=pk
    )
    if not rules.has_perm(perm, user, trajectory):
        raise Http404("no access")
    return trajectory

