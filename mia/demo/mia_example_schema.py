"""The shape of ``data/mia-example.json``: the demo organisation, its users and one worked MIA.

The models check types and required fields; ``references`` checks that the file agrees with
itself (a card's participant exists, a round's question was chosen). Whether a code exists in
the instrument content, and every rule of the method, is checked while building, by the
builder and by the apps' own actions, exactly as for a user.
"""

from __future__ import annotations

from datetime import time
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from mia.demo.datafile import where

Text = Annotated[str, StringConstraints(min_length=1)]
# Texts stored in a field of limited length: the limit of that model field (and of its form).
Short = Annotated[str, StringConstraints(max_length=200)]
Line = Annotated[str, StringConstraints(max_length=300)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=150)]
Code = Annotated[str, StringConstraints(min_length=1, max_length=60)]
Count = Annotated[int, Field(ge=0)]
Number = Annotated[int, Field(ge=1)]


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class User(Item):
    username: Name
    first_name: Name
    last_name: Name
    email: Annotated[str, StringConstraints(min_length=3, max_length=254)]
    organisation_role: Code  # beheerder, kernteam or lezer (mia.accounts.models.Role)
    mia_role: Code | None = None  # kernteam or lezer in the demo MIA; null: not a member
    admin: bool = False  # may open /admin/ (staff and superuser)


class ScanAnswer(Item):
    effect: Code
    explanation: Text


class SignalWord(Item):
    pair: Code
    side: Literal["positief", "negatief"]


class Scan(Item):
    notes_causes: str = ""
    notes_literature: str = ""
    notes_media: str = ""
    answers: dict[Code, ScanAnswer]
    groups: list[Code] = []
    groups_other: Line = ""
    signal_words: list[SignalWord] = []
    signal_words_other: Line = ""


class Decision(Item):
    impact_suspected: bool
    explanation: Text


class DomainAnswer(Item):
    relevant: bool | None
    explanation: str = ""
    subdomains: list[Code] = []


class Question(Item):
    key: Code  # the name the rounds below use for this question
    subdomain: Code
    number: Number  # the how-manieth question of the subdomain in the question bank (1 = first)
    reworded: str = ""  # plain-Dutch wording for the participants; empty: the bank's own text


class Preparation(Item):
    werkvorm: str = ""
    report_form: Code
    invitation_text: str | None = None  # null: the instrument's invitation, filled in with the session
    next_steps_text: str = ""


class Timing(Item):
    consent_minutes_after_start: Count
    first_round_minutes_after_start: Count
    round_minutes: Number
    minutes_between_round_starts: Number


class Session(Item):
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    days_before_today: Count  # the dialogue always looks recent
    start_time: time
    location: Line = ""
    facilitator: Short = ""
    note_taker: Short = ""
    notes: str = ""
    timing: Timing


class Participant(Item):
    name: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    perspective: Code
    organisation: Short = ""
    contact: Short = ""
    groups: list[Code] = []


class Card(Item):
    participant: Number  # 1 = the first of the participants above
    kind: Code
    topic: Short = ""
    text: Text


class ClosingCard(Item):
    participant: Number
    topic: Short = ""
    text: Text


class Round(Item):
    question: Code  # a key of the questions above
    notes: str = ""
    cards: list[Card] = []


class ClosingRound(Item):
    notes: str = ""
    cards: list[ClosingCard] = []


class Rating(Item):
    score: int | None
    explanation: str = ""


class ChartStatement(Item):
    statement: Number
    ratings: dict[str, Rating]  # by username of a kernteam member


class FollowUp(Item):
    domain: Code
    description: Annotated[str, StringConstraints(min_length=1, max_length=2000)]
    owner: Short = ""
    due_in_days: int | None = None


class Assessment(Item):
    uid: UUID  # fixed: it is how loaddemo recognises the demo MIA (change it and you get a second one)
    created_by: str
    title: Annotated[str, StringConstraints(min_length=1, max_length=300)]
    description: str = ""
    scan: Scan
    decision: Decision
    domains: dict[Code, DomainAnswer]
    questions: list[Question]
    preparation: Preparation
    session: Session
    participants: list[Participant]
    rounds: list[Round]
    closing_round: ClosingRound
    chart: list[ChartStatement]
    conclusions: list[str]
    follow_up: list[FollowUp]


class MiaExample(Item):
    version: Literal[1]  # of this file's format
    about: str = ""
    organisation: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    password: Annotated[str, StringConstraints(min_length=8)]  # of every demo user, when they are created
    login: str  # the user whose login loaddemo prints
    users: Annotated[list[User], Field(min_length=1)]
    assessment: Assessment


def references(example: MiaExample) -> list[tuple[str, str]]:
    """Problems (place, Dutch message) where the file does not agree with itself."""
    problems: list[tuple[str, str]] = []
    a = example.assessment
    users = {u.username: u for u in example.users}
    if len(users) != len(example.users):
        problems.append(("users", "twee gebruikers hebben dezelfde username."))
    if example.login not in users:
        problems.append(("login", f"‘{example.login}’ staat niet bij de users."))
    creator = users.get(a.created_by)
    if creator is None:
        problems.append(("assessment.created_by", f"‘{a.created_by}’ staat niet bij de users."))
    elif creator.mia_role != "kernteam":
        problems.append(("assessment.created_by", "wie de MIA maakt, zit in het kernteam: geef deze user mia_role \"kernteam\"."))

    keys = [q.key for q in a.questions]
    if len(set(keys)) != len(keys):
        problems.append(("assessment.questions", "twee vragen hebben dezelfde key."))
    seen: set[str] = set()
    for i, round_ in enumerate(a.rounds):
        if round_.question not in keys:
            problems.append((where("assessment", "rounds", i, "question"), f"‘{round_.question}’ is geen key van een vraag."))
        elif round_.question in seen:
            problems.append((where("assessment", "rounds", i, "question"), f"de ronde van ‘{round_.question}’ staat er twee keer."))
        seen.add(round_.question)

    ticked = set(a.scan.groups)
    for i, person in enumerate(a.participants):
        for code in person.groups:
            if code not in ticked:
                problems.append((where("assessment", "participants", i, "groups"),
                                 f"‘{code}’ staat niet bij assessment.scan.groups: een deelnemer spreekt voor een groep uit de scan."))
    count = len(a.participants)
    cards = [(where("assessment", "rounds", i, "cards", j), c) for i, r in enumerate(a.rounds) for j, c in enumerate(r.cards)]
    cards += [(where("assessment", "closing_round", "cards", j), c) for j, c in enumerate(a.closing_round.cards)]
    for place, card in cards:
        if card.participant > count:
            problems.append((f"{place}.participant", f"er zijn maar {count} deelnemers."))

    statements = [s.statement for s in a.chart]
    if len(set(statements)) != len(statements):
        problems.append(("assessment.chart", "een stelling staat er twee keer."))
    for i, statement in enumerate(a.chart):
        for username in statement.ratings:
            if username not in users:
                problems.append((where("assessment", "chart", i, "ratings", username), "staat niet bij de users."))
    return problems
