"""Every write of the reports app: the report's status and version, the transcripts, the report files
the job queue makes and the uploads it imports."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.assessments.models import Assessment
from mia.dialogues.models import DialogueSession
from mia.reports.models import ImportUpload, ReportFile, ReportState, ReportStatus, Transcript, TranscriptSource
from mia.reports.pseudonymise import Person, pseudonymise


class ReportError(Exception):
    """A rule of the report was broken; the message is shown as it is (Dutch)."""


def report_state(assessment: Assessment) -> ReportState:
    """The report's state, unsaved (version 1, concept) when nobody has set it yet. Reads only."""
    # A query each time, not the cached reverse accessor: the actions save other instances.
    return ReportState.objects.filter(assessment=assessment).first() or ReportState(assessment_id=assessment.pk)


@transaction.atomic
def set_report_status(assessment: Assessment, status: str, user) -> ReportState:
    """"definitief": the kernteam hands the report on as it is now. Back to "concept" starts the
    next version, so a definitive version is never changed under its number."""
    if status not in ReportStatus.values:
        raise ReportError(_("Kies ‘concept’ of ‘definitief’."))
    state, _created = ReportState.objects.select_for_update().get_or_create(assessment_id=assessment.pk)
    if state.status == status:
        raise ReportError(_("Het rapport is al definitief.") if status == ReportStatus.FINAL else _("Het rapport is al een concept."))
    if status == ReportStatus.FINAL:
        if assessment.impact_suspected is None:
            raise ReportError(_("Neem eerst in stap 1 het besluit of de MIA verder gaat. Dan kan het rapport definitief worden."))
        state.status, state.finalised_at, state.finalised_by = status, timezone.now(), user
        state.finalised_by_name = (user.get_full_name() or user.username)[:200] if user else ""
    else:
        state.status, state.version = status, state.version + 1
        state.finalised_at, state.finalised_by, state.finalised_by_name = None, None, ""
    state.save()
    return state


@transaction.atomic
def set_key_action(assessment: Assessment, action_id: int | None) -> ReportState:
    """The follow-up step the first page names first (None: the first by date)."""
    action = None
    if action_id is not None:
        action = assessment.actions.filter(pk=action_id).first()
        if action is None:
            raise ReportError(_("Kies een vervolgstap van deze MIA."))
    state, _created = ReportState.objects.select_for_update().get_or_create(assessment_id=assessment.pk)
    state.key_action = action
    state.save(update_fields=["key_action", "updated_at"])
    return state


# An erased or unnamed participant is called "Deelnemer 3": that is already a pseudonym, not a name.
PSEUDONYM_LIKE = re.compile(r"^\s*deelnemer\s*\d*\s*$", re.IGNORECASE)


def people_of(session: DialogueSession) -> list[Person]:
    """The session's participants as the pseudonymiser needs them: names and contact, and pseudonym."""
    return [
        Person(p.pseudonym, names=[n for n in (p.name, p.display_name) if n and not PSEUDONYM_LIKE.match(n)],
               contacts=[p.contact] if p.contact else [])
        for p in session.participants.all()
    ]


@transaction.atomic
def save_transcript(session: DialogueSession, text: str, user, *, source: str = TranscriptSource.TYPED,
                    file_name: str = "") -> Transcript:
    """Keep the transcript pseudonymised: the text as uploaded (with names) is never stored."""
    if not text.strip():
        raise ReportError(_("Het transcript is leeg."))
    clean, replaced = pseudonymise(text, people_of(session))
    transcript, _created = Transcript.objects.update_or_create(
        session=session,
        defaults={"text": clean, "source": source, "file_name": file_name[:255], "replacements": replaced,
                  "updated_by": user},
    )
    return transcript


def delete_transcript(session: DialogueSession) -> bool:
    deleted, _details = Transcript.objects.filter(session=session).delete()
    return bool(deleted)


def store_report_file(assessment: Assessment, *, fmt: str, filename: str, content: bytes, user=None) -> ReportFile:
    """Keep a report the job queue made, for its download link (one short transaction)."""
    with transaction.atomic():
        return ReportFile.objects.create(assessment=assessment, format=fmt, filename=filename[:255], content=content,
                                         created_by=user)


def store_import_upload(user, *, filename: str, data: bytes) -> ImportUpload:
    """Keep an uploaded MIA file until the import job has read it."""
    with transaction.atomic():
        return ImportUpload.objects.create(created_by=user, filename=filename[:255], data=data)


def drop_import_upload(upload_id) -> None:
    """The import job is done with the file (imported, or refused): its personal data goes."""
    ImportUpload.objects.filter(pk=upload_id).delete()
