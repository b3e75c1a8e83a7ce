"""Pages of a dialogue programme: the programme, its themes and settings, the inventory and the gaps.

Thin views: a GET only reads; each POST goes to one small view that calls one action.
Cycles, the thema-aanpak and the evaluation are in ``cycle_views``; downloads in ``export_views``.
"""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mia.core.forms import strip_control_chars
from mia.core.lookup import get_posted
from mia.programmes import actions, exchange, forms, heatmap, matrix, queries
from mia.programmes.access import VIEW, get_programme_for, programmes_for
from mia.programmes.content import EXAMPLE_INVENTORY, seed_content
from mia.programmes.models import (
    Energy,
    GapNote,
    Initiative,
    InventoryImport,
    Phase,
    Priority,
    ProblemTheme,
    Reach,
    Term,
    TermKind,
    Theme,
)


def page(request, template: str, programme, section: str, status: int = 200, **context):
    context.update(
        programme=programme, section=section,
        can_change=rules.has_perm("programmes.change_programme", request.user, programme),
    )
    return render(request, template, context, status=status)


# --------------------------------------------------------------------------------------------
# Programmes
# --------------------------------------------------------------------------------------------


@login_required
def programme_list(request):
    return render(request, "programmes/list.html", {
        "programmes": programmes_for(request.user).prefetch_related("cycles"),
        "can_add": rules.has_perm("programmes.add_programme", request.user),
    })


@login_required
def programme_create(request):
    if not rules.has_perm("programmes.add_programme", request.user):
        raise PermissionDenied
    organisations = actions.organisations_for(request.user)
    form = forms.ProgrammeForm(request.POST if request.method == "POST" else None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            programme = actions.create_programme(request.user, data["title"], data["description"], data.get("organisation"))
        except actions.ProgrammeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Het programma is gemaakt, met de thema’s en waarden uit het advies als begin."))
            return redirect("programmes:overview", programme.pk)
    return render(request, "programmes/create.html", {"form": form, "content": seed_content()},
                  status=400 if form.is_bound else 200)


@login_required
def programme_import(request):
    if not rules.has_perm("programmes.add_programme", request.user):
        raise PermissionDenied
    form = forms.JsonImportForm(request.POST, request.FILES) if request.method == "POST" else forms.JsonImportForm()
    if request.method == "POST" and form.is_valid():
        try:
            data = exchange.read_programme_file(form.cleaned_data["file"].read())
            programme, notes = exchange.import_programme(data, request.user)
        except exchange.ImportFailed as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("Het programma is ingelezen als nieuw programma."))
            for note in notes:
                messages.warning(request, note)
            return redirect("programmes:overview", programme.pk)
    return render(request, "programmes/import_json.html", {"form": form}, status=400 if form.is_bound else 200)


@login_required
def overview(request, pk):
    programme = get_programme_for(request.user, pk, VIEW)
    cycles = list(programme.cycles.select_related("theme", "target_group"))
    return page(request, "programmes/overview.html", programme, "overview",
                form=forms.ProgrammeForm(initial={"title": programme.title, "description": programme.description}),
                themes=programme.themes.select_related("reframes"), cycles=cycles,
                initiative_count=programme.initiatives.count(), priorities=programme.priorities.select_related("theme", "target_group"),
                content=seed_content(), terms=_terms_by_kind(programme))


@login_required
@require_POST
def programme_update(request, pk):
    programme = get_programme_for(request.user, pk)
    form = forms.ProgrammeForm(request.POST)
    if form.is_valid():
        try:
            actions.update_programme(programme, title=form.cleaned_data["title"], description=form.cleaned_data["description"])
            messages.success(request, _("Opgeslagen."))
            return redirect("programmes:overview", programme.pk)
        except actions.ProgrammeError as error:
            form.add_error(None, str(error))
    return page(request, "programmes/overview.html", programme, "overview", status=400, form=form,
                themes=programme.themes.all(), cycles=list(programme.cycles.all()), initiative_count=programme.initiatives.count(),
                priorities=programme.priorities.all(), content=seed_content(), terms=_terms_by_kind(programme))


