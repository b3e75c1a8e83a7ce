"""The report (HTML, PDF, DOCX), its status and transcripts, the cards as CSV, and JSON export/import."""

from __future__ import annotations

import json

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mia.assessments.access import get_assessment_for
from mia.assessments.forms import ImportForm
from mia.core.exports import csv_response
from mia.core.pdf_process import DocumentTooLarge
from mia.core.views import bound
from mia.dialogues.queries import assessment_cards
from mia.jobs.actions import active_job, start_job
from mia.jobs.models import Job
from mia.reports import actions, exchange, tasks
from mia.reports.actions import ReportError
from mia.reports.context import report_context
from mia.reports.exchange import ImportFailed, export_assessment, read_import_file
from mia.reports.forms import TranscriptForm
from mia.reports.models import ReportFile, ReportStatus, Transcript, TranscriptSource
from mia.reports.render import report_docx_bytes, report_filename, report_is_large, report_pdf_bytes
from mia.reports.transcripts import TranscriptError, read_typed, read_upload


def _filename(assessment, extension: str) -> str:
    return report_filename(assessment, extension)


def _attachment(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def report(request, pk):
    assessment = get_assessment_for(request.user, pk, "assessments.view_report")
    can_edit = rules.has_perm("assessments.change_assessment", request.user, assessment)
    context = {
        **report_context(assessment), "hide_nav": not can_edit, "can_edit": can_edit, "page": "report",
        "can_set_status": rules.has_perm("reports.set_status", request.user, assessment),
        "statuses": ReportStatus,
    }
    return render(request, "reports/report.html", context)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"pdf": "application/pdf", "docx": DOCX}


def _large_report_page(request, assessment, fmt: str):
    """A large MIA's file is made by the job queue: this page's button (POST) starts the job."""
    return render(request, "reports/report_job.html", {
        "assessment": assessment, "fmt": fmt, "page": "report",
        "hide_nav": not rules.has_perm("assessments.change_assessment", request.user, assessment),
        "label": _("PDF") if fmt == "pdf" else _("Word-bestand"),
        "running": active_job(tasks.REPORT_PDF if fmt == "pdf" else tasks.REPORT_DOCX, tasks.report_subject(assessment)),
    })


@login_required
def report_pdf(request, pk):
    assessment = get_assessment_for(request.user, pk, "assessments.view_report")
    if report_is_large(assessment, "pdf"):
        return _large_report_page(request, assessment, "pdf")
    try:
        pdf = report_pdf_bytes(assessment)
    except DocumentTooLarge as error:
        messages.error(request, str(error))
        return redirect("reports:report", assessment.pk)
    return _attachment(pdf, "application/pdf", _filename(assessment, "pdf"))


@login_required
def report_docx(request, pk):
    assessment = get_assessment_for(request.user, pk, "assessments.view_report")
    if report_is_large(assessment, "docx"):
        return _large_report_page(request, assessment, "docx")
    return _attachment(report_docx_bytes(assessment), DOCX, _filename(assessment, "docx"))


def _report_job(request, pk, fmt: str):
    assessment = get_assessment_for(request.user, pk, "assessments.view_report")
    kind, subject = (tasks.REPORT_PDF if fmt == "pdf" else tasks.REPORT_DOCX), tasks.report_subject(assessment)
    job = active_job(kind, subject) or start_job(
        kind, subject=subject, user=request.user,
        params={"assessment": assessment.pk, "back_url": reverse("reports:report", args=[assessment.pk])},
    )
    job.refresh_from_db()
    if job.status == Job.Status.DONE and job.result.get("url"):
        return redirect(job.result["url"])  # the immediate queue (tests, one-off scripts): done at once
    return redirect("jobs:detail", job.pk)


@login_required
@require_POST
def report_pdf_job(request, pk):
    return _report_job(request, pk, "pdf")


@login_required
@require_POST
def report_docx_job(request, pk):
    return _report_job(request, pk, "docx")


@login_required
def report_file(request, pk, file_pk):
    """A report file the job queue made; whoever may read the report may download it."""
    assessment = get_assessment_for(request.user, pk, "assessments.view_report")
    stored = get_object_or_404(ReportFile, pk=file_pk, assessment=assessment)
    return _attachment(bytes(stored.content), CONTENT_TYPES.get(stored.format, "application/octet-stream"), stored.filename)


@login_required
@require_POST
def set_status(request, pk):
    assessment = get_assessment_for(request.user, pk, "reports.set_status")
    try:
        state = actions.set_report_status(assessment, request.POST.get("status", ""), request.user)
    except ReportError as error:
        messages.error(request, str(error))
    else:
        if state.status == ReportStatus.FINAL:
            messages.success(request, _("Het rapport is definitief (versie %(v)d).") % {"v": state.version})
        else:
            messages.success(request, _("Het rapport is weer een concept: versie %(v)d.") % {"v": state.version})
    return redirect("reports:report", assessment.pk)


@login_required
@require_POST
def set_key_action(request, pk):
    assessment = get_assessment_for(request.user, pk, "reports.set_status")
    raw = request.POST.get("action", "").strip()
    try:
        # "" = no choice (the first by date); anything not a number is no action of this MIA.
        actions.set_key_action(assessment, None if raw == "" else int(raw) if raw.isdigit() and len(raw) < 12 else 0)
    except ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("De eerste pagina is bijgewerkt."))
    return redirect("reports:report", assessment.pk)


