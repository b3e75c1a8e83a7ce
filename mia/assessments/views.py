"""Views of the MIA steps 1, 2 and 4 (step 3 is in ``mia.dialogues``).

A page view reads; each change is one small POST view that calls one action."""

from __future__ import annotations

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from mia.assessments import actions
from mia.assessments.access import get_assessment_for
from mia.assessments.chart import chart_summary
from mia.assessments.colleagues import invitation_is_for, open_invitation, open_invitations
from mia.assessments.forms import (
    AssessmentForm,
    ChartForm,
    ConclusionsForm,
    DecisionForm,
    DomainForm,
    FollowUpActionForm,
    InviteForm,
    MemberForm,
    PreparationForm,
    QuestionTextForm,
    ScanForm,
)
from mia.assessments.invitation import default_invitation
from mia.assessments.models import AssessmentMember, BankQuestion, DialogueQuestion, FollowUpAction, Kind
from mia.assessments.pages import render_step
from mia.assessments.question_bank import bank_sections
from mia.core.lookup import get_posted
from mia.core.views import autosave_response, bound_data, wants_json
from mia.instrument.factors import lens_context_for_groups


def handle_step_form(request, assessment, page, template, form, save, success_message, **extra):
    """A step page whose form posts to itself: GET shows it; a valid POST calls ``save(cleaned_data)``
    (an action) and redirects, or answers the autosave script in JSON. On errors the page is shown
    again with everything the user typed (status 400)."""
    if request.method == "POST":
        if form.is_valid():
            try:
                save(form.cleaned_data)
            except actions.ActionError as error:
                form.add_error(None, str(error))
            else:
                if wants_json(request):
                    return autosave_response(form, True)
                messages.success(request, success_message)
                return redirect(request.path)
        if wants_json(request):
            return autosave_response(form, False)
        return render_step(request, template, assessment, page, status=400, form=form, **extra)
    return render_step(request, template, assessment, page, form=form, **extra)


@login_required
@require_safe
def assessment_list(request):
    memberships = (
        # The working records of other apps (a consultation's sessions) are reached from those apps.
        AssessmentMember.objects.filter(user=request.user, assessment__kind=Kind.MIA)
        .select_related("assessment").order_by("-assessment__updated_at")
    )
    can_add = rules.has_perm("assessments.add_assessment", request.user)
    return render(request, "assessments/list.html", {"memberships": memberships, "can_add": can_add})


@require_safe
def about(request):
    """What the MIA is, why and when to use it, the steps and the toolbox: the instrument's own words."""
    from mia.instrument.loader import active_version
    from mia.instrument.versions import content_for

    content = content_for(active_version())
    return render(request, "assessments/about.html", {"content": content})


