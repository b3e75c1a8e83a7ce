"""Every write of an inclusion trajectory goes through one function per action.

Each action checks the domain rule (codes that exist in the trajectory's version of the
Stappenplan, an owner for every "weet ik niet", a veranderverhaal that runs from activities
through outputs to outcomes, …), writes in a short transaction and returns. A broken rule raises
``InclusionError`` with a Dutch message that the view shows as it is. Who may call an action is
decided before, in ``access.py`` (a 404 for anyone without the permission).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

import rules
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.core.forms import LONG_TEXT, strip_control_chars
from mia.inclusion.loader import active_stappenplan
from mia.inclusion.models import (
    AnswerState,
    FactorAnswer,
    Goal,
    Indicator,
    Intersection,
    Measurement,
    Member,
    MonitoringPlan,
    ParticipationActivity,
    ParticipationPlan,
    PolicyCheck,
    QualitativeCheck,
    RoleChange,
    StepWork,
    Task,
    Trajectory,
    TrajectoryStatus,
    VerkenningAnswer,
    WorkingGroup,
)
from mia.instrument.factors import load_lens

MAX_MEMBERS = 60  # a working group is eight to ten people; this only stops runaway input
MAX_CHECKS = 50
MAX_INDICATORS = 50
MAX_MEASUREMENTS = 500
MAX_VALUE = Decimal("99999999999")  # fits the database field (14 digits, 3 after the comma)
LEVEL = {"activiteit": 0, "output": 1, "outcome": 2}


class InclusionError(Exception):
    """A rule of the Stappenplan was broken; the message is shown to the user as is (Dutch)."""


# --------------------------------------------------------------------------- #
# helpers
# --------------------------------------------------------------------------- #


def _writable(trajectory: Trajectory) -> None:
    if trajectory.status != TrajectoryStatus.ACTIEF:
        raise InclusionError(_("Dit traject is afgesloten. Open het eerst opnieuw om iets te veranderen."))


def _touch(trajectory: Trajectory) -> None:
    Trajectory.objects.filter(pk=trajectory.pk).update(updated_at=timezone.now())


def _text(value, limit: int = LONG_TEXT) -> str:
    text = strip_control_chars(str(value or "")).strip()
    if len(text) > limit:
        raise InclusionError(_("Een tekst is te lang (hoogstens %(n)d tekens).") % {"n": limit})
    return text


def _texts(values: Mapping[str, str] | None, allowed: Iterable[str], what: str) -> dict[str, str]:
    """A dict of answers, only for known codes; empty answers are left out."""
    allowed = list(allowed)
    result = {}
    for code, value in (values or {}).items():
        if code not in allowed:
            raise InclusionError(_("Onbekende vraag bij %(what)s: %(code)s.") % {"what": what, "code": code})
        text = _text(value)
        if text:
            result[code] = text
    return result


def _codes(values: Iterable[str] | None, allowed: Iterable[str], what: str) -> list[str]:
    allowed = list(allowed)
    chosen = list(dict.fromkeys(values or []))
    unknown = [v for v in chosen if v not in allowed]
    if unknown:
        raise InclusionError(_("Onbekende keuze bij %(what)s: %(codes)s.") % {"what": what, "codes": ", ".join(unknown)})
    return [code for code in allowed if code in chosen]


def _code(value: str, allowed: Iterable[str], what: str, *, blank: bool = True) -> str:
    if not value and blank:
        return ""
    if value not in list(allowed):
        raise InclusionError(_("Onbekende keuze bij %(what)s: %(code)s.") % {"what": what, "code": value})
    return value


def factor_codes() -> tuple[str, ...]:
    return load_lens().codes


# --------------------------------------------------------------------------- #
# the trajectory
# --------------------------------------------------------------------------- #


@transaction.atomic
def create_trajectory(user, organisation, *, title: str, municipality: str, description: str = "") -> Trajectory:
    title, municipality = _text(title, 200), _text(municipality, 200)
    if not title or not municipality:
        raise InclusionError(_("Geef het traject een titel en noem de gemeente."))
    trajectory = Trajectory.objects.create(
        organisation=organisation,
        content_version=active_stappenplan(),
        title=title,
        municipality=municipality,
        description=_text(description),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    ensure_parts(trajectory)
    return trajectory


def ensure_parts(trajectory: Trajectory) -> None:
    """The records every page reads (idempotent), made when the trajectory is made, so a GET never writes."""
    for step in trajectory.content.steps:
        StepWork.objects.get_or_create(trajectory=trajectory, step=step.code)
    WorkingGroup.objects.get_or_create(trajectory=trajectory)
    ParticipationPlan.objects.get_or_create(trajectory=trajectory)
    MonitoringPlan.objects.get_or_create(trajectory=trajectory)


@transaction.atomic
def update_trajectory(trajectory: Trajectory, *, title: str, municipality: str, description: str = "") -> None:
    _writable(trajectory)
    title, municipality = _text(title, 200), _text(municipality, 200)
    if not title or not municipality:
        raise InclusionError(_("Geef het traject een titel en noem de gemeente."))
    trajectory.title, trajectory.municipality, trajectory.description = title, municipality, _text(description)
    trajectory.save(update_fields=["title", "municipality", "description", "updated_at"])


def close_trajectory(trajectory: Trajectory) -> None:
    trajectory.status = TrajectoryStatus.AFGESLOTEN
    trajectory.closed_at = timezone.now()
    trajectory.save(update_fields=["status", "closed_at", "updated_at"])


def reopen_trajectory(trajectory: Trajectory) -> None:
    if trajectory.personal_data_erased_at is not None:
        raise InclusionError(
            _("De bewaartermijn van dit traject is voorbij en de namen zijn gewist. Begin een nieuw traject of importeer het.")
        )
    trajectory.status = TrajectoryStatus.ACTIEF
    trajectory.closed_at = None
    trajectory.save(update_fields=["status", "closed_at", "updated_at"])


@transaction.atomic
def delete_trajectory(trajectory: Trajectory) -> None:
    trajectory.delete()


# --------------------------------------------------------------------------- #
# the five steps
# --------------------------------------------------------------------------- #


def _step_work(trajectory: Trajectory, step: str) -> StepWork:
    if step not in [s.code for s in trajectory.content.steps]:
        raise InclusionError(_("Deze stap bestaat niet."))
    work, _created = StepWork.objects.get_or_create(trajectory=trajectory, step=step)
    return work


@transaction.atomic
def save_step(
    trajectory: Trajectory,
    step: str,
    *,
    status: str,
    answers: Mapping[str, str] | None = None,
    knelpunten: Mapping[str, Mapping[str, str]] | None = None,
    notes: str = "",
) -> StepWork:
    _writable(trajectory)
    content = trajectory.content
    work = _step_work(trajectory, step)
    definition = content.step(step)
    status = _code(status, [s.code for s in content.step_statuses], _("de stand van de stap"), blank=False)
    answers = _texts(answers, [p.code for p in definition.prompts], _("de vragen van deze stap"))
    choices = [c.code for c in content.knelpunt_questions.applies_choices]
    reflections = {}
    for code, item in (knelpunten or {}).items():
        if code not in [k.code for k in definition.knelpunten]:
            raise InclusionError(_("Onbekend knelpunt: %(code)s.") % {"code": code})
        applies = _code(item.get("applies", ""), choices, _("‘speelt dit bij ons?’"))
        note = _text(item.get("note", ""))
        if applies or note:
            reflections[code] = {"applies": applies, "note": note}
    notes = _text(notes)
    if status == "open" and (answers or reflections or notes):
        status = "bezig"  # writing something down is starting the step
    work.status, work.answers, work.knelpunten, work.notes = status, answers, reflections, notes
    work.save()
    _touch(trajectory)
    return work


def _mark_started(trajectory: Trajectory, step: str) -> None:
    StepWork.objects.filter(trajectory=trajectory, step=step, status="open").update(status="bezig")


# --------------------------------------------------------------------------- #
# the verkenning (Bijlage 1)
# --------------------------------------------------------------------------- #


@transaction.atomic
def save_answer(
    trajectory: Trajectory,
    question: str,
    *,
    state: str,
    text: str = "",
    owner: str = "",
    how: str = "",
    ways: Iterable[str] = (),
    due_date: dt.date | None = None,
) -> tuple[VerkenningAnswer | None, Task | None]:
    """One question of the verkenning. "Weet ik niet" turns into a task "hoe komen we hierachter?"
    with an owner (the seed's second tip); answering or skipping the question closes that task."""
    _writable(trajectory)
    content = trajectory.content
    definition = content.questions_by_code.get(question)
    if definition is None:
        raise InclusionError(_("Deze vraag staat niet in de verkenning."))
    state = _code(state, [s.code for s in content.verkenning.answer_states], _("het antwoord"), blank=False)
    text = _text(text)
    task = Task.objects.filter(trajectory=trajectory, question=question).first()
    previous = VerkenningAnswer.objects.filter(trajectory=trajectory, question=question).first()
    if previous is None and state == AnswerState.ANTWOORD and not text:
        return None, None  # nothing said: no record
    if state == AnswerState.WEET_NIET:
        owner = _text(owner, 200)
        if not owner:
            raise InclusionError(_("Wie zoekt het uit? Bij ‘weet ik niet’ hoort een taak met een eigenaar: vul een naam in."))
        ways = _codes(ways, [w.code for w in content.verkenning.ways], _("hoe komen we hierachter"))
        fields = {"title": question_title(content, question)[:500], "how": _text(how), "ways": ways, "owner": owner, "due_date": due_date}
        if task is None:
            task = Task.objects.create(trajectory=trajectory, question=question, **fields)
        else:
            for name, value in fields.items():
                setattr(task, name, value)
            if previous is None or previous.state != AnswerState.WEET_NIET:
                task.done_at = None  # a new "weet ik niet": the task is open again
            task.save()
    elif task is not None and task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])
    answer, _created = VerkenningAnswer.objects.update_or_create(
        trajectory=trajectory, question=question, defaults={"state": state, "text": text}
    )
    _mark_started(trajectory, "verkenning")
    _touch(trajectory)
    return answer, (task if state == AnswerState.WEET_NIET else None)


