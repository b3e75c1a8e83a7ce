"""Web pages for fair panel selection within an MIA: upload a pool and quotas, run the
selection (a job of the queue), read the representativeness report, export the panel, and
turn it into the participants of a dialogue session.

One view per page (GET, read only) and one small POST view per action."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from mia.assessments.access import get_assessment_for
from mia.assessments.pages import render_step
from mia.core.exports import csv_response
from mia.core.lookup import get_posted
from mia.dialogues.models import DialogueSession
from mia.jobs.models import Job
from mia.panels import actions
from mia.panels.forms import PoolUploadForm, QuotaForm, SelectionForm
from mia.panels.models import PanelPool, PanelSelection


def _pool(request, pk, pool_pk):
    assessment = get_assessment_for(request.user, pk)
    return assessment, get_object_or_404(PanelPool, pk=pool_pk, assessment=assessment)


def _selection(request, pk, pool_pk, selection_pk):
    assessment, pool = _pool(request, pk, pool_pk)
    return assessment, pool, get_object_or_404(PanelSelection, pk=selection_pk, pool=pool)


# --- pools ---------------------------------------------------------------------------------------


def _pools_page(request, assessment, form, status=200):
    return render_step(
        request, "panels/pools.html", assessment, "participants", status=status,
        form=form, pools=assessment.panel_pools.all(),
    )


@login_required
def pools(request, pk):
    assessment = get_assessment_for(request.user, pk)
    return _pools_page(request, assessment, PoolUploadForm())


@login_required
@require_POST
def pool_upload(request, pk):
    """Keep the files and read them in the worker (with a time and memory limit); the job's page
    shows the progress and every problem found, and leads to the pool. (When the job has already
    ended, e.g. with a queue that runs jobs at once, a stored pool is shown right away.)"""
    assessment = get_assessment_for(request.user, pk)
    form = PoolUploadForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            job = actions.start_pool_upload(
                assessment, request.user, data["name"], data["people_file"], data["quotas_file"], data["id_column"]
            )
        except actions.PanelError as error:
            form.add_error(None, str(error))
        else:
            if job.status == Job.Status.DONE:
                messages.success(request, _("De lijst is ingelezen: %(n)d vrijwilligers.") % {"n": job.result["volunteers"]})
                return redirect(job.result["url"])
            return redirect("jobs:detail", job.pk)
    return _pools_page(request, assessment, form, status=400)


# --- one pool: quotas and selection --------------------------------------------------------------


def _percent(share):
    return round(share * 100, 1) if share is not None else None


def _pool_page(request, assessment, pool, *, quota_forms=None, selection_form=None, status=200):
    quotas = list(pool.quotas.all())
    if quota_forms is None:
        quota_forms = [
            QuotaForm(prefix=f"q{q.pk}", initial={"min": q.min, "max": q.max, "population_share": _percent(q.population_share)})
            for q in quotas
        ]
    volunteer_count = pool.volunteers.count()
    if selection_form is None:
        selection_form = SelectionForm(prefix="sel", initial={"size": min(20, volunteer_count)})
    # The latest selection job: its progress while it runs, its failure until the next attempt.
    job = actions.latest_selection_job(pool)
    if job is not None and job.status == Job.Status.DONE:
        job = None
    explanation = job.result.get("explanation") if job is not None and job.status == Job.Status.FAILED else None
    return render_step(
        request, "panels/pool.html", assessment, "participants", status=status, pool=pool,
        quota_rows=list(zip(quotas, quota_forms, strict=True)), selection_form=selection_form,
        job=job, explanation=explanation, selections=pool.selections.all(), volunteer_count=volunteer_count,
    )


@login_required
def pool_detail(request, pk, pool_pk):
    assessment, pool = _pool(request, pk, pool_pk)
    return _pool_page(request, assessment, pool)


@login_required
@require_POST
def quotas_save(request, pk, pool_pk):
    assessment, pool = _pool(request, pk, pool_pk)
    quotas = list(pool.quotas.all())
    quota_forms = [QuotaForm(request.POST, prefix=f"q{q.pk}") for q in quotas]
    if not all([f.is_valid() for f in quota_forms]):
        return _pool_page(request, assessment, pool, quota_forms=quota_forms, status=400)
    changes = []
    for quota, form in zip(quotas, quota_forms, strict=True):
        share = form.cleaned_data["population_share"]
        changes.append((quota, form.cleaned_data["min"], form.cleaned_data["max"], share / 100 if share is not None else None))
    actions.update_quotas(pool, changes)
    messages.success(request, _("De aantallen per groep zijn opgeslagen."))
    return redirect("panels:pool", assessment.pk, pool.pk)


@login_required
@require_POST
def select(request, pk, pool_pk):
    """Start a selection. The worker draws the panel; the pool page shows its progress and then
    leads to the panel. (When the job has already ended, e.g. with a queue that runs jobs at once,
    its outcome is shown right away.)"""
    assessment, pool = _pool(request, pk, pool_pk)
    form = SelectionForm(request.POST, prefix="sel")
    if not form.is_valid():
        return _pool_page(request, assessment, pool, selection_form=form, status=400)
    try:
        job = actions.start_selection(pool, request.user, **form.cleaned_data)
    except actions.PanelError as error:
        form.add_error(None, str(error))
        return _pool_page(request, assessment, pool, selection_form=form, status=400)
    if job.status == Job.Status.FAILED:
        return _pool_page(request, assessment, pool, selection_form=form, status=400)
    if job.status == Job.Status.DONE:
        messages.success(request, _("Het panel is geloot."))
        return redirect(job.result["url"])
    return redirect("panels:pool", assessment.pk, pool.pk)


# --- a drawn panel -------------------------------------------------------------------------------


@login_required
def selection_detail(request, pk, pool_pk, selection_pk):
    from mia.panels.report import selection_report

    assessment, pool, selection = _selection(request, pk, pool_pk, selection_pk)
    return render_step(
        request, "panels/selection.html", assessment, "participants", pool=pool, selection=selection,
        report=selection_report(pool, selection), sessions=assessment.sessions.all(),
        perspectives=assessment.content.perspective_choices,
    )


@login_required
@require_POST
def selection_to_session(request, pk, pool_pk, selection_pk):
    assessment, pool, selection = _selection(request, pk, pool_pk, selection_pk)
    session = get_posted(DialogueSession, request.POST.get("session"), assessment=assessment)
    perspective = request.POST.get("perspective", "samenleving")
    if perspective not in dict(assessment.content.perspective_choices):
        perspective = "samenleving"
    try:
        added = actions.make_participants(selection, session, perspective)
    except actions.PanelError as error:
        messages.error(request, str(error))
        return redirect("panels:selection", assessment.pk, pool.pk, selection.pk)
    messages.success(request, _("%(n)d deelnemers toegevoegd aan %(session)s.") % {"n": added, "session": session.name})
    return redirect("dialogues:sessions", assessment.pk)


@login_required
def selection_csv(request, pk, pool_pk, selection_pk):
    """The drawn panel and the ordered reserves, with contact data, for sending invitations."""
    assessment, pool, selection = _selection(request, pk, pool_pk, selection_pk)
    volunteers = {v.external_id: v for v in pool.volunteers.select_related("contact")}
    contact_columns = list(pool.contact_columns)
    probabilities = selection.result.get("probabilities", {})
    rows = []
    for role, ids in (("panel", selection.result.get("panel", [])), ("reserve", selection.result.get("reserves", []))):
        for order, external_id in enumerate(ids, start=1):
            v = volunteers[external_id]
            contact = v.contact.data if hasattr(v, "contact") else {}
            rows.append([role, order, external_id, *[v.features.get(f, "") for f in pool.feature_names],
                         *[contact.get(c, "") for c in contact_columns], f"{probabilities.get(external_id, 0):.4f}"])
    return csv_response(
        f"panel-{pool.pk}-{selection.pk}.csv", ["rol", "volgorde", "id", *pool.feature_names, *contact_columns, "kans"], rows
    )


EXAMPLE_FILES = {"vrijwilligers": "voorbeeld-vrijwilligers.csv", "aantallen": "voorbeeld-aantallen.csv"}


@login_required
@require_safe
def example_file(request, name):
    """An example list of volunteers or of numbers per group, to start from."""
    if name not in EXAMPLE_FILES:
        raise Http404("no such example")
    path = Path(__file__).resolve().parent / "data" / EXAMPLE_FILES[name]
    return FileResponse(path.open("rb"), as_attachment=True, filename=EXAMPLE_FILES[name],
                        content_type="text/csv; charset=utf-8")
