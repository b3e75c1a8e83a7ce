"""JSON export and import of a whole trajectory, validated with pydantic, Dutch error paths.

An import always makes a *new* trajectory in the importer's organisation, written through the
app's actions (so every domain rule holds for imported data too), in one transaction: a file with
one bad part imports nothing. Names of members and task owners are in an export only when asked
for; the perspectives members bring in (possibly special categories of personal data) likewise.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Annotated, Literal

from django.db import transaction
from django.utils import timezone
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from mia.core.forms import LONG_TEXT
from mia.inclusion import actions
from mia.inclusion.actions import MAX_VALUE, InclusionError
from mia.inclusion.models import Trajectory
from mia.inclusion.validation import dutch_messages

FORMAT = "mia-inclusietraject"
FORMAT_VERSION = 1
HIDDEN_OWNER = "(naam niet in deze export)"

Short = Annotated[str, StringConstraints(max_length=200)]
Code = Annotated[str, StringConstraints(max_length=60)]
Long = Annotated[str, StringConstraints(max_length=LONG_TEXT)]
Required = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Number = Annotated[Decimal, Field(ge=-MAX_VALUE, le=MAX_VALUE, max_digits=14, decimal_places=3, allow_inf_nan=False)]
Codes = Annotated[list[Code], Field(max_length=20)]
Answers = Annotated[dict[Code, Long], Field(max_length=60)]


class ExchangeError(Exception):
    """The file cannot be imported; ``messages`` say why, in Dutch, each with its place in the file."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TrajectoryData(Model):
    title: Required
    municipality: Required
    description: Long = ""
    levensdomein: Code = ""
    levensdomein_bases: Codes = []
    levensdomein_reason: Long = ""
    area: Short = ""
    area_reason: Long = ""


class Reflection(Model):
    applies: Code = ""
    note: Long = ""


class StepData(Model):
    step: Code
    status: Code = "open"
    answers: Answers = {}
    knelpunten: Annotated[dict[Code, Reflection], Field(max_length=20)] = {}
    notes: Long = ""


class AnswerData(Model):
    question: Code
    state: Literal["antwoord", "weet-niet", "overslaan"] = "antwoord"
    text: Long = ""


class TaskData(Model):
    question: Code = ""
    title: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    how: Long = ""
    ways: Codes = []
    owner: Required
    due_date: dt.date | None = None
    done: bool = False


class IntersectionData(Model):
    factors: Annotated[list[Code], Field(min_length=2, max_length=12)]
    note: Annotated[str, StringConstraints(min_length=1, max_length=LONG_TEXT)]


class CheckData(Model):
    name: Required
    description: Long = ""
    factors: Annotated[dict[Code, Answers], Field(max_length=12)] = {}
    intersections: Annotated[list[IntersectionData], Field(max_length=100)] = []


class MemberData(Model):
    name: Required
    role: Short = ""
    organisation: Short = ""
    kind: Code = "collega"
    qualities: Codes = []
    perspectives: Codes = []


class RoleData(Model):
    role: Code
    since: dt.date
    note: Long = ""


class GroupData(Model):
    composition: Code = ""
    goal: Code = ""
    goal_note: Long = ""
    answers: Answers = {}
    members: Annotated[list[MemberData], Field(max_length=actions.MAX_MEMBERS)] = []
    roles: Annotated[list[RoleData], Field(max_length=100)] = []


class ActivityData(Model):
    form: Code
    title: Required
    date: dt.date | None = None
    notes: Long = ""


class ParticipationData(Model):
    approach: Code = ""
    approach_reason: Long = ""
    answers: Answers = {}
    attention: Answers = {}
    forms: Codes = []
    activities: Annotated[list[ActivityData], Field(max_length=200)] = []


class GoalData(Model):
    key: Code
    kind: Code
    text: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    assumption: Long = ""
    contributes_to: Code | None = None


class MeasurementData(Model):
    measured_on: dt.date
    value: Number
    note: Long = ""


class IndicatorData(Model):
    key: Code
    name: Required
    kind: Literal["outcome", "output"] = "outcome"
    goal: Code | None = None
    source: Code = ""
    source_note: Annotated[str, StringConstraints(max_length=300)] = ""
    unit: Annotated[str, StringConstraints(max_length=40)] = ""
    direction: Code = "duiden"
    target: Number | None = None
    measurements: Annotated[list[MeasurementData], Field(max_length=actions.MAX_MEASUREMENTS)] = []


