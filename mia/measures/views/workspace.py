"""The list of workspaces, a workspace's overview and settings (scenarios, groups, values, scales),
and its JSON export and import."""

from __future__ import annotations

import json

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mia.core.views import bound
from mia.measures import actions
from mia.measures.access import get_in_workspace, workspaces_for
from mia.measures.forms import (
    GroupForm,
    NewWorkspaceForm,
    ScalesForm,
    ScenarioForm,
    ValueForm,
    WorkspaceForm,
    WorkspaceImportForm,
)
from mia.measures.models import ExportFile, PublicValue, Scenario, VulnerableGroup
from mia.measures.rules import organisations_for_new_workspace
from mia.measures.views.common import CHANGE, MANAGE, done, page, refused, with_workspace


def _list_page(request, form=None, status=200):
    organisations = organisations_for_new_workspace(request.user)
    can_add = rules.has_perm("measures.add_workspace", request.user)
    return render(request, "measures/list.html", {
        "workspaces": workspaces_for(request.user),
        "form": form or NewWorkspaceForm(organisations=organisations), "can_add": can_add,
    }, status=status)


@login_required
def workspace_list(request):
    return _list_page(request)


@login_required
@require_POST
def workspace_create(request):
    if not rules.has_perm("measures.add_workspace", request.user):
        raise PermissionDenied
    form = NewWorkspaceForm(request.POST, organisations=organisations_for_new_workspace(request.user))
    if not form.is_valid():
        return _list_page(request, form, status=400)
    d = form.cleaned_data
    workspace = actions.create_workspace(request.user, d["organisation"], d["name"], d["description"], d["crisis"])
    return done(request, _("De werkruimte is aangemaakt, met twee scenario's, de groepen en de waarden uit het werkprogramma."),
                "measures:workspace", workspace.pk)


@with_workspace()
def workspace_detail(request, workspace):
    measures = workspace.measures.prefetch_related("scenarios")
    return page(request, "measures/workspace.html", workspace, "overview", measures=measures,
                packages=workspace.packages.prefetch_related("measures"), weighings=workspace.weighings.select_related("scenario"),
                indicators=workspace.indicators.count(), scenarios=workspace.scenarios.all(),
                exports=workspace.export_files.only("pk", "filename", "created_at")[:5])


# --- settings ---------------------------------------------------------------------------------------


def _settings_page(request, workspace, *, status=200, bound_forms=None):
    """The settings page; ``bound_forms`` replaces the form of one item (key: "workspace", "scenario-new", ("scenario", pk), …)."""
    bound_forms = bound_forms or {}
    form_for = {}

    def item_forms(kind, items, form_class, fields):
        rows = []
        for item in items:
            key = (kind, item.pk)
            form = bound_forms.get(key) or form_class(prefix=f"{kind}{item.pk}", initial={f: getattr(item, f) for f in fields})
            rows.append((item, form))
        form_for[kind] = rows
        return rows

    return page(
        request, "measures/settings.html", workspace, "settings", status=status,
        workspace_form=bound_forms.get("workspace") or WorkspaceForm(initial={"name": workspace.name, "description": workspace.description,
                                                                             "crisis": workspace.crisis}),
        scenario_rows=item_forms("scenario", workspace.scenarios.all(), ScenarioForm, ["name", "description", "consulted"]),
        group_rows=item_forms("group", workspace.groups.all(), GroupForm, ["name", "description"]),
        value_rows=item_forms("value", workspace.values.all(), ValueForm, ["name", "description", "legal_basis"]),
        new_scenario=bound_forms.get("scenario-new") or ScenarioForm(prefix="scenario-new"),
        new_group=bound_forms.get("group-new") or GroupForm(prefix="group-new"),
        new_value=bound_forms.get("value-new") or ValueForm(prefix="value-new"),
    )


@with_workspace()
def workspace_settings(request, workspace):
    return _settings_page(request, workspace)


@with_workspace(CHANGE)
@require_POST
def workspace_update(request, workspace):
    form = WorkspaceForm(request.POST)
    if not form.is_valid():
        return _settings_page(request, workspace, status=400, bound_forms={"workspace": form})
    actions.update_workspace(workspace, **form.cleaned_data)
    return done(request, _("Opgeslagen."), "measures:settings", workspace.pk)


@with_workspace(MANAGE)
@require_POST
def workspace_archive(request, workspace):
    archived = request.POST.get("archived") == "1"
    actions.set_archived(workspace, archived)
    message = _("De werkruimte is gearchiveerd: alleen nog te lezen.") if archived else _("De werkruimte is weer in gebruik.")
    return done(request, message, "measures:settings", workspace.pk)


_ITEMS = {
    "scenario": (Scenario, ScenarioForm, "scenarios", actions.add_scenario, actions.update_scenario, actions.delete_scenario),
    "group": (VulnerableGroup, GroupForm, "groups", actions.add_group, actions.update_group, actions.delete_group),
    "value": (PublicValue, ValueForm, "values", actions.add_value, actions.update_value, actions.delete_value),
}


