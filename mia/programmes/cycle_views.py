"""Pages of the cycles A–D: the board, one cycle's checklist, its thema-aanpak, links and evaluation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mia.core.lookup import get_posted
from mia.programmes import actions, forms
from mia.programmes.access import get_cycle_for, get_programme_for
from mia.programmes.content import seed_content
from mia.programmes.evaluation import evaluation as evaluation_of
from mia.programmes.models import (
    ApproachPlan,
    CycleLink,
    CycleStep,
    Goal,
    Phase,
    PolicyAction,
    Priority,
    Strategy,
)
from mia.programmes.views import page


def cycle_page(request, template, cycle, status=200, **context):
    return page(request, template, cycle.programme, "cycles", status=status, cycle=cycle, **context)


# --------------------------------------------------------------------------------------------
# The board
# --------------------------------------------------------------------------------------------


@login_required
def board(request, pk):
    programme = get_programme_for(request.user, pk)
    cycles = list(programme.cycles.select_related("theme", "target_group").prefetch_related("steps", "links"))
    columns = []
    content = seed_content()
    for code, label in Phase.choices:
        in_phase = [c for c in cycles if c.phase == code and not c.is_closed]
        columns.append({"code": code, "label": label, "summary": content.phase(code).summary, "cycles": [
            {"cycle": c, "open_steps": sum(1 for s in c.steps.all() if s.phase == code and not s.is_done),
             "links": len(c.links.all())} for c in in_phase]})
    return page(request, "programmes/board.html", programme, "cycles", columns=columns,
                closed=[c for c in cycles if c.is_closed], intro=content.approach_intro,
                open_priorities=programme.priorities.filter(cycles__isnull=True).select_related("theme", "target_group"))


@login_required
def cycle_new(request, pk):
    programme = get_programme_for(request.user, pk)
    priority = None
    if request.GET.get("prioriteit"):
        priority = get_posted(Priority, request.GET.get("prioriteit"), programme=programme)
    if request.method == "POST":
        form = forms.CycleForm(request.POST, programme=programme)
        if request.POST.get("priority"):
            priority = get_posted(Priority, request.POST.get("priority"), programme=programme)
        if form.is_valid():
            data = form.cleaned_data
            try:
                cycle = actions.create_cycle(programme, title=data["title"], theme=data["theme"], target_group=data["target_group"],
                                             priority=priority, phase=data["phase"], started_on=data["started_on"])
                messages.success(request, _("De cyclus is geopend."))
                return redirect("programmes:cycle", programme.pk, cycle.pk)
            except actions.ProgrammeError as error:
                form.add_error(None, str(error))
    else:
        initial = {"phase": Phase.A}
        if priority is not None:
            initial.update(theme=priority.theme_id, target_group=priority.target_group_id, phase=Phase.B)
        form = forms.CycleForm(programme=programme, initial=initial)
    return page(request, "programmes/cycle_new.html", programme, "cycles", status=400 if form.is_bound else 200,
                form=form, priority=priority)


# --------------------------------------------------------------------------------------------
# One cycle: phase and checklist
# --------------------------------------------------------------------------------------------


def _phases(cycle):
    content = seed_content()
    steps = list(cycle.steps.all())
    return [
        {"code": p.code, "title": p.title, "label": p.label, "summary": p.summary, "current": p.code == cycle.phase,
         "steps": [{"step": s, "guidance": next((x.guidance for x in p.steps if x.code == s.code), ""),
                    "form": forms.StepForm(prefix=f"step{s.pk}", initial={"done": s.is_done, "owner": s.owner,
                                                                          "due_date": s.due_date, "note": s.note})}
                   for s in steps if s.phase == p.code]}
        for p in content.phases
    ]


@login_required
def cycle_detail(request, pk, cycle_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk)
    return cycle_page(request, "programmes/cycle.html", cycle, phases=_phases(cycle),
                      phase_form=forms.PhaseForm(initial={"phase": cycle.phase}),
                      next_cycles=cycle.next_cycles.all(), link_count=cycle.links.count(), goal_count=cycle.goals.count())


@login_required
@require_POST
def cycle_phase(request, pk, cycle_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk)
    form = forms.PhaseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies fase A, B, C of D."))
        return redirect("programmes:cycle", pk, cycle.pk)
    try:
        still_open = actions.set_phase(cycle, form.cleaned_data["phase"])
    except actions.ProgrammeError as error:
        messages.error(request, str(error))
        return redirect("programmes:cycle", pk, cycle.pk)
    messages.success(request, _("De cyclus staat nu in fase %(phase)s.") % {"phase": cycle.get_phase_display()})
    if still_open:
        messages.warning(request, _("Let op: in eerdere fasen staan nog %(n)d stappen open.") % {"n": len(still_open)})
    return redirect("programmes:cycle", pk, cycle.pk)


@login_required
@require_POST
def step_update(request, pk, cycle_pk, step_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk)
    step = get_object_or_404(CycleStep, pk=step_pk, cycle=cycle)
    form = forms.StepForm(request.POST, prefix=f"step{step.pk}")
    if form.is_valid():
        actions.update_step(step, **form.cleaned_data)
        messages.success(request, _("‘%(step)s’ is opgeslagen.") % {"step": step.label})
        return redirect(reverse("programmes:cycle", args=[pk, cycle.pk]) + f"#stap-{step.pk}")
    phases = _phases(cycle)
    for phase in phases:
        for item in phase["steps"]:
            if item["step"].pk == step.pk:
                item["form"] = form
    return cycle_page(request, "programmes/cycle.html", cycle, status=400, phases=phases,
                      phase_form=forms.PhaseForm(initial={"phase": cycle.phase}), next_cycles=cycle.next_cycles.all(),
                      link_count=cycle.links.count(), goal_count=cycle.goals.count())


@login_required
@require_POST
def cycle_close(request, pk, cycle_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk)
    close = request.POST.get("closed") == "1"
    actions.close_cycle(cycle, close)
    messages.success(request, _("De cyclus is afgesloten.") if close else _("De cyclus is heropend."))
    return redirect("programmes:cycle", pk, cycle.pk)


# --------------------------------------------------------------------------------------------
# The thema-aanpak (fase B)
# --------------------------------------------------------------------------------------------


def _plan_forms(cycle, data=None):
    result = {}
    for kind in (Strategy.CONNECT, Strategy.INITIATE):
        plan = cycle.plans.filter(kind=kind).first() or ApproachPlan(cycle=cycle, kind=kind)
        initial = {name: getattr(plan, name) for name in actions.PLAN_FIELDS}
        if plan.pk:
            initial["leefwerelden"] = list(plan.leefwerelden.all())
            initial["initiatives"] = list(plan.initiatives.all())
        result[kind] = forms.PlanForm(data, programme=cycle.programme, prefix=kind, initial=initial)
    return result


def _approach_page(request, cycle, status=200, form=None, plan_forms=None, goal_form=None):
    content = seed_content()
    plan_forms = plan_forms or _plan_forms(cycle)
    labels = dict(Strategy.choices)
    return cycle_page(
        request, "programmes/approach.html", cycle, status=status, content=content,
        form=form or forms.ApproachForm(initial={"strategy": cycle.strategy, **{n: getattr(cycle, n) for n in actions.ATTENTION_FIELDS}}),
        plans=[{"kind": kind, "label": labels[kind], "form": f, "active": kind in cycle.plan_kinds} for kind, f in plan_forms.items()],
        goals=cycle.goals.all(), goal_form=goal_form or forms.GoalForm(),
        attention={p.code: p for p in content.attention_points},
    )


@login_required
def approach(request, pk, cycle_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk)
    if request.method != "POST":
        return _approach_page(request, cycle)
    form = forms.ApproachForm(request.POST)
    plan_forms = _plan_forms(cycle, request.POST)
    # Both plans are on the page; each one that was sent is saved, whether or not the strategy uses it
    # now, so that nothing typed is lost when the strategy changes.
    sent = [kind for kind in plan_forms if any(key.startswith(f"{kind}-") for key in request.POST)]
    if form.is_valid() and all(plan_forms[k].is_valid() for k in sent):
        try:
            actions.save_approach(cycle, strategy=form.cleaned_data["strategy"],
                                  attention={n: form.cleaned_data[n] for n in actions.ATTENTION_FIELDS},
                                  plans={k: plan_forms[k].cleaned_data for k in sent})
            messages.success(request, _("De thema-aanpak is opgeslagen."))
            return redirect("programmes:approach", pk, cycle.pk)
        except actions.ProgrammeError as error:
            form.add_error(None, str(error))
    return _approach_page(request, cycle, status=400, form=form, plan_forms=plan_forms)


@login_required
@require_POST
def goal_add(request, pk, cycle_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk)
    form = forms.GoalForm(request.POST)
    if form.is_valid():
        try:
            actions.save_goal(cycle, **form.cleaned_data)
            messages.success(request, _("Het doel is toegevoegd."))
            return redirect(reverse("programmes:approach", args=[pk, cycle.pk]) + "#doelstellingen")
        except actions.ProgrammeError as error:
            form.add_error("text", str(error))
    return _approach_page(request, cycle, status=400, goal_form=form)


@login_required
@require_POST
def goal_update(request, pk, cycle_pk, goal_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk)
    goal = get_object_or_404(Goal, pk=goal_pk, cycle=cycle)
    form = forms.GoalForm(request.POST, prefix=f"goal{goal.pk}")
    if form.is_valid():
        actions.save_goal(cycle, goal=goal, **form.cleaned_data)
        messages.success(request, _("Het doel is opgeslagen."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(reverse("programmes:approach", args=[pk, cycle.pk]) + "#doelstellingen")


@login_required
@require_POST
def goal_delete(request, pk, cycle_pk, goal_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk)
    goal = get_object_or_404(Goal, pk=goal_pk, cycle=cycle)
    try:
        actions.delete_goal(goal)
        messages.success(request, _("Het doel is verwijderd."))
    except actions.ProgrammeError as error:
        messages.error(request, str(error))
    return redirect(reverse("programmes:approach", args=[pk, cycle.pk]) + "#doelstellingen")


# --------------------------------------------------------------------------------------------
# Links to real work (fase C)
# --------------------------------------------------------------------------------------------


def _links_page(request, cycle, status=200, form=None, series_form=None):
    sessions = actions.linkable_sessions(cycle, request.user)
    series = actions.linkable_series(cycle, request.user)
    links = list(cycle.links.select_related("session__assessment", "series").prefetch_related("goals", "target_groups"))
    return cycle_page(request, "programmes/links.html", cycle, status=status, links=[
        {"link": link, "form": forms.LinkForm(cycle=cycle, prefix=f"link{link.pk}", initial={
            "goals": list(link.goals.all()), "target_groups": list(link.target_groups.all()), "reach": link.reach,
            "note": link.note})} for link in links],
        form=form or forms.LinkForm(cycle=cycle, sessions=sessions), has_sessions=sessions.exists(),
        series_form=series_form or forms.SeriesLinkForm(cycle=cycle, series=series, prefix="reeks"), has_series=series.exists())


@login_required
def links(request, pk, cycle_pk):
    return _links_page(request, get_cycle_for(request.user, pk, cycle_pk))


@login_required
@require_POST
def link_add(request, pk, cycle_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk)
    form = forms.LinkForm(request.POST, cycle=cycle, sessions=actions.linkable_sessions(cycle, request.user))
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.link_session(cycle, request.user, data["session"], goals=data["goals"], target_groups=data["target_groups"],
                                 reach=data["reach"], note=data["note"])
            messages.success(request, _("De sessie is gekoppeld. Op het scherm van de gespreksleider staan nu de vijf richtlijnen voor dialoog."))
            return redirect("programmes:links", pk, cycle.pk)
        except actions.ProgrammeError as error:
            form.add_error("session", str(error))
    return _links_page(request, cycle, status=400, form=form)


@login_required
@require_POST
def link_series_add(request, pk, cycle_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk)
    form = forms.SeriesLinkForm(request.POST, cycle=cycle, series=actions.linkable_series(cycle, request.user), prefix="reeks")
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.link_series(cycle, request.user, data["series"], goals=data["goals"], target_groups=data["target_groups"],
                                reach=data["reach"], note=data["note"])
            messages.success(request, _("De raadpleging is gekoppeld. Haar sessies tellen mee in fase D."))
            return redirect("programmes:links", pk, cycle.pk)
        except actions.ProgrammeError as error:
            form.add_error("series", str(error))
    return _links_page(request, cycle, status=400, series_form=form)


@login_required
@require_POST
def link_update(request, pk, cycle_pk, link_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk)
    link = get_object_or_404(CycleLink, pk=link_pk, cycle=cycle)
    form = forms.LinkForm(request.POST, cycle=cycle, prefix=f"link{link.pk}")
    if form.is_valid():
        try:
            actions.update_link(link, **form.cleaned_data)
            messages.success(request, _("De koppeling is opgeslagen."))
        except actions.ProgrammeError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("programmes:links", pk, cycle.pk)


@login_required
@require_POST
def link_delete(request, pk, cycle_pk, link_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk)
    link = get_object_or_404(CycleLink, pk=link_pk, cycle=cycle)
    actions.unlink(link)
    messages.success(request, _("De koppeling is verwijderd. De sessie of raadpleging zelf blijft bestaan."))
    return redirect("programmes:links", pk, cycle.pk)


# --------------------------------------------------------------------------------------------
# The evaluation (fase D)
# --------------------------------------------------------------------------------------------


def _evaluation_page(request, cycle, status=200, bad_forms=None):
    bad_forms = bad_forms or {}
    data = evaluation_of(cycle)
    for row in data["goals"]:
        goal = row["goal"]
        row["form"] = bad_forms.get(f"goal{goal.pk}") or forms.GoalEvaluationForm(prefix=f"goal{goal.pk}", initial={
            "result": goal.result, "status": goal.status, "revised_text": goal.revised_text})
    return cycle_page(
        request, "programmes/evaluation.html", cycle, status=status, data=data,
        summary_form=bad_forms.get("summary") or forms.EvaluationSummaryForm(initial={"evaluation_summary": cycle.evaluation_summary}),
        action_form=bad_forms.get("action") or forms.PolicyActionForm(cycle=cycle),
        action_forms=[{"action": a, "form": forms.PolicyActionForm(cycle=cycle, prefix=f"action{a.pk}", initial={
            "description": a.description, "goal": a.goal_id, "owner": a.owner, "status": a.status,
            "fed_back_to": a.fed_back_to, "fed_back_on": a.fed_back_on})} for a in data["actions"]],
        next_form=bad_forms.get("next") or forms.NextCycleForm(programme=cycle.programme),
        job=cycle.themes_job, phase_d=seed_content().phase("D"),
    )


@login_required
def evaluation(request, pk, cycle_pk):
    return _evaluation_page(request, get_cycle_for(request.user, pk, cycle_pk))


@login_required
@require_POST
def themes_start(request, pk, cycle_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk)
    try:
        actions.start_theme_analysis(cycle, request.user)
    except actions.ProgrammeError as error:
        messages.error(request, str(error))
    return redirect(reverse("programmes:evaluation", args=[pk, cycle.pk]) + "#themas")


@login_required
@require_POST
def goal_evaluate(request, pk, cycle_pk, goal_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk)
    goal = get_object_or_404(Goal, pk=goal_pk, cycle=cycle)
    form = forms.GoalEvaluationForm(request.POST, prefix=f"goal{goal.pk}")
    if form.is_valid():
        actions.evaluate_goal(goal, **form.cleaned_data)
        messages.success(request, _("De beoordeling van het doel is opgeslagen."))
        return redirect(reverse("programmes:evaluation", args=[pk, cycle.pk]) + f"#doel-{goal.pk}")
    return _evaluation_page(request, cycle, status=400, bad_forms={f"goal{goal.pk}": form})


@login_required
@require_POST
def summary_save(request, pk, cycle_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk)
    form = forms.EvaluationSummaryForm(request.POST)
    if form.is_valid():
        actions.save_evaluation_summary(cycle, form.cleaned_data["evaluation_summary"])
        messages.success(request, _("Opgeslagen."))
        return redirect("programmes:evaluation", pk, cycle.pk)
    return _evaluation_page(request, cycle, status=400, bad_forms={"summary": form})


@login_required
@require_POST
def action_add(request, pk, cycle_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk)
    form = forms.PolicyActionForm(request.POST, cycle=cycle)
    if form.is_valid():
        try:
            actions.save_policy_action(cycle, **form.cleaned_data)
            messages.success(request, _("De beleidsactie is toegevoegd."))
            return redirect(reverse("programmes:evaluation", args=[pk, cycle.pk]) + "#beleidsacties")
        except actions.ProgrammeError as error:
            form.add_error(None, str(error))
    return _evaluation_page(request, cycle, status=400, bad_forms={"action": form})


@login_required
@require_POST
def action_update(request, pk, cycle_pk, action_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk)
    action = get_object_or_404(PolicyAction, pk=action_pk, cycle=cycle)
    form = forms.PolicyActionForm(request.POST, cycle=cycle, prefix=f"action{action.pk}")
    if form.is_valid():
        try:
            actions.save_policy_action(cycle, action=action, **form.cleaned_data)
            messages.success(request, _("De beleidsactie is opgeslagen."))
        except actions.ProgrammeError as error:
            messages.error(request, str(error))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(reverse("programmes:evaluation", args=[pk, cycle.pk]) + "#beleidsacties")


@login_required
@require_POST
def action_delete(request, pk, cycle_pk, action_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk)
    action = get_object_or_404(PolicyAction, pk=action_pk, cycle=cycle)
    actions.delete_policy_action(action)
    messages.success(request, _("De beleidsactie is verwijderd."))
    return redirect(reverse("programmes:evaluation", args=[pk, cycle.pk]) + "#beleidsacties")


@login_required
@require_POST
def next_cycle(request, pk, cycle_pk):
    cycle = get_cycle_for(request.user, pk, cycle_pk)
    form = forms.NextCycleForm(request.POST, programme=cycle.programme)
    if form.is_valid():
        data = form.cleaned_data
        try:
            new = actions.start_next_cycle(cycle, mode=data["mode"], theme=data["theme"], target_group=data["target_group"],
                                           title=data["title"])
            messages.success(request, _("De nieuwe cyclus is gestart; deze cyclus is afgesloten."))
            return redirect("programmes:cycle", pk, new.pk)
        except actions.ProgrammeError as error:
            form.add_error(None, str(error))
    return _evaluation_page(request, cycle, status=400, bad_forms={"next": form})