@transaction.atomic
def save_answers(trajectory: Trajectory, items: Mapping[str, Mapping]) -> list[Task]:
    """A whole part of the verkenning in one go; returns the open "weet ik niet" tasks."""
    tasks = []
    for question, fields in items.items():
        _answer, task = save_answer(trajectory, question, **fields)
        if task is not None:
            tasks.append(task)
    return tasks


def question_title(content, code: str) -> str:
    """'Deel 3, vraag 7a: Financieel (Welke middelen zijn er beschikbaar …?)': a task says where it came from."""
    for part in content.verkenning.parts:
        for question in part.questions:
            if question.code == code:
                return f"Deel {part.number}, vraag {question.number}: {question.text}"
            for sub in question.sub:
                if sub.code == code:
                    return f"Deel {part.number}, vraag {question.number}{sub.letter}: {sub.text} ({question.text})"
    return code


@transaction.atomic
def choose_levensdomein(
    trajectory: Trajectory,
    *,
    levensdomein: str,
    bases: Iterable[str] = (),
    reason: str = "",
    area: str = "",
    area_reason: str = "",
) -> None:
    """Deel 2: one of the six VNG levensdomeinen, on which grounds, and optionally one wijk/kern."""
    _writable(trajectory)
    content = trajectory.content
    part = content.verkenning.parts[1]
    trajectory.levensdomein = _code(levensdomein, [d.code for d in content.levensdomeinen], _("het levensdomein"))
    trajectory.levensdomein_bases = _codes(bases, [b.code for b in part.bases], _("de grond voor de keuze"))
    trajectory.levensdomein_reason = _text(reason)
    trajectory.area = _text(area, 200)
    trajectory.area_reason = _text(area_reason) if trajectory.area else ""
    trajectory.save(
        update_fields=["levensdomein", "levensdomein_bases", "levensdomein_reason", "area", "area_reason", "updated_at"]
    )
    _mark_started(trajectory, "verkenning")