@login_required
@require_POST
def programme_delete(request, pk):
    programme = get_programme_for(request.user, pk)
    try:
        actions.delete_programme(programme, request.POST.get("confirmation", "")[:400])
    except actions.ProgrammeError as error:
        messages.error(request, str(error))
        return redirect(reverse("programmes:overview", args=[programme.pk]) + "#verwijderen")
    messages.success(request, _("Het programma ‘%(title)s’ is verwijderd.") % {"title": programme.title})
    return redirect("programmes:list")


def _terms_by_kind(programme) -> dict[str, list[Term]]:
    grouped: dict[str, list[Term]] = {kind: [] for kind in TermKind.values}
    for term in programme.terms.all():
        grouped[term.kind].append(term)
    return grouped


# --------------------------------------------------------------------------------------------
# Themes and settings
# --------------------------------------------------------------------------------------------


def _themes_page(request, programme, status=200, theme_form=None, problem_form=None):
    themes = list(programme.themes.select_related("reframes"))
    counts = {t.pk: 0 for t in themes}
    for theme_id in Initiative.themes.through.objects.filter(theme__programme=programme).values_list("theme_id", flat=True):
        counts[theme_id] = counts.get(theme_id, 0) + 1
    rows = sorted(({"theme": t, "initiatives": counts.get(t.pk, 0)} for t in themes),
                  key=lambda r: (-(r["theme"].energy or 0), -r["initiatives"], r["theme"].position))
    return page(request, "programmes/themes.html", programme, "themes", status=status, rows=rows,
                problems=programme.problem_themes.prefetch_related("reframed_by"),
                theme_form=theme_form or forms.ThemeForm(programme=programme),
                problem_form=problem_form or forms.ProblemThemeForm(), energy_choices=Energy.choices)


@login_required
def themes(request, pk):
    return _themes_page(request, get_programme_for(request.user, pk))


@login_required
@require_POST
def theme_add(request, pk):
    programme = get_programme_for(request.user, pk)
    form = forms.ThemeForm(request.POST, programme=programme)
    if form.is_valid():
        try:
            actions.save_theme(programme, **form.cleaned_data)
            messages.success(request, _("Het thema is toegevoegd."))
            return redirect("programmes:themes", programme.pk)
        except actions.ProgrammeError as error:
            form.add_error(None, str(error))
    return _themes_page(request, programme, status=400, theme_form=form)


@login_required
def theme_edit(request, pk, theme_pk):
    programme = get_programme_for(request.user, pk)
    theme = get_object_or_404(Theme, pk=theme_pk, programme=programme)
    if request.method == "POST":
        form = forms.ThemeForm(request.POST, programme=programme)
        if form.is_valid():
            try:
                actions.save_theme(programme, theme=theme, **form.cleaned_data)
                messages.success(request, _("Het thema is opgeslagen."))
                return redirect("programmes:themes", programme.pk)
            except actions.ProgrammeError as error:
                form.add_error(None, str(error))
    else:
        form = forms.ThemeForm(programme=programme, initial={
            "title": theme.title, "question": theme.question, "reframes": theme.reframes_id, "energy": theme.energy,
            "partners": theme.partners})
    return page(request, "programmes/theme_edit.html", programme, "themes", status=400 if form.is_bound else 200,
                theme=theme, form=form)


@login_required
@require_POST
def theme_delete(request, pk, theme_pk):
    programme = get_programme_for(request.user, pk)
    theme = get_object_or_404(Theme, pk=theme_pk, programme=programme)
    try:
        actions.delete_theme(theme)
        messages.success(request, _("Het thema is verwijderd."))
    except actions.ProgrammeError as error:
        messages.error(request, str(error))
    return redirect("programmes:themes", programme.pk)


@login_required
@require_POST
def problem_add(request, pk):
    programme = get_programme_for(request.user, pk)
    form = forms.ProblemThemeForm(request.POST)
    if form.is_valid():
        try:
            actions.save_problem_theme(programme, **form.cleaned_data)
            messages.success(request, _("Het probleemthema is toegevoegd."))
            return redirect("programmes:themes", programme.pk)
        except actions.ProgrammeError as error:
            form.add_error(None, str(error))
    return _themes_page(request, programme, status=400, problem_form=form)


