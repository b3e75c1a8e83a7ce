"""Personal data in the reports app: the transcripts.

A transcript is stored pseudonymised, but it is a word-for-word record of what people said
and may name people MIA does not know; it goes with the participants' personal data when
the retention period of a closed MIA ends. ``ReportState.finalised_by_name`` names a
kernteam member (a staff account), kept with the report it describes.
"""

from __future__ import annotations

from mia.reports.models import Transcript


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