# --------------------------------------------------------------------------- #
# tasks
# --------------------------------------------------------------------------- #


def _task_fields(trajectory: Trajectory, title: str, owner: str, how: str, ways, due_date) -> dict:
    title, owner = _text(title, 500), _text(owner, 200)
    if not title:
        raise InclusionError(_("Schrijf op wat er uitgezocht moet worden."))
    if not owner:
        raise InclusionError(_("Wie zoekt het uit? Een taak heeft een eigenaar."))
    ways = _codes(ways, [w.code for w in trajectory.content.verkenning.ways], _("hoe komen we hierachter"))
    return {"title": title, "owner": owner, "how": _text(how), "ways": ways, "due_date": due_date}


@transaction.atomic
def add_task(trajectory: Trajectory, *, title: str, owner: str, how: str = "", ways=(), due_date=None) -> Task:
    _writable(trajectory)
    task = Task.objects.create(trajectory=trajectory, **_task_fields(trajectory, title, owner, how, ways, due_date))
    _touch(trajectory)
    return task


@transaction.atomic
def update_task(task: Task, *, title: str, owner: str, how: str = "", ways=(), due_date=None) -> None:
    _writable(task.trajectory)
    for name, value in _task_fields(task.trajectory, title, owner, how, ways, due_date).items():
        setattr(task, name, value)
    task.save()
    _touch(task.trajectory)


