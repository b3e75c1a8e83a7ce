"""Everything a report shows, gathered once for the HTML, PDF and DOCX renderings.

``report_context(assessment)`` is the one entry point: the report page, the PDF, the DOCX and
the command line call it, and so can a job of the queue (a large MIA's PDF). It only reads.

Participants appear only by pseudonym ("Deelnemer 3 (praktijk)"): names and contact data
never reach a report. The chosen report form (step 2C) decides what the dialogue section holds:

- ``beknopt``: counts per question, the MIA-Chart and the conclusions, no card texts;
- ``verslag``: the cards and the note taker's notes per question;
- ``transcript``: the cards, the notes and each session's transcript (pseudonymised).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from mia.assessments.chart import chart_summary
from mia.assessments.models import Assessment, Status
from mia.dialogues.models import Round
from mia.dialogues.queries import assessment_cards, attendance, closing_question_discussed, discussed_question_ids
from mia.instrument.content import CLOSING_CARD_KIND
from mia.reports.actions import people_of, report_state
from mia.reports.models import ReportStatus, Transcript
from mia.reports.pseudonymise import pseudonymise

BRIEF, FULL, TRANSCRIPT = "beknopt", "verslag", "transcript"
# The first page names this many follow-up steps (the kernteam's choice, else the next by date);
# all of them are in chapter 4.
FIRST_PAGE_ACTIONS = 1


@dataclass
class QuestionSummary:
    number: int
    text: str
    conclusions: list = field(default_factory=list)
    ideas: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    themes: list = field(default_factory=list)  # (label, number of cards) of the analyst's themes
    discussed: bool = True  # False: no session reached this question (closed early); shown as "niet besproken"


def report_date(value) -> str:
    """The one date format of every rendering: "2 december 2026"."""
    return date_format(timezone.localtime(value) if hasattr(value, "tzinfo") and value.tzinfo else value, "j F Y")


def report_context(assessment: Assessment, *, now=None) -> dict:
    a = assessment
    summary = chart_summary(a)
    themes, hidden_themes = theme_summaries(a)
    state = report_state(a)
    form = a.report_form if a.report_form in (BRIEF, FULL, TRANSCRIPT) else FULL
    kernteam = [m.user.get_full_name() or m.user.username for m in a.memberships.filter(role="kernteam").select_related("user")]
    actions = list(a.actions.all())
    conclusions = [c for c in a.conclusions.all() if c.text]
    closing_cards = list(assessment_cards(a).filter(kind=CLOSING_CARD_KIND))
    dated = state.finalised_at if state.status == ReportStatus.FINAL and state.finalised_at else (now or timezone.now())
    organisation = a.organisation.name if a.organisation else ""
    status_label = ReportStatus(state.status).label
    return {
        "assessment": a,
        "no_impact": a.status == Status.NO_IMPACT,
        "report_form": form,
        "show_cards": form in (FULL, TRANSCRIPT),
        "show_transcripts": form == TRANSCRIPT,
        "kernteam": kernteam,
        "organisation": organisation,
        "report_state": state,
        "report_status_label": status_label,
        "report_date": report_date(dated),
        "report_datetime": dated,
        "report_date_label": _("Definitief gemaakt op") if state.status == ReportStatus.FINAL else _("Datum"),
        "version_line": _("Versie %(version)s · %(status)s") % {"version": state.version, "status": status_label},
        "decision": decision_text(a),
        "first_page_actions": key_actions(state, actions),
        "key_action_heading": _("Belangrijkste vervolgstap") if state.key_action_id else _("Eerstvolgende vervolgstap"),
        "more_actions": max(0, len(actions) - len(key_actions(state, actions))),
        "scan_answers": list(a.scan_answers.select_related("question")),
        "groups": [g.label for g in a.groups.all()] + ([a.groups_other] if a.groups_other else []),
        "signal_words": [c.word for c in a.signal_word_choices.select_related("pair")]
        + ([a.signal_words_other] if a.signal_words_other else []),
        "domain_answers": list(a.domain_answers.select_related("domain").prefetch_related("subdomains")),
        "questions": list(a.questions.all()),
        "sessions": _sessions_with_attendance(a),
        "session_notes": [(s.name, s.notes) for s in a.sessions.exclude(notes="")],
        "question_summaries": question_summaries(a, themes),
        "closing_question": a.content.closing_question,
        "closing_cards": closing_cards,
        "closing_discussed": closing_question_discussed(a),
        "score_rows": summary["score_rows"],
        "score_scale": _("1 = helemaal mee oneens, 5 = helemaal mee eens"),
        "svg": summary["svg"],
        "conclusions": conclusions,
        "actions": actions,
        "next_steps_text": a.closing_text,
        "themes": themes,
        "hidden_themes": hidden_themes,
        "transcripts": transcripts(a) if form == TRANSCRIPT else [],
    }


def decision_text(a: Assessment) -> str:
    """The go/no-go of step 1 in one sentence."""
    if a.impact_suspected is None:
        return _("Nog niet genomen.")
    if a.impact_suspected:
        return _("Er is een vermoeden van impact op maatschappelijke stabiliteit; de MIA gaat verder.")
    return _("Er is geen vermoeden van impact op maatschappelijke stabiliteit; de MIA is afgesloten.")


def _sessions_with_attendance(assessment: Assessment) -> list:
    """The sessions, each with ``attendance``: invited, present and cards sent counted apart."""
    sessions = list(assessment.sessions.prefetch_related("participants"))
    for session in sessions:
        session.attendance = attendance(session)
    return sessions



def key_actions(state, actions: list) -> list:
    """The follow-up for the first page: the one the kernteam marked as most important first,
    then the next ones by date."""
    chosen = [x for x in actions if x.pk == state.key_action_id]
    rest = sorted((x for x in actions if x.pk != state.key_action_id), key=lambda x: (x.due_date is None, x.due_date or 0, x.pk))
    return (chosen + rest)[:FIRST_PAGE_ACTIONS]


def transcripts(a: Assessment) -> list[dict]:
    """Each session's transcript, pseudonymised again (a participant added after the upload is covered too)."""
    found = []
    for t in Transcript.objects.filter(session__assessment=a).select_related("session").order_by("session__position", "session_id"):
        text, _count = pseudonymise(t.text, people_of(t.session))
        found.append({"session": t.session.name, "text": text, "paragraphs": [p for p in text.split("\n") if p.strip()]})
    return found


def theme_summaries(assessment: Assessment) -> tuple[list[dict], int]:
    """The analyst's current themes whose names a person accepted or wrote (label, summary, size,
    quotes pseudonymised, spread per question), and how many themes are left out for now."""
    from mia.analysis.actions import current_theme_set

    theme_set = current_theme_set(assessment)
    if theme_set is None:
        return [], 0
    summaries, hidden = [], 0
    for theme in theme_set.themes.prefetch_related("placements__card__participant", "placements__card__round__question"):
        cards = [p.card for p in theme.placements.all() if p.card.is_visible]
        if not cards:
            continue
        if not theme.label_reviewed:
            hidden += 1
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
    return summaries, hidden


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
    discussed = discussed_question_ids(assessment)
    for question_id, summary in summaries.items():
        summary.discussed = question_id in discussed
    for round_ in Round.objects.filter(session__assessment=assessment, question__isnull=False).exclude(notes="").select_related("session"):
        if round_.question_id in summaries:
            summaries[round_.question_id].notes.append((round_.session.name, round_.notes))
    return list(summaries.values())
