"""Fetch a series (or one of its parts) only for users allowed to see it; everyone else gets a
404, so that a stranger cannot even learn that it exists. Participants' token links also answer
404 for an unknown token, a withdrawn consent or a draft of a session they did not attend."""

from __future__ import annotations

import rules
from django.http import Http404
from django.shortcuts import get_object_or_404

from mia.consultations.models import Draft, Series, SignUp

VIEW = "consultations.view_series"
CHANGE = "consultations.change_series"


def get_series_for(user, pk: int, perm: str = CHANGE) -> Series:
    series = get_object_or_404(Series.objects.select_related("organisation"), pk=pk)
    if not rules.has_perm(perm, user, series):
        raise Http404("no access")
    return series


def get_part(series: Series, model, pk: int, **lookup):
    """An object of this series (through ``lookup``, default ``series``), or 404."""
    lookup = lookup or {"series": series}
    return get_object_or_404(model, pk=pk, **lookup)


def get_signup_by_token(token: str) -> SignUp:
    signup = SignUp.objects.select_related("series").filter(token=token[:64]).first()
    if signup is None:
        raise Http404("unknown token")
    return signup


def get_draft_for_signup(signup: SignUp, pk: int) -> Draft:
    from mia.consultations.actions import drafts_for

    draft = drafts_for(signup).filter(pk=pk).select_related("question").first()
    if draft is None:
        raise Http404("not your draft")
    return draft
