"""What linked work produced, read through one adapter per kind of link.

A cycle links MIA-dialogue sessions (also when run live, on phones) and consultation series
(``mia.consultations``): a series counts with the live dialogues of all its sessions. Each
link resolves to the dialogue sessions behind it (``dialogues_per_link``); participants and
conclusion cards are read from those, so the evaluation code above stays as it is. A session of a
consultation is linked through its series only (``actions.link_session`` refuses it), so no
dialogue is counted twice.
Cards of participants who withdrew their consent are left out everywhere.
"""

from __future__ import annotations

from collections import defaultdict
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


def dialogues_per_link(links) -> dict[int, list[int]]:
    """{link id: [dialogue session ids]}: the session itself, or the live dialogues of a series' sessions."""
    from mia.consultations.models import Session

    per_series: dict[int, list[int]] = defaultdict(list)
    series_ids = {link.series_id for link in links if link.series_id}
    if series_ids:
        rows = (Session.objects.filter(series_id__in=series_ids).exclude(dialogue=None)
                .order_by("position", "pk").values_list("series_id", "dialogue_id"))
        for series_id, dialogue_id in rows:
            per_series[series_id].append(dialogue_id)
    return {link.pk: [link.session_id] if link.session_id else list(per_series.get(link.series_id, [])) for link in links}


def _dialogue_ids(links) -> list[int]:
    seen: dict[int, None] = {}
    for ids in dialogues_per_link(links).values():
        seen.update(dict.fromkeys(ids))
    return list(seen)


def cards_of(links) -> list[LinkedCard]:
    session_ids = _dialogue_ids(links)
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
    return set(_visible_cards().filter(round__session_id__in=_dialogue_ids(links)).values_list("id", flat=True))


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


def counts_per_link(links) -> dict[int, dict[str, int]]:
    """{link id: {"participants", "cards", "sessions"}}: a series sums the dialogues of its sessions."""
    per_link = dialogues_per_link(links)
    per_session = counts_per_session(_dialogue_ids(links))
    result = {}
    for link_id, ids in per_link.items():
        result[link_id] = {"participants": sum(per_session[i]["participants"] for i in ids),
                           "cards": sum(per_session[i]["cards"] for i in ids), "sessions": len(ids)}
    return result
