from dataclasses import dataclass

from django.db.models import Count

from mia.dialogues.models import ConclusionCard, Round


def assessment_cards(assessment):
    """All cards of an assessment that may be shown (see ``CardQuerySet.visible``), across its sessions,
    in a stable order."""
    return ConclusionCard.objects.filter(round__session__assessment=assessment).visible().select_related(
        "participant__session", "round__session", "round__question"
    ).order_by("round__session__position", "round__position", "participant__number", "id")


@dataclass(frozen=True)
class Attendance:
    """Who was asked, who came and who wrote, for one session: never one number for all three."""

    invited: int  # added in step 2 (personal link or paper), whether or not they came
    joined_by_code: int  # came in with the session code, without an invitation
    present: list  # participants who took part: said yes on their phone, or have a card
    with_cards: int  # participants who sent at least one card
    cards: int  # cards in all


def attendance(session) -> Attendance:
    people = list(session.participants.all())
    card_counts = dict(
        ConclusionCard.objects.filter(round__session=session, participant__isnull=False)
        .values_list("participant").annotate(n=Count("id"))
    )
    present = [p for p in people if p.has_consented or card_counts.get(p.pk)]
    return Attendance(
        invited=sum(1 for p in people if not p.joined_by_code),
        joined_by_code=sum(1 for p in people if p.joined_by_code),
        present=present,
        with_cards=sum(1 for p in people if card_counts.get(p.pk)),
        cards=ConclusionCard.objects.filter(round__session=session).count(),
    )


def discussed_question_ids(assessment) -> set:
    """Dialogue questions that were on the table in some session: a round opened, or cards or notes for it.
    A question the session never reached (closed early) is not among them."""
    rounds = Round.objects.filter(session__assessment=assessment, question__isnull=False)
    opened = rounds.filter(opened_at__isnull=False).values_list("question_id", flat=True)
    noted = rounds.exclude(notes="").values_list("question_id", flat=True)
    carded = ConclusionCard.objects.filter(round__in=rounds).values_list("round__question_id", flat=True)
    return set(opened) | set(noted) | set(carded)


def closing_question_discussed(assessment) -> bool:
    closing = Round.objects.filter(session__assessment=assessment, is_closing=True)
    return (
        closing.filter(opened_at__isnull=False).exists()
        or ConclusionCard.objects.filter(round__in=closing).exists()
    )
