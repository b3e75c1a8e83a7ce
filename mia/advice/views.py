"""The advice pages: thin views. GET reads; each POST view parses a form, calls one action, and shows
its error or redirects."""

from __future__ import annotations

from functools import wraps

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from mia.advice import actions, exports
from mia.advice.access import (
    CHANGE,
    VIEW,
    bodies_for,
    get_body_for,
    get_in_structure,
    get_structure_for,
    items_visible_on,
    structures_for,
)
from mia.advice.actions import AdviceError
from mia.advice.content import content, mandates
from mia.advice.forms import (
    AdviceTextForm,
    BodyForm,
    CircleForm,
    CircleInputForm,
    DecisionForm,
    EvaluationForm,
    ExpertForm,
    ExpertInputForm,
    FlowForm,
    IssueForm,
    ItemForm,
    MeetingForm,
    MemberForm,
    NewStructureForm,
    NoCirclesForm,
    RespondForm,
    SeatPanelForm,
    StoryForm,
    SubcommitteeForm,
    TrajectoryForm,
)
from mia.advice.models import Body, ExportFile, FlowRule, Item, ItemKind, Member, Story, Structure, Trajectory, TrajectoryStatus
from mia.advice.rules import organisations_for_new_structure
from mia.core.views import bound


def with_structure(perm: str = VIEW):
    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, pk, *args, **kwargs):
            return view(request, get_structure_for(request.user, pk, perm), *args, **kwargs)

        return wrapped

    return decorator


def page(request, template, structure, section, *, status=200, **context):
    context.update(structure=structure, section=section, can_edit=rules.has_perm(CHANGE, request.user, structure), full_view=True)
    return render(request, template, context, status=status)


def done(request, message, to, *args):
    messages.success(request, message)
    return redirect(to, *args)


def refused(request, error, to, *args):
    messages.error(request, str(error))
    return redirect(to, *args)


# --- list -------------------------------------------------------------------------------------------


def _new_form(request, data=None):
    from mia.measures.models import Workspace
    from mia.programmes.models import Programme

    orgs = organisations_for_new_structure(request.user)
    return NewStructureForm(data, organisations=orgs, programmes=Programme.objects.filter(organisation__in=orgs),
                            workspaces=Workspace.objects.filter(organisation__in=orgs))


def _list(request, form=None, status=200):
    return render(request, "advice/list.html", {
        "structures": structures_for(request.user), "my_bodies": bodies_for(request.user),
        "form": form or _new_form(request), "can_add": rules.has_perm("advice.add_structure", request.user),
    }, status=status)


@login_required
def structure_list(request):
    return _list(request)


@login_required
@require_POST
def structure_create(request):
    if not rules.has_perm("advice.add_structure", request.user):
        raise PermissionDenied
    form = _new_form(request, request.POST)
    if not form.is_valid():
        return _list(request, form, 400)
    d = form.cleaned_data
    try:
        s = actions.create_structure(request.user, d["organisation"], d["name"], template_key=d["template_key"], description=d["description"],
                                     programme=d.get("programme"), workspace=d.get("workspace"))
    except AdviceError as error:
        form.add_error(None, str(error))
        return _list(request, form, 400)
    return done(request, _("De adviesstructuur is aangemaakt."), "advice:structure", s.pk)


# --- structure overview, bodies and flows -----------------------------------------------------------


def _matrix_rows(structure):
    bodies = list(structure.bodies.all())
    cells = {}
    for rule in structure.flow_rules.all():
        cells.setdefault((rule.sender_id, rule.receiver_id), []).append(rule)
    return bodies, [(s, [(r, cells.get((s.pk, r.pk), []) if s.pk != r.pk else None) for r in bodies]) for s in bodies]


def _structure_page(request, structure, *, status=200, body_form=None, flow_form=None):
    bodies, rows = _matrix_rows(structure)
    labels = {k: m["label"] for k, m in mandates().items()}
    return page(request, "advice/structure.html", structure, "overview", status=status, bodies=bodies, rows=rows,
                mandate_labels=labels, trajectories=structure.trajectories.select_related("body")[:20],
                open_items=structure.items.filter(due_on__isnull=False, responded_on__isnull=True).select_related("sender", "receiver")[:20],
                body_form=body_form or BodyForm(initial={"mandate": "adviesraad", "decision_rule": "gewone-meerderheid"}),
                flow_form=flow_form or FlowForm(bodies=structure.bodies.all()))


@with_structure()
def structure_detail(request, structure):
    return _structure_page(request, structure)