@login_required
@require_POST
def problem_edit(request, pk, problem_pk):
    programme = get_programme_for(request.user, pk)
    problem = get_object_or_404(ProblemTheme, pk=problem_pk, programme=programme)
    form = forms.ProblemThemeForm(request.POST)
    if form.is_valid():
        try:
            actions.save_problem_theme(programme, problem=problem, **form.cleaned_data)
            messages.success(request, _("Het probleemthema is opgeslagen."))
            return redirect("programmes:themes", programme.pk)
        except actions.ProgrammeError as error:
            form.add_error(None, str(error))
    return _themes_page(request, programme, status=400, problem_form=form)


# Lazy: built at import, shown in the language of each request.
KIND_HELP = {
    TermKind.TOPIC: gettext_lazy("Onderwerpen van initiatieven; de rijen van de tabel met kansen en leemtes."),
    TermKind.TARGET_GROUP: gettext_lazy("Doelgroepen van initiatieven; de kolommen van de tabel met kansen en leemtes."),
    TermKind.CATEGORY: gettext_lazy("Soorten initiatieven, zoals campagnes of platforms."),
    TermKind.SETTING: gettext_lazy("De leefwerelden (settings) waarin de dialoog gevoerd wordt."),
    TermKind.UNDERREPRESENTED: gettext_lazy("Groepen die in de huidige initiatieven weinig bereikt worden."),
}


def _settings_page(request, programme, status=200, bad_form=None):
    groups = []
    by_kind = _terms_by_kind(programme)
    for kind, label in TermKind.choices:
        form = bad_form if bad_form is not None and bad_form.data.get("kind") == kind else forms.TermForm(
            initial={"kind": kind}, prefix=kind)
        groups.append({"kind": kind, "label": label, "help": KIND_HELP[kind], "terms": by_kind[kind], "form": form})
    return page(request, "programmes/settings.html", programme, "settings", status=status, groups=groups)


@login_required
def settings_page(request, pk):
    return _settings_page(request, get_programme_for(request.user, pk))


@login_required
@require_POST
def term_add(request, pk):
    programme = get_programme_for(request.user, pk)
    kind = request.POST.get("kind", "")
    if kind not in TermKind.values:
        messages.error(request, _("Deze soort waarde kennen we niet."))
        return redirect("programmes:settings", programme.pk)
    form = forms.TermForm(request.POST, prefix=kind)
    if form.is_valid():
        try:
            actions.save_term(programme, form.cleaned_data["kind"], form.cleaned_data["label"], form.cleaned_data["description"])
            messages.success(request, _("De waarde is toegevoegd."))
            return redirect(reverse("programmes:settings", args=[programme.pk]) + f"#{form.cleaned_data['kind']}")
        except actions.ProgrammeError as error:
            form.add_error("label", str(error))
    return _settings_page(request, programme, status=400, bad_form=form)


@login_required
@require_POST
def term_update(request, pk, term_pk):
    programme = get_programme_for(request.user, pk)
    term = get_object_or_404(Term, pk=term_pk, programme=programme)
    form = forms.TermForm({"kind": term.kind, "label": request.POST.get("label", ""),
                           "description": request.POST.get("description", "")})
    if form.is_valid():
        try:
            actions.save_term(programme, term.kind, form.cleaned_data["label"], form.cleaned_data["description"], term=term)
            messages.success(request, _("Opgeslagen."))
            return redirect(reverse("programmes:settings", args=[programme.pk]) + f"#{term.kind}")
        except actions.ProgrammeError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(reverse("programmes:settings", args=[programme.pk]) + f"#{term.kind}")


@login_required
@require_POST
def term_delete(request, pk, term_pk):
    programme = get_programme_for(request.user, pk)
    term = get_object_or_404(Term, pk=term_pk, programme=programme)
    try:
        actions.delete_term(term)
        messages.success(request, _("De waarde is verwijderd."))
    except actions.ProgrammeError as error:
        messages.error(request, str(error))
    return redirect(reverse("programmes:settings", args=[programme.pk]) + f"#{term.kind}")


# --------------------------------------------------------------------------------------------
# The inventory
# --------------------------------------------------------------------------------------------


