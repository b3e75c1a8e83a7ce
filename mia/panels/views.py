"""Web pages for fair panel selection within an MIA: upload a pool and quotas, run the
selection, read the representativeness report, export the panel, and turn it into
the participants of a dialogue session."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _

from mia.assessments.access import get_assessment_for
from mia.assessments.pages import render_step
from mia.core.exports import neutralise_formula
from mia.core.lookup import get_posted
from mia.core.views import bound, bound_data
from mia.dialogues.models import DialogueSession
from mia.panels import actions
from mia.panels.forms import PoolUploadForm, QuotaForm, SelectionForm
from mia.panels.models import PanelPool, PanelSelection
from mia.panels.selection.errors import InfeasibleQuotasError, PanelSelectionError


def _pool(request, pk, pool_pk):
    assessment = get_assessment_for(request.user, pk)
    return assessment, get_object_or_404(PanelPool, pk=pool_pk, assessment=assessment)


@login_required
def pools(request, pk):
    assessment = get_assessment_for(request.user, pk)
    form = PoolUploadForm(*bound(request, files=True))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            pool = actions.create_pool(assessment, data["name"], data["people_file"], data["quotas_file"], data["id_column"])
        except PanelSelectionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("De pool is ingelezen: %(n)d vrijwilligers.") % {"n": pool.volunteers.count()})
            return redirect("panels:pool", assessment.pk, pool.pk)
    return render_step(
        request, "panels/pools.html", assessment, "participants", status=400 if form.errors else 200,
        form=form, pools=assessment.panel_pools.all(),
    )


@login_required
def pool_detail(request, pk, pool_pk):
    assessment, pool = _pool(request, pk, pool_pk)
    quotas = list(pool.quotas.all())
    quota_forms = [
        QuotaForm(prefix=f"q{q.pk}", initial={"min": q.min, "max": q.max, "population_share": _percent(q.population_share)})
        for q in quotas
    ]
    selection_form = SelectionForm(prefix="sel", initial={"size": min(20, pool.volunteers.count())})
    explanation = None
    status = 200
    action = request.POST.get("action") if request.method == "POST" else None
    if action == "quotas":
        quota_forms = [QuotaForm(bound_data(request), prefix=f"q{q.pk}") for q in quotas]
        if all(f.is_valid() for f in quota_forms):
            for q, f in zip(quotas, quota_forms, strict=True):
                share = f.cleaned_data["population_share"]
                actions.update_quota(q, f.cleaned_data["min"], f.cleaned_data["max"], share / 100 if share is not None else None)
            messages.success(request, _("De quota zijn opgeslagen."))
            return redirect(request.path)
        status = 400
    elif action == "select":
        selection_form = SelectionForm(bound_data(request), prefix="sel")
        if selection_form.is_valid():
            try:
                selection = actions.run_selection(pool, request.user, **selection_form.cleaned_data)
            except InfeasibleQuotasError as error:
                explanation = error.explanation
                status = 400
            except PanelSelectionError as error:
                selection_form.add_error(None, str(error))
                status = 400
            else:
                messages.success(request, _("Het panel is geloot."))
                return redirect("panels:selection", assessment.pk, pool.pk, selection.pk)
        else:
            status = 400
    return render_step(
        request, "panels/pool.html", assessment, "participants", status=status, pool=pool,
        quota_rows=list(zip(quotas, quota_forms, strict=True)), selection_form=selection_form, explanation=explanation,
        selections=pool.selections.all(), volunteer_count=pool.volunteers.count(),
    )


def _percent(share):
    return round(share * 100, 1) if share is not None else None


@login_required
def selection_detail(request, pk, pool_pk, selection_pk):
    assessment, pool = _pool(request, pk, pool_pk)
    selection = get_object_or_404(PanelSelection, pk=selection_pk, pool=pool)
    if request.method == "POST" and request.POST.get("action") == "to-session":
        session = get_posted(DialogueSession, request.POST.get("session"), assessment=assessment)
        perspective = request.POST.get("perspective", "samenleving")
        if perspective not in dict(assessment.content.perspective_choices):
            perspective = "samenleving"
        added = actions.make_participants(selection, session, perspective)
        messages.success(request, _("%(n)d deelnemers toegevoegd aan %(session)s.") % {"n": added, "session": session.name})
        return redirect("dialogues:sessions", assessment.pk)
    from mia.panels.report import selection_report

    return render_step(
        request, "panels/selection.html", assessment, "participants", pool=pool, selection=selection,
        report=selection_report(pool, selection), sessions=assessment.sessions.all(), perspectives=assessment.content.perspective_choices,
    )


@login_required
def selection_csv(request, pk, pool_pk, selection_pk):
    """The drawn panel and the ordered reserves, with contact data, for sending invitations."""
    assessment, pool = _pool(request, pk, pool_pk)
    selection = get_object_or_404(PanelSelection, pk=selection_pk, pool=pool)
    volunteers = {v.external_id: v for v in pool.volunteers.select_related("contact")}
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="panel-{pool.pk}-{selection.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    contact_columns = list(pool.contact_columns)
    writer.writerow(["rol", "volgorde", "id", *pool.feature_names, *contact_columns, "kans"])
    probabilities = selection.result.get("probabilities", {})
    for role, ids in (("panel", selection.result.get("panel", [])), ("reserve", selection.result.get("reserves", []))):
        for order, external_id in enumerate(ids, start=1):
            v = volunteers[external_id]
            contact = v.contact.data if hasattr(v, "contact") else {}
            row = [role, order, external_id, *[v.features.get(f, "") for f in pool.feature_names],
                   *[contact.get(c, "") for c in contact_columns], f"{probabilities.get(external_id, 0):.4f}"]
            writer.writerow([neutralise_formula(str(x)) for x in row])
    return response