class QualitativeData(Model):
    kind: Code
    held_on: dt.date | None = None
    indicator: Code | None = None
    summary: Annotated[str, StringConstraints(min_length=1, max_length=LONG_TEXT)]


class TipData(Model):
    done: bool = False
    note: Long = ""


class MonitoringData(Model):
    answers: Answers = {}
    tips: Annotated[dict[Code, TipData], Field(max_length=20)] = {}
    goals: Annotated[list[GoalData], Field(max_length=200)] = []
    indicators: Annotated[list[IndicatorData], Field(max_length=actions.MAX_INDICATORS)] = []
    qualitative: Annotated[list[QualitativeData], Field(max_length=200)] = []


class ExchangeFile(Model):
    format: Literal["mia-inclusietraject"]
    format_version: Literal[1]
    content_version: Short = ""
    exported_at: Short = ""
    lens_version: Short = ""
    personal_data: bool = False
    trajectory: TrajectoryData
    steps: Annotated[list[StepData], Field(max_length=10)] = []
    answers: Annotated[list[AnswerData], Field(max_length=100)] = []
    tasks: Annotated[list[TaskData], Field(max_length=500)] = []
    checks: Annotated[list[CheckData], Field(max_length=actions.MAX_CHECKS)] = []
    working_group: GroupData = GroupData()
    participation: ParticipationData = ParticipationData()
    monitoring: MonitoringData = MonitoringData()


LABELS = {
    "trajectory": "traject", "title": "titel", "municipality": "gemeente", "description": "omschrijving",
    "steps": "stappen", "answers": "antwoorden", "tasks": "taken", "owner": "eigenaar", "checks": "vlechtwerkchecks",
    "working_group": "werkgroep", "members": "leden", "name": "naam", "roles": "rollen", "since": "sinds",
    "participation": "participatie", "activities": "activiteiten", "monitoring": "monitoring", "goals": "doelen",
    "indicators": "indicatoren", "measurements": "metingen", "measured_on": "gemeten op", "value": "waarde",
    "qualitative": "kwalitatieve checks", "summary": "samenvatting", "intersections": "combinaties", "factors": "factoren",
    "note": "notitie", "format": "formaat", "format_version": "formaatversie", "due_date": "klaar op", "date": "datum",
    "target": "streefwaarde", "text": "tekst", "kind": "soort", "question": "vraag", "state": "antwoordsoort",
}


# --------------------------------------------------------------------------- #
# export
# --------------------------------------------------------------------------- #


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export_trajectory(trajectory: Trajectory, *, personal_data: bool = False) -> dict:
    from mia.instrument.factors import load_lens

    group = trajectory.working_group
    monitoring = trajectory.monitoring
    goals = list(monitoring.goals.all())
    indicators = list(monitoring.indicators.prefetch_related("measurements"))
    participation = trajectory.participation
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "content_version": trajectory.content_version.version,
        "lens_version": load_lens().version,
        "exported_at": timezone.now().isoformat(),
        "personal_data": personal_data,
        "trajectory": {
            "title": trajectory.title, "municipality": trajectory.municipality, "description": trajectory.description,
            "levensdomein": trajectory.levensdomein, "levensdomein_bases": trajectory.levensdomein_bases,
            "levensdomein_reason": trajectory.levensdomein_reason, "area": trajectory.area, "area_reason": trajectory.area_reason,
        },
        "steps": [
            {"step": w.step, "status": w.status, "answers": w.answers, "knelpunten": w.knelpunten, "notes": w.notes}
            for w in trajectory.step_work.all()
        ],
        "answers": [{"question": a.question, "state": a.state, "text": a.text} for a in trajectory.answers.all()],
        "tasks": [
            {"question": t.question, "title": t.title, "how": t.how, "ways": t.ways,
             "owner": t.owner if personal_data else HIDDEN_OWNER, "due_date": _iso(t.due_date), "done": t.done_at is not None}
            for t in trajectory.tasks.all()
        ],
        "checks": [
            {"name": c.name, "description": c.description,
             "factors": {a.factor: a.answers for a in c.factor_answers.all()},
             "intersections": [{"factors": i.factors, "note": i.note} for i in c.intersections.all()]}
            for c in trajectory.checks.prefetch_related("factor_answers", "intersections")
        ],
        "working_group": {
            "composition": group.composition, "goal": group.goal, "goal_note": group.goal_note, "answers": group.answers,
            "members": [
                {"name": m.name if personal_data else f"Lid {i}", "role": m.role, "organisation": m.organisation,
                 "kind": m.kind, "qualities": m.qualities, "perspectives": m.perspectives if personal_data else []}
                for i, m in enumerate(group.members.all(), start=1)
            ],
            "roles": [{"role": r.role, "since": _iso(r.since), "note": r.note} for r in group.role_changes.all()],
        },
        "participation": {
            "approach": participation.approach, "approach_reason": participation.approach_reason,
            "answers": participation.answers, "attention": participation.attention, "forms": participation.forms,
            "activities": [
                {"form": a.form, "title": a.title, "date": _iso(a.date), "notes": a.notes} for a in participation.activities.all()
            ],
        },
        "monitoring": {
            "answers": monitoring.answers,
            "tips": monitoring.tips,
            "goals": [
                {"key": f"doel-{g.pk}", "kind": g.kind, "text": g.text, "assumption": g.assumption,
                 "contributes_to": f"doel-{g.contributes_to_id}" if g.contributes_to_id else None}
                for g in goals
            ],
            "indicators": [
                {"key": f"indicator-{i.pk}", "name": i.name, "kind": i.kind, "goal": f"doel-{i.goal_id}" if i.goal_id else None,
                 "source": i.source, "source_note": i.source_note, "unit": i.unit, "direction": i.direction,
                 "target": str(i.target) if i.target is not None else None,
                 "measurements": [
                     {"measured_on": _iso(m.measured_on), "value": str(m.value), "note": m.note} for m in i.measurements.all()
                 ]}
                for i in indicators
            ],
            "qualitative": [
                {"kind": q.kind, "held_on": _iso(q.held_on), "indicator": f"indicator-{q.indicator_id}" if q.indicator_id else None,
                 "summary": q.summary}
                for q in monitoring.qualitative_checks.all()
            ],
        },
    }