def complete_task(task: Task) -> None:
    _writable(task.trajectory)
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])


def reopen_task(task: Task) -> None:
    _writable(task.trajectory)
    task.done_at = None
    task.save(update_fields=["done_at"])


def delete_task(task: Task) -> None:
    _writable(task.trajectory)
    task.delete()


# --------------------------------------------------------------------------- #
# the vlechtwerk check (Randvoorwaarde 1)
# --------------------------------------------------------------------------- #


@transaction.atomic
def create_check(trajectory: Trajectory, *, name: str, description: str = "") -> PolicyCheck:
    _writable(trajectory)
    name = _text(name, 200)
    if not name:
        raise InclusionError(_("Noem het beleid, het plan of de maatregel die u toetst."))
    if trajectory.checks.count() >= MAX_CHECKS:
        raise InclusionError(_("Dit traject heeft al %(n)d toetsen. Verwijder eerst een oude.") % {"n": MAX_CHECKS})
    check = PolicyCheck.objects.create(trajectory=trajectory, name=name, description=_text(description))
    _touch(trajectory)
    return check


@transaction.atomic
def update_check(check: PolicyCheck, *, name: str, description: str = "") -> None:
    _writable(check.trajectory)
    name = _text(name, 200)
    if not name:
        raise InclusionError(_("Noem het beleid, het plan of de maatregel die u toetst."))
    check.name, check.description = name, _text(description)
    check.save()


def delete_check(check: PolicyCheck) -> None:
    _writable(check.trajectory)
    check.delete()


@transaction.atomic
def save_factor_answers(check: PolicyCheck, answers: Mapping[str, Mapping[str, str]]) -> None:
    """Per factor: for whom could it work differently, who is missing, what do we do about it."""
    _writable(check.trajectory)
    questions = [q.code for q in check.trajectory.content.vlechtwerk_check.questions]
    known = factor_codes()
    for factor, values in answers.items():
        if factor not in known:
            raise InclusionError(_("Onbekende factor van het vlechtwerk: %(code)s.") % {"code": factor})
        cleaned = _texts(values, questions, _("de vlechtwerkcheck"))
        if cleaned:
            FactorAnswer.objects.update_or_create(policy_check=check, factor=factor, defaults={"answers": cleaned})
        else:
            FactorAnswer.objects.filter(policy_check=check, factor=factor).delete()
    check.save(update_fields=["updated_at"])
    _touch(check.trajectory)


