"""What the pages and the final report show, read in one place (no writes).

The final report holds only pseudonymised quotes: "Deelnemer 12, Zwolle", never a name; the
characteristics table is suppressed (see ``characteristics.py``)."""

from __future__ import annotations

import difflib

from django.db.models import Count, Prefetch, Q

from mia.consultations.characteristics import characteristics, counts_by_feature, under_represented
from mia.consultations.models import (
    IntakeStatus,
    Invitation,
    Level,
    Paragraph,
    Quote,
    Reaction,
    ReactionStatus,
    Recommendation,
    Series,
    Session,
)


def attendees(series: Series, session: Session | None = None):
    """Sign-ups who actually attended (not the pool, not those invited), once each."""
    invitations = Invitation.objects.filter(session__series=series, status=IntakeStatus.AANWEZIG)
    if session is not None:
        invitations = invitations.filter(session=session)
    ids = invitations.values_list("signup_id", flat=True).distinct()
    return series.signups.filter(pk__in=ids)


def feature_list(series: Series) -> list[tuple[str, list[str]]]:
    return [(f["name"], list(f["categories"])) for f in series.features]


def characteristics_tables(series: Series) -> dict:
    features = feature_list(series)
    sessions = list(series.sessions.all())
    return {
        "total": characteristics([s.features for s in attendees(series)], features),
        "sessions": [(s, characteristics([a.features for a in attendees(series, s)], features)) for s in sessions],
    }


def who_is_missing(series: Series) -> dict:
    """Per feature and category, who is missing or scarce among attendees so far (or among the
    invited, before anyone attended), and the twelve-factor lens on the same counts."""
    from mia.instrument.factors import coverage_for_counts

    people = [s.features for s in attendees(series)]
    basis = "aanwezig"
    if not people:
        invited = series.signups.filter(invitations__isnull=False).distinct()
        people, basis = [s.features for s in invited], "uitgenodigd"
    features = feature_list(series)
    coverage = coverage_for_counts(counts_by_feature(people, [f for f, _c in features]))
    return {"gaps": under_represented(people, features), "basis": basis, "people": len(people), "coverage": coverage}


def paragraph_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level difference: a list of (kind, text), kind '=', '+' or '-'."""
    a, b = old.split(), new.split()
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", " ".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("-", " ".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", " ".join(b[j1:j2])))
    return out


def visible_reactions():
    return Reaction.objects.filter(signup__consent_withdrawn_at__isnull=True)


def draft_paragraphs(draft):
    return draft.paragraphs.prefetch_related(
        Prefetch("reactions", queryset=visible_reactions().select_related("signup")), "versions"
    )


def recommendation_rows(question) -> list[dict]:
    rows = []
    recommendations = question.recommendations.prefetch_related("quotes")
    for level in Level.values:
        items = [r for r in recommendations if r.level == level]
        if items:
            rows.append({"level": Level(level).label, "items": items})
    return rows


def final_report(series: Series) -> dict:
    """Everything of the final report, in its order."""
    questions = list(series.questions.prefetch_related(
        Prefetch("recommendations", queryset=Recommendation.objects.prefetch_related("quotes")),
        "sessions",
    ))
    themes = []
    for question in questions:
        draft = getattr(question, "draft", None) if hasattr(question, "draft") else None
        paragraphs = list(draft.paragraphs.all()) if draft else []
        themes.append({
            "question": question,
            "paragraphs": paragraphs,
            "recommendations": recommendation_rows(question),
            "sessions": list(question.sessions.all()),
        })
    counts = series.sessions.aggregate(
        bijeenkomsten=Count("pk", filter=Q(kind="bijeenkomst")), interviews=Count("pk", filter=Q(kind="interview"))
    )
    reactions = Reaction.objects.filter(paragraph__draft__series=series)
    return {
        "series": series,
        "questions": questions,
        "themes": themes,
        "sessions": list(series.sessions.all()),
        "counts": counts,
        "attendees": attendees(series).count(),
        "reactions": {
            "total": reactions.count(),
            "accepted": reactions.filter(status=ReactionStatus.OVERGENOMEN).count(),
            "declined": reactions.filter(status=ReactionStatus.NIET_OVERGENOMEN).count(),
        },
        "threads": list(series.threads.prefetch_related("sessions", "quotes")),
        "closing": list(series.closing.all()),
        "characteristics": characteristics_tables(series),
    }


def recommendation_table_rows(series: Series) -> list[list[str]]:
    """Thema, niveau, aanbeveling, citaten (for CSV/XLSX)."""
    rows = []
    for rec in Recommendation.objects.filter(series=series).select_related("question").prefetch_related("quotes"):
        quotes = " | ".join(f"“{q.text}” ({q.speaker})" for q in rec.quotes.all())
        rows.append([rec.question.theme, rec.get_level_display(), rec.text, quotes])
    for item in series.closing.all():
        rows.append(["Tot slot", item.title, item.recommendation, item.goal])
    return rows


__all__ = ["Paragraph", "Quote", "attendees", "final_report", "paragraph_diff", "who_is_missing"]
