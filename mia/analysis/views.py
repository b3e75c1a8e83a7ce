"""Pages of the analysis: themes in the cards of an MIA (found by a job, then shaped by the
analyst), themes in an imported file of responses, and the plain-language check.

One view per page (GET, read only) and one small POST view per action."""

from __future__ import annotations

import json
from collections import Counter
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mia.analysis import actions
from mia.analysis.forms import ResponseUploadForm
from mia.analysis.models import Code, ResponseAnalysis, Theme, ThemeCard
from mia.analysis.readability import check_text
from mia.assessments.access import get_assessment_for
from mia.assessments.pages import render_step
from mia.core.exports import csv_response
from mia.core.forms import strip_control_chars
from mia.core.lookup import get_posted, parse_ids
from mia.core.views import wants_json
from mia.jobs.models import Job

MAX_CHECK_CHARS = 20_000


@login_required
@require_POST
def readability(request):
    """Check a text while it is being typed; answers the same box the page shows."""
    text = request.POST.get("text", "")
    field_id = request.POST.get("field", "")[:100]
    if len(text) > MAX_CHECK_CHARS:
        return HttpResponseBadRequest("Tekst te lang voor de taalcheck.")
    report = check_text(text) if text.strip() else None
    return render(request, "analysis/readability_box.html", {"report": report, "field_id": field_id})


# --- themes in the cards -------------------------------------------------------------------------


@login_required
def themes(request, pk):
    """Themes in the cards of an MIA: run, then rename, merge, split and move as the analyst sees fit."""
    assessment = get_assessment_for(request.user, pk)
    theme_set = actions.current_theme_set(assessment)
    themes = list(theme_set.themes.prefetch_related(
        "placements__card__participant", "placements__card__round__session", "placements__card__codes"
    )) if theme_set else []
    for theme in themes:
        theme.visible_placements = [p for p in theme.placements.all() if p.card.is_visible]
        cards = [p.card for p in theme.visible_placements]
        theme.cards = cards
        # Lists, not Counters: a template's ``.items`` on a Counter looks up the key "items".
        theme.spread = sorted(Counter(c.round.session.name for c in cards).items())
        theme.per_perspective = sorted(Counter(
            c.participant.perspective_label if c.participant else _("onbekend") for c in cards
        ).items())
        theme.per_question = sorted(Counter(c.round.label for c in cards).items())
    # The latest run: its progress while it runs, its failure until the next run.
    job = actions.latest_theme_job(assessment)
    return render_step(
        request, "analysis/themes.html", assessment, "themes", theme_set=theme_set, themes=themes,
        card_count=actions.assessment_cards(assessment).count(), codes=assessment.codes.all(),
        job=job if job is not None and job.status != Job.Status.DONE else None,
    )


def theme_action(view):
    """A POST that changes the themes of an MIA: shows the action's Dutch error, then the themes page."""

    @login_required
    @require_POST
    @wraps(view)
    def wrapper(request, pk, **kwargs):
        assessment = get_assessment_for(request.user, pk)
        try:
            view(request, assessment, **kwargs)
        except actions.AnalysisError as error:
            messages.error(request, str(error))
        return redirect("analysis:themes", assessment.pk)

    return wrapper


def _text(request, name: str, limit: int = 200) -> str:
    return strip_control_chars(request.POST.get(name, "")).strip()[:limit]


def _theme(assessment, theme_pk) -> Theme:
    return get_object_or_404(Theme, pk=theme_pk, theme_set=actions.require_theme_set(assessment))


def _posted_theme(request, assessment, name: str) -> Theme:
    return get_posted(Theme.objects.filter(theme_set=actions.require_theme_set(assessment)), request.POST.get(name))


def _chosen_cards(request, theme: Theme) -> list[ThemeCard]:
    ids = parse_ids(request.POST.getlist("placement"))
    return list(ThemeCard.objects.filter(theme=theme, pk__in=ids))


@theme_action
def themes_run(request, assessment):
    """Start a theme run. (When the job has already ended, e.g. with a queue that runs jobs at once,
    its outcome shows on the themes page right away.)"""
    job = actions.start_theme_run(assessment, request.user, seed=0)
    if job.status == Job.Status.DONE:
        messages.success(request, _("De kaartjes zijn in thema's verdeeld. Pas de indeling gerust aan."))


@theme_action
def theme_rename(request, assessment, theme_pk):
    theme = _theme(assessment, theme_pk)
    actions.rename_theme(theme, _text(request, "label"), strip_control_chars(request.POST.get("summary", ""))[:5000])
    messages.success(request, _("Thema opgeslagen."))


@theme_action
def theme_accept(request, assessment, theme_pk):
    actions.accept_theme_label(_theme(assessment, theme_pk))
    messages.success(request, _("De naam van het thema is goedgekeurd. Het thema staat nu in het rapport."))


