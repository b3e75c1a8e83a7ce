"""Writes of dialogue state: sessions, participants, rounds and cards.

A rule that is broken raises ``DialogueError`` with a Dutch message; the view shows it."""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from mia.assessments.models import Assessment
from mia.dialogues.models import CardSource, ConclusionCard, DialogueSession, LiveStatus, Participant, Round


class DialogueError(Exception):
    """A rule of the dialogue was broken; the message is Dutch and shown as is."""


# --- sessions ------------------------------------------------------------------------------------


def create_session(assessment: Assessment, name: str = "", **fields) -> DialogueSession:
    position = (assessment.sessions.aggregate(m=Max("position"))["m"] or 0) + 1
    fields.setdefault("round_minutes", assessment.content.round_minutes)
    session = DialogueSession.objects.create(
        assessment=assessment, name=name or _("Sessie %(n)d") % {"n": position}, position=position, **fields
    )
    ensure_rounds(session)
    return session


SESSION_FIELDS = {"name", "date", "location", "facilitator", "note_taker", "notes", "expected_participants"}


def update_session(session: DialogueSession, **fields) -> DialogueSession:
    """Change the practical details of a session (name, date, place, facilitator, note-taker, notes)."""
    unknown = set(fields) - SESSION_FIELDS
    if unknown:
        raise DialogueError(_("Deze gegevens van een sessie kunnen niet worden veranderd: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(session, name, value)
    session.save(update_fields=list(fields))
    return session


def remove_session(session: DialogueSession) -> None:
    """Typed-in or sent cards are never lost by removing a session."""
    if ConclusionCard.objects.filter(round__session=session).exists():
        raise DialogueError(_("Deze sessie heeft al kaartjes. Verwijder eerst de kaartjes."))
    if session.assessment.sessions.count() <= 1:
        raise DialogueError(_("Een MIA heeft ten minste één sessie."))
    session.delete()


def ensure_rounds(session: DialogueSession) -> list[Round]:
    """One round per chosen question, in the chosen order, then the closing round.

    Rounds of questions that were removed since are deleted only when they hold
    no cards, so typed-in cards are never lost by a later change of questions.
    """
    questions = list(session.assessment.questions.all())
    for position, question in enumerate(questions, start=1):
        Round.objects.update_or_create(session=session, question=question, defaults={"position": position})
    closing, _created = Round.objects.get_or_create(session=session, is_closing=True, defaults={"position": 99})
    if closing.position != 99:
        closing.position = 99
        closing.save(update_fields=["position"])
    session.rounds.filter(question__isnull=True, is_closing=False, cards__isnull=True).delete()
    return list(session.rounds.select_related("question"))


def sync_rounds(assessment: Assessment) -> None:
    """Keep every session's rounds in step with the chosen questions."""
    for session in assessment.sessions.all():
        ensure_rounds(session)


def on_assessment_created(sender, assessment: Assessment, **kwargs) -> None:
    """A new MIA starts with one dialogue session, ready for its participants."""
    create_session(assessment)


def on_questions_changed(sender, assessment: Assessment, **kwargs) -> None:
    sync_rounds(assessment)


def save_round_notes(round_: Round, notes: str) -> None:
    round_.notes = notes
    round_.save(update_fields=["notes"])


def record_round_times(round_: Round, *, opened_at, closed_at) -> None:
    """When a round held on paper began and ended (a live round gets its times from the facilitator's steps)."""
    if opened_at and closed_at and closed_at < opened_at:
        raise DialogueError(_("Een ronde kan niet eindigen voordat hij begint."))
    round_.opened_at, round_.closed_at = opened_at, closed_at
    round_.save(update_fields=["opened_at", "closed_at"])


# --- participants --------------------------------------------------------------------------------


@transaction.atomic
def add_participant(session: DialogueSession, *, name: str, perspective: str, groups=(), **fields) -> Participant:
    if perspective and perspective not in dict(session.assessment.content.perspective_choices):
        raise DialogueError(_("Kies een perspectief uit de lijst."))
    number = (Participant.objects.filter(session__assessment=session.assessment).aggregate(m=Max("number"))["m"] or 0) + 1
    participant = Participant.objects.create(
        session=session, number=number, name=name, perspective=perspective, **fields
    )
    participant.groups.set(groups)
    return participant


def remove_participant(participant: Participant) -> None:
    """The person's cards stay, without a link to them (the dialogue's results depend on them)."""
    participant.delete()


# --- cards ---------------------------------------------------------------------------------------


def save_card(
    round_: Round,
    *,
    participant: Participant | None,
    kind: str,
    text: str,
    topic: str = "",
    client_id: uuid.UUID | None = None,
    source: str = CardSource.PAPIER,
) -> ConclusionCard:
    """Create or update a card. With a ``client_id`` a retried submission updates the same card."""
    if kind not in round_.card_kinds:
        raise DialogueError(_("Deze soort kaartje hoort niet bij deze ronde."))
    if participant is not None and participant.session_id != round_.session_id:
        raise DialogueError(_("Kies een deelnemer uit deze sessie."))
    client_id = client_id or uuid.uuid4()
    defaults = {"round": round_, "participant": participant, "kind": kind, "text": text, "topic": topic, "source": source}
    try:
        with transaction.atomic():
            card, _created = ConclusionCard.objects.update_or_create(client_id=client_id, defaults=defaults)
    except IntegrityError:
        # Two identical retries raced; the other one created it.
        card = ConclusionCard.objects.get(client_id=client_id)
    return card


def delete_card(card: ConclusionCard) -> None:
    with transaction.atomic():
        session_pk = card.round.session_id
        card.delete()
        # A deleted card cannot be listed among the wall's removed cards: a new version makes an
        # open facilitator screen reload its wall (the phones' watchers read versions every few s).
        DialogueSession.objects.filter(pk=session_pk, live_status=LiveStatus.LIVE).update(
            live_version=F("live_version") + 1
        )