@with_structure(CHANGE)
@require_POST
def body_add(request, structure):
    form = BodyForm(request.POST)
    if not form.is_valid():
        return _structure_page(request, structure, status=400, body_form=form)
    d = form.cleaned_data
    try:
        body = actions.add_body(structure, name=d["name"], mandate_key=d["mandate"], description=d["description"],
                                meeting_rhythm=d["meeting_rhythm"], meetings_per_year=d["meetings_per_year"] or 0,
                                response_days=d["response_days"], decision_rule=d["decision_rule"], quorum=d["quorum"])
    except AdviceError as error:
        form.add_error(None, str(error))
        return _structure_page(request, structure, status=400, body_form=form)
    return done(request, _("Het orgaan %(name)s is toegevoegd.") % {"name": body.name}, "advice:structure", structure.pk)


@with_structure(CHANGE)
@require_POST
def flow_add(request, structure):
    form = FlowForm(request.POST, bodies=structure.bodies.all())
    if not form.is_valid():
        return _structure_page(request, structure, status=400, flow_form=form)
    d = form.cleaned_data
    try:
        actions.add_flow(structure, sender=d["sender"], receiver=d["receiver"], kind=d["kind"], text=d["text"])
    except AdviceError as error:
        form.add_error(None, str(error))
        return _structure_page(request, structure, status=400, flow_form=form)
    return done(request, _("De stroom staat in de matrix."), "advice:structure", structure.pk)


@with_structure(CHANGE)
@require_POST
def flow_remove(request, structure, rule):
    actions.remove_flow(get_in_structure(FlowRule, structure, rule))
    return done(request, _("De stroom is uit de matrix gehaald."), "advice:structure", structure.pk)


def _body_page(request, body, *, status=200, forms=None):
    structure = body.structure
    forms = forms or {}
    can_edit = rules.has_perm(CHANGE, request.user, structure)
    full = rules.has_perm(VIEW, request.user, structure)
    m = mandates().get(body.mandate, {})
    return render(request, "advice/body.html", {
        "structure": structure, "body": body, "section": "overview", "can_edit": can_edit, "full_view": full, "mandate": m,
        "members": body.members.filter(erased_at__isnull=True), "subcommittees": body.subcommittees.prefetch_related("members"),
        "meetings": body.meetings.all()[:20], "items": items_visible_on(body)[:50],
        "rule_label": dict((r["key"], r["label"]) for r in content()["decision_rules"]).get(body.decision_rule, body.decision_rule),
        "body_form": forms.get("body") or BodyForm(initial={f: getattr(body, f) for f in (
            "name", "description", "mandate", "response_days", "meeting_rhythm", "meetings_per_year", "decision_rule", "quorum")}),
        "member_form": forms.get("member") or MemberForm(),
        "sub_form": forms.get("sub") or SubcommitteeForm(members=body.members.filter(erased_at__isnull=True)),
        "meeting_form": forms.get("meeting") or MeetingForm(),
        "panel_form": forms.get("panel") or (SeatPanelForm(selections=actions.selections_for(structure, request.user)) if can_edit else None),
    }, status=status)


@login_required
def body_detail(request, pk, body):
    return _body_page(request, get_body_for(request.user, pk, body))


def _editable_body(request, pk, body):
    structure = get_structure_for(request.user, pk, CHANGE)
    return get_in_structure(Body, structure, body)


@login_required
@require_POST
def body_update(request, pk, body):
    body = _editable_body(request, pk, body)
    form = BodyForm(request.POST)
    if not form.is_valid():
        return _body_page(request, body, status=400, forms={"body": form})
    try:
        actions.update_body(body, **form.cleaned_data)
    except AdviceError as error:
        form.add_error(None, str(error))
        return _body_page(request, body, status=400, forms={"body": form})
    return done(request, _("Opgeslagen."), "advice:body", pk, body.pk)


@login_required
@require_POST
def member_add(request, pk, body):
    body = _editable_body(request, pk, body)
    form = MemberForm(request.POST)
    if not form.is_valid():
        return _body_page(request, body, status=400, forms={"member": form})
    try:
        actions.add_member(body, **form.cleaned_data)
    except AdviceError as error:
        form.add_error(None, str(error))
        return _body_page(request, body, status=400, forms={"member": form})
    return done(request, _("Het lid is toegevoegd."), "advice:body", pk, body.pk)


