"""The consultations app's kinds of job: a fair selection for a session, and the final report
as PDF or DOCX (a series of seven sessions with photos takes seconds: bench/consultation_report.py), and
the themes across all cards of a series (candidate rode draden)."""

from __future__ import annotations

import rules
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mia.consultations import actions, exports
from mia.consultations.access import CHANGE, VIEW
from mia.consultations.models import ReportFile, Series, Session
from mia.jobs.registry import JobFailed, register


def _may_view_session(user, job) -> bool:
    session = Session.objects.filter(pk=job.params.get("session")).select_related("series").first()
    return session is not None and rules.has_perm(CHANGE, user, session.series)


def _may_view_series(user, job) -> bool:
    series = Series.objects.filter(pk=job.params.get("series")).first()
    return series is not None and rules.has_perm(VIEW, user, series)


@register(actions.SELECT_JOB, label=gettext_lazy("Panel loten voor een sessie"), may_view=_may_view_session)
def select(context) -> dict:
    from mia.panels.selection.errors import InfeasibleQuotasError, PanelSelectionError

    params = context.params
    session = Session.objects.filter(pk=params.get("session")).first()
    if session is None:
        raise JobFailed(_("Deze sessie bestaat niet meer."))
    try:
        selection = actions.run_selection(session, context.job.created_by, size=params["size"], quotas=params["quotas"],
                                          reserves=params.get("reserves", 0), seed=params["seed"], progress=context.progress)
    except InfeasibleQuotasError as error:
        raise JobFailed(str(error), result={"explanation": error.explanation.text()}) from None
    except PanelSelectionError as error:
        raise JobFailed(str(error)) from None
    return {"url": reverse("consultations:recruitment", args=[session.series_id, session.pk]), "selection": selection.pk}


@register(actions.REPORT_JOB, label=gettext_lazy("Eindrapport maken"), may_view=_may_view_series)
def final_report(context) -> dict:
    params = context.params
    series = Series.objects.select_related("organisation").filter(pk=params.get("series")).first()
    if series is None:
        raise JobFailed(_("Deze reeks bestaat niet meer."))
    fmt = params.get("format")
    if fmt not in ("pdf", "docx"):
        raise JobFailed(_("Kies PDF of DOCX."))
    context.progress(0.1, _("Het rapport wordt opgemaakt"))
    content = exports.report_pdf(series) if fmt == "pdf" else exports.report_docx(series)
    context.progress(0.9, _("Het rapport wordt bewaard"))
    with transaction.atomic():
        made = ReportFile.objects.create(series=series, format=fmt, filename=exports.filename(series, fmt), content=content,
                                         created_by_id=params.get("user"))
    return {"url": reverse("consultations:report_file", args=[series.pk, made.pk])}


@register(actions.THEMES_JOB, label=gettext_lazy("Thema's zoeken in alle sessies"), may_view=_may_view_series)
def find_series_themes(context) -> dict:
    series = Series.objects.filter(pk=context.params.get("series")).first()
    if series is None:
        raise JobFailed(_("Deze reeks bestaat niet meer."))
    stored = actions.compute_themes(series, progress=context.progress)
    return {"url": reverse("consultations:recommendations", args=[series.pk]) + "#themas", "themes": len(stored.themes),
            "cards": stored.cards_counted}
