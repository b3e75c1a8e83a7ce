"""Fetch an assessment only for users allowed to see it; everyone else gets a 404,
so that a stranger cannot even learn that an assessment exists."""

import rules
from django.http import Http404
from django.shortcuts import get_object_or_404

from mia.assessments.models import Assessment


def get_assessment_for(user, pk: int, perm: str = "assessments.change_assessment") -> Assessment:
    assessment = get_object_or_404(Assessment.objects.select_related("content_version"), pk=pk)
    if not rules.has_perm(perm, user, assessment):
        raise Http404("no access")
    return assessment