# --------------------------------------------------------------------------- #
# import
# --------------------------------------------------------------------------- #


def parse_file(raw: bytes | str) -> ExchangeFile:
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ExchangeError(["Het bestand is geen UTF-8-tekst. Kies een JSON-bestand dat MIA heeft gemaakt."]) from None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise ExchangeError([f"Het bestand is geen geldige JSON (regel {error.lineno}, kolom {error.colno}): {error.msg}."]) from None
    except RecursionError:
        raise ExchangeError(["Het bestand is te diep genest om te lezen."]) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExchangeError(["Dit is geen exportbestand van een inclusietraject uit MIA (‘format’ is niet ‘mia-inclusietraject’)."])
    try:
        return ExchangeFile.model_validate(data)
    except ValidationError as error:
        raise ExchangeError(dutch_messages(error, LABELS)) from None
    except RecursionError:
        raise ExchangeError(["Het bestand is te diep genest om te lezen."]) from None


def import_trajectory(raw: bytes | str, *, user, organisation) -> Trajectory:
    parsed = parse_file(raw)
    try:
        with transaction.atomic():
            return _build(parsed, user, organisation)
    except _PlacedError as error:
        raise ExchangeError([f"{error.place}: {error.message}"]) from None


class _PlacedError(Exception):
    def __init__(self, place: str, message: str):
        self.place, self.message = place, message
        super().__init__(f"{place}: {message}")


class _At:
    """Turns an action's InclusionError into one with its place in the file."""

    def __init__(self, place: str):
        self.place = place

    def __enter__(self):
        return self

    def __exit__(self, kind, error, traceback):
        if isinstance(error, InclusionError):
            raise _PlacedError(self.place, str(error)) from None
        return False


