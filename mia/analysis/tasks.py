"""The analysis app's kinds of job: themes in the cards of an MIA, and themes in an imported file."""

from __future__ import annotations

import rules
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mia.analysis import actions
from mia.analysis.models import ResponseAnalysis
from mia.analysis.themes import ThemeInputError
from mia.assessments.models import Assessment
from mia.jobs.registry import JobFailed, register


def _may_change(user, assessment) -> bool:
    return assessment is not None and rules.has_perm("assessments.change_assessment", user, assessment)


def may_view_theme_run(user, job) -> bool:
    return _may_change(user, Assessment.objects.filter(pk=job.params.get("assessment")).first())


def may_view_response_analysis(user, job) -> bool:
    record = ResponseAnalysis.objects.filter(pk=job.params.get("analysis")).select_related("assessment").first()
    return record is not None and _may_change(user, record.assessment)


@register(actions.THEMES_JOB, label=gettext_lazy("Thema's zoeken in de kaartjes"), may_view=may_view_theme_run)
def find_card_themes(context) -> dict:
    assessment = Assessment.objects.filter(pk=context.params["assessment"]).first()
    if assessment is None:
        raise JobFailed(_("Deze MIA bestaat niet meer."))
    try:
        actions.run_themes(assessment, context.job.created_by, seed=context.params.get("seed", 0), progress=context.progress)
    except ThemeInputError as error:
        raise JobFailed(str(error)) from None
    return {"url": reverse("analysis:themes", args=[assessment.pk])}


@register(actions.RESPONSES_JOB, label=gettext_lazy("Thema's zoeken in reacties"), may_view=may_view_response_analysis)
def find_response_themes(context) -> dict:
    record = ResponseAnalysis.objects.filter(pk=context.params["analysis"]).first()
    if record is None:
        raise JobFailed(_("Deze analyse bestaat niet meer."))
    try:
        actions.analyse_responses(record, progress=context.progress)
    except (ThemeInputError, actions.AnalysisError) as error:
        raise JobFailed(str(error)) from None
    return {"url": reverse("analysis:response_job", args=[record.assessment_id, record.pk])}
