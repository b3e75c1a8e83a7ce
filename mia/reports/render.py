"""The report's files, from one assessment: for a request, the command line or a job of the queue.

Each builds the context once (``mia.reports.context.report_context``, read-only) and renders it;
a job that makes a large MIA's PDF calls ``report_pdf_bytes(assessment)`` outside any transaction.
"""

from __future__ import annotations

from django.template.loader import render_to_string

from mia.core.documents import render_pdf
from mia.reports.context import report_context
from mia.reports.docx_report import build_docx


def report_print_html(assessment) -> str:
    return render_to_string("reports/report_print.html", report_context(assessment))


def report_pdf_bytes(assessment) -> bytes:
    """Tagged PDF/UA, A4, headings as bookmarks, page numbers."""
    return render_pdf(report_print_html(assessment))


def report_docx_bytes(assessment) -> bytes:
    """A4 DOCX with header, footer page numbers, the chart as a picture and the organisation as author."""
    return build_docx(report_context(assessment))
