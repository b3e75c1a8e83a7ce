"""The report (HTML, PDF, DOCX), the cards as CSV, and JSON export/import."""

from __future__ import annotations

import json

import rules
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mia.assessments.access import get_assessment_for
from mia.assessments.forms import ImportForm
from mia.core.documents import render_pdf
from mia.core.exports import csv_response
from mia.core.views import bound
from mia.dialogues.queries import assessment_cards
from mia.reports import exchange
from mia.reports.context import report_context
from mia.reports.docx_report import build_docx
from mia.reports.exchange import ImportFailed, export_assessment, read_import_file


def _filename(assessment, extension: str) -> str:
    return f"mia-{assessment.pk}-{slugify(assessment.title)[:50] or 'rapport'}.{extension}"


def _attachment(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def report(request, pk):
    assessment = get_assessment_for(request.user, pk, "assessments.view_report")
    can_edit = rules.has_perm("assessments.change_assessment", request.user, assessment)
    context = {**report_context(assessment), "hide_nav": not can_edit, "can_edit": can_edit, "page": "report"}
    return render(request, "reports/report.html", context)


def report_pdf_bytes(assessment) -> bytes:
    return render_pdf(render_to_string("reports/report_print.html", report_context(assessment)))


@login_required
def report_pdf(request, pk):
    assessment = get_assessment_for(request.user, pk, "assessments.view_report")
    return _attachment(report_pdf_bytes(assessment), "application/pdf", _filename(assessment, "pdf"))


@login_required
def report_docx(request, pk):
    assessment = get_assessment_for(request.user, pk, "assessments.view_report")
    return _attachment(
        build_docx(report_context(assessment)),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _filename(assessment, "docx"),
    )


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


@login_required
def import_view(request):
    if not request.user.has_perm("assessments.add_assessment"):
        raise PermissionDenied
    form = ImportForm(*bound(request, files=True))
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > settings.MIA_MAX_IMPORT_BYTES:
                raise ImportFailed(
                    _("Dit bestand is te groot (hoogstens %(mb)d MB).") % {"mb": settings.MIA_MAX_IMPORT_BYTES // 1_000_000}
                )
            assessment = exchange.import_assessment(read_import_file(upload.read()), request.user)
        except ImportFailed as error:
            form.add_error("file", str(error))
        else:
            messages.success(request, _("De MIA is geïmporteerd."))
            return redirect("assessments:detail", assessment.pk)
    return render(request, "reports/import.html", {"form": form}, status=400 if form.errors else 200)

