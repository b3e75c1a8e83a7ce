"""The report's files, from one assessment: for a request, the command line or a job of the queue.

Each builds the context once (``mia.reports.context.report_context``, read-only) and renders it;
a job that makes a large MIA's PDF calls ``report_file_bytes(assessment, "pdf", progress=...)``
outside any transaction, with the same time and memory limits as a request.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Sum
from django.db.models.functions import Length
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from mia.core.pdf_process import render_pdf_limited
from mia.dialogues.queries import assessment_cards
from mia.reports.context import BRIEF, FULL, TRANSCRIPT, report_context
from mia.reports.docx_report import build_docx
from mia.reports.models import Transcript

# Above this many cards (printed in the "verslag" and "transcript" forms) the file is made by the job
# queue. Measured with bench/report_export.py (SQLite, 2 shared cores, load average 5):
#   PDF:  200 cards 6.0 s, 1,000 cards 7.8 s, 3,000 cards 19.3 s (the first seconds are WeasyPrint's
#         start in its child process);
#   DOCX: 200 cards 2.0 s, 1,000 cards 2.8 s, 3,000 cards 4.0 s, 10,000 cards 22 s.
# Beyond these a request would wait longer than a person waits for a download.
INLINE_REPORT_CARDS = {"pdf": 1_000, "docx": 3_000}
# The transcripts of the "transcript" form: 200,000 characters are about 60 printed pages, more text
# than 1,000 cards (not measured apart; a transcript is one long paragraph per turn).
INLINE_TRANSCRIPT_CHARS = 200_000

Progress = Callable[[float, str], None]


def report_filename(assessment, extension: str) -> str:
    return f"mia-{assessment.pk}-{slugify(assessment.title)[:50] or 'rapport'}.{extension}"


def report_print_html(assessment, context: dict | None = None) -> str:
    return render_to_string("reports/report_print.html", context or report_context(assessment))


def report_pdf_bytes(assessment) -> bytes:
    """Tagged PDF/UA, A4, headings as bookmarks, page numbers. Laid out in a child process with a time
    and memory limit (raises ``mia.core.pdf_process.DocumentTooLarge`` with a Dutch message)."""
    return render_pdf_limited(report_print_html(assessment))


def report_docx_bytes(assessment) -> bytes:
    """A4 DOCX with header, footer page numbers, the chart as a picture and the organisation as author."""
    return build_docx(report_context(assessment))


def report_file_bytes(assessment, fmt: str, *, progress: Progress | None = None) -> bytes:
    """The PDF or DOCX as ``report_pdf_bytes`` / ``report_docx_bytes`` make it, telling ``progress``
    how far it is (for a job's page). Raises ``DocumentTooLarge`` as they do."""
    progress = progress or (lambda fraction, step: None)
    progress(0.05, _("Gegevens van de MIA verzamelen"))
    context = report_context(assessment)
    if fmt == "docx":
        progress(0.4, _("Word-bestand opmaken"))
        return build_docx(context)
    html = report_print_html(assessment, context)
    progress(0.3, _("PDF opmaken"))
    return render_pdf_limited(html)


def report_is_large(assessment, fmt: str = "pdf") -> bool:
    """Whether the report's PDF (or DOCX) is made by the job queue rather than in the request."""
    form = assessment.report_form if assessment.report_form in (BRIEF, FULL, TRANSCRIPT) else FULL
    if form == BRIEF:
        return False  # counts per question only: the cards' texts are not printed
    if assessment_cards(assessment).count() > INLINE_REPORT_CARDS[fmt]:
        return True
    if form == TRANSCRIPT:
        chars = Transcript.objects.filter(session__assessment=assessment).aggregate(n=Sum(Length("text")))["n"] or 0
        return chars > INLINE_TRANSCRIPT_CHARS
    return False
