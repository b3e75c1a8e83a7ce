"""Writes of dialogue state: sessions, participants, rounds and cards."""

from __future__ import annotations

import uuid

from django.db import IntegrityError, transaction
from django.db.models import Max

from mia.assessments.models import Assessment
from mia.dialogues.models import CardKind, CardSource, ConclusionCard, DialogueSession, Participant, Round


def create_session(assessment: Assessment, name: str = "", **fields) -> DialogueSession:
    position = (assessment.sessions.aggregate(m=Max("position"))["m"] or 0) + 1
    session = DialogueSession.objects.create(
        assessment=assessment, name=name or f"Sessie {position}", position=position, **fields
    )
    ensure_rounds(session)
    return session


def update_session(session: DialogueSession, **fields) -> DialogueSession:
    """Change the practical details of a session (name, date, place, facilitator, note-taker, notes)."""
    for name, value in fields.items():
        setattr(session, name, value)
    session.save(update_fields=list(fields))
    return session


@transaction.atomic
def add_participant(session: DialogueSession, *, name: str, perspective: str, groups=(), **fields) -> Participant:
    number = (Participant.objects.filter(session__assessment=session.assessment).aggregate(m=Max("number"))["m"] or 0) + 1
    participant = Participant.objects.create(
        session=session, number=number, name=name, perspective=perspective, **fields
    )
    participant.groups.set(groups)
    return participant


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


def card_kinds_for(round_: Round) -> list[str]:
    return [CardKind.AFSLUITING] if round_.is_closing else [CardKind.CONCLUSIE, CardKind.IDEE]


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
    client_id = client_id or uuid.uuid4()
    defaults = {"round": round_, "participant": participant, "kind": kind, "text": text, "topic": topic, "source": source}
    try:
        with transaction.atomic():
            card, _created = ConclusionCard.objects.update_or_create(client_id=client_id, defaults=defaults)
    except IntegrityError:
        # Two identical retries raced; the other one created it.
        card = ConclusionCard.objects.get(client_id=client_id)
    return card
