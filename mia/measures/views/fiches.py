"""The fiches of measures: the list, a fiche with all it holds, and one small POST view per action."""

from __future__ import annotations

import json

import rules
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mia.core.views import bound_data
from mia.measures import actions
from mia.measures.access import get_in_workspace
from mia.measures.forms import (
    AdoptForm,
    ConsiderationForm,
    GroupImpactForm,
    LinkAssessmentForm,
    MeasureForm,
    MeasureScenarioForm,
    SourceForm,
    StatusForm,
)
from mia.measures.models import Consideration, FicheStatus, GroupImpact, Measure, MeasureScenario, Source
from mia.measures.views.common import CHANGE, done, level_labels, page, refused, with_workspace


def _measure(workspace, pk) -> Measure:
    return get_in_workspace(Measure.objects.select_related("assessment", "workspace"), workspace, pk)


@with_workspace()
def fiche_list(request, workspace):
    measures = workspace.measures.prefetch_related("scenario_impacts__scenario", "group_impacts")
    return page(request, "measures/fiches.html", workspace, "fiches", measures=measures, scenarios=workspace.scenarios.all())


def _form_page(request, workspace, form, measure=None, status=200):
    return page(request, "measures/measure_form.html", workspace, "fiches", form=form, measure=measure, status=status)


@with_workspace(CHANGE)
def measure_new(request, workspace):
    form = MeasureForm(workspace=workspace, initial={"scenarios": list(workspace.scenarios.all())})
    return _form_page(request, workspace, form)


@with_workspace(CHANGE)
@require_POST
def measure_create(request, workspace):
    form = MeasureForm(request.POST, workspace=workspace)
    if form.is_valid():
        d = dict(form.cleaned_data)
        try:
            measure = actions.create_measure(workspace, **d)
        except actions.MeasuresError as error:
            form.add_error("title", str(error))
        else:
            return done(request, _("De fiche is aangemaakt. Vul nu per scenario de impact in."), "measures:fiche", workspace.pk, measure.pk)
    return _form_page(request, workspace, form, status=400)


@with_workspace(CHANGE)
def measure_edit(request, workspace, pk):
    measure = _measure(workspace, pk)
    fields = ["title", "description", "nature", "kind", "themes", "meaning_for_people", "impact_if_not_taken"]
    initial = {f: getattr(measure, f) for f in fields}
    initial["scenarios"] = list(measure.scenarios.all())
    return _form_page(request, workspace, MeasureForm(workspace=workspace, initial=initial), measure)


@with_workspace(CHANGE)
@require_POST
def measure_update(request, workspace, pk):
    measure = _measure(workspace, pk)
    form = MeasureForm(request.POST, workspace=workspace)
    if form.is_valid():
        try:
            actions.update_measure(measure, **form.cleaned_data)
        except actions.MeasuresError as error:
            form.add_error("title", str(error))
        else:
            return done(request, _("De fiche is opgeslagen."), "measures:fiche", workspace.pk, measure.pk)
    return _form_page(request, workspace, form, measure, status=400)


@with_workspace(CHANGE)
@require_POST
def measure_delete(request, workspace, pk):
    measure = _measure(workspace, pk)
    if measure.weighings.exists():
        return refused(request, _("Deze maatregel staat in een afweging. Haal hem daar eerst weg."), "measures:fiche", workspace.pk, measure.pk)
    measure.delete()  # cascades to what only this fiche holds
    return done(request, _("De fiche is verwijderd."), "measures:fiches", workspace.pk)


def _fiche_page(request, workspace, measure, *, status=200, **bound_forms):
    from mia.measures.mia_link import mia_summary

    impacts = list(measure.scenario_impacts.select_related("scenario"))
    impact_labels, effectiveness_labels = level_labels(workspace)
    can_edit = rules.has_perm(CHANGE, request.user, workspace)
    assessments = actions.linkable_assessments(request.user, workspace) if can_edit else None
    summary = mia_summary(measure.assessment) if measure.assessment_id else None
    return page(
        request, "measures/fiche.html", workspace, "fiches", status=status, measure=measure, impacts=impacts,
        impact_labels=impact_labels, effectiveness_labels=effectiveness_labels,
        group_impacts=measure.group_impacts.select_related("group"), sources=measure.sources.all(),
        considerations=measure.considerations.all(), versions=measure.versions.select_related("created_by"),
        packages=measure.packages.all(), support=measure.support_indicators.all(), mia=summary,
        group_form=bound_forms.get("group_form") or GroupImpactForm(workspace=workspace, prefix="gi"),
        source_form=bound_forms.get("source_form") or SourceForm(prefix="src"),
        consideration_form=bound_forms.get("consideration_form") or ConsiderationForm(prefix="con"),
        status_form=bound_forms.get("status_form") or StatusForm(prefix="st", initial={"status": _next_status(measure.status)}),
        link_form=LinkAssessmentForm(assessments=assessments, initial={"assessment": measure.assessment}) if can_edit and assessments is not None else None,
        adopt_form=AdoptForm(measure=measure) if summary else None,
    )