def _build(data: ExchangeFile, user, organisation) -> Trajectory:
    t = data.trajectory
    with _At("traject"):
        trajectory = actions.create_trajectory(user, organisation, title=t.title, municipality=t.municipality, description=t.description)
        if t.levensdomein or t.area:
            actions.choose_levensdomein(trajectory, levensdomein=t.levensdomein, bases=t.levensdomein_bases,
                                        reason=t.levensdomein_reason, area=t.area, area_reason=t.area_reason)
    for index, step in enumerate(data.steps, start=1):
        with _At(f"stappen › nr. {index}"):
            actions.save_step(trajectory, step.step, status=step.status, answers=step.answers,
                              knelpunten={k: v.model_dump() for k, v in step.knelpunten.items()}, notes=step.notes)
    tasks_by_question = {task.question: task for task in data.tasks if task.question}
    for index, answer in enumerate(data.answers, start=1):
        with _At(f"antwoorden › nr. {index}"):
            task = tasks_by_question.get(answer.question)
            owner = task.owner if task else ""
            if answer.state == "weet-niet" and not owner:
                raise InclusionError("bij ‘weet ik niet’ hoort een taak met een eigenaar")
            actions.save_answer(trajectory, answer.question, state=answer.state, text=answer.text, owner=owner,
                                how=task.how if task else "", ways=task.ways if task else (), due_date=task.due_date if task else None)
    for index, task in enumerate(data.tasks, start=1):
        with _At(f"taken › nr. {index}"):
            record = trajectory.tasks.filter(question=task.question).first() if task.question else None
            if record is None:
                record = actions.add_task(trajectory, title=task.title, owner=task.owner, how=task.how, ways=task.ways,
                                          due_date=task.due_date)
            if task.done:
                actions.complete_task(record)
            elif record.done_at is not None:
                actions.reopen_task(record)
    for index, check in enumerate(data.checks, start=1):
        with _At(f"vlechtwerkchecks › nr. {index}"):
            record = actions.create_check(trajectory, name=check.name, description=check.description)
            actions.save_factor_answers(record, check.factors)
            for intersection in check.intersections:
                actions.add_intersection(record, factors=intersection.factors, note=intersection.note)
    g = data.working_group
    group = trajectory.working_group
    with _At("werkgroep"):
        actions.save_working_group(group, composition=g.composition, goal=g.goal, goal_note=g.goal_note, answers=g.answers)
    for index, member in enumerate(g.members, start=1):
        with _At(f"werkgroep › leden › nr. {index}"):
            actions.add_member(group, **member.model_dump())
    for index, role in enumerate(g.roles, start=1):
        with _At(f"werkgroep › rollen › nr. {index}"):
            actions.change_role(group, role=role.role, since=role.since, note=role.note)
    p = data.participation
    with _At("participatie"):
        actions.save_participation(trajectory.participation, approach=p.approach, approach_reason=p.approach_reason,
                                   answers=p.answers, attention=p.attention, forms=p.forms)
    for index, activity in enumerate(p.activities, start=1):
        with _At(f"participatie › activiteiten › nr. {index}"):
            actions.add_activity(trajectory.participation, **activity.model_dump())
    _build_monitoring(trajectory, data.monitoring)
    return trajectory


def _build_monitoring(trajectory: Trajectory, m: MonitoringData) -> None:
    plan = trajectory.monitoring
    with _At("monitoring"):
        actions.save_monitoring(plan, answers=m.answers, tips={k: v.model_dump() for k, v in m.tips.items()})
    goals: dict[str, object] = {}
    pending = list(enumerate(m.goals, start=1))
    # Goals may point at goals listed after them: place them from the top (outcomes) down.
    for _round in range(4):
        rest = []
        for index, goal in pending:
            if goal.contributes_to and goal.contributes_to not in goals:
                rest.append((index, goal))
                continue
            with _At(f"monitoring › doelen › nr. {index}"):
                goals[goal.key] = actions.add_goal(plan, kind=goal.kind, text=goal.text, assumption=goal.assumption,
                                                   contributes_to=goals.get(goal.contributes_to) if goal.contributes_to else None)
        pending = rest
    if pending:
        index, goal = pending[0]
        raise _PlacedError(f"monitoring › doelen › nr. {index}", f"‘{goal.contributes_to}’ is geen doel in dit bestand")
    indicators: dict[str, object] = {}
    for index, item in enumerate(m.indicators, start=1):
        with _At(f"monitoring › indicatoren › nr. {index}"):
            if item.goal and item.goal not in goals:
                raise InclusionError(f"‘{item.goal}’ is geen doel in dit bestand")
            indicator = actions.add_indicator(
                plan, name=item.name, kind=item.kind, goal=goals.get(item.goal) if item.goal else None, source=item.source,
                source_note=item.source_note, unit=item.unit, direction=item.direction, target=item.target,
            )
            indicators[item.key] = indicator
            for number, measurement in enumerate(item.measurements, start=1):
                with _At(f"monitoring › indicatoren › nr. {index} › metingen › nr. {number}"):
                    actions.add_measurement(indicator, measured_on=measurement.measured_on, value=measurement.value,
                                            note=measurement.note)
    for index, q in enumerate(m.qualitative, start=1):
        with _At(f"monitoring › kwalitatieve checks › nr. {index}"):
            if q.indicator and q.indicator not in indicators:
                raise InclusionError(f"‘{q.indicator}’ is geen indicator in dit bestand")
            actions.add_qualitative(plan, kind=q.kind, summary=q.summary, held_on=q.held_on,
                                    indicator=indicators.get(q.indicator) if q.indicator else None)