def _transcripts_page(request, assessment, *, forms=None, status=200):
    existing = {t.session_id: t for t in Transcript.objects.filter(session__assessment=assessment)}
    sessions = []
    for session in assessment.sessions.prefetch_related("participants"):
        transcript = existing.get(session.pk)
        form = (forms or {}).get(session.pk) or TranscriptForm(prefix=f"s{session.pk}")
        withdrawn = transcript is not None and any(
            p.consent_refused_at and p.consent_refused_at > transcript.updated_at for p in session.participants.all()
        )
        sessions.append({"session": session, "transcript": transcript, "form": form, "withdrawn": withdrawn})
    return render(request, "reports/transcripts.html", {
        "assessment": assessment, "sessions": sessions, "page": "report",
        "report_form": assessment.report_form,
    }, status=status)


@login_required
def transcripts(request, pk):
    assessment = get_assessment_for(request.user, pk, "reports.change_transcript")
    return _transcripts_page(request, assessment)


@login_required
@require_POST
def transcript_save(request, pk, session_pk):
    assessment = get_assessment_for(request.user, pk, "reports.change_transcript")
    session = get_object_or_404(assessment.sessions, pk=session_pk)
    form = TranscriptForm(request.POST, request.FILES, prefix=f"s{session.pk}")
    if form.is_valid():
        upload, typed = form.cleaned_data["file"], form.cleaned_data["text"]
        try:
            read = read_upload(upload) if upload else read_typed(typed)
            transcript = actions.save_transcript(
                session, read.text, request.user,
                source=TranscriptSource.UPLOAD if upload else TranscriptSource.TYPED,
                file_name=upload.name if upload else "",
            )
        except (TranscriptError, ReportError) as error:
            form.add_error("file" if upload else "text", str(error))
        else:
            for warning in read.warnings:
                messages.warning(request, warning)
            messages.success(request, _(
                "Het transcript van %(session)s is opgeslagen. MIA verving %(n)d namen en contactgegevens door ‘Deelnemer’ "
                "met een nummer. Lees het na op andere namen."
            ) % {"session": session.name, "n": transcript.replacements})
            return redirect(reverse("reports:transcripts", args=[assessment.pk]) + f"#sessie-{session.pk}")
    return _transcripts_page(request, assessment, forms={session.pk: form}, status=400)


@login_required
@require_POST
def transcript_delete(request, pk, session_pk):
    assessment = get_assessment_for(request.user, pk, "reports.change_transcript")
    session = get_object_or_404(assessment.sessions, pk=session_pk)
    if actions.delete_transcript(session):
        messages.success(request, _("Het transcript van %(session)s is verwijderd.") % {"session": session.name})
    return redirect("reports:transcripts", assessment.pk)


@login_required
def export_json(request, pk):
    assessment = get_assessment_for(request.user, pk)
    personal = request.GET.get("persoonsgegevens") == "1"
    data = export_assessment(assessment, personal_data=personal)
    return _attachment(
        json.dumps(data, ensure_ascii=False, indent=2), "application/json; charset=utf-8", _filename(assessment, "json")
    )


@login_required
def cards_csv(request, pk):
    assessment = get_assessment_for(request.user, pk)
    rows = (
        [card.round.session.name, card.round.title, card.kind_label, card.author_label, card.topic, card.text,
         card.get_source_display()]
        for card in assessment_cards(assessment)
    )
    return csv_response(_filename(assessment, "csv"), ["sessie", "vraag", "soort", "deelnemer", "onderwerp", "tekst", "bron"], rows)


# Above this size an uploaded MIA file is imported by the job queue. Measured with
# bench/report_export.py (SQLite, load average 6): a file of 1.25 MB (4,000 cards) imports in about
# 1.5 s, one of 3 MB (10,000 cards) in 2.5 to 6 s; an MIA file holds about 300 bytes per card.
INLINE_IMPORT_BYTES = 1_000_000


@login_required
def import_view(request):
    if not rules.has_perm("assessments.add_assessment", request.user):
        raise PermissionDenied
    form = ImportForm(*bound(request, files=True))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        limit = settings.MIA_MAX_ASSESSMENT_IMPORT_BYTES
        try:
            if upload.size > limit:
                raise ImportFailed(_("Dit bestand is te groot (hoogstens %(mb)d MB).") % {"mb": limit // 1_000_000})
            if upload.size > INLINE_IMPORT_BYTES:
                # Large: the job queue reads and imports it, as this user; the page shows how far it is.
                stored = actions.store_import_upload(request.user, filename=upload.name or "", data=upload.read())
                job = start_job(tasks.IMPORT, subject=f"reports.import:{stored.pk}", user=request.user,
                                params={"upload": stored.pk, "back_url": reverse("reports:import")})
                return redirect("jobs:detail", job.pk)
            assessment = exchange.import_assessment(read_import_file(upload.read()), request.user)
        except ImportFailed as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("De MIA is geïmporteerd."))
            return redirect("assessments:detail", assessment.pk)
    return render(request, "reports/import.html", {"form": form}, status=400 if form.errors else 200)