def _next_status(status: str) -> str:
    order = [FicheStatus.DRAFT, FicheStatus.REVIEW, FicheStatus.FINAL]
    return order[min(order.index(status) + 1, 2)] if status in order else FicheStatus.DRAFT


@with_workspace()
def fiche(request, workspace, pk):
    return _fiche_page(request, workspace, _measure(workspace, pk))


@with_workspace(CHANGE)
def measure_scenarios(request, workspace, pk):
    measure = _measure(workspace, pk)
    return _scenarios_page(request, workspace, measure)


def _scenarios_page(request, workspace, measure, data=None, status=200):
    impact_labels, effectiveness_labels = level_labels(workspace)
    rows = []
    for impact in measure.scenario_impacts.select_related("scenario"):
        initial = {f: getattr(impact, f) for f in ("social_level", "social_text", "economic_level", "economic_text",
                                                    "effectiveness_level", "effectiveness_source")}
        form = MeasureScenarioForm(data, prefix=f"sc{impact.pk}", initial=initial, impact_levels=impact_labels,
                                   effectiveness_levels=effectiveness_labels)
        rows.append((impact, form))
    return page(request, "measures/measure_scenarios.html", workspace, "fiches", measure=measure, rows=rows, status=status,
                impact_labels=impact_labels, effectiveness_labels=effectiveness_labels)


@with_workspace(CHANGE)
@require_POST
def measure_scenarios_save(request, workspace, pk):
    measure = _measure(workspace, pk)
    # Validate every scenario's form; save only when all are valid, so nothing is half-saved.
    impact_labels, effectiveness_labels = level_labels(workspace)
    forms = []
    for impact in MeasureScenario.objects.filter(measure=measure).select_related("scenario"):
        forms.append((impact, MeasureScenarioForm(request.POST, prefix=f"sc{impact.pk}", impact_levels=impact_labels,
                                                  effectiveness_levels=effectiveness_labels)))
    if all([form.is_valid() for _impact, form in forms]):
        for impact, form in forms:
            actions.update_measure_scenario(impact, **form.cleaned_data)
        return done(request, _("De impact per scenario is opgeslagen."), "measures:fiche", workspace.pk, measure.pk)
    return _scenarios_page(request, workspace, measure, data=bound_data(request), status=400)


@with_workspace(CHANGE)
@require_POST
def group_impact_set(request, workspace, pk):
    measure = _measure(workspace, pk)
    form = GroupImpactForm(request.POST, workspace=workspace, prefix="gi")
    if form.is_valid():
        d = form.cleaned_data
        actions.set_group_impact(measure, d["group"], vulnerable_to=d["vulnerable_to"], severity=d["severity"], duration=d["duration"],
                                 explanation=d["explanation"])
        return done(request, _("De groep is op de fiche gezet."), "measures:fiche", workspace.pk, measure.pk)
    return _fiche_page(request, workspace, measure, status=400, group_form=form)


@with_workspace(CHANGE)
@require_POST
def group_impact_remove(request, workspace, pk, item):
    measure = _measure(workspace, pk)
    actions.remove_group_impact(get_in_workspace(GroupImpact, measure, item, via="measure"))
    return done(request, _("De groep is van de fiche gehaald."), "measures:fiche", workspace.pk, measure.pk)


@with_workspace(CHANGE)
@require_POST
def source_add(request, workspace, pk):
    measure = _measure(workspace, pk)
    form = SourceForm(request.POST, prefix="src")
    if form.is_valid():
        actions.add_source(measure, **form.cleaned_data)
        return done(request, _("De bron is toegevoegd."), "measures:fiche", workspace.pk, measure.pk)
    return _fiche_page(request, workspace, measure, status=400, source_form=form)