@login_required
def inventory(request, pk):
    programme = get_programme_for(request.user, pk)
    filters = forms.MatrixFilterForm(request.GET or None, programme=programme)
    reaches, categories = filters.filters()
    query = " ".join(strip_control_chars(request.GET.get("zoek", "")).split())[:200]
    initiatives = programme.initiatives.select_related("category").prefetch_related("topics", "target_groups", "themes")
    if categories:
        initiatives = initiatives.filter(category_id__in=categories)
    if reaches:
        from django.db.models import Q

        condition = Q()
        for code, field in (("lokaal", "is_local"), ("regionaal", "is_regional"), ("nationaal", "is_national")):
            if code in reaches:
                condition |= Q(**{field: True})
        initiatives = initiatives.filter(condition)
    if query:
        initiatives = initiatives.filter(name__icontains=query)
    total = programme.initiatives.count()
    shown = list(initiatives[:500])
    return page(request, "programmes/inventory.html", programme, "inventory", initiatives=shown,
                total=total, filtered=initiatives.count(), filters=filters, query=query,
                imports=programme.imports.all()[:5])


def _initiative_initial(initiative: Initiative) -> dict:
    return {
        "name": initiative.name, "link": initiative.link, "owner": initiative.owner, "category": initiative.category_id,
        "goal": initiative.goal, "approach": initiative.approach, "topics": list(initiative.topics.all()),
        "target_groups": list(initiative.target_groups.all()), "other_target_group": initiative.other_target_group,
        "reaches": initiative.reaches, "themes": list(initiative.themes.all()), "notes": initiative.notes,
    }


def _initiative_form(request, programme, initiative=None):
    if request.method == "POST":
        form = forms.InitiativeForm(request.POST, programme=programme)
        if form.is_valid():
            try:
                saved = actions.save_initiative(programme, initiative=initiative, **form.cleaned_data)
                messages.success(request, _("‘%(name)s’ is opgeslagen.") % {"name": saved.name})
                return redirect("programmes:inventory", programme.pk)
            except actions.ProgrammeError as error:
                form.add_error("name", str(error))
    else:
        form = forms.InitiativeForm(programme=programme, initial=_initiative_initial(initiative) if initiative else None)
    return page(request, "programmes/initiative_form.html", programme, "inventory", status=400 if form.is_bound else 200,
                form=form, initiative=initiative)


@login_required
def initiative_new(request, pk):
    return _initiative_form(request, get_programme_for(request.user, pk))


@login_required
def initiative_edit(request, pk, initiative_pk):
    programme = get_programme_for(request.user, pk)
    return _initiative_form(request, programme, get_object_or_404(Initiative, pk=initiative_pk, programme=programme))


@login_required
@require_POST
def initiative_delete(request, pk, initiative_pk):
    programme = get_programme_for(request.user, pk)
    initiative = get_object_or_404(Initiative, pk=initiative_pk, programme=programme)
    actions.delete_initiative(initiative)
    messages.success(request, _("‘%(name)s’ is verwijderd.") % {"name": initiative.name})
    return redirect("programmes:inventory", programme.pk)


@login_required
def inventory_import(request, pk):
    programme = get_programme_for(request.user, pk)
    form = forms.ImportForm(request.POST, request.FILES) if request.method == "POST" else forms.ImportForm()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        record = actions.start_inventory_import(programme, upload.read(), upload.name, request.user)
        if record.status == InventoryImport.Status.DONE:
            messages.success(request, _("%(new)d initiatieven toegevoegd, %(changed)d bijgewerkt, %(same)d ongewijzigd.")
                             % {"new": record.created_count, "changed": record.updated_count, "same": record.unchanged_count})
        return redirect("programmes:import", programme.pk, record.pk)
    return page(request, "programmes/import.html", programme, "inventory", status=400 if form.is_bound else 200,
                form=form, vocabularies=actions.vocabularies(programme), example_name=EXAMPLE_INVENTORY.name)


@login_required
def import_detail(request, pk, import_pk):
    programme = get_programme_for(request.user, pk)
    record = get_object_or_404(InventoryImport.objects.select_related("job"), pk=import_pk, programme=programme)
    return page(request, "programmes/import_detail.html", programme, "inventory", record=record, job=record.job)


