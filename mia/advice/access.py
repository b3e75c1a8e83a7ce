"""Fetch a structure (and what hangs from it) only for users allowed to see it; everyone else gets a
404, so that a stranger cannot even learn that it exists."""

from __future__ import annotations

import rules
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from mia.advice.models import Body, Item, Structure

VIEW = "advice.view_structure"
CHANGE = "advice.change_structure"


def get_structure_for(user, pk, perm: str = VIEW) -> Structure:
    pk = _int(pk)
    structure = get_object_or_404(Structure.objects.select_related("organisation"), pk=pk)
    if not rules.has_perm(VIEW, user, structure) or not rules.has_perm(perm, user, structure):
        raise Http404("no access")
    return structure


def get_in_structure(model_or_queryset, structure: Structure, pk, *, via: str = "structure"):
    return get_object_or_404(model_or_queryset, pk=_int(pk), **{via: structure})


def get_body_for(user, structure_pk, pk) -> Body:
    """A body's own page: for the structure's organisation and for the body's own members."""
    body = get_object_or_404(Body.objects.select_related("structure__organisation"), pk=_int(pk), structure_id=_int(structure_pk))
    if not rules.has_perm("advice.view_body", user, body):
        raise Http404("no access")
    return body


def items_visible_on(body: Body):
    """What a body's members see: the items their body sent or received."""
    return Item.objects.filter(Q(sender=body) | Q(receiver=body)).select_related("sender", "receiver")


def structures_for(user):
    """Structures of the user's organisations (a superuser's too: others' are in the admin)."""
    return Structure.objects.filter(organisation__memberships__user=user).select_related("organisation").distinct()


def bodies_for(user):
    """Bodies this user sits on with an account (shown on the list page)."""
    return Body.objects.filter(members__user=user, members__erased_at__isnull=True).select_related("structure").distinct()


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404("bad id") from None
