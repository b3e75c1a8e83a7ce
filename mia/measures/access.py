"""Fetch a workspace (and what hangs from it) only for users allowed to see it; everyone else
gets a 404, so that a stranger cannot even learn that it exists."""

from __future__ import annotations

import rules
from django.http import Http404
from django.shortcuts import get_object_or_404

from mia.measures.models import Workspace

VIEW = "measures.view_workspace"
CHANGE = "measures.change_workspace"
MANAGE = "measures.manage_workspace"


def get_workspace_for(user, pk: int, perm: str = VIEW) -> Workspace:
    workspace = get_object_or_404(Workspace.objects.select_related("organisation"), pk=pk)
    if not rules.has_perm(VIEW, user, workspace) or not rules.has_perm(perm, user, workspace):
        raise Http404("no access")
    return workspace


def get_in_workspace(model_or_queryset, workspace: Workspace, pk, *, via: str = "workspace"):
    """An object of this workspace by id (a 404 for anything else, also for ids that are no number)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("bad id") from None
    return get_object_or_404(model_or_queryset, pk=pk, **{via: workspace})


def workspaces_for(user):
    return Workspace.objects.filter(organisation__memberships__user=user).select_related("organisation").distinct()