@transaction.atomic
def add_intersection(check: PolicyCheck, *, factors: Iterable[str], note: str) -> Intersection:
    _writable(check.trajectory)
    chosen = _codes(factors, factor_codes(), _("de combinatie"))
    if len(chosen) < 2:
        raise InclusionError(_("Een combinatie bestaat uit minstens twee factoren. Kies er twee of meer."))
    note = _text(note)
    if not note:
        raise InclusionError(_("Schrijf op wat u ziet bij deze combinatie van factoren."))
    for existing in check.intersections.all():
        if sorted(existing.factors) == sorted(chosen):
            raise InclusionError(_("Deze combinatie staat er al. Vul de notitie daar aan of verwijder haar eerst."))
    intersection = Intersection.objects.create(policy_check=check, factors=chosen, note=note)
    _touch(check.trajectory)
    return intersection


def delete_intersection(intersection: Intersection) -> None:
    _writable(intersection.policy_check.trajectory)
    intersection.delete()


# --------------------------------------------------------------------------- #
# the working group (Randvoorwaarde 2)
# --------------------------------------------------------------------------- #


@transaction.atomic
def save_working_group(
    group: WorkingGroup, *, composition: str = "", goal: str = "", goal_note: str = "", answers: Mapping[str, str] | None = None
) -> None:
    _writable(group.trajectory)
    definition = group.trajectory.content.working_group
    group.composition = _code(composition, [c.code for c in definition.compositions], _("de samenstelling"))
    group.goal = _code(goal, [g.code for g in definition.goals], _("het doel"))
    group.goal_note = _text(goal_note)
    group.answers = _texts(answers, [q.code for q in definition.questions], _("de werkgroep"))
    group.save()
    _touch(group.trajectory)


def _member_fields(group: WorkingGroup, name, role, organisation, kind, qualities, perspectives) -> dict:
    definition = group.trajectory.content.working_group
    name = _text(name, 200)
    if not name:
        raise InclusionError(_("Vul de naam van het lid in."))
    return {
        "name": name,
        "role": _text(role, 200),
        "organisation": _text(organisation, 200),
        "kind": _code(kind, [k.code for k in definition.member_kinds], _("soort lid"), blank=False),
        "qualities": _codes(qualities, [q.code for q in definition.qualities], _("wat het lid inbrengt")),
        "perspectives": _codes(perspectives, factor_codes(), _("de factoren")),
    }


@transaction.atomic
def add_member(
    group: WorkingGroup, *, name: str, role: str = "", organisation: str = "", kind: str = "collega", qualities=(), perspectives=()
) -> Member:
    _writable(group.trajectory)
    if group.members.count() >= MAX_MEMBERS:
        raise InclusionError(_("De werkgroep heeft al %(n)d leden; meer kan niet.") % {"n": MAX_MEMBERS})
    fields = _member_fields(group, name, role, organisation, kind, qualities, perspectives)
    last = group.members.order_by("-position").first()
    member = Member.objects.create(group=group, position=(last.position + 1) if last else 1, **fields)
    _touch(group.trajectory)
    return member


@transaction.atomic
def update_member(member: Member, *, name: str, role: str = "", organisation: str = "", kind: str = "collega", qualities=(), perspectives=()) -> None:
    _writable(member.group.trajectory)
    for field, value in _member_fields(member.group, name, role, organisation, kind, qualities, perspectives).items():
        setattr(member, field, value)
    member.save()


def remove_member(member: Member) -> None:
    _writable(member.group.trajectory)
    member.delete()


