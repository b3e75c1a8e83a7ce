from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mia.analysis import actions
from mia.analysis.models import Code, Theme, ThemeCard
from mia.analysis.readability import check_text
from mia.analysis.themes import ThemeInputError
from mia.assessments.access import get_assessment_for
from mia.assessments.pages import render_step
from mia.core.exports import neutralise_formula
from mia.core.forms import strip_control_chars
from mia.core.lookup import get_posted
from mia.core.views import wants_json

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


def _label(request, name: str = "label") -> str:
    return strip_control_chars(request.POST.get(name, "")).strip()[:200]


@login_required
def themes(request, pk):
    """Themes in the cards of an MIA: run, then rename, merge, split and move as the analyst sees fit."""
    assessment = get_assessment_for(request.user, pk)
    theme_set = actions.current_theme_set(assessment)
    if request.method == "POST":
        response = _theme_action(request, assessment, theme_set)
        return response or redirect(request.path)
    themes = list(theme_set.themes.prefetch_related(
        "placements__card__participant", "placements__card__round__session", "placements__card__codes"
    )) if theme_set else []
    for theme in themes:
        cards = [p.card for p in theme.placements.all()]
        theme.cards = cards
        # Lists, not Counters: a template's ``.items`` on a Counter looks up the key "items".
        theme.spread = sorted(Counter(c.round.session.name for c in cards).items())
        theme.per_perspective = sorted(Counter(
            c.participant.perspective_label if c.participant else _("onbekend") for c in cards
        ).items())
        theme.per_question = sorted(Counter(c.round.label for c in cards).items())
    return render_step(
        request, "analysis/themes.html", assessment, "themes", theme_set=theme_set, themes=themes,
        card_count=actions.assessment_cards(assessment).count(), codes=assessment.codes.all(),
    )


def _theme_action(request, assessment, theme_set):
    action = request.POST.get("action")
    if action == "run":
        try:
            actions.run_themes(assessment, request.user, seed=0)
        except ThemeInputError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("De kaartjes zijn in thema's verdeeld. Pas de indeling gerust aan."))
        return None
    if theme_set is None:
        messages.error(request, _("Maak eerst een thema-indeling."))
        return None
    in_set = Theme.objects.filter(theme_set=theme_set)
    if action == "rename":
        theme = get_posted(in_set, request.POST.get("theme"))
        label = _label(request)
        if not label:
            messages.error(request, _("Een thema heeft een naam nodig."))
            return None
        actions.rename_theme(theme, label, strip_control_chars(request.POST.get("summary", ""))[:5000])
        messages.success(request, _("Thema opgeslagen."))
    elif action == "merge":
        into = get_posted(in_set, request.POST.get("into"))
        other = get_posted(in_set, request.POST.get("other"))
        if into == other:
            messages.error(request, _("Kies twee verschillende thema's om samen te voegen."))
            return None
        actions.merge_themes(into, [other])
        messages.success(request, _("De thema's zijn samengevoegd."))
    elif action == "add-code":
        name = _label(request, "code_name")[:100]
        if not name:
            messages.error(request, _("Een code heeft een naam nodig."))
            return None
        code, created = Code.objects.get_or_create(
            assessment=assessment, name=name, defaults={"description": _label(request, "code_description")[:300]}
        )
        messages.success(request, _("Code ‘%(code)s’ toegevoegd.") % {"code": code.name} if created else _("Deze code bestaat al."))
    elif action in {"move", "split", "code"}:
        theme = get_posted(in_set, request.POST.get("theme"))
        ids = [int(i) for i in request.POST.getlist("placement") if i.isdigit()]
        placements = list(ThemeCard.objects.filter(theme=theme, pk__in=ids))
        if not placements:
            messages.error(request, _("Kies eerst een of meer kaartjes."))
            return None
        if action == "code":
            code = get_posted(Code.objects.filter(assessment=assessment), request.POST.get("code"))
            code.cards.add(*[p.card_id for p in placements])
            messages.success(request, _("%(n)d kaartje(s) gecodeerd als ‘%(code)s’.") % {"n": len(placements), "code": code.name})
        elif action == "move":
            target = get_posted(in_set, request.POST.get("target"))
            for placement in placements:
                actions.move_card(placement, target)
            messages.success(request, _("%(n)d kaartje(s) verplaatst naar ‘%(theme)s’.") % {"n": len(placements), "theme": target.label})
        else:
            label = _label(request, "new_label") or _("Nieuw thema")
            actions.split_theme(theme, placements, label)
            messages.success(request, _("Nieuw thema ‘%(theme)s’ gemaakt.") % {"theme": label})
    else:
        messages.error(request, _("Deze actie kennen we niet."))
    return None


