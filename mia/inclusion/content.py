"""The Stappenplan Inclusief Beleid as versioned data: parse and validate a content file.

Pure Python (pydantic, no Django), so the content can be checked from the command line and in
tests without a database. ``parse_content`` raises ``ContentError`` with Dutch messages that name
the place in the file. The counts and codes it checks are the shape of the Stappenplan itself
(three preconditions, five steps, six VNG levensdomeinen, the three parts of Bijlage 1, the four
questions of Bijlage 2, the seven tips of Van der Kolk); the app's pages rely on them.
"""

from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from mia.inclusion.validation import dutch_messages

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_FILE = "stappenplan-v1.json"

PRECONDITION_CODES = ("vlechtwerk", "werkgroep", "inwoners")
STEP_CODES = ("verkenning", "agenderen", "visie", "uitvoeren", "evalueren")
LEVENSDOMEIN_COUNT = 6
ANSWER_STATES = ("antwoord", "weet-niet", "overslaan")
STEP_STATUSES = ("open", "bezig", "klaar", "niet-nodig")
GOAL_KINDS = ("outcome", "output", "activiteit")
DIRECTIONS = ("hoger", "lager", "duiden")
TOOL_CODES = ("mia-dialoog", "panel", "consultatie")
TIP_COUNT = 7
PARTICIPATION_QUESTION_COUNT = 4
PARTICIPATION_FORM_COUNT = 7

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]


class ContentError(ValueError):
    """The content file is not a valid Stappenplan; the message is Dutch."""


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Choice(Item):
    code: Slug
    label: Text


class Link(Item):
    label: Text
    url: Text


class Section(Item):
    title: str = ""
    text: Text


class TitledText(Item):
    code: Slug
    title: Text
    text: Text


class Example(Item):
    title: Text
    text: Text


class Precondition(Item):
    code: Slug
    number: int
    title: Text
    sections: list[Section]
    attention_points: list[TitledText]
    examples: list[Example] = []
    links: list[Link] = []


class Lesson(Item):
    code: Slug
    title: str = ""
    text: str = ""
    quote: str = ""
    who: str = ""

    @model_validator(mode="after")
    def has_text(self):
        if not (self.text or self.quote):
            raise ValueError("een les heeft een tekst of een citaat nodig")
        return self


class Prompt(Item):
    code: Slug
    text: Text
    source: Text = Field(alias="from")


class Skip(Item):
    text: Text
    to: int


class Step(Item):
    code: Slug
    number: int
    title: Text
    intro: Text
    sections: list[Section]
    knelpunten_text: str = ""
    knelpunten: list[TitledText]
    lessen: list[Lesson]
    link_preconditions: Text
    prompts: list[Prompt] = []
    skip: Skip | None = None


class Intro(Item):
    title: Text
    text: Text
    related: Section
    steps_text: Text
    figure: list[Text]


class KnelpuntQuestions(Item):
    applies: Text
    applies_choices: list[Choice]
    note: Text


class Question(Item):
    code: Slug
    text: Text


class SubQuestion(Item):
    code: Slug
    letter: Annotated[str, StringConstraints(pattern=r"^[a-z]$")]
    text: Text
    only_with_area: bool = False


class NumberedQuestion(Item):
    code: Slug
    number: Text
    text: Text
    sub: list[SubQuestion] = []


class Base(Item):
    code: Slug
    text: Text


class Part(Item):
    code: Slug
    number: int
    title: Text
    questions: list[NumberedQuestion] = []
    question: NumberedQuestion | None = None
    bases: list[Base] = []
    area: str = ""
    reason_label: str = ""
    area_label: str = ""
    area_reason_label: str = ""
    link: Link | None = None


class Tip(Item):
    code: Slug
    text: Text


