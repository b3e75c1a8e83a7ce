"""The JSON exchange format of a series, validated with pydantic, and its import.

An import always makes a *new* series in the importer's organisation, written through the app's
actions in one transaction (a file with one bad part imports nothing). Sign-ups, reactions and
quotes are not imported: they belong to people and to the real sources they were picked from,
which do not travel with the file."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Literal

from django.db import transaction
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

FORMAT = "mia-raadplegingsreeks-v1"
MAX_BYTES = 20 * 1024 * 1024

Short = Annotated[str, StringConstraints(max_length=300)]
Long = Annotated[str, StringConstraints(max_length=50_000)]
Required = Annotated[str, StringConstraints(min_length=1, max_length=300)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="ignore")


class FeatureDoc(Strict):
    name: Required
    categories: Annotated[list[Short], Field(min_length=2, max_length=12)]


class QuestionDoc(Strict):
    theme: Required
    text: Long
    sub_questions: Long = ""
    answer: Long = ""


class CreationDoc(Strict):
    kind: Literal["spelregel", "zinnebeeld", "prototype", "anders"] = "zinnebeeld"
    title: Required
    description: Long = ""


class AdviceDoc(Strict):
    level: Literal["lokaal", "landelijk"]
    text: Long


class SessionDoc(Strict):
    title: Required
    kind: Literal["bijeenkomst", "interview"] = "bijeenkomst"
    date: dt.datetime | None = None
    place: Short = ""
    setting: Literal["stedelijk", "landelijk", "online"] = "stedelijk"
    capacity: Annotated[int, Field(ge=1, le=500)] = 20
    parts: dict[Literal["diepte", "betekenis", "werkplaats", "advies"], dict[str, str | int]] = {}
    notes: dict[Literal["diepte", "betekenis", "werkplaats", "advies"], Long] = {}
    questions: Annotated[list[Required], Field(min_length=1, max_length=50)]
    creations: Annotated[list[CreationDoc], Field(max_length=500)] = []
    advice: Annotated[list[AdviceDoc], Field(max_length=500)] = []


class ParagraphDoc(Strict):
    heading: Short = ""
    text: Long
    meeting_note: Long = ""


class DraftDoc(Strict):
    question: Required
    deadline: dt.datetime | None = None
    validation_notes: Long = ""
    paragraphs: Annotated[list[ParagraphDoc], Field(max_length=500)] = []


class ThreadDoc(Strict):
    title: Required
    text: Long = ""
    sessions: list[Required] = []


class RecommendationDoc(Strict):
    question: Required
    level: Literal["overkoepelend", "landelijk", "lokaal"]
    text: Long


class ClosingDoc(Strict):
    title: Required
    recommendation: Long
    goal: Long


class SeriesDocument(Strict):
    format: Literal["mia-raadplegingsreeks-v1"]
    title: Required
    commissioner: Short = ""
    description: Long = ""
    summary: Long = ""
    method_text: Long = ""
    features: Annotated[list[FeatureDoc], Field(min_length=1, max_length=12)]
    retention_until: dt.date | None = None
    questions: Annotated[list[QuestionDoc], Field(min_length=1, max_length=50)]
    sessions: Annotated[list[SessionDoc], Field(max_length=200)] = []
    drafts: Annotated[list[DraftDoc], Field(max_length=50)] = []
    threads: Annotated[list[ThreadDoc], Field(max_length=100)] = []
    recommendations: Annotated[list[RecommendationDoc], Field(max_length=2000)] = []
    closing: Annotated[list[ClosingDoc], Field(max_length=100)] = []


class ImportError_(Exception):
    """The file cannot be imported; the message says why, in Dutch."""


_MESSAGES = {
    "missing": "ontbreekt", "string_too_short": "is leeg", "string_too_long": "is te lang",
    "string_type": "moet tekst zijn", "literal_error": "heeft een onbekende waarde", "too_long": "heeft te veel onderdelen",
    "too_short": "heeft te weinig onderdelen", "list_type": "moet een lijst zijn", "dict_type": "moet een object zijn",
    "model_type": "moet een object zijn", "int_parsing": "moet een geheel getal zijn", "less_than_equal": "is te groot",
    "greater_than_equal": "is te klein", "datetime_parsing": "is geen geldige datum en tijd", "date_from_datetime_parsing": "is geen geldige datum",
    "recursion_loop": "is te diep genest",
}


def dutch(error: ValidationError) -> str:
    lines = []
    for item in error.errors(include_url=False)[:15]:
        place = " › ".join(f"nr. {p + 1}" if isinstance(p, int) else str(p) for p in item.get("loc", ())) or "het bestand"
        lines.append(f"{place}: {_MESSAGES.get(item.get('type', ''), 'is niet geldig')}")
    return "; ".join(lines)


def parse(data: bytes) -> SeriesDocument:
    if len(data) > MAX_BYTES:
        raise ImportError_("Dit bestand is te groot (hoogstens 20 MB).")
    try:
        raw = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ImportError_("Dit is geen geldig JSON-bestand (UTF-8).") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ImportError_(f"Dit is geen export van een raadplegingsreeks (verwacht: format “{FORMAT}”).")
    try:
        return SeriesDocument.model_validate(raw)
    except ValidationError as error:
        raise ImportError_(dutch(error)) from None
    except RecursionError:
        raise ImportError_("Het bestand is te diep genest.") from None


def import_series(data: bytes, user, organisation):
    """A new series from an export file; returns it. Raises ImportError_ (Dutch)."""
    from mia.consultations import actions

    document = parse(data)
    try:
        with transaction.atomic():
            retention = document.retention_until
            if retention is None or retention <= dt.date.today():
                retention = None
            series = actions.create_series(
                user, organisation, title=document.title, commissioner=document.commissioner, description=document.description,
                features=[f.model_dump() for f in document.features], retention_until=retention,
            )
            actions.update_series(series, summary=document.summary, method_text=document.method_text)
            questions = {}
            for q in document.questions:
                questions[q.theme] = actions.add_question(series, theme=q.theme, text=q.text, sub_questions=q.sub_questions)
                if q.answer:
                    actions.update_question(questions[q.theme], theme=q.theme, text=q.text, sub_questions=q.sub_questions, answer=q.answer)
            sessions = {}
            for s in document.sessions:
                missing = [t for t in s.questions if t not in questions]
                if missing:
                    raise ImportError_(f"Sessie “{s.title}” noemt een thema dat niet bestaat: {missing[0]}.")
                session = actions.add_session(series, user, title=s.title, questions=[questions[t] for t in s.questions],
                                              date=s.date, place=s.place, setting=s.setting, kind=s.kind, capacity=s.capacity,
                                              parts={k: dict(v) for k, v in s.parts.items()} or None)
                for part, note in s.notes.items():
                    actions.save_notes(session, part, note)
                for c in s.creations:
                    actions.add_creation(session, title=c.title, kind=c.kind, description=c.description)
                for a in s.advice:
                    actions.add_advice(session, level=a.level, text=a.text)
                sessions[s.title] = session
            for d in document.drafts:
                if d.question not in questions:
                    raise ImportError_(f"Een verslag noemt een thema dat niet bestaat: {d.question}.")
                actions.create_draft(questions[d.question], deadline=d.deadline, validation_notes=d.validation_notes,
                                     paragraphs=[p.model_dump() for p in d.paragraphs])
            for t in document.threads:
                actions.add_thread(series, title=t.title, text=t.text, sessions=[sessions[n] for n in t.sessions if n in sessions])
            for r in document.recommendations:
                if r.question not in questions:
                    raise ImportError_(f"Een aanbeveling noemt een thema dat niet bestaat: {r.question}.")
                actions.add_recommendation(questions[r.question], level=r.level, text=r.text)
            for c in document.closing:
                actions.add_closing(series, title=c.title, recommendation=c.recommendation, goal=c.goal)
    except actions.ConsultationError as error:
        raise ImportError_(str(error)) from None
    return series
