"""The weighing framework: a weighing per scenario, its criteria, weights and scores, the ranking with
every number that went into it, its stability and rank acceptability, and the annex."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mia.measures import actions
from mia.measures.access import get_in_workspace
from mia.measures.evaluation import evaluate, weighing_context
from mia.measures.forms import CriterionEditForm, CriterionForm, ScoresForm, WeighingEditForm, WeighingForm, WeightsForm
from mia.measures.models import Criterion, Weighing
from mia.measures.views.common import CHANGE, done, page, with_workspace
from mia.measures.views.fiches import _download


def _weighing(workspace, pk) -> Weighing:
    return get_in_workspace(Weighing.objects.select_related("scenario", "workspace"), workspace, pk)


@with_workspace()
def weighing_list(request, workspace):
    return page(request, "measures/weighings.html", workspace, "weighings",
                weighings=workspace.weighings.select_related("scenario").prefetch_related("measures"))


def _new_page(request, workspace, form, status=200):
    return page(request, "measures/weighing_new.html", workspace, "weighings", form=form, status=status)


@with_workspace(CHANGE)
def weighing_new(request, workspace):
    scenario = workspace.scenarios.first()
    return _new_page(request, workspace, WeighingForm(workspace=workspace, initial={
        "scenario": scenario, "measures": list(scenario.measures.all()) if scenario else []}))


@with_workspace(CHANGE)
@require_POST
def weighing_create(request, workspace):
    form = WeighingForm(request.POST, workspace=workspace)
    if form.is_valid():
        try:
            weighing = actions.create_weighing(workspace, **form.cleaned_data)
        except actions.MeasuresError as error:
            form.add_error("name", str(error))
        else:
            return done(request, _("De afweging is aangemaakt met de waarden, de effectiviteit en de maatschappelijke impact als "
                                   "criteria. Stel de gewichten in en vul de scores in."), "measures:weighing", workspace.pk, weighing.pk)
    return _new_page(request, workspace, form, status=400)


def _weighing_page(request, workspace, weighing, *, status=200, weights_form=None, scores_form=None, criterion_form=None):
    context = weighing_context(weighing)
    evaluation = context["evaluation"]
    return page(
        request, "measures/weighing.html", workspace, "weighings", status=status, **context,
        weights_form=weights_form or WeightsForm(criteria=evaluation.criteria, prefix="wt"),
        scores_form=scores_form or ScoresForm(criteria=evaluation.criteria, measures=evaluation.measures, cells=evaluation.cells, prefix="sc"),
        criterion_form=criterion_form or CriterionForm(workspace=workspace, prefix="cr"),
    )


@with_workspace()
def weighing_detail(request, workspace, pk):
    return _weighing_page(request, workspace, _weighing(workspace, pk))


@with_workspace(CHANGE)
@require_POST
def weights_set(request, workspace, pk):
    weighing = _weighing(workspace, pk)
    form = WeightsForm(request.POST, criteria=weighing.criteria.all(), prefix="wt")
    if form.is_valid():
        try:
            actions.set_weights(weighing, form.weights())
        except actions.MeasuresError as error:
            form.add_error(None, str(error))
        else:
            return done(request, _("De gewichten zijn opgeslagen. De ranglijst en de stabiliteit hieronder zijn bijgewerkt."),
                        "measures:weighing", workspace.pk, weighing.pk)
    return _weighing_page(request, workspace, weighing, status=400, weights_form=form)


@with_workspace(CHANGE)
@require_POST
def scores_set(request, workspace, pk):
    weighing = _weighing(workspace, pk)
    evaluation = evaluate(weighing, samples=1)
    form = ScoresForm(request.POST, criteria=evaluation.criteria, measures=evaluation.measures, cells=evaluation.cells, prefix="sc")
    if form.is_valid():
        actions.set_scores(weighing, form.scores())
        return done(request, _("De scores zijn opgeslagen."), "measures:weighing", workspace.pk, weighing.pk)
    return _weighing_page(request, workspace, weighing, status=400, scores_form=form)


@with_workspace(CHANGE)
@require_POST
def criterion_add(request, workspace, pk):
    weighing = _weighing(workspace, pk)
    form = CriterionForm(request.POST, workspace=workspace, prefix="cr")
    if form.is_valid():
        try:
            actions.add_criterion(weighing, **form.cleaned_data)
        except actions.MeasuresError as error:
            form.add_error(None, str(error))
        else:
            return done(request, _("Het criterium is toegevoegd."), "measures:weighing", workspace.pk, weighing.pk)
    return _weighing_page(request, workspace, weighing, status=400, criterion_form=form)


def _criterion(weighing, pk) -> Criterion:
    return get_in_workspace(Criterion, weighing, pk, via="weighing")


def _criterion_page(request, workspace, weighing, criterion, form, status=200):
    return page(request, "measures/criterion_form.html", workspace, "weighings", weighing=weighing, criterion=criterion, form=form,
                status=status)


@with_workspace(CHANGE)
def criterion_edit(request, workspace, pk, criterion):
    weighing = _weighing(workspace, pk)
    criterion = _criterion(weighing, criterion)
    initial = {f: getattr(criterion, f) for f in ("name", "direction", "justification", "legal_basis")}
    return _criterion_page(request, workspace, weighing, criterion, CriterionEditForm(initial=initial))


@with_workspace(CHANGE)
@require_POST
def criterion_update(request, workspace, pk, criterion):
    weighing = _weighing(workspace, pk)
    criterion = _criterion(weighing, criterion)
    form = CriterionEditForm(request.POST)
    if form.is_valid():
        try:
            actions.update_criterion(criterion, **form.cleaned_data)
        except actions.MeasuresError as error:
            form.add_error("name", str(error))
        else:
            return done(request, _("Het criterium is opgeslagen."), "measures:weighing", workspace.pk, weighing.pk)
    return _criterion_page(request, workspace, weighing, criterion, form, status=400)


@with_workspace(CHANGE)
@require_POST
def criterion_delete(request, workspace, pk, criterion):
    weighing = _weighing(workspace, pk)
    actions.delete_criterion(_criterion(weighing, criterion))
    return done(request, _("Het criterium is verwijderd."), "measures:weighing", workspace.pk, weighing.pk)


def _edit_page(request, workspace, weighing, form, status=200):
    return page(request, "measures/weighing_edit.html", workspace, "weighings", weighing=weighing, form=form, status=status)


@with_workspace(CHANGE)
def weighing_edit(request, workspace, pk):
    weighing = _weighing(workspace, pk)
    fields = ["name", "occasion", "description", "citizen_perspective", "samples", "seed"]
    initial = {f: getattr(weighing, f) for f in fields}
    initial["measures"] = list(weighing.measures.all())
    return _edit_page(request, workspace, weighing, WeighingEditForm(workspace=workspace, initial=initial))


@with_workspace(CHANGE)
@require_POST
def weighing_update(request, workspace, pk):
    weighing = _weighing(workspace, pk)
    form = WeighingEditForm(request.POST, workspace=workspace)
    if form.is_valid():
        try:
            actions.update_weighing(weighing, **form.cleaned_data)
        except actions.MeasuresError as error:
            form.add_error("name", str(error))
        else:
            return done(request, _("De afweging is opgeslagen."), "measures:weighing", workspace.pk, weighing.pk)
    return _edit_page(request, workspace, weighing, form, status=400)


@with_workspace(CHANGE)
@require_POST
def weighing_delete(request, workspace, pk):
    actions.delete_weighing(_weighing(workspace, pk))
    return done(request, _("De afweging is verwijderd."), "measures:weighings", workspace.pk)


@with_workspace()
def annex_pdf(request, workspace, pk):
    from mia.measures.documents import annex_pdf as build

    weighing = _weighing(workspace, pk)
    return _download(build(weighing), "application/pdf", f"afweging-{weighing.pk}-bijlage.pdf")


@with_workspace()
def annex_docx(request, workspace, pk):
    from mia.measures.documents import DOCX
    from mia.measures.documents import annex_docx as build

    weighing = _weighing(workspace, pk)
    return _download(build(weighing), DOCX, f"afweging-{weighing.pk}-bijlage.docx")
