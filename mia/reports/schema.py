"""The JSON exchange file of a whole assessment ("mia-assessment", version 1), checked with pydantic
before anything is written.

Plain module (pydantic, no Django). ``check_document(data)`` raises ``DocumentError`` whose ``issues``
say, in Dutch, which paths are wrong ("sessions[0].participants[3].number: komt twee keer voor").
The import itself reads the checked dict, so fields that a newer MIA adds pass through unchanged.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from mia.core.validation import dutch_message, error_path

MAX_ISSUES = 30
# Generous limits that no real assessment reaches, well inside the database's integer columns.
MAX_ITEMS = 100_000
MAX_POSITION = 32_767  # PositiveSmallIntegerField
MAX_NUMBER = 1_000_000

Text = Annotated[str, Field(max_length=200_000)] | None
Code = Annotated[str, Field(max_length=200)]
Moment = Annotated[str, Field(max_length=40)] | None
Position = Annotated[int, Field(ge=0, le=MAX_POSITION)]


class Part(BaseModel):
    # Unknown fields are allowed (a newer export may carry more); known ones must have the right type.
    model_config = ConfigDict(extra="allow", strict=True)


class AssessmentFields(Part):
    title: Annotated[str, Field(max_length=2000)]
    description: Text = ""
    notes_causes: Text = ""
    notes_literature: Text = ""
    notes_media: Text = ""
    groups_other: Text = ""
    signal_words_other: Text = ""
    decision_explanation: Text = ""
    werkvorm: Text = ""
    report_form: Text = ""
    invitation_text: Text = ""
    next_steps_text: Text = ""
    status: Literal["open", "geen-impact", "afgerond"] = "open"
    impact_suspected: bool | None = None
    decided_at: Moment = None
    created_at: Moment = None
    organisation: Text = None


class MemberItem(Part):
    username: Code
    name: Text = ""
    role: Literal["kernteam", "lezer"]


class ScanAnswerItem(Part):
    question: Code
    effect: Code
    explanation: Text = ""


class SignalWordItem(Part):
    pair: Code
    side: Code


class DomainItem(Part):
    domain: Code
    relevant: bool | None = None
    explanation: Text = ""
    subdomains: Annotated[list[Code], Field(max_length=1000)] = []


class QuestionItem(Part):
    bank_question: Code | None = None
    original_text: Text = ""
    text: Text = ""
    position: Position


class CardItem(Part):
    participant: Annotated[int, Field(ge=1, le=MAX_NUMBER)] | None = None
    kind: Code
    topic: Text = ""
    text: Text = ""
    client_id: Code | None = None
    source: Code = "papier"


class RoundItem(Part):
    question_index: Annotated[int, Field(ge=0, le=MAX_POSITION)] | None = None
    is_closing: bool
    notes: Text = ""
    cards: Annotated[list[CardItem], Field(max_length=MAX_ITEMS)] = []


class ParticipantItem(Part):
    number: Annotated[int, Field(ge=1, le=MAX_NUMBER)]
    name: Text = ""
    perspective: Code = ""
    organisation: Text = ""
    contact: Text = ""
    groups: Annotated[list[Code], Field(max_length=1000)] = []
    consent_given_at: Moment = None
    consent_refused_at: Moment = None


class SessionItem(Part):
    name: Text = ""
    position: Position = 0
    date: Moment = None
    location: Text = ""
    facilitator: Text = ""
    note_taker: Text = ""
    notes: Text = ""
    participants: Annotated[list[ParticipantItem], Field(max_length=MAX_ITEMS)] = []
    rounds: Annotated[list[RoundItem], Field(max_length=1000)] = []

    @field_validator("participants")
    @classmethod
    def numbers_once(cls, participants):
        seen = set()
        for p in participants:
            if p.number in seen:
                raise ValueError(f"deelnemernummer {p.number} komt twee keer voor")
            seen.add(p.number)
        return participants


class RatingItem(Part):
    member: Code
    statement: Annotated[int, Field(ge=0, le=1000)]
    score: Annotated[int, Field(ge=1, le=5)] | None = None
    explanation: Text = ""


class ConclusionItem(Part):
    position: Position
    text: Text = ""


class ActionItem(Part):
    domain: Code
    description: Text = ""
    owner: Text = ""
    due_date: Moment = None


class AssessmentDocument(Part):
    format: Literal["mia-assessment"]
    format_version: Literal[1]
    uid: Code | None = None
    content_version: Annotated[str, Field(min_length=1, max_length=40)]
    content: dict[str, Any]
    assessment: AssessmentFields
    members: Annotated[list[MemberItem], Field(max_length=1000)] = []
    scan_answers: Annotated[list[ScanAnswerItem], Field(max_length=1000)] = []
    groups: Annotated[list[Code], Field(max_length=1000)] = []
    signal_words: Annotated[list[SignalWordItem], Field(max_length=1000)] = []
    domains: Annotated[list[DomainItem], Field(max_length=1000)] = []
    questions: Annotated[list[QuestionItem], Field(max_length=1000)] = []
    sessions: Annotated[list[SessionItem], Field(max_length=1000)] = []
    chart_ratings: Annotated[list[RatingItem], Field(max_length=MAX_ITEMS)] = []
    conclusions: Annotated[list[ConclusionItem], Field(max_length=1000)] = []
    actions: Annotated[list[ActionItem], Field(max_length=10_000)] = []


class DocumentError(ValueError):
    def __init__(self, issues: list[str]):
        self.issues = issues[:MAX_ISSUES]
        more = len(issues) - len(self.issues)
        super().__init__("; ".join(self.issues) + (f" (en nog {more} fouten)" if more > 0 else ""))


def check_document(data) -> AssessmentDocument:
    if not isinstance(data, dict):
        raise DocumentError(["(het bestand): moet een JSON-object zijn, zoals MIA het exporteert."])
    try:
        return AssessmentDocument.model_validate(data)
    except ValidationError as error:
        issues = []
        for e in error.errors(include_url=False):
            loc = e["loc"]
            # A field typed "X or empty" reports both branches; the path of the first is enough.
            loc = tuple(p for p in loc if not (isinstance(p, str) and (p.startswith(("constrained-", "function-")) or p in {"int", "str", "bool", "none"})))
            issues.append(f"{error_path(loc)}: {dutch_message(e)}")
        raise DocumentError(list(dict.fromkeys(issues))) from None
    except RecursionError:
        raise DocumentError(["(het bestand): is te diep genest om te lezen."]) from None
