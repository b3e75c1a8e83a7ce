"""Pages of an inclusion trajectory: thin views. A GET only reads; every change is a small POST
view that parses the form, calls one action and redirects (or shows the page again with
everything that was typed and the Dutch message, status 400)."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from mia.core.exports import csv_response
from mia.core.lookup import get_posted
from mia.inclusion import actions, exports
from mia.inclusion.access import CHANGE, MANAGE, VIEW, get_trajectory_for
from mia.inclusion.actions import InclusionError
from mia.inclusion.coverage import people_file_coverage, trajectory_coverage
from mia.inclusion.exchange import ExchangeError, import_trajectory
from mia.inclusion.forms import (
    ActivityForm,
    CheckForm,
    FactorAnswersForm,
    GoalForm,
    ImportForm,
    IndicatorForm,
    IntersectionForm,
    LevensdomeinForm,
    MeasurementForm,
    MemberForm,
    MonitoringForm,
    ParticipationForm,
    PeopleFileForm,
    QualitativeForm,
    RoleChangeForm,
    StepForm,
    TaskForm,
    TrajectoryForm,
    VerkenningPartForm,
    WorkingGroupForm,
)
from mia.inclusion.models import (
    ExportFile,
    Goal,
    Indicator,
    Intersection,
    Measurement,
    Member,
    ParticipationActivity,
    PolicyCheck,
    QualitativeCheck,
    RoleChange,
    Task,
    Trajectory,
)
from mia.inclusion.privacy import erase_member, member_data
from mia.inclusion.report import (
    goal_tree,
    indicator_rows,
    short_kind_labels,
    size_warning,
    trajectory_report,
    working_group_coverage,
)
from mia.inclusion.rules import editor_organisations
from mia.inclusion.tasks import KIND
from mia.instrument.factors import load_lens
from mia.jobs.actions import active_job

PRECONDITION_PAGES = {1: "vlechtwerk", 2: "werkgroep", 3: "inwoners"}


# --------------------------------------------------------------------------- #
# shared page parts
# --------------------------------------------------------------------------- #


def page(request, template: str, trajectory: Trajectory, current: str, *, status: int = 200, **context):
    content = trajectory.content
    return render(
        request,
        template,
        {
            "trajectory": trajectory,
            "content": content,
            "current": current,
            "nav": navigation(trajectory, current),
            "open_tasks": trajectory.tasks.filter(done_at__isnull=True).count(),
            **context,
        },
        status=status,
    )


def navigation(trajectory: Trajectory, current: str) -> list[dict]:
    content = trajectory.content
    status = {w.step: w.status for w in trajectory.step_work.all()}
    labels = {s.code: s.label for s in content.step_statuses}
    items = [{"key": "start", "label": _("Stappenplan"), "url": reverse("inclusion:trajectory", args=[trajectory.pk])}]
    for p in content.preconditions:
        items.append({
            "key": f"rv-{p.number}", "label": _("Randvoorwaarde %(n)d") % {"n": p.number}, "title": p.title,
            "url": reverse("inclusion:precondition", args=[trajectory.pk, p.number]),
        })
    for s in content.steps:
        items.append({
            "key": f"stap-{s.number}", "label": _("Stap %(n)d") % {"n": s.number}, "title": s.title,
            "state": labels.get(status.get(s.code, "open"), ""),
            "url": reverse("inclusion:step", args=[trajectory.pk, s.number]),
        })
    items += [
        {"key": "taken", "label": _("Taken"), "url": reverse("inclusion:tasks", args=[trajectory.pk])},
        {"key": "wie-ontbreekt", "label": _("Wie ontbreekt?"), "url": reverse("inclusion:coverage", args=[trajectory.pk])},
        {"key": "overzicht", "label": _("Overzicht en export"), "url": reverse("inclusion:summary", args=[trajectory.pk])},
    ]
    for item in items:
        item["current"] = item["key"] == current
    return items


def _done(request, message: str, to: str, *args, anchor: str = ""):
    messages.success(request, message)
    return redirect(reverse(to, args=args) + (f"#{anchor}" if anchor else ""))


def _edit(request, pk) -> Trajectory:
    return get_trajectory_for(request.user, pk, CHANGE)


# --------------------------------------------------------------------------- #
# list, create, import
# --------------------------------------------------------------------------- #


@login_required
@require_GET
def trajectory_list(request):
    organisations = request.user.memberships.values_list("organisation", flat=True)
    trajectories = Trajectory.objects.filter(organisation__in=organisations).select_related("organisation")
    return render(request, "inclusion/list.html", {
        "trajectories": [
            {"trajectory": t, "can_change": rules.has_perm(CHANGE, request.user, t)} for t in trajectories
        ],
        "can_add": rules.has_perm("inclusion.add_trajectory", request.user),
        "import_form": ImportForm(organisations=editor_organisations(request.user)),
    })


@login_required
def trajectory_create(request):
    if not rules.has_perm("inclusion.add_trajectory", request.user):
        raise PermissionDenied
    organisations = list(editor_organisations(request.user))
    form = TrajectoryForm(request.POST if request.method == "POST" else None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            trajectory = actions.create_trajectory(
                request.user, data.get("organisation") or organisations[0],
                title=data["title"], municipality=data["municipality"], description=data["description"],
            )
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("Het traject is gemaakt. U kunt bij elke stap beginnen; de verkenning is een goed startpunt."),
                         "inclusion:trajectory", trajectory.pk)
    return render(request, "inclusion/create.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_POST
def trajectory_import(request):
    if not rules.has_perm("inclusion.add_trajectory", request.user):
        raise PermissionDenied
    organisations = list(editor_organisations(request.user))
    form = ImportForm(request.POST, request.FILES, organisations=organisations)
    errors: list[str] = []
    if form.is_valid():
        organisation = form.cleaned_data.get("organisation") or organisations[0]
        try:
            trajectory = import_trajectory(form.cleaned_data["file"], user=request.user, organisation=organisation)
        except ExchangeError as error:
            errors = error.messages
        else:
            return _done(request, _("Het traject is ingelezen als nieuw traject."), "inclusion:trajectory", trajectory.pk)
    organisation_ids = request.user.memberships.values_list("organisation", flat=True)
    return render(request, "inclusion/list.html", {
        "trajectories": [
            {"trajectory": t, "can_change": rules.has_perm(CHANGE, request.user, t)}
            for t in Trajectory.objects.filter(organisation__in=organisation_ids)
        ],
        "can_add": True, "import_form": form, "import_errors": errors,
    }, status=400)


# --------------------------------------------------------------------------- #
# the trajectory
# --------------------------------------------------------------------------- #


@login_required
@require_GET
def trajectory_detail(request, pk):
    trajectory = get_trajectory_for(request.user, pk, VIEW)
    if not rules.has_perm(CHANGE, request.user, trajectory):
        return redirect("inclusion:summary", trajectory.pk)
    form = TrajectoryForm(initial={"title": trajectory.title, "municipality": trajectory.municipality,
                                   "description": trajectory.description})
    return _overview(request, trajectory, form)


def _overview(request, trajectory, form, status=200):
    content = trajectory.content
    work = {w.step: w for w in trajectory.step_work.all()}
    labels = {s.code: s.label for s in content.step_statuses}
    steps = [{"step": s, "status": work[s.code].status if s.code in work else "open",
              "label": labels.get(work[s.code].status if s.code in work else "open")} for s in content.steps]
    label = content.label(content.levensdomeinen, trajectory.levensdomein) if trajectory.levensdomein else ""
    return page(request, "inclusion/trajectory.html", trajectory, "start", status=status, form=form, steps=steps,
                tasks=trajectory.tasks.filter(done_at__isnull=True)[:5], levensdomein_label=label)


@login_required
@require_POST
def trajectory_update(request, pk):
    trajectory = _edit(request, pk)
    form = TrajectoryForm(request.POST)
    if form.is_valid():
        try:
            actions.update_trajectory(trajectory, **form.cleaned_data)
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("De gegevens van het traject zijn opgeslagen."), "inclusion:trajectory", trajectory.pk)
    return _overview(request, trajectory, form, status=400)


@login_required
@require_POST
def trajectory_close(request, pk):
    trajectory = get_trajectory_for(request.user, pk, MANAGE)
    actions.close_trajectory(trajectory)
    return _done(request, _("Het traject is afgesloten. Het is nu alleen te lezen."), "inclusion:summary", trajectory.pk)


@login_required
@require_POST
def trajectory_reopen(request, pk):
    trajectory = get_trajectory_for(request.user, pk, MANAGE)
    try:
        actions.reopen_trajectory(trajectory)
    except InclusionError as error:
        messages.error(request, str(error))
        return redirect("inclusion:summary", trajectory.pk)
    return _done(request, _("Het traject is weer geopend."), "inclusion:trajectory", trajectory.pk)


@login_required
@require_POST
def trajectory_delete(request, pk):
    trajectory = get_trajectory_for(request.user, pk, MANAGE)
    if request.POST.get("confirm") != trajectory.title:
        messages.error(request, _("Typ de titel van het traject precies over om het te verwijderen."))
        return redirect("inclusion:summary", trajectory.pk)
    actions.delete_trajectory(trajectory)
    return _done(request, _("Het traject is verwijderd."), "inclusion:list")


# --------------------------------------------------------------------------- #
# the five steps
# --------------------------------------------------------------------------- #


def _step(trajectory, number: int):
    try:
        return trajectory.content.step_by_number(int(number))
    except StopIteration:
        raise Http404("no such step") from None


@login_required
@require_GET
def step_page(request, pk, number):
    trajectory = _edit(request, pk)
    return _step_page(request, trajectory, _step(trajectory, number))


def _step_page(request, trajectory, step, *, status=200, **bound):
    content = trajectory.content
    work = trajectory.step_work.filter(step=step.code).first()
    context = {"step": step, "step_form": bound.get("step_form") or StepForm(content, step.code, work=work)}
    if step.code == "verkenning":
        context.update(_verkenning_context(trajectory, bound))
    if step.code == "evalueren":
        context.update(_monitoring_context(request, trajectory, bound))
    if step.skip:
        context["skip_url"] = reverse("inclusion:step", args=[trajectory.pk, step.skip.to])
    return page(request, "inclusion/step.html", trajectory, f"stap-{step.number}", status=status, **context)


@login_required
@require_POST
def step_save(request, pk, number):
    trajectory = _edit(request, pk)
    step = _step(trajectory, number)
    form = StepForm(trajectory.content, step.code, request.POST)
    if form.is_valid():
        try:
            actions.save_step(trajectory, step.code, **form.action_data())
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("De stap is opgeslagen."), "inclusion:step", trajectory.pk, step.number, anchor="stand")
    return _step_page(request, trajectory, step, status=400, step_form=form)


# --- the verkenning (step 1) -------------------------------------------------------------------


def _verkenning_context(trajectory, bound) -> dict:
    content = trajectory.content
    answers = {a.question: a for a in trajectory.answers.all()}
    tasks = {t.question: t for t in trajectory.tasks.exclude(question="")}
    has_area = bool(trajectory.area)

    def part_form(number):
        return bound.get(f"part{number}") or VerkenningPartForm(content, number, answers=answers, tasks=tasks, has_area=has_area)

    return {
        "verkenning": content.verkenning,
        "part1": part_form(1),
        "part3": part_form(3),
        "levensdomein_form": bound.get("levensdomein") or LevensdomeinForm(content, trajectory=trajectory),
        "levensdomein_label": content.label(content.levensdomeinen, trajectory.levensdomein) if trajectory.levensdomein else "",
        "answered": sum(1 for a in answers.values() if a.state == "antwoord" and a.text),
        "question_count": len(content.question_list()),
    }


@login_required
@require_POST
def verkenning_save(request, pk, part):
    trajectory = _edit(request, pk)
    if int(part) not in (1, 3):
        raise Http404("no such part")
    content = trajectory.content
    form = VerkenningPartForm(content, int(part), request.POST, has_area=bool(trajectory.area))
    if form.is_valid():
        try:
            tasks = actions.save_answers(trajectory, form.action_items())
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            message = _("Deel %(n)s van de verkenning is opgeslagen.") % {"n": part}
            new = [t for t in tasks if t.done_at is None]
            if new:
                message += " " + _("Er staan %(n)d taken ‘Hoe komen we hierachter?’ open.") % {"n": len(new)}
            return _done(request, message, "inclusion:step", trajectory.pk, 1, anchor=f"deel-{part}")
    step = content.step("verkenning")
    return _step_page(request, trajectory, step, status=400, **{f"part{part}": form})


@login_required
@require_POST
def levensdomein_save(request, pk):
    trajectory = _edit(request, pk)
    form = LevensdomeinForm(trajectory.content, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.choose_levensdomein(trajectory, levensdomein=data["levensdomein"], bases=data["bases"],
                                        reason=data["reason"], area=data["area"], area_reason=data["area_reason"])
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("Het levensdomein is gekozen."), "inclusion:step", trajectory.pk, 1, anchor="deel-2")
    return _step_page(request, trajectory, trajectory.content.step("verkenning"), status=400, levensdomein=form)


# --- monitoring and evaluation (step 5) --------------------------------------------------------


def _monitoring_context(request, trajectory, bound) -> dict:
    content = trajectory.content
    plan = trajectory.monitoring
    goals = list(plan.goals.all())
    indicators = list(plan.indicators.all())
    return {
        "monitoring": content.monitoring,
        "monitoring_form": bound.get("monitoring_form") or MonitoringForm(content, plan=plan),
        "goal_form": bound.get("goal_form") or GoalForm(content, goals=goals),
        "indicator_form": bound.get("indicator_form") or IndicatorForm(content, goals=goals),
        "qualitative_form": bound.get("qualitative_form") or QualitativeForm(content, indicators=indicators),
        "goal_tree": goal_tree(trajectory),
        "goal_kinds": short_kind_labels(content),
        "indicator_rows": indicator_rows(trajectory),
        "qualitative_checks": plan.qualitative_checks.select_related("indicator"),
        "qualitative_kinds": {k.code: k.label for k in content.monitoring.qualitative.kinds},
    }


def _monitoring_error(request, trajectory, **bound):
    return _step_page(request, trajectory, trajectory.content.step("evalueren"), status=400, **bound)


@login_required
@require_POST
def monitoring_save(request, pk):
    trajectory = _edit(request, pk)
    form = MonitoringForm(trajectory.content, request.POST)
    if form.is_valid():
        try:
            actions.save_monitoring(trajectory.monitoring, **form.action_data())
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("Het monitoringsplan is opgeslagen."), "inclusion:step", trajectory.pk, 5, anchor="monitoring")
    return _monitoring_error(request, trajectory, monitoring_form=form)


@login_required
@require_POST
def goal_add(request, pk):
    trajectory = _edit(request, pk)
    plan = trajectory.monitoring
    form = GoalForm(trajectory.content, request.POST, goals=plan.goals.all())
    if form.is_valid():
        try:
            actions.add_goal(plan, **form.cleaned_data)
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("Het doel staat in het veranderverhaal."), "inclusion:step", trajectory.pk, 5, anchor="veranderverhaal")
    return _monitoring_error(request, trajectory, goal_form=form)


@login_required
@require_POST
def goal_remove(request, pk, goal_pk):
    trajectory = _edit(request, pk)
    actions.remove_goal(get_posted(Goal, goal_pk, plan__trajectory=trajectory))
    return _done(request, _("Het doel is verwijderd."), "inclusion:step", trajectory.pk, 5, anchor="veranderverhaal")


@login_required
@require_POST
def indicator_add(request, pk):
    trajectory = _edit(request, pk)
    plan = trajectory.monitoring
    form = IndicatorForm(trajectory.content, request.POST, goals=plan.goals.all())
    if form.is_valid():
        try:
            indicator = actions.add_indicator(plan, **form.cleaned_data)
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("De indicator is toegevoegd. Voeg nu metingen toe."), "inclusion:indicator", trajectory.pk, indicator.pk)
    return _monitoring_error(request, trajectory, indicator_form=form)


def _indicator(trajectory, indicator_pk) -> Indicator:
    return get_posted(Indicator.objects.select_related("plan"), indicator_pk, plan__trajectory=trajectory)


@login_required
@require_GET
def indicator_page(request, pk, indicator_pk):
    trajectory = _edit(request, pk)
    return _indicator_page(request, trajectory, _indicator(trajectory, indicator_pk))


def _indicator_page(request, trajectory, indicator, *, status=200, edit_form=None, measurement_form=None):
    content = trajectory.content
    goals = trajectory.monitoring.goals.all()
    row = next(r for r in indicator_rows(trajectory) if r["indicator"].pk == indicator.pk)
    edit_form = edit_form or IndicatorForm(content, goals=goals, initial={
        "name": indicator.name, "kind": indicator.kind, "goal": str(indicator.goal_id or ""), "source": indicator.source,
        "source_note": indicator.source_note, "unit": indicator.unit, "direction": indicator.direction,
        "target": row["target"],
    })
    return page(request, "inclusion/indicator.html", trajectory, "stap-5", status=status, indicator=indicator, row=row,
                edit_form=edit_form, measurement_form=measurement_form or MeasurementForm(), monitoring=content.monitoring)


@login_required
@require_POST
def indicator_update(request, pk, indicator_pk):
    trajectory = _edit(request, pk)
    indicator = _indicator(trajectory, indicator_pk)
    form = IndicatorForm(trajectory.content, request.POST, goals=trajectory.monitoring.goals.all())
    if form.is_valid():
        try:
            actions.update_indicator(indicator, **form.cleaned_data)
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("De indicator is opgeslagen."), "inclusion:indicator", trajectory.pk, indicator.pk)
    return _indicator_page(request, trajectory, indicator, status=400, edit_form=form)


@login_required
@require_POST
def indicator_remove(request, pk, indicator_pk):
    trajectory = _edit(request, pk)
    actions.remove_indicator(_indicator(trajectory, indicator_pk))
    return _done(request, _("De indicator en haar metingen zijn verwijderd."), "inclusion:step", trajectory.pk, 5, anchor="indicatoren")


@login_required
@require_POST
def measurement_add(request, pk, indicator_pk):
    trajectory = _edit(request, pk)
    indicator = _indicator(trajectory, indicator_pk)
    form = MeasurementForm(request.POST)
    if form.is_valid():
        try:
            actions.add_measurement(indicator, **form.cleaned_data)
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("De meting is toegevoegd."), "inclusion:indicator", trajectory.pk, indicator.pk, anchor="metingen")
    return _indicator_page(request, trajectory, indicator, status=400, measurement_form=form)


@login_required
@require_POST
def measurement_remove(request, pk, measurement_pk):
    trajectory = _edit(request, pk)
    measurement = get_posted(Measurement, measurement_pk, indicator__plan__trajectory=trajectory)
    indicator_pk = measurement.indicator_id
    actions.remove_measurement(measurement)
    return _done(request, _("De meting is verwijderd."), "inclusion:indicator", trajectory.pk, indicator_pk, anchor="metingen")


@login_required
@require_POST
def qualitative_add(request, pk):
    trajectory = _edit(request, pk)
    plan = trajectory.monitoring
    form = QualitativeForm(trajectory.content, request.POST, indicators=plan.indicators.all())
    if form.is_valid():
        try:
            actions.add_qualitative(plan, **form.cleaned_data)
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("De kwalitatieve check is opgeslagen."), "inclusion:step", trajectory.pk, 5, anchor="kwalitatief")
    return _monitoring_error(request, trajectory, qualitative_form=form)


@login_required
@require_POST
def qualitative_remove(request, pk, check_pk):
    trajectory = _edit(request, pk)
    actions.remove_qualitative(get_posted(QualitativeCheck, check_pk, plan__trajectory=trajectory))
    return _done(request, _("De kwalitatieve check is verwijderd."), "inclusion:step", trajectory.pk, 5, anchor="kwalitatief")


@login_required
@require_GET
def measurements_csv(request, pk):
    trajectory = get_trajectory_for(request.user, pk, VIEW)
    rows = [
        [r["indicator"].name, r["indicator"].kind, r["indicator"].unit, m["date"].isoformat(), m["value"], m["measurement"].note]
        for r in indicator_rows(trajectory)
        for m in r["measurements"]
    ]
    return csv_response(f"metingen-{trajectory.pk}.csv", ["indicator", "soort", "eenheid", "datum", "waarde", "duiding"], rows)


# --------------------------------------------------------------------------- #
# the three preconditions
# --------------------------------------------------------------------------- #


@login_required
@require_GET
def precondition_page(request, pk, number):
    trajectory = _edit(request, pk)
    if int(number) not in PRECONDITION_PAGES:
        raise Http404("no such precondition")
    return _precondition_page(request, trajectory, int(number))


def _precondition_page(request, trajectory, number: int, *, status=200, **bound):
    content = trajectory.content
    precondition = content.precondition(PRECONDITION_PAGES[number])
    context = {"precondition": precondition}
    if number == 1:
        context.update({
            "check_form": bound.get("check_form") or CheckForm(),
            "checks": trajectory.checks.prefetch_related("factor_answers", "intersections"),
            "prompts": content.vlechtwerk_check.prompts,
            "factors": load_lens().factors,
        })
    elif number == 2:
        group = trajectory.working_group
        members = list(group.members.all())
        context.update({
            "group": group,
            "group_form": bound.get("group_form") or WorkingGroupForm(content, group=group),
            "member_form": bound.get("member_form") or MemberForm(content, initial={"kind": "collega"}),
            "role_form": bound.get("role_form") or RoleChangeForm(content),
            "report": trajectory_report(trajectory, personal_data=True)["working_group"],
            "size_warning": size_warning(trajectory, len(members)),
            "coverage": working_group_coverage(trajectory),
            "definition": content.working_group,
            "role_hint": _role_hint(trajectory, group),
        })
    else:
        plan = trajectory.participation
        context.update({
            "plan": plan,
            "participation_form": bound.get("participation_form") or ParticipationForm(content, plan=plan),
            "activity_form": bound.get("activity_form") or ActivityForm(content, assessments=_my_assessments(request.user)),
            "forms_with_tools": _forms_with_tools(trajectory, plan),
            "activities": trajectory_report(trajectory)["participation"]["activities"],
            "definition": content.participation,
        })
    return page(request, "inclusion/precondition.html", trajectory, f"rv-{number}", status=status, **context)


def _role_hint(trajectory, group) -> str:
    """The seed: once the theme is on the agenda and a vision is written, the role may change."""
    current = group.current_role
    vision_done = trajectory.step_work.filter(step="visie", status__in=["klaar", "niet-nodig"]).exists()
    if vision_done and (current is None or current.role == "aanjager"):
        return trajectory.content.working_group.role_change_hint
    return ""


def _my_assessments(user):
    from mia.assessments.models import AssessmentMember, Kind

    return [m.assessment for m in AssessmentMember.objects.filter(user=user, role="kernteam", assessment__kind=Kind.MIA)
            .select_related("assessment")]


TOOL_URLS = {"mia-dialoog": "assessments:create", "panel": "assessments:list", "consultatie": "consultations:list"}


def _forms_with_tools(trajectory, plan) -> list[dict]:
    """For each chosen form of participation, the product's own tools that carry it (only those
    that exist in this installation)."""
    definition = trajectory.content.participation
    tools = {t.code: t.label for t in definition.tools}
    rows = []
    for form in definition.forms:
        if form.code not in plan.forms:
            continue
        links = []
        for code in form.tools:
            try:
                url = reverse(TOOL_URLS[code])
            except NoReverseMatch:
                continue  # e.g. consultation series in an installation without that app
            links.append({"label": tools[code], "url": url, "code": code})
        rows.append({"form": form, "links": links})
    return rows


@login_required
@require_POST
def check_create(request, pk):
    trajectory = _edit(request, pk)
    form = CheckForm(request.POST)
    if form.is_valid():
        try:
            check = actions.create_check(trajectory, **form.cleaned_data)
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("Loop nu de twaalf factoren langs."), "inclusion:check", trajectory.pk, check.pk)
    return _precondition_page(request, trajectory, 1, status=400, check_form=form)


def _check(trajectory, check_pk) -> PolicyCheck:
    return get_posted(PolicyCheck, check_pk, trajectory=trajectory)


@login_required
@require_GET
def check_page(request, pk, check_pk):
    trajectory = _edit(request, pk)
    return _check_page(request, trajectory, _check(trajectory, check_pk))


def _check_page(request, trajectory, check, *, status=200, answers_form=None, intersection_form=None, details_form=None):
    content = trajectory.content
    lens = load_lens()
    labels = {f.code: f.label for f in lens.factors}
    return page(
        request, "inclusion/check.html", trajectory, "rv-1", status=status, check=check,
        answers_form=answers_form or FactorAnswersForm(content, check=check),
        intersection_form=intersection_form or IntersectionForm(),
        details_form=details_form or CheckForm(initial={"name": check.name, "description": check.description}),
        intersections=[(i, [labels.get(c, c) for c in i.factors]) for i in check.intersections.all()],
        definition=content.vlechtwerk_check,
    )


@login_required
@require_POST
def check_save(request, pk, check_pk):
    trajectory = _edit(request, pk)
    check = _check(trajectory, check_pk)
    form = FactorAnswersForm(trajectory.content, request.POST)
    if form.is_valid():
        try:
            actions.save_factor_answers(check, form.action_answers())
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("De vlechtwerkcheck is opgeslagen."), "inclusion:check", trajectory.pk, check.pk)
    return _check_page(request, trajectory, check, status=400, answers_form=form)


@login_required
@require_POST
def check_update(request, pk, check_pk):
    trajectory = _edit(request, pk)
    check = _check(trajectory, check_pk)
    form = CheckForm(request.POST)
    if form.is_valid():
        try:
            actions.update_check(check, **form.cleaned_data)
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("Opgeslagen."), "inclusion:check", trajectory.pk, check.pk)
    return _check_page(request, trajectory, check, status=400, details_form=form)


@login_required
@require_POST
def check_delete(request, pk, check_pk):
    trajectory = _edit(request, pk)
    actions.delete_check(_check(trajectory, check_pk))
    return _done(request, _("De toets is verwijderd."), "inclusion:precondition", trajectory.pk, 1)


@login_required
@require_POST
def intersection_add(request, pk, check_pk):
    trajectory = _edit(request, pk)
    check = _check(trajectory, check_pk)
    form = IntersectionForm(request.POST)
    if form.is_valid():
        try:
            actions.add_intersection(check, **form.cleaned_data)
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("De combinatie is toegevoegd."), "inclusion:check", trajectory.pk, check.pk, anchor="combinaties")
    return _check_page(request, trajectory, check, status=400, intersection_form=form)


@login_required
@require_POST
def intersection_delete(request, pk, check_pk, intersection_pk):
    trajectory = _edit(request, pk)
    check = _check(trajectory, check_pk)
    actions.delete_intersection(get_posted(Intersection, intersection_pk, policy_check=check))
    return _done(request, _("De combinatie is verwijderd."), "inclusion:check", trajectory.pk, check.pk, anchor="combinaties")


# --- the working group -------------------------------------------------------------------------


@login_required
@require_POST
def group_save(request, pk):
    trajectory = _edit(request, pk)
    form = WorkingGroupForm(trajectory.content, request.POST)
    if form.is_valid():
        try:
            actions.save_working_group(trajectory.working_group, **form.action_data())
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("De werkgroep is opgeslagen."), "inclusion:precondition", trajectory.pk, 2, anchor="samenstelling")
    return _precondition_page(request, trajectory, 2, status=400, group_form=form)


@login_required
@require_POST
def member_add(request, pk):
    trajectory = _edit(request, pk)
    form = MemberForm(trajectory.content, request.POST)
    if form.is_valid():
        try:
            actions.add_member(trajectory.working_group, **form.cleaned_data)
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("Het lid is toegevoegd."), "inclusion:precondition", trajectory.pk, 2, anchor="leden")
    return _precondition_page(request, trajectory, 2, status=400, member_form=form)


def _member(trajectory, member_pk) -> Member:
    return get_posted(Member, member_pk, group__trajectory=trajectory)


@login_required
@require_GET
def member_page(request, pk, member_pk):
    trajectory = _edit(request, pk)
    member = _member(trajectory, member_pk)
    form = MemberForm(trajectory.content, initial={
        "name": member.name, "role": member.role, "organisation": member.organisation, "kind": member.kind,
        "qualities": member.qualities, "perspectives": member.perspectives,
    })
    return page(request, "inclusion/member.html", trajectory, "rv-2", member=member, form=form)


@login_required
@require_POST
def member_update(request, pk, member_pk):
    trajectory = _edit(request, pk)
    member = _member(trajectory, member_pk)
    form = MemberForm(trajectory.content, request.POST)
    if form.is_valid():
        try:
            actions.update_member(member, **form.cleaned_data)
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("Het lid is opgeslagen."), "inclusion:precondition", trajectory.pk, 2, anchor="leden")
    return page(request, "inclusion/member.html", trajectory, "rv-2", status=400, member=member, form=form)


@login_required
@require_POST
def member_remove(request, pk, member_pk):
    trajectory = _edit(request, pk)
    actions.remove_member(_member(trajectory, member_pk))
    return _done(request, _("Het lid is uit de werkgroep gehaald."), "inclusion:precondition", trajectory.pk, 2, anchor="leden")


@login_required
@require_POST
def member_erase(request, pk, member_pk):
    """An erasure request under the AVG: also on a closed trajectory."""
    trajectory = get_trajectory_for(request.user, pk, MANAGE)
    erase_member(_member(trajectory, member_pk))
    messages.success(request, _("Naam en perspectieven van dit lid zijn gewist."))
    if trajectory.is_open:
        return redirect(reverse("inclusion:precondition", args=[trajectory.pk, 2]) + "#leden")
    return redirect("inclusion:summary", trajectory.pk)


@login_required
@require_GET
def member_export(request, pk, member_pk):
    """Everything MIA holds about one member (an access request under the AVG)."""
    trajectory = get_trajectory_for(request.user, pk, MANAGE)
    member = _member(trajectory, member_pk)
    response = HttpResponse(exports.json_bytes(member_data(member)), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="werkgroeplid-{member.pk}.json"'
    return response


@login_required
@require_POST
def role_add(request, pk):
    trajectory = _edit(request, pk)
    form = RoleChangeForm(trajectory.content, request.POST)
    if form.is_valid():
        try:
            actions.change_role(trajectory.working_group, **form.cleaned_data)
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("De rol van de werkgroep is vastgelegd."), "inclusion:precondition", trajectory.pk, 2, anchor="rol")
    return _precondition_page(request, trajectory, 2, status=400, role_form=form)


@login_required
@require_POST
def role_remove(request, pk, role_pk):
    trajectory = _edit(request, pk)
    actions.remove_role_change(get_posted(RoleChange, role_pk, group__trajectory=trajectory))
    return _done(request, _("De rolwijziging is verwijderd."), "inclusion:precondition", trajectory.pk, 2, anchor="rol")


# --- participation -----------------------------------------------------------------------------


@login_required
@require_POST
def participation_save(request, pk):
    trajectory = _edit(request, pk)
    form = ParticipationForm(trajectory.content, request.POST)
    if form.is_valid():
        try:
            actions.save_participation(trajectory.participation, **form.action_data())
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("Het participatieplan is opgeslagen."), "inclusion:precondition", trajectory.pk, 3, anchor="plan")
    return _precondition_page(request, trajectory, 3, status=400, participation_form=form)


@login_required
@require_POST
def activity_add(request, pk):
    trajectory = _edit(request, pk)
    form = ActivityForm(trajectory.content, request.POST, assessments=_my_assessments(request.user))
    if form.is_valid():
        try:
            actions.add_activity(trajectory.participation, user=request.user, **form.cleaned_data)
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("De activiteit is toegevoegd."), "inclusion:precondition", trajectory.pk, 3, anchor="activiteiten")
    return _precondition_page(request, trajectory, 3, status=400, activity_form=form)


@login_required
@require_POST
def activity_remove(request, pk, activity_pk):
    trajectory = _edit(request, pk)
    actions.remove_activity(get_posted(ParticipationActivity, activity_pk, plan__trajectory=trajectory))
    return _done(request, _("De activiteit is verwijderd."), "inclusion:precondition", trajectory.pk, 3, anchor="activiteiten")


# --------------------------------------------------------------------------- #
# tasks
# --------------------------------------------------------------------------- #


@login_required
@require_GET
def task_list(request, pk):
    trajectory = _edit(request, pk)
    return _task_list(request, trajectory)


def _task_list(request, trajectory, *, status=200, form=None):
    content = trajectory.content
    ways = {w.code: w.label for w in content.verkenning.ways}
    tasks = [{"task": t, "ways": [ways.get(w, w) for w in t.ways]} for t in trajectory.tasks.all()]
    return page(request, "inclusion/tasks.html", trajectory, "taken", status=status, tasks=tasks,
                form=form or TaskForm(content), verkenning=content.verkenning)


@login_required
@require_POST
def task_add(request, pk):
    trajectory = _edit(request, pk)
    form = TaskForm(trajectory.content, request.POST)
    if form.is_valid():
        try:
            actions.add_task(trajectory, **form.cleaned_data)
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("De taak is toegevoegd."), "inclusion:tasks", trajectory.pk)
    return _task_list(request, trajectory, status=400, form=form)


def _task(trajectory, task_pk) -> Task:
    return get_posted(Task, task_pk, trajectory=trajectory)


@login_required
@require_GET
def task_page(request, pk, task_pk):
    trajectory = _edit(request, pk)
    task = _task(trajectory, task_pk)
    form = TaskForm(trajectory.content, initial={"title": task.title, "owner": task.owner, "how": task.how,
                                                 "ways": task.ways, "due_date": task.due_date})
    return page(request, "inclusion/task.html", trajectory, "taken", task=task, form=form)


@login_required
@require_POST
def task_update(request, pk, task_pk):
    trajectory = _edit(request, pk)
    task = _task(trajectory, task_pk)
    form = TaskForm(trajectory.content, request.POST)
    if form.is_valid():
        try:
            actions.update_task(task, **form.cleaned_data)
        except InclusionError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, _("De taak is opgeslagen."), "inclusion:tasks", trajectory.pk)
    return page(request, "inclusion/task.html", trajectory, "taken", status=400, task=task, form=form)


@login_required
@require_POST
def task_done(request, pk, task_pk):
    trajectory = _edit(request, pk)
    actions.complete_task(_task(trajectory, task_pk))
    return _done(request, _("De taak is afgevinkt."), "inclusion:tasks", trajectory.pk)


@login_required
@require_POST
def task_reopen(request, pk, task_pk):
    trajectory = _edit(request, pk)
    actions.reopen_task(_task(trajectory, task_pk))
    return _done(request, _("De taak staat weer open."), "inclusion:tasks", trajectory.pk)


@login_required
@require_POST
def task_delete(request, pk, task_pk):
    trajectory = _edit(request, pk)
    actions.delete_task(_task(trajectory, task_pk))
    return _done(request, _("De taak is verwijderd."), "inclusion:tasks", trajectory.pk)


# --------------------------------------------------------------------------- #
# wie ontbreekt?
# --------------------------------------------------------------------------- #


@login_required
@require_GET
def coverage_page(request, pk):
    trajectory = _edit(request, pk)
    return page(request, "inclusion/coverage.html", trajectory, "wie-ontbreekt", sections=trajectory_coverage(trajectory, request.user),
                file_form=PeopleFileForm())


@login_required
@require_POST
def coverage_file(request, pk):
    """A people file checked against the weave. Nothing is stored: the result is shown once."""
    trajectory = _edit(request, pk)
    form = PeopleFileForm(request.POST, request.FILES)
    result, errors, status = None, [], 400
    if form.is_valid():
        name, data = form.cleaned_data["file"]
        result, errors = people_file_coverage(data, name)
        status = 200 if result is not None else 400
    return page(request, "inclusion/coverage.html", trajectory, "wie-ontbreekt", status=status,
                sections=trajectory_coverage(trajectory, request.user), file_form=form, file_result=result, file_errors=errors)


# --------------------------------------------------------------------------- #
# summary and exports
# --------------------------------------------------------------------------- #


@login_required
@require_GET
def summary(request, pk):
    trajectory = get_trajectory_for(request.user, pk, VIEW)
    can_manage = rules.has_perm(MANAGE, request.user, trajectory)
    report = trajectory_report(trajectory, personal_data=can_manage)
    files = trajectory.export_files.defer("content")
    if not can_manage:
        files = files.filter(personal_data=False)
    return page(request, "inclusion/summary.html", trajectory, "overzicht", report=report, export_files=files[:10],
                can_change=rules.has_perm(CHANGE, request.user, trajectory), can_manage=can_manage)


def _personal(request) -> bool:
    return request.GET.get("namen") == "1"


@login_required
@require_POST
def export_start(request, pk):
    trajectory = get_trajectory_for(request.user, pk, VIEW)
    personal = request.POST.get("namen") == "1"
    if personal and not rules.has_perm(MANAGE, request.user, trajectory):
        raise Http404("no access")
    fmt = request.POST.get("format", "")
    try:
        job = actions.request_export(trajectory, user=request.user, fmt=fmt, personal_data=personal,
                                     back_url=reverse("inclusion:summary", args=[trajectory.pk]))
    except InclusionError as error:
        messages.error(request, str(error))
        running = active_job(KIND, actions.export_subject(trajectory, fmt, personal)) if fmt in ("pdf", "docx") else None
        if running is not None:
            return redirect("jobs:detail", running.pk)
        return redirect("inclusion:summary", trajectory.pk)
    return redirect("jobs:detail", job.pk)


CONTENT_TYPES = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@login_required
@require_GET
def export_file(request, pk, file_pk):
    trajectory = get_trajectory_for(request.user, pk, VIEW)
    export = get_posted(ExportFile, file_pk, trajectory=trajectory)
    if export.personal_data and not rules.has_perm(MANAGE, request.user, trajectory):
        raise Http404("no access")
    response = HttpResponse(bytes(export.content), content_type=CONTENT_TYPES.get(export.format, "application/octet-stream"))
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


@login_required
@require_GET
def export_json(request, pk):
    from mia.inclusion.exchange import export_trajectory

    trajectory = get_trajectory_for(request.user, pk, VIEW)
    if _personal(request) and not rules.has_perm(MANAGE, request.user, trajectory):
        raise Http404("no access")
    data = export_trajectory(trajectory, personal_data=_personal(request))
    response = HttpResponse(exports.json_bytes(data), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{exports.filename(trajectory, "json")}"'
    return response