@login_required
def example_file(request, pk):
    """The seed's Bijlage 2 as an importable CSV: an example of the columns and values."""
    from django.http import HttpResponse

    get_programme_for(request.user, pk)
    response = HttpResponse(EXAMPLE_INVENTORY.read_bytes(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{EXAMPLE_INVENTORY.name}"'
    return response


# --------------------------------------------------------------------------------------------
# Opportunities and gaps
# --------------------------------------------------------------------------------------------


def grids(programme, reaches=(), categories=()):
    a = queries.axes(programme)
    items = queries.matrix_items(programme)
    chosen = matrix.select(items, reaches=reaches, categories=categories)
    by_topic = matrix.topic_by_target_group(chosen, a["topics"], a["target_groups"])
    by_theme = matrix.theme_by_reach(matrix.select(items, categories=categories), a["themes"], a["reaches"])
    return items, chosen, by_topic, by_theme


def _notes(programme):
    notes = {}
    for note in programme.gap_notes.all():
        key = ("t", note.topic_id, note.target_group_id) if note.topic_id else ("r", note.theme_id, note.reach)
        notes[key] = note
    return notes


@login_required
def gaps(request, pk):
    programme = get_programme_for(request.user, pk)
    filters = forms.MatrixFilterForm(request.GET or None, programme=programme)
    reaches, categories = filters.filters()
    items, chosen, by_topic, by_theme = grids(programme, reaches, categories)
    notes = _notes(programme)
    rows = [
        {"label": label, "key": key, "total": total, "cells": [
            {"cell": cell, "column": column, "note": notes.get(("t", key, column))}
            for cell, column in zip(row, by_topic.columns.keys, strict=True)]}
        for (key, label), row, total in zip(by_topic.rows.entries, by_topic.cells, by_topic.row_totals(), strict=True)
    ]
    theme_rows = [
        {"label": label, "key": key, "cells": [
            {"cell": cell, "column": column, "note": notes.get(("r", key, column))}
            for cell, column in zip(row, by_theme.columns.keys, strict=True)]}
        for (key, label), row in zip(by_theme.rows.entries, by_theme.cells, strict=True)
    ]
    query = request.GET.urlencode()
    return page(request, "programmes/gaps.html", programme, "gaps", filters=filters, by_topic=by_topic, by_theme=by_theme,
                rows=rows, theme_rows=theme_rows, column_totals=by_topic.column_totals(), chosen=len(chosen), total=len(items),
                svg=heatmap.heatmap_svg(by_topic, title=_("Aantal initiatieven per onderwerp en doelgroep"), element_id="hm-topic"),
                theme_svg=heatmap.heatmap_svg(by_theme, title=_("Aantal initiatieven per thema en reikwijdte"), element_id="hm-theme"),
                priorities=programme.priorities.select_related("theme", "target_group").prefetch_related("cycles"),
                priority_form=forms.PriorityForm(programme=programme), query=query, filtered=bool(reaches or categories),
                notes=[n for n in notes.values() if n.conclusion])


def _cell_from(request, programme, data) -> dict:
    """The cell named in a request: ``onderwerp`` + ``doelgroep``, or ``thema`` + ``reikwijdte``; else a 404."""
    if data.get("onderwerp") is not None:
        topic = get_posted(Term, data.get("onderwerp"), programme=programme, kind=TermKind.TOPIC)
        group = get_posted(Term, data.get("doelgroep"), programme=programme, kind=TermKind.TARGET_GROUP)
        return {"topic": topic, "target_group": group, "theme": None, "reach": ""}
    theme = get_posted(Theme, data.get("thema"), programme=programme)
    reach = data.get("reikwijdte", "")
    if reach not in Reach.values:
        raise Http404("no such reach")
    return {"topic": None, "target_group": None, "theme": theme, "reach": reach}


def _cell_page(request, programme, cell, status=200, note_form=None, priority_form=None):
    reaches, categories = forms.MatrixFilterForm(request.GET or None, programme=programme).filters()
    items, chosen, by_topic, by_theme = grids(programme, reaches, categories)
    if cell["topic"] is not None:
        found = by_topic.cell(cell["topic"].pk, cell["target_group"].pk)
        note = programme.gap_notes.filter(topic=cell["topic"], target_group=cell["target_group"], theme__isnull=True).first()
        initial_priority = {"target_group": cell["target_group"].pk}
    else:
        found = by_theme.cell(cell["theme"].pk, cell["reach"])
        note = programme.gap_notes.filter(theme=cell["theme"], reach=cell["reach"], topic__isnull=True).first()
        initial_priority = {"theme": cell["theme"].pk}
    initiatives = Initiative.objects.filter(pk__in=[item.id for item in found.items]).select_related("category")
    return page(request, "programmes/cell.html", programme, "gaps", status=status, cell=cell, found=found,
                initiatives=initiatives, note=note, reach_label=Reach(cell["reach"]).label if cell["reach"] else "",
                note_form=note_form or forms.GapNoteForm(initial={"conclusion": note.conclusion if note else ""}),
                priority_form=priority_form or forms.PriorityForm(programme=programme, initial=initial_priority),
                filtered=bool(reaches or categories), query=request.GET.urlencode())


@login_required
def gap_cell(request, pk):
    programme = get_programme_for(request.user, pk)
    return _cell_page(request, programme, _cell_from(request, programme, request.GET))


def _back_to_cell(programme, cell):
    if cell["topic"] is not None:
        query = f"onderwerp={cell['topic'].pk}&doelgroep={cell['target_group'].pk}"
    else:
        query = f"thema={cell['theme'].pk}&reikwijdte={cell['reach']}"
    return redirect(reverse("programmes:cell", args=[programme.pk]) + "?" + query)


@login_required
@require_POST
def gap_note_save(request, pk):
    programme = get_programme_for(request.user, pk)
    cell = _cell_from(request, programme, request.POST)
    form = forms.GapNoteForm(request.POST)
    if form.is_valid():
        actions.save_gap_note(programme, request.user, conclusion=form.cleaned_data["conclusion"], **cell)
        messages.success(request, _("De conclusie is opgeslagen."))
        return _back_to_cell(programme, cell)
    return _cell_page(request, programme, cell, status=400, note_form=form)


@login_required
@require_POST
def priority_add(request, pk):
    programme = get_programme_for(request.user, pk)
    form = forms.PriorityForm(request.POST, programme=programme)
    cell = _cell_from(request, programme, request.POST) if request.POST.get("onderwerp") or request.POST.get("thema") else None
    if form.is_valid():
        note = None
        if cell is not None:
            note = GapNote.objects.filter(programme=programme, topic=cell["topic"], target_group=cell["target_group"],
                                          theme=cell["theme"], reach=cell["reach"]).first()
        try:
            actions.add_priority(programme, request.user, theme=form.cleaned_data["theme"],
                                 target_group=form.cleaned_data["target_group"], reason=form.cleaned_data["reason"], gap_note=note)
            messages.success(request, _("De prioriteit is vastgelegd. Open er een cyclus voor op het bord."))
            return redirect(reverse("programmes:gaps", args=[programme.pk]) + "#prioriteiten")
        except actions.ProgrammeError as error:
            form.add_error(None, str(error))
    if cell is not None:
        return _cell_page(request, programme, cell, status=400, priority_form=form)
    messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(reverse("programmes:gaps", args=[programme.pk]) + "#prioriteiten")


@login_required
@require_POST
def priority_delete(request, pk, priority_pk):
    programme = get_programme_for(request.user, pk)
    priority = get_object_or_404(Priority, pk=priority_pk, programme=programme)
    try:
        actions.delete_priority(priority)
        messages.success(request, _("De prioriteit is verwijderd."))
    except actions.ProgrammeError as error:
        messages.error(request, str(error))
    return redirect(reverse("programmes:gaps", args=[programme.pk]) + "#prioriteiten")


# --------------------------------------------------------------------------------------------
# The five guidelines as a printable card
# --------------------------------------------------------------------------------------------


@login_required
def guidelines(request):
    content = seed_content()
    return render(request, "programmes/guidelines.html", {"content": content, "phases": Phase.choices})