@login_required
@require_POST
def member_remove(request, pk, body, member):
    body = _editable_body(request, pk, body)
    actions.remove_member(get_in_structure(Member, body, member, via="body"))
    return done(request, _("Het lid is verwijderd."), "advice:body", pk, body.pk)


@login_required
@require_POST
def seat_panel(request, pk, body):
    body = _editable_body(request, pk, body)
    selections = actions.selections_for(body.structure, request.user)
    form = SeatPanelForm(request.POST, selections=selections)
    if form.is_valid():
        d = form.cleaned_data
        selection = next(s for s in selections if s.pk == d["selection"])
        try:
            n = actions.seat_panel(body, request.user, selection, term_start=d["term_start"], term_end=d["term_end"])
        except AdviceError as error:
            form.add_error(None, str(error))
        else:
            return done(request, _("%(n)d leden uit de panelselectie toegevoegd.") % {"n": n}, "advice:body", pk, body.pk)
    return _body_page(request, body, status=400, forms={"panel": form})


@login_required
@require_POST
def subcommittee_add(request, pk, body):
    body = _editable_body(request, pk, body)
    form = SubcommitteeForm(request.POST, members=body.members.filter(erased_at__isnull=True))
    if not form.is_valid():
        return _body_page(request, body, status=400, forms={"sub": form})
    try:
        actions.add_subcommittee(body, **form.cleaned_data)
    except AdviceError as error:
        form.add_error(None, str(error))
        return _body_page(request, body, status=400, forms={"sub": form})
    return done(request, _("De subcommissie is ingesteld."), "advice:body", pk, body.pk)


@login_required
@require_POST
def meeting_add(request, pk, body):
    body = _editable_body(request, pk, body)
    form = MeetingForm(request.POST)
    if not form.is_valid():
        return _body_page(request, body, status=400, forms={"meeting": form})
    actions.add_meeting(body, **form.cleaned_data)
    return done(request, _("De vergadering is vastgelegd."), "advice:body", pk, body.pk)


# --- items and the timeline -------------------------------------------------------------------------


def _items_page(request, structure, *, status=200, form=None):
    return page(request, "advice/items.html", structure, "items", status=status, items=actions.timeline(structure)[:500],
                form=form or ItemForm(bodies=structure.bodies.all()))


@with_structure()
def items(request, structure):
    return _items_page(request, structure)


@with_structure(CHANGE)
@require_POST
def item_send(request, structure):
    form = ItemForm(request.POST, bodies=structure.bodies.all())
    if not form.is_valid():
        return _items_page(request, structure, status=400, form=form)
    d = form.cleaned_data
    try:
        item = actions.send_item(structure, request.user, sender=d["sender"], receiver=d["receiver"], kind=d["kind"], title=d["title"],
                                 text=d["text"], sent_on=d["sent_on"], due_on=d["due_on"])
    except AdviceError as error:
        form.add_error(None, str(error))
        return _items_page(request, structure, status=400, form=form)
    return done(request, _("Verzonden: %(kind)s van %(s)s aan %(r)s.") % {
        "kind": item.get_kind_display().lower(), "s": item.sender.name, "r": item.receiver.name}, "advice:items", structure.pk)


def _item_page(request, structure, item, *, status=200, form=None):
    return page(request, "advice/item.html", structure, "items", status=status, item=item, form=form or RespondForm(
        initial={"status": item.status, "response": item.response}), mandate=mandates().get(item.sender.mandate, {}))


@with_structure()
def item_detail(request, structure, item):
    return _item_page(request, structure, get_in_structure(Item.objects.select_related("sender", "receiver"), structure, item))


@with_structure(CHANGE)
@require_POST
def item_respond(request, structure, item):
    item = get_in_structure(Item.objects.select_related("sender", "receiver"), structure, item)
    form = RespondForm(request.POST)
    if not form.is_valid():
        return _item_page(request, structure, item, status=400, form=form)
    d = form.cleaned_data
    try:
        actions.respond_item(item, status=d["status"], response=d["response"], reason=d["reason"], on=d["responded_on"])
    except AdviceError as error:
        form.add_error(None, str(error))
        return _item_page(request, structure, item, status=400, form=form)
    return done(request, _("De reactie is vastgelegd."), "advice:item", structure.pk, item.pk)


# --- experts and practice circles -------------------------------------------------------------------


def _experts_page(request, structure, *, status=200, expert_form=None, circle_form=None):
    return page(request, "advice/experts.html", structure, "experts", status=status,
                experts=structure.experts.filter(erased_at__isnull=True), circles=structure.circles.all(),
                areas=content()["expert_areas"], expert_form=expert_form or ExpertForm(initial={"kind": "pool"}),
                circle_form=circle_form or CircleForm())


