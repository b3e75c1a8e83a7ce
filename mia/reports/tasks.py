"""The reports app's long work on the job queue (issue 11, items 10 and 18): the PDF (and DOCX) of a
large MIA's report, and the import of a large MIA file.

The handlers compute outside any transaction and write in short ones of their own (the report file;
the import's card batches). A job acts for the user who started it (``job.created_by``): the report
job checks that they may still read the report, the import job that they may still start an MIA,
and links only them to the imported MIA (``exchange.import_assessment``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from mia.assessments.models import Assessment
from mia.core.pdf_process import DocumentTooLarge
from mia.jobs.registry import JobFailed, register
from mia.reports import actions, exchange
from mia.reports.models import ImportUpload
from mia.reports.render import report_file_bytes, report_filename

REPORT_PDF = "reports.report_pdf"
REPORT_DOCX = "reports.report_docx"
IMPORT = "reports.import_assessment"


def report_subject(assessment) -> str:
    return f"assessment:{assessment.pk}"


def _assessment(job):
    return Assessment.objects.select_related("content_version", "organisation").filter(pk=job.params.get("assessment")).first()


def _may_view_report(user, job) -> bool:
    assessment = _assessment(job)
    return assessment is not None and user.has_perm("assessments.view_report", assessment)


def _report_file(context, fmt: str) -> dict:
    assessment = _assessment(context.job)
    if assessment is None:
        raise JobFailed(_("Deze MIA bestaat niet meer."))
    user = context.job.created_by
    if user is None or not user.is_active or not user.has_perm("assessments.view_report", assessment):
        raise JobFailed(_("U mag het rapport van deze MIA niet (meer) inzien."))
    try:
        content = report_file_bytes(assessment, fmt, progress=context.progress)
    except DocumentTooLarge as error:
        raise JobFailed(str(error)) from None
    context.progress(0.9, _("Bestand opslaan"))
    stored = actions.store_report_file(assessment, fmt=fmt, filename=report_filename(assessment, fmt), content=content, user=user)
    return {"file": stored.pk, "url": reverse("reports:file", args=[assessment.pk, stored.pk])}


@register(REPORT_PDF, label="Rapport als PDF", may_view=_may_view_report)
def report_pdf(context) -> dict:
    return _report_file(context, "pdf")


@register(REPORT_DOCX, label="Rapport als Word-bestand", may_view=_may_view_report)
def report_docx(context) -> dict:
    return _report_file(context, "docx")


def _may_view_import(user, job) -> bool:
    # The file and the new MIA are the importing user's: nobody else sees the job.
    return user.is_authenticated and job.created_by_id == user.pk


# One attempt: a worker that died halfway may have written part of the cards; starting again on its
# own would import the MIA twice. The user sees "onderbroken" and may start it again.
@register(IMPORT, label="MIA importeren", may_view=_may_view_import, max_attempts=1)
def import_assessment(context) -> dict:
    upload = ImportUpload.objects.filter(pk=context.params.get("upload")).first()
    if upload is None:
        raise JobFailed(_(
            "Het bestand is niet meer bewaard: MIA verwijdert het na het importeren, of na een dag. "
            "Kies het bestand opnieuw bij ‘MIA importeren’."
        ))
    user = context.job.created_by
    if user is None or not user.is_active or upload.created_by_id != user.pk or not user.has_perm("assessments.add_assessment"):
        actions.drop_import_upload(upload.pk)
        raise JobFailed(_("U mag geen MIA importeren."))
    context.progress(0.05, _("Bestand lezen"))
    try:
        data = exchange.read_import_file(bytes(upload.data))
        assessment = exchange.import_assessment(data, user, progress=context.progress)
    except exchange.ImportFailed as error:
        actions.drop_import_upload(upload.pk)  # a refused file is not read again: its data goes now
        raise JobFailed(str(error)) from None
    # An unexpected crash keeps the file for "Opnieuw proberen"; retention deletes it after a day.
    actions.drop_import_upload(upload.pk)
    return {"assessment": assessment.pk, "url": reverse("assessments:detail", args=[assessment.pk])}
