"""The dashboard of key indicators: small multiples with the numbers, uploads, the CBS feeds,
composite indicators, other developments, and the CSV/XLSX export."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mia.core.exports import csv_response, xlsx_response
from mia.core.tables import TableError
from mia.core.views import bound
from mia.measures import actions
from mia.measures.access import get_in_workspace
from mia.measures.content import content
from mia.measures.dashboard import EXPORT_HEADER, export_rows, indicator_views
from mia.measures.forms import CbsFeedForm, CompositeForm, DevelopmentForm, IndicatorForm, IndicatorUploadForm
from mia.measures.models import CbsFeed, ContextDevelopment, Indicator
from mia.measures.views.common import CHANGE, done, page, refused, with_workspace


def _dashboard_page(request, workspace, *, status=200, upload_form=None, feed_form=None, composite_form=None,
                    development_form=None, upload_errors=None):
    from mia.jobs.models import Job

    jobs = Job.objects.filter(subject__in=[f"measures.workspace:{workspace.pk}"] + [f"measures.feed:{f.pk}" for f in workspace.cbs_feeds.all()],
                              kind__in=["measures.import_indicators", "measures.cbs_refresh"])[:5]
    return page(
        request, "measures/dashboard.html", workspace, "dashboard", status=status, views=indicator_views(workspace),
        intro=content()["dashboard_intro"], developments=workspace.developments.all(), feeds=workspace.cbs_feeds.all(),
        upload_form=upload_form or IndicatorUploadForm(), upload_errors=upload_errors or [],
        feed_form=feed_form or CbsFeedForm(prefix="cbs"),
        composite_form=composite_form or CompositeForm(prefix="kw", indicators=_plain(workspace)),
        development_form=development_form or DevelopmentForm(prefix="dev"), jobs=jobs,
    )


@with_workspace()
def dashboard(request, workspace):
    return _dashboard_page(request, workspace)


@with_workspace(CHANGE)
@require_POST
def upload(request, workspace):
    form = IndicatorUploadForm(*bound(request, files=True))
    if not form.is_valid():
        return _dashboard_page(request, workspace, status=400, upload_form=form)
    file = form.cleaned_data["file"]
    try:
        counts, job = actions.import_indicator_file(workspace, file.read(), file.name, request.user)
    except TableError as error:
        form.add_error("file", _("Het bestand is niet ingelezen; er is niets veranderd."))
        return _dashboard_page(request, workspace, status=400, upload_form=form, upload_errors=[str(i) for i in error.issues])
    except actions.MeasuresError as error:
        form.add_error("file", str(error))
        return _dashboard_page(request, workspace, status=400, upload_form=form)
    if job is not None:
        return redirect("jobs:detail", job.pk)
    messages.success(request, _("Ingelezen: %(new)d nieuwe en %(changed)d gewijzigde waarden, %(unchanged)d ongewijzigd.") % counts)
    for warning in counts["warnings"]:
        messages.warning(request, warning)
    return redirect("measures:dashboard", workspace.pk)


@with_workspace()
def dashboard_csv(request, workspace):
    return csv_response(f"indicatoren-{workspace.pk}.csv", EXPORT_HEADER, export_rows(workspace))


@with_workspace()
def dashboard_xlsx(request, workspace):
    return xlsx_response(f"indicatoren-{workspace.pk}.xlsx", {"Indicatoren": (EXPORT_HEADER, list(export_rows(workspace)))})


def _indicator_page(request, workspace, indicator, form=None, status=200):
    if form is None:
        fields = ["name", "category", "unit", "source", "description", "direction", "frequency", "coverage", "research_basis",
                  "measure", "explanation", "data_gap"]
        form = IndicatorForm(workspace=workspace, initial={f: getattr(indicator, f) for f in fields})
    observations = indicator.observations.order_by("group", "region", "period_start")
    return page(request, "measures/indicator.html", workspace, "dashboard", status=status, indicator=indicator, form=form,
                observations=observations[:1000], count=observations.count(),
                components=indicator.components.select_related("component"))


@with_workspace()
def indicator_detail(request, workspace, pk):
    return _indicator_page(request, workspace, get_in_workspace(Indicator, workspace, pk))


@with_workspace(CHANGE)
@require_POST
def indicator_update(request, workspace, pk):
    indicator = get_in_workspace(Indicator, workspace, pk)
    form = IndicatorForm(request.POST, workspace=workspace)
    if form.is_valid():
        try:
            actions.update_indicator(indicator, **form.cleaned_data)
        except actions.MeasuresError as error:
            form.add_error(None, str(error))
        else:
            return done(request, _("Opgeslagen."), "measures:indicator", workspace.pk, indicator.pk)
    return _indicator_page(request, workspace, indicator, form, status=400)


@with_workspace(CHANGE)
@require_POST
def indicator_delete(request, workspace, pk):
    try:
        actions.delete_indicator(get_in_workspace(Indicator, workspace, pk))
    except actions.MeasuresError as error:
        return refused(request, error, "measures:indicator", workspace.pk, pk)
    return done(request, _("De indicator en haar cijfers zijn verwijderd."), "measures:dashboard", workspace.pk)


def _plain(workspace):
    """Indicators that may be part of a composite one: those with their own numbers."""
    return workspace.indicators.filter(components__isnull=True).distinct()


@with_workspace(CHANGE)
@require_POST
def composite_create(request, workspace):
    form = CompositeForm(request.POST, prefix="kw", indicators=_plain(workspace))
    if form.is_valid():
        try:
            actions.create_composite(workspace, name=form.cleaned_data["name"], description=form.cleaned_data["description"],
                                     components=form.components())
        except actions.MeasuresError as error:
            form.add_error(None, str(error))
        else:
            return done(request, _("De samengestelde indicator is gemaakt."), "measures:dashboard", workspace.pk)
    return _dashboard_page(request, workspace, status=400, composite_form=form)


@with_workspace(CHANGE)
@require_POST
def cbs_add(request, workspace):
    form = CbsFeedForm(request.POST, prefix="cbs")
    if form.is_valid():
        try:
            feed = actions.add_cbs_feed(workspace, **form.cleaned_data)
        except actions.MeasuresError as error:
            form.add_error("url", str(error))
        else:
            job = actions.start_cbs_refresh(feed, request.user)
            return redirect("jobs:detail", job.pk)
    return _dashboard_page(request, workspace, status=400, feed_form=form)


@with_workspace(CHANGE)
@require_POST
def cbs_refresh(request, workspace, pk):
    job = actions.start_cbs_refresh(get_in_workspace(CbsFeed, workspace, pk), request.user)
    return redirect("jobs:detail", job.pk)


@with_workspace(CHANGE)
@require_POST
def cbs_delete(request, workspace, pk):
    actions.delete_cbs_feed(get_in_workspace(CbsFeed, workspace, pk))
    return done(request, _("De CBS-tabel wordt niet meer opgehaald. De cijfers blijven staan."), "measures:dashboard", workspace.pk)


@with_workspace(CHANGE)
@require_POST
def development_add(request, workspace):
    form = DevelopmentForm(request.POST, prefix="dev")
    if form.is_valid():
        actions.add_development(workspace, **form.cleaned_data)
        return done(request, _("Toegevoegd."), "measures:dashboard", workspace.pk)
    return _dashboard_page(request, workspace, status=400, development_form=form)


@with_workspace(CHANGE)
@require_POST
def development_delete(request, workspace, pk):
    actions.delete_development(get_in_workspace(ContextDevelopment, workspace, pk))
    return done(request, _("Verwijderd."), "measures:dashboard", workspace.pk)
