"""The plenary summary of parallel sessions: per question, how many cards each group wrote
and the themes across groups (themes found in several groups are candidate 'rode draden')."""

from __future__ import annotations

from collections import Counter, defaultdict

from mia.analysis.themes import ThemeInputError, find_themes
from mia.dialogues.queries import assessment_cards

# Below this many cards a list says more than themes do.
MIN_CARDS_FOR_THEMES = 6


def plenary_summary(assessment) -> list[dict]:
    by_question: dict[tuple, list] = defaultdict(list)
    for card in assessment_cards(assessment):
        round_ = card.round
        key = ("afsluiting",) if round_.is_closing else ("vraag", round_.question_id)
        by_question[key].append(card)
    sessions = [s.name for s in assessment.sessions.all()]
    summary = []
    for question in assessment.questions.all():
        summary.append(_question_summary(question.text, by_question.get(("vraag", question.pk), []), sessions))
    summary.append(_question_summary(
        assessment.content.closing_question,
        by_question.get(("afsluiting",), []), sessions,
    ))
    return [item for item in summary if item["total"]]


def _question_summary(title: str, cards: list, sessions: list[str]) -> dict:
    counts = Counter(card.round.session.name for card in cards)
    themes = []
    if len(cards) >= MIN_CARDS_FOR_THEMES:
        try:
            result = find_themes(
                [card.text for card in cards], ids=[card.pk for card in cards],
                groups={"sessie": [card.round.session.name for card in cards]}, method="tfidf", seed=0,
            )
            themes = [
                {"label": t.label, "size": t.size, "rode_draad": t.rode_draad, "quotes": [q.text for q in t.quotes[:2]],
                 "sessions": sorted(t.spread.get("sessie", {}))}
                for t in result.themes
            ]
        except ThemeInputError:
            themes = []
    return {
        "question": title,
        "total": len(cards),
        "per_session": [(name, counts.get(name, 0)) for name in sessions],
        "themes": themes,
        "cards": [] if themes else [card.text for card in cards],
    }