class Verkenning(Item):
    title: Text
    intro: Text
    tips_title: Text
    tips: list[Tip]
    answer_states: list[Choice]
    task_title: Text
    ways: list[Choice]
    parts: list[Part]

    @model_validator(mode="after")
    def shape(self):
        if [p.number for p in self.parts] != [1, 2, 3]:
            raise ValueError("de verkenning heeft drie delen (1, 2 en 3)")
        if [s.code for s in self.answer_states] != list(ANSWER_STATES):
            raise ValueError(f"de antwoordsoorten zijn {', '.join(ANSWER_STATES)}")
        if [t.code for t in self.tips] != ["overslaan", "weet-niet"]:
            raise ValueError("de verkenning heeft twee tips: overslaan en weet-niet")
        if self.parts[1].question is None or len(self.parts[1].bases) != 3:
            raise ValueError("deel 2 heeft één keuzevraag met drie gronden voor de keuze")
        return self


class TitledPrompt(Item):
    code: Slug
    title: Text
    text: Text


class Intersections(Item):
    title: Text
    text: Text
    note_label: Text


class VlechtwerkCheck(Item):
    intro: Text
    prompts: list[TitledPrompt]
    questions: list[Question]
    intersections: Intersections


class Size(Item):
    min: int
    max: int
    text: Text


class Quality(Item):
    code: Slug
    label: Text
    question: str = ""


class Goal(Item):
    code: Slug
    label: Text
    text: str = ""
    needs: str = ""


class WorkingGroup(Item):
    size: Size
    questions: list[Question]
    qualities: list[Quality]
    goals: list[Goal]
    roles: list[Choice]
    role_change_hint: Text
    compositions: list[Choice]
    member_kinds: list[Choice]


class Form(Item):
    code: Slug
    label: Text
    tools: list[str]


class Participation(Item):
    approaches: list[Choice]
    approach_reason_label: Text
    questions_title: Text
    questions: list[Question]
    forms: list[Form]
    tools: list[Choice]
    attention_question: Text

    @model_validator(mode="after")
    def shape(self):
        if len(self.questions) != PARTICIPATION_QUESTION_COUNT:
            raise ValueError(f"Bijlage 2 heeft {PARTICIPATION_QUESTION_COUNT} vragen")
        if len(self.forms) != PARTICIPATION_FORM_COUNT:
            raise ValueError(f"er zijn {PARTICIPATION_FORM_COUNT} vormen van participatie")
        if [t.code for t in self.tools] != list(TOOL_CODES):
            raise ValueError(f"de hulpmiddelen zijn {', '.join(TOOL_CODES)}")
        for form in self.forms:
            unknown = [t for t in form.tools if t not in TOOL_CODES]
            if unknown:
                raise ValueError(f"vorm ‘{form.code}’: onbekend hulpmiddel {', '.join(unknown)}")
        return self


class MonitoringQuestion(Item):
    code: Slug
    text: Text
    sub: list[Question] = []


class VanDerKolkTip(Item):
    code: Slug
    number: int
    title: Text
    text: Text


class Source(Item):
    code: Slug
    label: Text
    url: str = ""


class Qualitative(Item):
    text: Text
    kinds: list[Choice]


class Monitoring(Item):
    questions_title: Text
    questions: list[MonitoringQuestion]
    tips_title: Text
    tips: list[VanDerKolkTip]
    goal_kinds: list[Choice]
    output_outcome: Text
    change_story: Text
    change_story_question: Text
    sources: list[Source]
    directions: list[Choice]
    interpretation: Text
    qualitative: Qualitative

    @model_validator(mode="after")
    def shape(self):
        if [t.number for t in self.tips] != list(range(1, TIP_COUNT + 1)):
            raise ValueError(f"Van der Kolk geeft {TIP_COUNT} tips, genummerd 1 tot en met {TIP_COUNT}")
        if [k.code for k in self.goal_kinds] != list(GOAL_KINDS):
            raise ValueError(f"de soorten doelen zijn {', '.join(GOAL_KINDS)}")
        if [d.code for d in self.directions] != list(DIRECTIONS):
            raise ValueError(f"de richtingen zijn {', '.join(DIRECTIONS)}")
        return self


class Reference(Item):
    for_: Text = Field(alias="for")
    label: Text
    url: Text


