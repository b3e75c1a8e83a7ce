"""What every page of the impact team shares: the workspace (or a 404), the rights of the viewer,
and the page layout with the workspace's navigation."""

from __future__ import annotations

from functools import wraps

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from mia.measures.access import CHANGE, MANAGE, VIEW, get_workspace_for
from mia.measures.models import Scale

SECTIONS = [
    ("overview", "measures:workspace"),
    ("fiches", "measures:fiches"),
    ("packages", "measures:packages"),
    ("ladder", "measures:ladder"),
    ("dashboard", "measures:dashboard"),
    ("weighings", "measures:weighings"),
    ("settings", "measures:settings"),
]


def with_workspace(perm: str = VIEW):
    """View decorator: log-in required, the workspace fetched with this permission (else 404), passed on."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, ws, *args, **kwargs):
            workspace = get_workspace_for(request.user, ws, perm)
            return view(request, workspace, *args, **kwargs)

        return wrapped

    return decorator


def page(request, template: str, workspace, section: str, *, status: int = 200, **context):
    user = request.user
    context.update(
        workspace=workspace, section=section,
        can_edit=rules.has_perm(CHANGE, user, workspace), can_manage=rules.has_perm(MANAGE, user, workspace),
    )
    return render(request, template, context, status=status)


def level_labels(workspace) -> tuple[dict[int, str], dict[int, str]]:
    """Level → label, for the impact ladder and for the effectiveness scale."""
    impact, effectiveness = {}, {}
    for level in workspace.scale_levels.all():
        (impact if level.scale == Scale.IMPACT else effectiveness)[level.level] = level.label
    return impact, effectiveness


def done(request, message: str, to: str, *args):
    messages.success(request, message)
    return redirect(to, *args)


def refused(request, error, to: str, *args):
    messages.error(request, str(error))
    return redirect(to, *args)


__all__ = ["CHANGE", "MANAGE", "VIEW", "with_workspace", "page", "level_labels", "done", "refused"]