@with_structure()
def experts(request, structure):
    return _experts_page(request, structure)


@with_structure(CHANGE)
@require_POST
def expert_add(request, structure):
    form = ExpertForm(request.POST)
    if not form.is_valid():
        return _experts_page(request, structure, status=400, expert_form=form)
    try:
        actions.add_expert(structure, **form.cleaned_data)
    except AdviceError as error:
        form.add_error(None, str(error))
        return _experts_page(request, structure, status=400, expert_form=form)
    return done(request, _("De expert is toegevoegd."), "advice:experts", structure.pk)


@with_structure(CHANGE)
@require_POST
def circle_add(request, structure):
    form = CircleForm(request.POST)
    if not form.is_valid():
        return _experts_page(request, structure, status=400, circle_form=form)
    try:
        actions.add_circle(structure, **form.cleaned_data)
    except AdviceError as error:
        form.add_error(None, str(error))
        return _experts_page(request, structure, status=400, circle_form=form)
    return done(request, _("De praktijkkring is toegevoegd."), "advice:experts", structure.pk)


# --- trajectories -----------------------------------------------------------------------------------


def _trajectory_form(structure, data=None, initial=None):
    from mia.measures.models import Measure, Weighing

    ws = structure.workspace_id
    return TrajectoryForm(data, initial=initial, bodies=structure.bodies.all(),
                          questions=structure.items.filter(kind=ItemKind.QUESTION).select_related("sender", "receiver"),
                          measures=Measure.objects.filter(workspace_id=ws) if ws else Measure.objects.none(),
                          weighings=Weighing.objects.filter(workspace_id=ws) if ws else Weighing.objects.none())


@with_structure(CHANGE)
def trajectory_new(request, structure):
    initial = {"request_kind": "gevraagd", "subject_kind": "maatregel"}
    question = request.GET.get("vraag")
    if question and question.isdigit():
        item = structure.items.filter(pk=int(question), kind=ItemKind.QUESTION).first()
        if item:
            initial.update(request_item=item, body=item.receiver, receiver=item.sender, title=item.title, question=item.text)
    return page(request, "advice/trajectory_new.html", structure, "trajectories", form=_trajectory_form(structure, initial=initial))


@with_structure(CHANGE)
@require_POST
def trajectory_create(request, structure):
    form = _trajectory_form(structure, request.POST)
    if not form.is_valid():
        return page(request, "advice/trajectory_new.html", structure, "trajectories", status=400, form=form)
    try:
        t = actions.create_trajectory(structure, **form.cleaned_data)
    except AdviceError as error:
        form.add_error(None, str(error))
        return page(request, "advice/trajectory_new.html", structure, "trajectories", status=400, form=form)
    return done(request, _("Het adviestraject %(code)s is geopend.") % {"code": t.code}, "advice:trajectory", structure.pk, t.pk)


def _get_trajectory(structure, pk):
    return get_in_structure(Trajectory.objects.select_related("body", "receiver", "penvoerder", "weighing"), structure, pk)


def _trajectory_page(request, structure, t, *, status=200, forms=None):
    forms = forms or {}
    body = t.body
    return page(
        request, "advice/trajectory.html", structure, "trajectories", status=status, t=t, checklist=actions.checklist(t),
        expert_inputs=t.expert_inputs.select_related("expert"), circle_inputs=t.circle_inputs.select_related("circle", "session"),
        stories=t.stories.filter(withdrawn_at__isnull=True), decision=t.decisions.prefetch_related("votes__member").first(),
        decision_label=actions.decision_label(t.decisions.first()), minority=actions.minority_opinions(t),
        measures=t.measures.all(), circles_uncovered=structure.circles.exclude(inputs__trajectory=t),
        expert_form=forms.get("expert") or ExpertInputForm(experts=structure.experts.filter(erased_at__isnull=True)),
        circle_form=forms.get("circle") or CircleInputForm(circles=structure.circles.all(),
                                                           sessions=actions.linkable_sessions(structure, request.user),
                                                           initial={"mode": "bijeenkomst"}),
        story_form=forms.get("story") or StoryForm(circles=structure.circles.all()),
        text_form=forms.get("text") or AdviceTextForm(members=body.members.filter(erased_at__isnull=True), initial={
            "penvoerder": t.penvoerder, "summary": t.summary, "advice_text": t.advice_text, "considerations": t.considerations}),
        no_circles_form=forms.get("no_circles") or NoCirclesForm(initial={"circles_note": t.circles_note}),
        issue_form=forms.get("issue") or IssueForm(), issued=t.status == TrajectoryStatus.ISSUED,
    )


