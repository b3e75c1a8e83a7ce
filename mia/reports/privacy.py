"""Personal data in the reports app: the transcripts.

A transcript is stored pseudonymised, but it is a word-for-word record of what people said
and may name people MIA does not know; it goes with the participants' personal data when
the retention period of a closed MIA ends. ``ReportState.finalised_by_name`` names a
kernteam member (a staff account), kept with the report it describes.

The job queue's copies: a ``ReportFile`` (a large MIA's PDF or DOCX) is deleted after
``REPORT_FILE_DAYS``; an ``ImportUpload`` (an uploaded MIA file, which may carry names and contact
data) is deleted by the import job when it is done, and by ``apply_retention`` after
``IMPORT_UPLOAD_DAYS`` if a job never finished with it.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from mia.reports.models import ImportUpload, ReportFile, Transcript

REPORT_FILE_DAYS = 7
IMPORT_UPLOAD_DAYS = 1


def transcript_data(session) -> dict | None:
    """The transcript of one session, for an access request."""
    transcript = Transcript.objects.filter(session=session).first()
    if transcript is None:
        return None
    return {"sessie": session.name, "transcript": transcript.text, "bijgewerkt_op": transcript.updated_at.isoformat()}


def delete_transcripts_of(assessments) -> int:
    """Delete the transcripts of these MIAs (retention); returns how many."""
    deleted, _details = Transcript.objects.filter(session__assessment__in=assessments).delete()
    return deleted


def apply_retention(now=None) -> dict:
    """Delete the job queue's report files after a week and uploads a job left behind after a day."""
    now = now or timezone.now()
    files, _kinds = ReportFile.objects.filter(created_at__lt=now - timedelta(days=REPORT_FILE_DAYS)).delete()
    uploads, _kinds = ImportUpload.objects.filter(created_at__lt=now - timedelta(days=IMPORT_UPLOAD_DAYS)).delete()
    return {"report_files": files, "import_uploads": uploads}