@theme_action
def themes_merge(request, assessment):
    into = _posted_theme(request, assessment, "into")
    other = _posted_theme(request, assessment, "other")
    actions.merge_themes(into, [other])
    messages.success(request, _("De thema's zijn samengevoegd."))


@theme_action
def theme_move(request, assessment, theme_pk):
    theme = _theme(assessment, theme_pk)
    placements = _chosen_cards(request, theme)
    target = _posted_theme(request, assessment, "target")
    moved = actions.move_cards(placements, target)
    messages.success(request, _("%(n)d kaartje(s) verplaatst naar ‘%(theme)s’.") % {"n": moved, "theme": target.label})


@theme_action
def theme_split(request, assessment, theme_pk):
    theme = _theme(assessment, theme_pk)
    label = _text(request, "new_label") or _("Nieuw thema")
    actions.split_theme(theme, _chosen_cards(request, theme), label)
    messages.success(request, _("Nieuw thema ‘%(theme)s’ gemaakt.") % {"theme": label})


@theme_action
def theme_code(request, assessment, theme_pk):
    theme = _theme(assessment, theme_pk)
    placements = _chosen_cards(request, theme)
    code = get_posted(Code.objects.filter(assessment=assessment), request.POST.get("code"))
    coded = actions.code_cards(code, placements)
    messages.success(request, _("%(n)d kaartje(s) gecodeerd als ‘%(code)s’.") % {"n": coded, "code": code.name})


@theme_action
def code_add(request, assessment):
    actions.require_theme_set(assessment)
    code, created = actions.add_code(assessment, _text(request, "code_name", 100), _text(request, "code_description", 300))
    messages.success(request, _("Code ‘%(code)s’ toegevoegd.") % {"code": code.name} if created else _("Deze code bestaat al."))


@login_required
def themes_export(request, pk, fmt):
    """The current themes with their cards (pseudonymised) as CSV or JSON."""
    assessment = get_assessment_for(request.user, pk)
    theme_set = actions.current_theme_set(assessment)
    if theme_set is None:
        raise Http404("no themes")
    if fmt not in {"csv", "json"}:
        raise Http404("unknown format")
    rows = [
        {
            "thema": theme.label,
            "samenvatting": theme.summary,
            "rode_draad": theme.rode_draad,
            "sessie": p.card.round.session.name,
            "vraag": p.card.round.title,
            "soort": p.card.kind_label,
            "deelnemer": p.card.author_label,
            "onderwerp": p.card.topic,
            "tekst": p.card.text,
        }
        for theme in theme_set.themes.all()
        for p in theme.placements.select_related("card__participant", "card__round__session", "card__round__question")
        if p.card.is_visible
    ]
    filename = f"themas-mia-{assessment.pk}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, list(rows[0]) if rows else ["thema"], [list(row.values()) for row in rows])
    response = HttpResponse(json.dumps({"themes": rows}, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- themes in an imported file of responses -----------------------------------------------------


def _responses_page(request, assessment, form, status=200):
    analyses = list(assessment.response_analyses.defer("texts", "ids", "groups", "result")[:20])
    jobs = actions.response_jobs(analyses)
    for analysis in analyses:
        analysis.job = jobs.get(analysis.pk)
    return render_step(request, "analysis/responses.html", assessment, "themes", status=status, form=form, analyses=analyses)


@login_required
def responses(request, pk):
    """Upload a CSV/XLSX of responses; the analysis runs in the worker."""
    assessment = get_assessment_for(request.user, pk)
    return _responses_page(request, assessment, ResponseUploadForm())


@login_required
@require_POST
def responses_upload(request, pk):
    assessment = get_assessment_for(request.user, pk)
    form = ResponseUploadForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            record, _job = actions.import_responses(
                assessment, request.user, data["file"], data["text_column"], data["id_column"], data["group_column"]
            )
        except actions.AnalysisError as error:
            form.add_error(None, str(error))
        else:
            return redirect("analysis:response_job", assessment.pk, record.pk)
    return _responses_page(request, assessment, form, status=400)


@login_required
def response_job(request, pk, job_pk):
    assessment = get_assessment_for(request.user, pk)
    analysis = get_object_or_404(ResponseAnalysis.objects.defer("texts", "ids", "groups"), pk=job_pk, assessment=assessment)
    job = actions.response_job(analysis)
    if wants_json(request):
        if job is None:
            return JsonResponse({"status": Job.Status.DONE if analysis.result else Job.Status.FAILED, "percent": 100, "step": ""})
        return JsonResponse({"status": job.status, "percent": job.percent, "step": job.step})
    return render_step(
        request, "analysis/response_job.html", assessment, "themes", analysis=analysis,
        job=job if job is not None and job.status != Job.Status.DONE else None,
        themes=analysis.result.get("themes", []),
    )