@with_structure()
def trajectory_detail(request, structure, t):
    return _trajectory_page(request, structure, _get_trajectory(structure, t))


def _trajectory_post(form_key, build_form, call, message):
    """A POST view on a trajectory: validate ``build_form``, run ``call``, show its error on the page."""

    @with_structure(CHANGE)
    @require_POST
    def view(request, structure, t):
        t = _get_trajectory(structure, t)
        form = build_form(request, structure, t)
        if form.is_valid():
            try:
                call(request, structure, t, form.cleaned_data)
            except AdviceError as error:
                form.add_error(None, str(error))
            else:
                return done(request, message, "advice:trajectory", structure.pk, t.pk)
        return _trajectory_page(request, structure, t, status=400, forms={form_key: form})

    return view


trajectory_expert = _trajectory_post(
    "expert", lambda r, s, t: ExpertInputForm(r.POST, experts=s.experts.filter(erased_at__isnull=True)),
    lambda r, s, t, d: actions.record_expert_input(t, **d), gettext_lazy("De inbreng van de expert is vastgelegd."))


def _circle_call(request, structure, t, d):
    session = None
    if d.get("session"):
        session = next((s for s in actions.linkable_sessions(structure, request.user) if s.pk == d["session"]), None)
        if session is None:
            raise AdviceError(_("Kies een sessie uit de lijst."))
    d = {**d, "session": session}
    actions.record_circle_input(t, request.user, **d)


trajectory_circle = _trajectory_post(
    "circle", lambda r, s, t: CircleInputForm(r.POST, circles=s.circles.all(), sessions=actions.linkable_sessions(s, r.user)),
    _circle_call, gettext_lazy("De inbreng van de praktijkkring is vastgelegd."))

trajectory_story = _trajectory_post(
    "story", lambda r, s, t: StoryForm(r.POST, circles=s.circles.all()), lambda r, s, t, d: actions.add_story(t, **d),
    gettext_lazy("Het verhaal is bewaard."))


def _text_call(request, structure, t, d):
    actions.set_penvoerder(t, d.pop("penvoerder"))
    actions.write_advice(t, **d)


trajectory_text = _trajectory_post(
    "text", lambda r, s, t: AdviceTextForm(r.POST, members=t.body.members.filter(erased_at__isnull=True)), _text_call,
    gettext_lazy("Het advies is opgeslagen."))

trajectory_no_circles = _trajectory_post(
    "no_circles", lambda r, s, t: NoCirclesForm(r.POST), lambda r, s, t, d: actions.set_no_circles(t, d["circles_note"]),
    gettext_lazy("Opgeslagen."))

trajectory_issue = _trajectory_post(
    "issue", lambda r, s, t: IssueForm(r.POST),
    lambda r, s, t, d: actions.issue_advice(t, r.user, on=d["issued_on"], public=d["public"]), gettext_lazy("Het advies is uitgebracht."))


@with_structure(CHANGE)
@require_POST
def circle_refresh(request, structure, t, ci):
    t = _get_trajectory(structure, t)
    circle_input = get_object_or_404(t.circle_inputs, pk=_int(ci))
    try:
        actions.attach_session_cards(circle_input)
    except AdviceError as error:
        return refused(request, error, "advice:trajectory", structure.pk, t.pk)
    return done(request, _("De kaartjes en thema's van de sessie zijn opnieuw overgenomen."), "advice:trajectory", structure.pk, t.pk)


@with_structure(CHANGE)
@require_POST
def story_withdraw(request, structure, t, story):
    t = _get_trajectory(structure, t)
    actions.withdraw_story(get_object_or_404(Story, pk=_int(story), trajectory=t))
    return done(request, _("Het verhaal is ingetrokken en gewist."), "advice:trajectory", structure.pk, t.pk)


def _decision_form(t, data=None):
    return DecisionForm(data, members=actions.voting_members(t.body), meetings=t.body.meetings.all(), initial={"mode": "mondeling"})


@with_structure()
def decision_new(request, structure, t):
    t = _get_trajectory(structure, t)
    return page(request, "advice/decision.html", structure, "trajectories", t=t, form=_decision_form(t), rule=_rule_label(t.body))