@transaction.atomic
def change_role(group: WorkingGroup, *, role: str, since: dt.date, note: str = "") -> RoleChange:
    """The role of the working group changes over time; every change is kept with its date."""
    _writable(group.trajectory)
    role = _code(role, [r.code for r in group.trajectory.content.working_group.roles], _("de rol"), blank=False)
    if since is None:
        raise InclusionError(_("Vul in sinds wanneer de werkgroep deze rol heeft."))
    change = RoleChange.objects.create(group=group, role=role, since=since, note=_text(note))
    _touch(group.trajectory)
    return change


def remove_role_change(change: RoleChange) -> None:
    _writable(change.group.trajectory)
    change.delete()


# --------------------------------------------------------------------------- #
# participation (Randvoorwaarde 3, Bijlage 2)
# --------------------------------------------------------------------------- #


@transaction.atomic
def save_participation(
    plan: ParticipationPlan,
    *,
    approach: str = "",
    approach_reason: str = "",
    answers: Mapping[str, str] | None = None,
    attention: Mapping[str, str] | None = None,
    forms: Iterable[str] = (),
) -> None:
    _writable(plan.trajectory)
    content = plan.trajectory.content
    definition = content.participation
    plan.approach = _code(approach, [a.code for a in definition.approaches], _("de aanpak"))
    plan.approach_reason = _text(approach_reason)
    plan.answers = _texts(answers, [q.code for q in definition.questions], _("Bijlage 2"))
    points = [a.code for a in content.precondition("inwoners").attention_points]
    plan.attention = _texts(attention, points, _("de aandachtspunten"))
    plan.forms = _codes(forms, [f.code for f in definition.forms], _("de vormen van participatie"))
    plan.save()
    _touch(plan.trajectory)


@transaction.atomic
def add_activity(
    plan: ParticipationPlan, *, form: str, title: str, date: dt.date | None = None, notes: str = "", assessment=None, user=None
) -> ParticipationActivity:
    _writable(plan.trajectory)
    form = _code(form, [f.code for f in plan.trajectory.content.participation.forms], _("de vorm"), blank=False)
    title = _text(title, 200)
    if not title:
        raise InclusionError(_("Geef de activiteit een naam, bijvoorbeeld ‘Wijkgesprek Noord’."))
    if assessment is not None and (user is None or not rules.has_perm("assessments.view_assessment", user, assessment)):
        raise InclusionError(_("Deze MIA kunt u niet koppelen."))
    activity = ParticipationActivity.objects.create(
        plan=plan, form=form, title=title, date=date, notes=_text(notes), assessment=assessment
    )
    if form not in plan.forms:
        plan.forms = [f.code for f in plan.trajectory.content.participation.forms if f.code in {*plan.forms, form}]
        plan.save(update_fields=["forms"])
    _touch(plan.trajectory)
    return activity


def remove_activity(activity: ParticipationActivity) -> None:
    _writable(activity.plan.trajectory)
    activity.delete()


# --------------------------------------------------------------------------- #
# monitoring and evaluation (Stap 5, Bijlage 3)
# --------------------------------------------------------------------------- #


@transaction.atomic
def save_monitoring(
    plan: MonitoringPlan, *, answers: Mapping[str, str] | None = None, tips: Mapping[str, Mapping] | None = None
) -> None:
    _writable(plan.trajectory)
    definition = plan.trajectory.content.monitoring
    codes = [c for q in definition.questions for c in [q.code, *[s.code for s in q.sub]]]
    plan.answers = _texts(answers, codes, _("Bijlage 3"))
    tip_codes = [t.code for t in definition.tips]
    checked = {}
    for code, item in (tips or {}).items():
        if code not in tip_codes:
            raise InclusionError(_("Onbekende tip: %(code)s.") % {"code": code})
        done, note = bool(item.get("done")), _text(item.get("note", ""))
        if done or note:
            checked[code] = {"done": done, "note": note}
    plan.tips = checked
    plan.save()
    _mark_started(plan.trajectory, "evalueren")
    _touch(plan.trajectory)


