"""Everything of a trajectory resolved into texts and labels, for the summary page, the PDF and
the DOCX alike (one source, so the three never disagree)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from mia.inclusion.chart import format_number, indicator_chart
from mia.inclusion.models import Member, Trajectory
from mia.instrument.factors import coverage_for_members, load_lens

HIDDEN_NAME = "(naam niet in deze export)"


def short_kind_labels(content) -> dict[str, str]:
    """'Outcome (veranderdoel): wat verandert …?' → 'Outcome': the form explains, the tree only names."""
    return {k.code: k.label.split(" (")[0].split(":")[0] for k in content.monitoring.goal_kinds}


def member_label(member: Member, index: int, personal_data: bool) -> str:
    if personal_data and not member.name_erased_at:
        return member.name
    return f"Lid {index}"


def working_group_coverage(trajectory: Trajectory, personal_data: bool = True):
    members = list(trajectory.working_group.members.all())
    return coverage_for_members(
        {member_label(m, i, personal_data): m.perspectives for i, m in enumerate(members, start=1)}
    )


def size_warning(trajectory: Trajectory, count: int) -> str:
    size = trajectory.content.working_group.size
    if count == 0 or size.min <= count <= size.max:
        return ""
    if count < size.min:
        return _("De werkgroep heeft %(n)d leden. Het stappenplan noemt %(min)d tot %(max)d mensen, afhankelijk van de gemeente.") % {
            "n": count, "min": size.min, "max": size.max,
        }
    return _("De werkgroep heeft %(n)d leden.") % {"n": count} + " " + size.text


def indicator_rows(trajectory: Trajectory) -> list[dict]:
    content = trajectory.content
    sources = {s.code: s for s in content.monitoring.sources}
    directions = {d.code: d.label for d in content.monitoring.directions}
    rows = []
    for indicator in trajectory.monitoring.indicators.select_related("goal").prefetch_related("measurements"):
        measurements = list(indicator.measurements.all())
        rows.append({
            "indicator": indicator,
            "source": sources.get(indicator.source),
            "direction": directions.get(indicator.direction, ""),
            "measurements": [
                {"measurement": m, "value": format_number(m.value), "date": m.measured_on} for m in measurements
            ],
            "target": format_number(indicator.target) if indicator.target is not None else "",
            "svg": indicator_chart(
                indicator.name,
                [(m.measured_on, m.value) for m in measurements],
                unit=indicator.unit,
                target=indicator.target,
                chart_id=f"indicator-{indicator.pk}",
            ),
        })
    return rows


def goal_tree(trajectory: Trajectory) -> list[dict]:
    """The veranderverhaal read from the top: each outcome with the outputs and activities that lead to it."""
    goals = list(trajectory.monitoring.goals.all())
    children: dict[int | None, list] = {}
    for goal in goals:
        children.setdefault(goal.contributes_to_id, []).append(goal)

    def node(goal, depth: int = 0) -> dict:
        return {
            "goal": goal, "depth": depth, "indent": "— " * depth,
            "children": [node(c, depth + 1) for c in children.get(goal.pk, [])],
        }

    known = {g.pk for g in goals}
    roots = [g for g in goals if g.contributes_to_id is None or g.contributes_to_id not in known]
    order = {"outcome": 0, "output": 1, "activiteit": 2}
    return [node(g) for g in sorted(roots, key=lambda g: (order.get(g.kind, 3), g.position, g.pk))]


def flatten(tree: list[dict]) -> list[dict]:
    flat = []
    for item in tree:
        flat.append(item)
        flat.extend(flatten(item["children"]))
    return flat


def trajectory_report(trajectory: Trajectory, *, personal_data: bool = False) -> dict:
    content = trajectory.content
    lens = load_lens()
    factor_label = {f.code: f.label for f in lens.factors}
    answers = {a.question: a for a in trajectory.answers.all()}
    tasks = list(trajectory.tasks.all())
    task_by_question = {t.question: t for t in tasks if t.question}
    # In a report an answer speaks for itself; only the two other states are named.
    states = {"antwoord": "", "weet-niet": _("Weet ik niet"), "overslaan": _("Overgeslagen")}

    verkenning = []
    for part in content.verkenning.parts:
        rows = []
        for question in part.questions:
            for item, level in [(question, 0), *[(s, 1) for s in question.sub]]:
                if getattr(item, "only_with_area", False) and not trajectory.area:
                    continue
                answer = answers.get(item.code)
                rows.append({
                    "question": item, "level": level, "answer": answer,
                    "state": states.get(answer.state, "") if answer else "",
                    "task": task_by_question.get(item.code),
                })
        verkenning.append({"part": part, "rows": rows})

    work = {w.step: w for w in trajectory.step_work.all()}
    statuses = {s.code: s.label for s in content.step_statuses}
    applies = {c.code: c.label for c in content.knelpunt_questions.applies_choices}
    steps = []
    for step in content.steps:
        w = work.get(step.code)
        steps.append({
            "step": step, "work": w, "status": statuses.get(w.status if w else "open", ""),
            "prompts": [(p, (w.answers if w else {}).get(p.code, "")) for p in step.prompts],
            "knelpunten": [
                (k, applies.get((w.knelpunten if w else {}).get(k.code, {}).get("applies", ""), ""),
                 (w.knelpunten if w else {}).get(k.code, {}).get("note", ""))
                for k in step.knelpunten
            ],
        })

    questions = content.vlechtwerk_check.questions
    checks = []
    for check in trajectory.checks.prefetch_related("factor_answers", "intersections"):
        given = {a.factor: a.answers for a in check.factor_answers.all()}
        checks.append({
            "check": check,
            "factors": [
                {"factor": f, "answers": [(q, given.get(f.code, {}).get(q.code, "")) for q in questions], "filled": f.code in given}
                for f in lens.factors
            ],
            "unanswered": [f.label for f in lens.factors if f.code not in given],
            "intersections": [([factor_label.get(c, c) for c in i.factors], i.note) for i in check.intersections.all()],
        })

    group = trajectory.working_group
    wg = content.working_group
    members = list(group.members.all())
    kinds = {k.code: k.label for k in wg.member_kinds}
    qualities = {q.code: q.label for q in wg.qualities}
    roles = {r.code: r.label for r in wg.roles}
    group_report = {
        "group": group,
        "composition": content.label(wg.compositions, group.composition) if group.composition else "",
        "goal": content.label(wg.goals, group.goal) if group.goal else "",
        "answers": [(q, group.answers.get(q.code, "")) for q in wg.questions],
        "members": [
            {
                "label": member_label(m, i, personal_data), "member": m, "kind": kinds.get(m.kind, m.kind),
                "qualities": [qualities.get(q, q) for q in m.qualities],
                "perspectives": [factor_label.get(p, p) for p in m.perspectives],
            }
            for i, m in enumerate(members, start=1)
        ],
        "roles": [{"change": r, "role": roles.get(r.role, r.role)} for r in group.role_changes.all()],
        "size_warning": size_warning(trajectory, len(members)),
        "coverage": working_group_coverage(trajectory, personal_data),
    }

    plan = trajectory.participation
    pdef = content.participation
    forms = {f.code: f.label for f in pdef.forms}
    participation = {
        "plan": plan,
        "approach": content.label(pdef.approaches, plan.approach) if plan.approach else "",
        "answers": [(q, plan.answers.get(q.code, "")) for q in pdef.questions],
        "attention": [(p, plan.attention.get(p.code, "")) for p in content.precondition("inwoners").attention_points],
        "forms": [forms[f] for f in plan.forms if f in forms],
        "activities": [{"activity": a, "form": forms.get(a.form, a.form)} for a in plan.activities.select_related("assessment")],
    }

    monitoring = trajectory.monitoring
    mdef = content.monitoring
    kinds_label = short_kind_labels(content)
    monitoring_report = {
        "plan": monitoring,
        "questions": [
            {"question": q, "answer": monitoring.answers.get(q.code, ""),
             "sub": [(s, monitoring.answers.get(s.code, "")) for s in q.sub]}
            for q in mdef.questions
        ],
        "tips": [(t, monitoring.tips.get(t.code, {})) for t in mdef.tips],
        "goals": flatten(goal_tree(trajectory)),
        "goal_kinds": kinds_label,
        "indicators": indicator_rows(trajectory),
        "qualitative": [
            {"check": q, "kind": content.label(mdef.qualitative.kinds, q.kind)}
            for q in monitoring.qualitative_checks.select_related("indicator")
        ],
    }

    ways = {w.code: w.label for w in content.verkenning.ways}
    return {
        "trajectory": trajectory,
        "content": content,
        "factors": lens.factors,
        "personal_data": personal_data,
        "levensdomein": content.label(content.levensdomeinen, trajectory.levensdomein) if trajectory.levensdomein else "",
        "bases": [b.text for b in content.verkenning.parts[1].bases if b.code in trajectory.levensdomein_bases],
        "verkenning": verkenning,
        "steps": steps,
        "checks": checks,
        "working_group": group_report,
        "participation": participation,
        "monitoring": monitoring_report,
        "tasks": [
            {"task": t, "owner": t.owner if personal_data else HIDDEN_NAME, "ways": [ways.get(w, w) for w in t.ways]}
            for t in tasks
        ],
    }