@with_structure(CHANGE)
@require_POST
def decision_create(request, structure, t):
    t = _get_trajectory(structure, t)
    form = _decision_form(t, request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            decision = actions.record_decision(t, request.user, held_on=d["held_on"], present=form.present(), votes=form.votes(),
                                               mode=d["mode"], meeting=d["meeting"])
        except AdviceError as error:
            form.add_error(None, str(error))
        else:
            return done(request, _("Het besluit is vastgelegd: %(label)s.") % {"label": actions.decision_label(decision)},
                        "advice:trajectory", structure.pk, t.pk)
    return page(request, "advice/decision.html", structure, "trajectories", status=400, t=t, form=form, rule=_rule_label(t.body))


def _rule_label(body):
    return dict((r["key"], r["label"]) for r in content()["decision_rules"]).get(body.decision_rule, body.decision_rule)


# --- exports ----------------------------------------------------------------------------------------


@with_structure()
def advice_pdf(request, structure, t):
    """A small advice's PDF at once; a large one's is made by the job queue (POST ``advice_pdf_job``)."""
    t = _get_trajectory(structure, t)
    if actions.pdf_is_large(t):
        return page(request, "advice/pdf_job.html", structure, "trajectories", t=t)
    return _download(exports.advice_pdf(t), "application/pdf", f"advies-{t.code}.pdf")


@with_structure()
@require_POST
def advice_pdf_job(request, structure, t):
    from mia.jobs.actions import active_job, start_job

    t = _get_trajectory(structure, t)
    subject = f"advice.trajectory:{t.pk}"
    job = active_job("advice.advice_pdf", subject) or start_job(
        "advice.advice_pdf", subject=subject, params={"trajectory": t.pk, "back_url": reverse("advice:trajectory", args=[structure.pk, t.pk])},
        user=request.user)
    job.refresh_from_db()
    if job.status == "klaar" and job.result.get("url"):
        return redirect(job.result["url"])
    return redirect("jobs:detail", job.pk)


@with_structure()
def export_file(request, structure, t, export):
    t = _get_trajectory(structure, t)
    export = get_object_or_404(ExportFile, pk=_int(export), trajectory=t)
    return _download(bytes(export.data), export.content_type, export.filename)


@with_structure()
def advice_docx(request, structure, t):
    t = _get_trajectory(structure, t)
    return _download(exports.advice_docx(t), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                     f"advies-{t.code}.docx")


@with_structure()
def advice_json(request, structure, t):
    t = _get_trajectory(structure, t)
    return _download(exports.advice_json(t).encode("utf-8"), "application/json", f"advies-{t.code}.json")


@with_structure()
def structure_json(request, structure):
    return _download(exports.structure_json(structure).encode("utf-8"), "application/json", f"adviesstructuur-{structure.pk}.json")


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- evaluation and the public register -------------------------------------------------------------


def _evaluation_page(request, structure, body, *, status=200, form=None):
    ev = getattr(body, "evaluation", None)
    initial = {}
    if ev:
        initial = {f"aspect-{k}": v for k, v in ev.answers.items()} | {"stakeholders": ev.stakeholders, "due_on": ev.due_on,
                                                                          "commissioned_by": ev.commissioned_by}
    return page(request, "advice/evaluation.html", structure, "overview", status=status, body=body,
                form=form or EvaluationForm(initial=initial), intro=content()["evaluation"])


@with_structure()
def evaluation(request, structure, body):
    return _evaluation_page(request, structure, get_in_structure(Body, structure, body))


@with_structure(CHANGE)
@require_POST
def evaluation_save(request, structure, body):
    body = get_in_structure(Body, structure, body)
    form = EvaluationForm(request.POST)
    if not form.is_valid():
        return _evaluation_page(request, structure, body, status=400, form=form)
    d = form.cleaned_data
    try:
        actions.save_evaluation(body, answers=form.answers(), stakeholders=d["stakeholders"], due_on=d["due_on"],
                                commissioned_by=d["commissioned_by"])
    except AdviceError as error:
        form.add_error(None, str(error))
        return _evaluation_page(request, structure, body, status=400, form=form)
    return done(request, _("De evaluatie is opgeslagen."), "advice:evaluation", structure.pk, body.pk)


def register(request, uid):
    """The public register of advices issued: no login; only what the team published."""
    try:
        structure = get_object_or_404(Structure, uid=uid)
    except Exception:  # a malformed uuid
        raise Http404("bad uid") from None
    return render(request, "advice/register.html", {"structure": structure, "advices": actions.public_register(structure)})


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404("bad id") from None


__all__ = ["bound"]
