"""Everything a report shows, gathered once for the HTML, PDF and DOCX renderings.

Participants appear only by pseudonym ("Deelnemer 3 (praktijk)"): names and
contact data never reach a report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mia.assessments.chart import chart_summary
from mia.assessments.models import Assessment, Status
from mia.dialogues.models import Round
from mia.dialogues.queries import assessment_cards
from mia.instrument.content import CLOSING_CARD_KIND


@dataclass
class QuestionSummary:
    number: int
    text: str
    conclusions: list = field(default_factory=list)
    ideas: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    themes: list = field(default_factory=list)  # (label, number of cards) of the analyst's themes


def report_context(assessment: Assessment) -> dict:
    a = assessment
    summary = chart_summary(a)
    themes = theme_summaries(a)
    return {
        "assessment": a,
        "no_impact": a.status == Status.NO_IMPACT,
        "kernteam": [m.user.get_full_name() or m.user.username for m in a.memberships.filter(role="kernteam").select_related("user")],
        "scan_answers": list(a.scan_answers.select_related("question")),
        "groups": [g.label for g in a.groups.all()] + ([a.groups_other] if a.groups_other else []),
        "signal_words": [c.word for c in a.signal_word_choices.select_related("pair")]
        + ([a.signal_words_other] if a.signal_words_other else []),
        "domain_answers": list(a.domain_answers.select_related("domain").prefetch_related("subdomains")),
        "questions": list(a.questions.all()),
        "sessions": list(a.sessions.prefetch_related("participants")),
        "question_summaries": question_summaries(a, themes),
        "closing_question": a.content.closing_question,
        "closing_cards": assessment_cards(a).filter(kind=CLOSING_CARD_KIND),
        "score_rows": summary["score_rows"],
        "svg": summary["svg"],
        "conclusions": [c for c in a.conclusions.all() if c.text],
        "actions": list(a.actions.all()),
        "next_steps_text": a.next_steps_text,
        "themes": themes,
    }


def theme_summaries(assessment: Assessment) -> list[dict]:
    """The analyst's current themes: label, summary, size, quotes (pseudonymised) and spread per question."""
    from collections import Counter

    from mia.analysis.actions import current_theme_set

    theme_set = current_theme_set(assessment)
    if theme_set is None:
        return []
    summaries = []
    for theme in theme_set.themes.prefetch_related("placements__card__participant", "placements__card__round__question"):
        cards = [p.card for p in theme.placements.all() if p.card.is_visible]
        if not cards:
            continue
        by_id = {c.pk: c for c in cards}
        quotes = [by_id[i] for i in theme.quote_ids if i in by_id][:3] or cards[:3]
        summaries.append({
            "label": theme.label,
            "summary": theme.summary,
            "size": len(cards),
            "rode_draad": theme.rode_draad,
            "quotes": quotes,
            "question_ids": Counter(c.round.question_id for c in cards),
        })
    return summaries



def question_summaries(assessment: Assessment, themes: list[dict]) -> list[QuestionSummary]:
    """Cards grouped per dialogue question, across all (parallel) sessions."""
    summaries = {q.pk: QuestionSummary(i, q.text) for i, q in enumerate(assessment.questions.all(), start=1)}
    for theme in themes:
        for question_id, count in theme["question_ids"].items():
            if question_id in summaries:
                summaries[question_id].themes.append((theme["label"], count))
    # The instrument's first card type holds conclusions, the second ideas and suggestions.
    conclusion_kind = assessment.content.card_types[0].code
    for card in assessment_cards(assessment).exclude(kind=CLOSING_CARD_KIND):
        summary = summaries.get(card.round.question_id)
        if summary is None:
            continue
        (summary.conclusions if card.kind == conclusion_kind else summary.ideas).append(card)
    for round_ in Round.objects.filter(session__assessment=assessment, question__isnull=False).exclude(notes="").select_related("session"):
        if round_.question_id in summaries:
            summaries[round_.question_id].notes.append((round_.session.name, round_.notes))
    return list(summaries.values())