def _goal_in_plan(plan: MonitoringPlan, goal: Goal | None) -> Goal | None:
    if goal is not None and goal.plan_id != plan.pk:
        raise InclusionError(_("Dit doel hoort niet bij dit traject."))
    return goal


@transaction.atomic
def add_goal(plan: MonitoringPlan, *, kind: str, text: str, assumption: str = "", contributes_to: Goal | None = None) -> Goal:
    """A line of the veranderverhaal: activities lead to outputs, outputs to outcomes."""
    _writable(plan.trajectory)
    kind = _code(kind, [k.code for k in plan.trajectory.content.monitoring.goal_kinds], _("de soort doel"), blank=False)
    text = _text(text, 500)
    if not text:
        raise InclusionError(_("Schrijf het doel op."))
    target = _goal_in_plan(plan, contributes_to)
    if target is not None and LEVEL[target.kind] <= LEVEL[kind]:
        raise InclusionError(
            _("In het veranderverhaal leidt een activiteit tot een output en een output tot een outcome. Kies een doel van een hoger niveau.")
        )
    last = plan.goals.order_by("-position").first()
    goal = Goal.objects.create(
        plan=plan, kind=kind, text=text, assumption=_text(assumption), contributes_to=target,
        position=(last.position + 1) if last else 1,
    )
    _mark_started(plan.trajectory, "evalueren")
    _touch(plan.trajectory)
    return goal


def remove_goal(goal: Goal) -> None:
    _writable(goal.plan.trajectory)
    goal.delete()


def _indicator_fields(plan, name, kind, goal, source, source_note, unit, direction, target) -> dict:
    definition = plan.trajectory.content.monitoring
    name = _text(name, 200)
    if not name:
        raise InclusionError(_("Geef de indicator een naam."))
    if target is not None and abs(target) > MAX_VALUE:
        raise InclusionError(_("De streefwaarde is te groot."))
    return {
        "name": name,
        "kind": _code(kind, ["outcome", "output"], _("de soort indicator"), blank=False),
        "goal": _goal_in_plan(plan, goal),
        "source": _code(source, [s.code for s in definition.sources], _("de bron")),
        "source_note": _text(source_note, 300),
        "unit": _text(unit, 40),
        "direction": _code(direction, [d.code for d in definition.directions], _("de richting"), blank=False),
        "target": target,
    }


@transaction.atomic
def add_indicator(
    plan: MonitoringPlan, *, name: str, kind: str = "outcome", goal: Goal | None = None, source: str = "",
    source_note: str = "", unit: str = "", direction: str = "duiden", target: Decimal | None = None,
) -> Indicator:
    _writable(plan.trajectory)
    if plan.indicators.count() >= MAX_INDICATORS:
        raise InclusionError(_("Dit plan heeft al %(n)d indicatoren. Meet met mate.") % {"n": MAX_INDICATORS})
    fields = _indicator_fields(plan, name, kind, goal, source, source_note, unit, direction, target)
    last = plan.indicators.order_by("-position").first()
    indicator = Indicator.objects.create(plan=plan, position=(last.position + 1) if last else 1, **fields)
    _mark_started(plan.trajectory, "evalueren")
    _touch(plan.trajectory)
    return indicator


@transaction.atomic
def update_indicator(
    indicator: Indicator, *, name: str, kind: str = "outcome", goal: Goal | None = None, source: str = "",
    source_note: str = "", unit: str = "", direction: str = "duiden", target: Decimal | None = None,
) -> None:
    _writable(indicator.plan.trajectory)
    fields = _indicator_fields(indicator.plan, name, kind, goal, source, source_note, unit, direction, target)
    for field, value in fields.items():
        setattr(indicator, field, value)
    indicator.save()