class StappenplanContent(Item):
    version: Text
    title: Text
    source: Text
    intro: Intro
    preconditions_intro: Text
    preconditions: list[Precondition]
    steps: list[Step]
    knelpunt_questions: KnelpuntQuestions
    step_statuses: list[Choice]
    levensdomeinen: list[Choice]
    verkenning: Verkenning
    vlechtwerk_check: VlechtwerkCheck
    working_group: WorkingGroup
    participation: Participation
    monitoring: Monitoring
    references: list[Reference]

    @model_validator(mode="after")
    def shape(self):
        if tuple(p.code for p in self.preconditions) != PRECONDITION_CODES:
            raise ValueError(f"de randvoorwaarden zijn {', '.join(PRECONDITION_CODES)}, in die volgorde")
        if tuple(s.code for s in self.steps) != STEP_CODES or [s.number for s in self.steps] != [1, 2, 3, 4, 5]:
            raise ValueError(f"de stappen zijn {', '.join(STEP_CODES)}, genummerd 1 tot en met 5")
        if len(self.levensdomeinen) != LEVENSDOMEIN_COUNT:
            raise ValueError(f"er zijn {LEVENSDOMEIN_COUNT} VNG-levensdomeinen")
        if tuple(s.code for s in self.step_statuses) != STEP_STATUSES:
            raise ValueError(f"de stand van een stap is {', '.join(STEP_STATUSES)}")
        codes = [q.code for q in self.question_list()]
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            raise ValueError(f"vraagcodes komen dubbel voor: {', '.join(duplicates)}")
        return self

    # --- lookups the app uses -------------------------------------------------------------------

    def question_list(self) -> list[NumberedQuestion | SubQuestion]:
        """Every answerable question of the verkenning (Deel 1 and Deel 3, with sub-questions)."""
        found: list = []
        for part in self.verkenning.parts:
            for question in part.questions:
                found.append(question)
                found.extend(question.sub)
        return found

    @cached_property
    def questions_by_code(self) -> dict[str, NumberedQuestion | SubQuestion]:
        return {q.code: q for q in self.question_list()}

    def step(self, code: str) -> Step:
        return next(s for s in self.steps if s.code == code)

    def step_by_number(self, number: int) -> Step:
        return next(s for s in self.steps if s.number == number)

    def precondition(self, code: str) -> Precondition:
        return next(p for p in self.preconditions if p.code == code)

    def label(self, choices: list[Choice], code: str) -> str:
        return next((c.label for c in choices if c.code == code), code)


LABELS = {
    "preconditions": "randvoorwaarden",
    "steps": "stappen",
    "sections": "onderdelen",
    "knelpunten": "knelpunten",
    "lessen": "lessen",
    "verkenning": "verkenning",
    "parts": "delen",
    "questions": "vragen",
    "sub": "deelvragen",
    "monitoring": "monitoring",
    "tips": "tips",
    "participation": "participatie",
    "working_group": "werkgroep",
    "levensdomeinen": "levensdomeinen",
    "title": "titel",
    "text": "tekst",
    "code": "code",
}


def default_content_path() -> Path:
    return DATA_DIR / DEFAULT_FILE


def parse_content(data: Any) -> StappenplanContent:
    try:
        return StappenplanContent.model_validate(data)
    except ValidationError as error:
        raise ContentError("Het inhoudsbestand klopt niet:\n- " + "\n- ".join(dutch_messages(error, LABELS))) from None


def read_content_file(path: str | Path | None = None) -> dict:
    path = Path(path) if path else default_content_path()
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ContentError(f"Het inhoudsbestand ‘{path}’ kan niet worden gelezen: {exc.strerror or exc}.") from exc
    except json.JSONDecodeError as exc:
        raise ContentError(f"Het inhoudsbestand is geen geldige JSON (regel {exc.lineno}): {exc.msg}.") from exc


def load_content(path: str | Path | None = None) -> StappenplanContent:
    return parse_content(read_content_file(path))