@login_required
def assessment_create(request):
    if not rules.has_perm("assessments.add_assessment", request.user):
        raise PermissionDenied
    form = AssessmentForm(None, bound_data(request))
    if request.method == "POST" and form.is_valid():
        assessment = actions.create_assessment(request.user, form.cleaned_data["title"], form.cleaned_data["description"])
        messages.success(request, _("De MIA is aangemaakt. Begin met stap 1: de MIA-scan."))
        return redirect("assessments:scan", assessment.pk)
    return render(request, "assessments/create.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def assessment_detail(request, pk):
    assessment = get_assessment_for(request.user, pk)
    form = AssessmentForm(assessment, bound_data(request))
    return handle_step_form(
        request, assessment, "overview", "assessments/detail.html", form,
        lambda data: actions.update_assessment(assessment, title=data["title"], description=data["description"]),
        _("Opgeslagen."), members=assessment.memberships.select_related("user"),
    )


SCAN_NOTES = ("notes_causes", "notes_literature", "notes_media", "groups_other", "signal_words_other")


@login_required
def scan(request, pk):
    assessment = get_assessment_for(request.user, pk)
    form = ScanForm(assessment, bound_data(request))

    def save(data):
        actions.save_scan(
            assessment, answers=form.scan_answers(), groups=data["groups"], signal_words=data["signal_words"],
            notes={name: data[name] for name in SCAN_NOTES},
        )

    groups = {g.code: g.label for g in assessment.groups.all()}
    content = assessment.content
    return handle_step_form(request, assessment, "scan", "assessments/scan.html", form, save, _("De MIA-scan is opgeslagen."),
                            substep_1a=content.substep("1A"), substep_1b=content.substep("1B"),
                            **lens_context_for_groups(groups, groups))


@login_required
def decision(request, pk):
    assessment = get_assessment_for(request.user, pk)
    initial = {"decision_explanation": assessment.decision_explanation}
    if assessment.impact_suspected is not None:
        initial["impact_suspected"] = "ja" if assessment.impact_suspected else "nee"
    form = DecisionForm(bound_data(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.record_decision(assessment, form.cleaned_data["impact_suspected"], form.cleaned_data["decision_explanation"])
        if form.cleaned_data["impact_suspected"]:
            messages.success(request, _("Besluit opgeslagen. Verken nu de domeinen."))
            return redirect("assessments:domains", assessment.pk)
        messages.success(request, _("Besluit opgeslagen. De MIA is afgesloten; het korte rapport staat klaar."))
        return redirect("reports:report", assessment.pk)
    return render_step(request, "assessments/decision.html", assessment, "decision", status=400 if form.errors else 200, form=form)


@login_required
def domains(request, pk):
    assessment = get_assessment_for(request.user, pk)
    form = DomainForm(assessment, bound_data(request))
    return handle_step_form(
        request, assessment, "domains", "assessments/domains.html", form,
        lambda data: actions.save_domains(assessment, form.domain_answers()), _("De domeinverkenner is opgeslagen."),
    )


# --- step 2: the dialogue questions --------------------------------------------------------------


def _questions_page(request, assessment, *, own_form=None, status=200):
    show_all = request.GET.get("alle") == "1"
    bank, filtered = bank_sections(assessment, show_all=show_all)
    chosen = list(assessment.questions.select_related("bank_question__subdomain__domain"))
    maximum = assessment.content.max_dialogue_questions
    for q in chosen:
        q.reword_form = QuestionTextForm(prefix=f"q{q.pk}", initial={"text": q.text})
    return render_step(
        request, "assessments/questions.html", assessment, "questions", status=status,
        bank=bank, filtered=filtered, show_all=show_all, chosen=chosen,
        chosen_texts={q.bank_question.text for q in chosen if q.bank_question_id}, own_form=own_form or QuestionTextForm(prefix="own"),
        max_questions=maximum, room=maximum - len(chosen),
    )


@login_required
@require_safe
def questions(request, pk):
    return _questions_page(request, get_assessment_for(request.user, pk))


@login_required
@require_POST
def question_choose(request, pk):
    assessment = get_assessment_for(request.user, pk)
    bank_question = get_posted(BankQuestion, request.POST.get("bank_question"), version=assessment.content_version)
    try:
        actions.choose_bank_question(assessment, bank_question)
    except actions.ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Vraag toegevoegd."))
    return redirect(_questions_url(request, assessment))


@login_required
@require_POST
def question_add_own(request, pk):
    assessment = get_assessment_for(request.user, pk)
    form = QuestionTextForm(request.POST, prefix="own")
    if form.is_valid():
        try:
            actions.add_own_question(assessment, form.cleaned_data["text"])
        except actions.ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Uw eigen vraag is toegevoegd."))
            return redirect(_questions_url(request, assessment))
    # Keep the typed question on the page: nothing is lost.
    return _questions_page(request, assessment, own_form=form, status=400)


def _chosen_question(request, pk, question_pk):
    assessment = get_assessment_for(request.user, pk)
    return assessment, get_posted(DialogueQuestion, question_pk, assessment=assessment)


@login_required
@require_POST
def question_reword(request, pk, question_pk):
    assessment, question = _chosen_question(request, pk, question_pk)
    form = QuestionTextForm(request.POST, prefix=f"q{question.pk}")
    if form.is_valid():
        actions.reword_question(question, form.cleaned_data["text"])
        messages.success(request, _("De vraag is aangepast. De oorspronkelijke tekst blijft bewaard."))
    else:
        messages.error(request, _("De vraag is niet aangepast: %(error)s") % {"error": " ".join(form.errors.get("text", []))})
    return redirect(_questions_url(request, assessment))


@login_required
@require_POST
def question_restore(request, pk, question_pk):
    assessment, question = _chosen_question(request, pk, question_pk)
    try:
        actions.restore_question(question)
    except actions.ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("De oorspronkelijke tekst is teruggezet."))
    return redirect(_questions_url(request, assessment))


@login_required
@require_POST
def question_remove(request, pk, question_pk):
    assessment, question = _chosen_question(request, pk, question_pk)
    actions.remove_question(question)
    messages.success(request, _("Vraag weggehaald."))
    return redirect(_questions_url(request, assessment))


@login_required
@require_POST
def question_move(request, pk, question_pk, direction):
    assessment, question = _chosen_question(request, pk, question_pk)
    actions.move_question(question, -1 if direction == "omhoog" else 1)
    return redirect(_questions_url(request, assessment))


def _questions_url(request, assessment) -> str:
    """Back to the question list, keeping "show all questions" if the user had it on."""
    url = reverse("assessments:questions", args=[assessment.pk])
    return f"{url}?alle=1" if request.POST.get("alle") == "1" else url


@login_required
def preparation(request, pk):
    assessment = get_assessment_for(request.user, pk)
    if not assessment.invitation_text:
        assessment.invitation_text = default_invitation(assessment)  # a proposal in the form, saved only when the user saves
    if not assessment.next_steps_text:
        assessment.next_steps_text = assessment.content.after_dialogue_text  # the text phones show when none is saved
    form = PreparationForm(assessment, bound_data(request))
    return handle_step_form(
        request, assessment, "preparation", "assessments/preparation.html", form,
        lambda data: actions.save_preparation(assessment, **data),
        _("Werkvorm en uitnodiging zijn opgeslagen."), werkvormen=assessment.content.werkvormen,
        report_forms=assessment.content.report_forms,
    )


# --- step 4 ------------------------------------------------------------------------------------


@login_required
def chart(request, pk):
    assessment = get_assessment_for(request.user, pk)
    form = ChartForm(assessment, request.user, bound_data(request))
    return handle_step_form(
        request, assessment, "chart", "assessments/chart.html", form,
        lambda data: actions.save_chart_ratings(assessment, request.user, form.ratings()),
        _("Uw MIA-Chart is opgeslagen."), **chart_summary(assessment),
    )


def _conclusions_extra(assessment, action_form=None) -> dict:
    return {
        "action_form": action_form or FollowUpActionForm(prefix="action", content=assessment.content),
        "options": assessment.content.followup_domains,
        "follow_ups": list(assessment.actions.all()),
    }


@login_required
def conclusions(request, pk):
    assessment = get_assessment_for(request.user, pk)
    form = ConclusionsForm(assessment, bound_data(request))
    return handle_step_form(
        request, assessment, "conclusions", "assessments/conclusions.html", form,
        lambda data: actions.save_conclusions(assessment, form.texts()),
        _("De conclusies zijn opgeslagen."), **_conclusions_extra(assessment),
    )


@login_required
@require_POST
def follow_up_add(request, pk):
    assessment = get_assessment_for(request.user, pk)
    action_form = FollowUpActionForm(request.POST, prefix="action", content=assessment.content)
    if action_form.is_valid():
        try:
            actions.add_follow_up(assessment, **action_form.cleaned_data)
        except actions.ActionError as error:
            action_form.add_error(None, str(error))
        else:
            messages.success(request, _("Vervolgstap toegevoegd."))
            return redirect("assessments:conclusions", assessment.pk)
    return render_step(
        request, "assessments/conclusions.html", assessment, "conclusions", status=400,
        form=ConclusionsForm(assessment), **_conclusions_extra(assessment, action_form),
    )


@login_required
@require_POST
def follow_up_remove(request, pk, action_pk):
    assessment = get_assessment_for(request.user, pk)
    actions.remove_follow_up(get_posted(FollowUpAction, action_pk, assessment=assessment))
    messages.success(request, _("Vervolgstap verwijderd."))
    return redirect("assessments:conclusions", assessment.pk)


# --- the kernteam and readers --------------------------------------------------------------------


def _members_page(request, assessment, form=None, invite_form=None, status=200):
    return render_step(
        request, "assessments/members.html", assessment, "members", status=status,
        form=form or MemberForm(assessment=assessment), invite_form=invite_form or InviteForm(prefix="uitnodiging"),
        members=assessment.memberships.select_related("user"),
        invitations=open_invitations(assessment),  # an expired link is no longer open
    )


@login_required
def members(request, pk):
    assessment = get_assessment_for(request.user, pk)
    form = MemberForm(bound_data(request), assessment=assessment)
    if request.method == "POST" and form.is_valid():
        user = form.cleaned_data["user"]
        try:
            actions.add_member(assessment, user, form.cleaned_data["role"])
        except actions.ActionError as error:
            form.add_error("user", str(error))
        else:
            messages.success(request, _("%(user)s is toegevoegd.") % {"user": user.get_full_name() or user.username})
            return redirect(request.path)
    return _members_page(request, assessment, form, status=400 if form.errors else 200)


@login_required
@require_POST
def member_invite(request, pk):
    assessment = get_assessment_for(request.user, pk)
    form = InviteForm(request.POST, prefix="uitnodiging")
    if form.is_valid():
        email = form.cleaned_data["email"]
        try:
            actions.invite_member(
                assessment, email, form.cleaned_data["role"], request.user,
                accept_url=lambda token: request.build_absolute_uri(reverse("assessments:invitation", args=[token])),
            )
        except actions.ActionError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Er is een uitnodiging gestuurd naar %(email)s.") % {"email": email})
            return redirect("assessments:members", assessment.pk)
    return _members_page(request, assessment, invite_form=form, status=400)


def _invitation_or_404(token):
    from django.http import Http404

    invitation = open_invitation(token)
    if invitation is None:
        raise Http404("no such invitation")
    return invitation


@login_required
@require_safe
def invitation(request, token):
    """The one-time link of an invitation: who invites, to what; accepting is a POST. Someone logged
    in with another e-mail address than the invited one learns neither the MIA nor the address."""
    invitation = _invitation_or_404(token)
    if not invitation_is_for(invitation, request.user):
        return render(request, "assessments/invitation_elsewhere.html", status=403)
    return render(request, "assessments/invitation.html", {"invitation": invitation, "token": token})


@login_required
@require_POST
def invitation_accept(request, token):
    invitation = _invitation_or_404(token)
    if not invitation_is_for(invitation, request.user):
        return render(request, "assessments/invitation_elsewhere.html", status=403)
    try:
        actions.accept_invitation(invitation, request.user)
    except actions.ActionError as error:
        messages.error(request, str(error))
        return redirect("assessments:list")
    messages.success(request, _("U bent toegevoegd aan de MIA ‘%(title)s’.") % {"title": invitation.assessment.title})
    if rules.has_perm("assessments.change_assessment", request.user, invitation.assessment):
        return redirect("assessments:detail", invitation.assessment.pk)
    return redirect("reports:report", invitation.assessment.pk)


@login_required
@require_POST
def member_remove(request, pk, member_pk):
    assessment = get_assessment_for(request.user, pk)
    member = get_posted(AssessmentMember, member_pk, assessment=assessment)
    try:
        actions.remove_member(member)
    except actions.ActionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Lid verwijderd."))
    return redirect("assessments:members", assessment.pk)


@login_required
@require_POST
def finish(request, pk):
    assessment = get_assessment_for(request.user, pk)
    finished = request.POST.get("finished") == "1"
    actions.set_finished(assessment, finished)
    messages.success(request, _("De MIA is afgerond.") if finished else _("De MIA staat weer open."))
    return redirect("assessments:detail", assessment.pk)