@login_required
def themes_export(request, pk, fmt):
    """The current themes with their cards (pseudonymised) as CSV or JSON."""
    import csv
    import json

    from django.http import Http404, HttpResponse


    assessment = get_assessment_for(request.user, pk)
    theme_set = actions.current_theme_set(assessment)
    if theme_set is None:
        raise Http404("no themes")
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
    ]
    if fmt not in {"csv", "json"}:
        raise Http404("unknown format")
    if fmt == "json":
        response = HttpResponse(json.dumps({"themes": rows}, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow(list(rows[0]) if rows else ["thema"])
        for row in rows:
            writer.writerow([neutralise_formula(str(v)) for v in row.values()])
    response["Content-Disposition"] = f'attachment; filename="themas-mia-{assessment.pk}.{fmt}"'
    return response


MAX_RESPONSE_FILE_BYTES = 50 * 1024 * 1024


@login_required
def responses(request, pk):
    """Upload a CSV/XLSX of responses; the analysis runs in the background."""
    import tempfile
    from pathlib import Path

    from mia.analysis import jobs
    from mia.analysis.forms import ResponseUploadForm
    from mia.analysis.models import ResponseAnalysis
    from mia.analysis.themes.tables import read_table
    from mia.core.views import bound

    assessment = get_assessment_for(request.user, pk)
    form = ResponseUploadForm(*bound(request, files=True))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower() or ".csv"
        try:
            if upload.size > MAX_RESPONSE_FILE_BYTES:
                raise ThemeInputError(_("Dit bestand is te groot (hoogstens 50 MB)."))
            with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
                for chunk in upload.chunks():
                    tmp.write(chunk)
                tmp.flush()
                groups = [form.cleaned_data["group_column"]] if form.cleaned_data["group_column"] else []
                table = read_table(tmp.name, form.cleaned_data["text_column"], form.cleaned_data["id_column"] or None, groups)
        except ThemeInputError as error:
            form.add_error(None, str(error))
        else:
            job = ResponseAnalysis.objects.create(
                assessment=assessment, created_by=request.user, file_name=upload.name[:255],
                text_column=form.cleaned_data["text_column"], texts=table.texts, ids=table.ids, groups=table.groups,
            )
            jobs.start(job)
            return redirect("analysis:response_job", assessment.pk, job.pk)
    return render_step(
        request, "analysis/responses.html", assessment, "themes", status=400 if form.errors else 200,
        form=form, jobs=assessment.response_analyses.defer("texts", "ids", "groups", "result")[:20],
    )


@login_required
def response_job(request, pk, job_pk):
    from django.shortcuts import get_object_or_404

    from mia.analysis.models import ResponseAnalysis

    assessment = get_assessment_for(request.user, pk)
    job = get_object_or_404(ResponseAnalysis.objects.defer("texts", "ids", "groups"), pk=job_pk, assessment=assessment)
    running = job.status in {ResponseAnalysis.Status.QUEUED, ResponseAnalysis.Status.RUNNING}
    if wants_json(request):
        return JsonResponse({"status": job.status, "percent": round(job.progress * 100), "step": job.step})
    return render_step(
        request, "analysis/response_job.html", assessment, "themes", job=job, running=running,
        percent=round(job.progress * 100), themes=job.result.get("themes", []),
    )