@with_workspace(CHANGE)
@require_POST
def source_delete(request, workspace, pk, item):
    measure = _measure(workspace, pk)
    actions.delete_source(get_in_workspace(Source, measure, item, via="measure"))
    return done(request, _("De bron is verwijderd."), "measures:fiche", workspace.pk, measure.pk)


@with_workspace(CHANGE)
@require_POST
def consideration_add(request, workspace, pk):
    measure = _measure(workspace, pk)
    form = ConsiderationForm(request.POST, prefix="con")
    if form.is_valid():
        actions.add_consideration(measure, **form.cleaned_data)
        return done(request, _("Toegevoegd."), "measures:fiche", workspace.pk, measure.pk)
    return _fiche_page(request, workspace, measure, status=400, consideration_form=form)


@with_workspace(CHANGE)
@require_POST
def consideration_delete(request, workspace, pk, item):
    measure = _measure(workspace, pk)
    actions.delete_consideration(get_in_workspace(Consideration, measure, item, via="measure"))
    return done(request, _("Verwijderd."), "measures:fiche", workspace.pk, measure.pk)


@with_workspace(CHANGE)
@require_POST
def status_set(request, workspace, pk):
    measure = _measure(workspace, pk)
    form = StatusForm(request.POST, prefix="st")
    if form.is_valid():
        version = actions.set_status(measure, form.cleaned_data["status"], note=form.cleaned_data["note"], user=request.user)
        return done(request, _("Versie %(n)d is vastgelegd: %(status)s.") % {"n": version.number, "status": version.get_status_display()},
                    "measures:fiche", workspace.pk, measure.pk)
    return _fiche_page(request, workspace, measure, status=400, status_form=form)


@with_workspace(CHANGE)
@require_POST
def link_assessment(request, workspace, pk):
    measure = _measure(workspace, pk)
    form = LinkAssessmentForm(request.POST, assessments=actions.linkable_assessments(request.user, workspace))
    if not form.is_valid():
        return refused(request, _("Kies een MIA uit de lijst."), "measures:fiche", workspace.pk, measure.pk)
    try:
        actions.link_assessment(measure, form.cleaned_data["assessment"], request.user)
    except actions.MeasuresError as error:
        return refused(request, error, "measures:fiche", workspace.pk, measure.pk)
    message = _("De MIA is gekoppeld.") if form.cleaned_data["assessment"] else _("De koppeling met de MIA is verwijderd.")
    return done(request, message, "measures:fiche", workspace.pk, measure.pk)


@with_workspace(CHANGE)
@require_POST
def adopt_mia(request, workspace, pk):
    measure = _measure(workspace, pk)
    form = AdoptForm(request.POST, measure=measure)
    if not form.is_valid():
        return refused(request, _("Kies een scenario van deze maatregel."), "measures:fiche", workspace.pk, measure.pk)
    try:
        actions.adopt_mia_proposal(measure, form.cleaned_data["scenario"])
    except actions.MeasuresError as error:
        return refused(request, error, "measures:fiche", workspace.pk, measure.pk)
    return done(request, _("Het voorstel uit de MIA is overgenomen als maatschappelijke impact. Pas het gerust aan."),
                "measures:fiche", workspace.pk, measure.pk)


@with_workspace()
def version_json(request, workspace, pk, number):
    measure = _measure(workspace, pk)
    version = get_object_or_404(measure.versions, number=number)
    snapshot = dict(version.snapshot)
    if not rules.has_perm(CHANGE, request.user, workspace):
        for source in snapshot.get("sources", []):
            source["person"] = ""
    response = HttpResponse(json.dumps(snapshot, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="fiche-{measure.number}-versie-{version.number}.json"'
    return response


@with_workspace()
def fiche_pdf(request, workspace, pk):
    from mia.measures.documents import fiche_pdf as build

    measure = _measure(workspace, pk)
    return _download(build(measure), "application/pdf", f"fiche-{measure.number}.pdf")


@with_workspace()
def fiche_docx(request, workspace, pk):
    from mia.measures.documents import DOCX
    from mia.measures.documents import fiche_docx as build

    measure = _measure(workspace, pk)
    return _download(build(measure), DOCX, f"fiche-{measure.number}.docx")


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