def _item_add(kind):
    model, form_class, _related, add, _update, _delete = _ITEMS[kind]

    @with_workspace(CHANGE)
    @require_POST
    def view(request, workspace):
        form = form_class(request.POST, prefix=f"{kind}-new")
        if form.is_valid():
            try:
                add(workspace, **form.cleaned_data)
            except actions.MeasuresError as error:
                form.add_error(None, str(error))
            else:
                return done(request, _("Toegevoegd."), "measures:settings", workspace.pk)
        return _settings_page(request, workspace, status=400, bound_forms={f"{kind}-new": form})

    return view


def _item_update(kind):
    model, form_class, _related, _add, update, _delete = _ITEMS[kind]

    @with_workspace(CHANGE)
    @require_POST
    def view(request, workspace, pk):
        item = get_in_workspace(model, workspace, pk)
        form = form_class(request.POST, prefix=f"{kind}{item.pk}")
        if form.is_valid():
            try:
                update(item, **form.cleaned_data)
            except actions.MeasuresError as error:
                form.add_error(None, str(error))
            else:
                return done(request, _("Opgeslagen."), "measures:settings", workspace.pk)
        return _settings_page(request, workspace, status=400, bound_forms={(kind, item.pk): form})

    return view


def _item_delete(kind):
    model, _form_class, _related, _add, _update, delete = _ITEMS[kind]

    @with_workspace(CHANGE)
    @require_POST
    def view(request, workspace, pk):
        item = get_in_workspace(model, workspace, pk)
        try:
            delete(item)
        except actions.MeasuresError as error:
            return refused(request, error, "measures:settings", workspace.pk)
        return done(request, _("Verwijderd."), "measures:settings", workspace.pk)

    return view


scenario_add, scenario_update, scenario_delete = _item_add("scenario"), _item_update("scenario"), _item_delete("scenario")
group_add, group_update, group_delete = _item_add("group"), _item_update("group"), _item_delete("group")
value_add, value_update, value_delete = _item_add("value"), _item_update("value"), _item_delete("value")


@with_workspace()
def scales(request, workspace):
    return page(request, "measures/scales.html", workspace, "settings", form=ScalesForm(workspace=workspace))


@with_workspace(MANAGE)
@require_POST
def scales_update(request, workspace):
    form = ScalesForm(request.POST, workspace=workspace)
    if form.is_valid():
        try:
            actions.update_scales(workspace, effective_from=form.cleaned_data["effective_from"],
                                  high_impact_from=form.cleaned_data["high_impact_from"], levels=form.levels(),
                                  quadrants=form.quadrants())
        except actions.MeasuresError as error:
            form.add_error(None, str(error))
        else:
            return done(request, _("De ladder, de schaal en de matrix zijn opgeslagen."), "measures:scales", workspace.pk)
    return page(request, "measures/scales.html", workspace, "settings", form=form, status=400)


# --- exchange ---------------------------------------------------------------------------------------


@with_workspace()
def export_json(request, workspace):
    from mia.measures.exchange import export_workspace

    personal = request.GET.get("namen") == "1" and rules.has_perm(CHANGE, request.user, workspace)
    data = json.dumps(export_workspace(workspace, personal_data=personal), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="impactteam-{workspace.pk}.json"'
    return response


def _import_page(request, form=None, status=200, job=None):
    organisations = organisations_for_new_workspace(request.user)
    return render(request, "measures/import.html", {
        "form": form or WorkspaceImportForm(organisations=organisations), "job": job}, status=status)


@login_required
def import_form(request):
    if not rules.has_perm("measures.add_workspace", request.user):
        raise Http404("no access")
    return _import_page(request)


@login_required
@require_POST
def import_upload(request):
    from mia.measures.jsonfile import JsonFileError
    from mia.measures.schema import DocumentError

    if not rules.has_perm("measures.add_workspace", request.user):
        raise Http404("no access")
    form = WorkspaceImportForm(*bound(request, files=True), organisations=organisations_for_new_workspace(request.user))
    if not form.is_valid():
        return _import_page(request, form, status=400)
    upload = form.cleaned_data["file"]
    try:
        workspace, job = actions.import_workspace_file(upload.read(), upload.name, form.cleaned_data["organisation"], request.user)
    except (JsonFileError, actions.MeasuresError) as error:
        form.add_error("file", str(error))
        return _import_page(request, form, status=400)
    except DocumentError as error:
        for issue in error.issues:
            form.add_error("file", issue)
        return _import_page(request, form, status=400)
    if job is not None:
        messages.info(request, _("Het bestand is groot; het wordt op de achtergrond ingelezen."))
        return redirect("jobs:detail", job.pk)
    return done(request, _("De werkruimte is geïmporteerd als nieuwe werkruimte."), "measures:workspace", workspace.pk)


@with_workspace()
def export_file(request, workspace, pk):
    export = get_object_or_404(ExportFile, pk=pk, workspace=workspace)
    response = HttpResponse(bytes(export.data), content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


@with_workspace()
@require_POST
def all_fiches_pdf(request, workspace):
    from mia.jobs.actions import start_job

    job = start_job("measures.fiches_pdf", subject=f"measures.workspace:{workspace.pk}",
                    params={"workspace": workspace.pk, "back_url": reverse("measures:fiches", args=[workspace.pk])},
                    user=request.user)
    return redirect("jobs:detail", job.pk)