def remove_indicator(indicator: Indicator) -> None:
    _writable(indicator.plan.trajectory)
    indicator.delete()


@transaction.atomic
def add_measurement(indicator: Indicator, *, measured_on: dt.date, value: Decimal, note: str = "") -> Measurement:
    _writable(indicator.plan.trajectory)
    if measured_on is None or value is None:
        raise InclusionError(_("Een meting heeft een datum en een waarde."))
    if abs(value) > MAX_VALUE:
        raise InclusionError(_("Deze waarde is te groot om op te slaan."))
    if indicator.measurements.count() >= MAX_MEASUREMENTS:
        raise InclusionError(_("Deze indicator heeft al %(n)d metingen.") % {"n": MAX_MEASUREMENTS})
    if indicator.measurements.filter(measured_on=measured_on).exists():
        raise InclusionError(
            _("Op %(date)s is al een meting. Verwijder die eerst of kies een andere datum.")
            % {"date": measured_on.strftime("%d-%m-%Y")}
        )
    try:
        with transaction.atomic():
            measurement = Measurement.objects.create(indicator=indicator, measured_on=measured_on, value=value, note=_text(note))
    except IntegrityError:  # a second submit at the same moment
        raise InclusionError(_("Op deze datum is al een meting.")) from None
    _touch(indicator.plan.trajectory)
    return measurement


def remove_measurement(measurement: Measurement) -> None:
    _writable(measurement.indicator.plan.trajectory)
    measurement.delete()


@transaction.atomic
def add_qualitative(
    plan: MonitoringPlan, *, kind: str, summary: str, held_on: dt.date | None = None, indicator: Indicator | None = None
) -> QualitativeCheck:
    """The qualitative check beside the numbers: interviews, stories, group talks."""
    _writable(plan.trajectory)
    kind = _code(kind, [k.code for k in plan.trajectory.content.monitoring.qualitative.kinds], _("de soort"), blank=False)
    summary = _text(summary)
    if not summary:
        raise InclusionError(_("Schrijf op wat er uit het gesprek of de verhalen kwam."))
    if indicator is not None and indicator.plan_id != plan.pk:
        raise InclusionError(_("Deze indicator hoort niet bij dit traject."))
    check = QualitativeCheck.objects.create(plan=plan, kind=kind, summary=summary, held_on=held_on, indicator=indicator)
    _touch(plan.trajectory)
    return check


def remove_qualitative(check: QualitativeCheck) -> None:
    _writable(check.plan.trajectory)
    check.delete()


# --------------------------------------------------------------------------- #
# exports (a job: a large trajectory takes more than a minute as PDF)
# --------------------------------------------------------------------------- #


def request_export(trajectory: Trajectory, *, user, fmt: str, personal_data: bool = False, back_url: str = ""):
    """Start the job that makes a PDF or DOCX; names go in only for those who manage the trajectory."""
    from mia.jobs.actions import active_job, start_job

    if fmt not in ("pdf", "docx"):
        raise InclusionError(_("Kies PDF of DOCX."))
    if personal_data and not rules.has_perm("inclusion.manage_trajectory", user, trajectory):
        raise InclusionError(_("Een export met namen mag alleen het kernteam maken."))
    subject = export_subject(trajectory, fmt, personal_data)
    if active_job("inclusion.export", subject) is not None:
        raise InclusionError(_("Dit document wordt al gemaakt. Wacht tot het klaar is."))
    return start_job(
        "inclusion.export", subject=subject, user=user,
        params={"trajectory": trajectory.pk, "format": fmt, "personal_data": personal_data, "user": user.pk, "back_url": back_url},
    )


def export_subject(trajectory: Trajectory, fmt: str, personal_data: bool) -> str:
    """One job at a time per document: the same PDF twice is refused, a PDF and a DOCX may run together."""
    return f"inclusion.export:{trajectory.pk}:{fmt}:{'namen' if personal_data else 'anoniem'}"
