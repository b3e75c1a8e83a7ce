"""What linked work produced, read through one adapter per kind of link.

Today a cycle links MIA-dialogue sessions (also when run live, on phones): their
participants and conclusion cards. When the consultations app (issue 12) lands, a
link of kind "raadpleging" gets a ``series`` key and this module one more branch
(its sessions' participants and cards); the evaluation code above it stays as it is.
Cards of participants who withdrew their consent are left out everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from mia.dialogues.models import ConclusionCard, Participant


@dataclass(frozen=True)
class LinkedCard:
    id: int
    text: str
    source: str  # the session it came from, for the rode-draad check across sessions


def _visible_cards():
    return ConclusionCard.objects.filter(Q(participant__isnull=True) | Q(participant__consent_refused_at__isnull=True))


def cards_of(links) -> list[LinkedCard]:
    session_ids = [link.session_id for link in links if link.session_id]
    cards = (
        _visible_cards().filter(round__session_id__in=session_ids)
        .select_related("round__session").order_by("round__session_id", "round__position", "id")
    )
    return [
        LinkedCard(card.pk, f"{card.topic}. {card.text}" if card.topic else card.text, card.round.session.name)
        for card in cards
        if card.text.strip()
    ]


def visible_card_ids(links) -> set[int]:
    session_ids = [link.session_id for link in links if link.session_id]
    return set(_visible_cards().filter(round__session_id__in=session_ids).values_list("id", flat=True))


def counts_per_session(session_ids) -> dict[int, dict[str, int]]:
    """{session_id: {"participants": n, "cards": n}} in two queries."""
    participants = (
        Participant.objects.filter(session_id__in=session_ids, consent_refused_at__isnull=True)
        .values("session_id").annotate(n=Count("id"))
    )
    cards = _visible_cards().filter(round__session_id__in=session_ids).values("round__session_id").annotate(n=Count("id"))
    result = {pk: {"participants": 0, "cards": 0} for pk in session_ids}
    for row in participants:
        result[row["session_id"]]["participants"] = row["n"]
    for row in cards:
        result[row["round__session_id"]]["cards"] = row["n"]
    return result
