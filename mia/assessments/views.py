"""Views of the MIA steps 1, 2 and 4 (step 3 is in ``mia.dialogues``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mia.assessments import actions
from mia.assessments.access import get_assessment_for
from mia.assessments.chart import chart_summary
from mia.assessments.forms import (
    AssessmentForm,
    ChartForm,
    ConclusionsForm,
    DecisionForm,
    DomainForm,
    FollowUpActionForm,
    MemberForm,
    PreparationForm,
    QuestionTextForm,
    ScanForm,
)
from mia.assessments.invitation import default_invitation
from mia.assessments.models import (
    MAX_DIALOGUE_QUESTIONS,
    Assessment,
    AssessmentMember,
    BankQuestion,
    DialogueQuestion,
    FollowUpAction,
)
from mia.assessments.pages import render_step
from mia.core.lookup import get_posted
from mia.core.views import autosave_response, bound_data, wants_json
from mia.instrument.factors import lens_context_for_groups


def handle_step_form(request, assessment, page, template, form, success_message, **extra):
    """Shared POST handling: autosave gets JSON; a plain submit redirects or shows errors.

    On errors the page is rendered again with everything the user typed (status 400)."""
    if request.method == "POST":
        if form.is_valid():
            form.save()
            if wants_json(request):
                return autosave_response(form, True)
            messages.success(request, success_message)
            return redirect(request.path)
        if wants_json(request):
            return autosave_response(form, False)
        return render_step(request, template, assessment, page, status=400, form=form, **extra)
    return render_step(request, template, assessment, page, form=form, **extra)


@login_required
def assessment_list(request):
    memberships = (
        AssessmentMember.objects.filter(user=request.user).select_related("assessment").order_by("-assessment__updated_at")
    )
    can_add = request.user.has_perm("assessments.add_assessment")
    return render(request, "assessments/list.html", {"memberships": memberships, "can_add": can_add})


@login_required
def assessment_create(request):
    if not request.user.has_perm("assessments.add_assessment"):
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
        request, assessment, "overview", "assessments/detail.html", form, _("Opgeslagen."),
        members=assessment.memberships.select_related("user"),
    )


@login_required
def scan(request, pk):
    assessment = get_assessment_for(request.user, pk)
    form = ScanForm(assessment, bound_data(request))
    groups = {g.code: g.label for g in assessment.groups.all()}
    return handle_step_form(request, assessment, "scan", "assessments/scan.html", form, _("De MIA-scan is opgeslagen."),
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
    return handle_step_form(request, assessment, "domains", "assessments/domains.html", form, _("De domeinverkenner is opgeslagen."))


def _bank_for(assessment: Assessment, show_all: bool):
    """The question bank, filtered to the subdomains chosen in the Domeinverkenner.

    Cross-cutting questions (such as doenvermogen) are always offered."""
    bank = BankQuestion.objects.filter(version=assessment.content_version).select_related("subdomain__domain")
    chosen = assessment.domain_answers.filter(relevant=True).values_list("subdomains", flat=True)
    chosen = [s for s in chosen if s]
    if chosen and not show_all:
        bank = bank.filter(Q(subdomain__in=chosen) | Q(subdomain__isnull=True))
    # Cross-cutting questions (no subdomain) last, on SQLite and PostgreSQL alike.
    order = [F(f).asc(nulls_last=True) for f in ("subdomain__domain__position", "subdomain__position")]
    return bank.order_by(*order, "position"), bool(chosen)


@login_required
def questions(request, pk):
    assessment = get_assessment_for(request.user, pk)
    own_form = QuestionTextForm(prefix="own")
    status = 200
    if request.method == "POST":
        response, own_form = _question_action(request, assessment)
        if response:
            return response
        status = 400
    show_all = request.GET.get("alle") == "1"
    bank, filtered = _bank_for(assessment, show_all)
    chosen = list(assessment.questions.select_related("bank_question__subdomain"))
    return render_step(
        request, "assessments/questions.html", assessment, "questions", status=status,
        bank=bank, filtered=filtered and not show_all, show_all=show_all, chosen=chosen,
        chosen_bank_ids={q.bank_question_id for q in chosen}, own_form=own_form,
        max_questions=MAX_DIALOGUE_QUESTIONS, room=MAX_DIALOGUE_QUESTIONS - len(chosen),
        reword_forms={q.pk: QuestionTextForm(prefix=f"q{q.pk}", initial={"text": q.text}) for q in chosen},
    )


def _question_action(request, assessment):
    """Handle one POSTed action on the question list. Returns (redirect or None, own_form)."""
    action = request.POST.get("action", "")
    own_form = QuestionTextForm(prefix="own")
    try:
        if action == "choose":
            bank_question = get_posted(BankQuestion, request.POST.get("bank_question"), version=assessment.content_version)
            actions.choose_bank_question(assessment, bank_question)
            messages.success(request, _("Vraag toegevoegd."))
        elif action == "own":
            own_form = QuestionTextForm(request.POST, prefix="own")
            if not own_form.is_valid():
                return None, own_form
            actions.add_own_question(assessment, own_form.cleaned_data["text"])
            messages.success(request, _("Uw eigen vraag is toegevoegd."))
        elif action in {"reword", "restore", "remove", "up", "down"}:
            question = get_posted(DialogueQuestion, request.POST.get("question"), assessment=assessment)
            if action == "reword":
                form = QuestionTextForm(request.POST, prefix=f"q{question.pk}")
                if not form.is_valid():
                    messages.error(request, _("De vraag is niet aangepast: %(error)s") % {"error": " ".join(form.errors.get("text", []))})
                    return redirect(request.path), own_form
                actions.reword_question(question, form.cleaned_data["text"])
                messages.success(request, _("De vraag is aangepast. De oorspronkelijke tekst blijft bewaard."))
            elif action == "restore" and question.original_text:
                actions.reword_question(question, question.original_text)
                messages.success(request, _("De oorspronkelijke tekst is teruggezet."))
            elif action == "remove":
                actions.remove_question(question)
                messages.success(request, _("Vraag weggehaald."))
            elif action in {"up", "down"}:
                actions.move_question(question, -1 if action == "up" else 1)
        else:
            messages.error(request, _("Deze actie kennen we niet."))
    except actions.ActionError as error:
        messages.error(request, str(error))
        if action == "own":
            # Keep the typed question on the page: nothing is lost.
            return None, own_form
    return redirect(request.get_full_path()), own_form


@login_required
def preparation(request, pk):
    assessment = get_assessment_for(request.user, pk)
    if not assessment.invitation_text:
        assessment.invitation_text = default_invitation(assessment)
    form = PreparationForm(assessment, bound_data(request))
    return handle_step_form(
        request, assessment, "preparation", "assessments/preparation.html", form,
        _("Werkvorm en uitnodiging zijn opgeslagen."), werkvormen=assessment.content_version.document.get("werkvormen", []),
    )


@login_required
def chart(request, pk):
    assessment = get_assessment_for(request.user, pk)
    form = ChartForm(assessment, request.user, bound_data(request))
    return handle_step_form(
        request, assessment, "chart", "assessments/chart.html", form, _("Uw MIA-Chart is opgeslagen."),
        **chart_summary(assessment),
    )


@login_required
def conclusions(request, pk):
    assessment = get_assessment_for(request.user, pk)
    action_form = FollowUpActionForm(prefix="action")
    if request.method == "POST" and request.POST.get("action") == "add-action":
        action_form = FollowUpActionForm(request.POST, prefix="action")
        if action_form.is_valid():
            action_form.instance.assessment = assessment
            action_form.save()
            messages.success(request, _("Vervolgstap toegevoegd."))
            return redirect(request.path)
        form = ConclusionsForm(assessment)
        return render_step(
            request, "assessments/conclusions.html", assessment, "conclusions", status=400,
            form=form, action_form=action_form, options=_followup_options(assessment),
        )
    if request.method == "POST" and request.POST.get("action") == "delete-action":
        get_posted(FollowUpAction, request.POST.get("id"), assessment=assessment).delete()
        messages.success(request, _("Vervolgstap verwijderd."))
        return redirect(request.path)
    form = ConclusionsForm(assessment, bound_data(request))
    return handle_step_form(
        request, assessment, "conclusions", "assessments/conclusions.html", form,
        _("De conclusies zijn opgeslagen."), action_form=action_form, options=_followup_options(assessment),
    )


def _followup_options(assessment: Assessment) -> list[dict]:
    return assessment.content_version.document.get("followup_domains", [])


@login_required
def members(request, pk):
    assessment = get_assessment_for(request.user, pk)
    form = MemberForm(bound_data(request))
    if request.method == "POST" and request.POST.get("action") == "remove":
        member = get_posted(AssessmentMember, request.POST.get("id"), assessment=assessment)
        if assessment.memberships.filter(role="kernteam").exclude(pk=member.pk).exists():
            member.delete()
            messages.success(request, _("Lid verwijderd."))
        else:
            messages.error(request, _("Een MIA heeft ten minste één kernteamlid nodig."))
        return redirect(request.path)
    if request.method == "POST" and form.is_valid():
        User = get_user_model()
        name = form.cleaned_data["username"]
        user = User.objects.filter(Q(username__iexact=name) | Q(email__iexact=name), is_active=True).first()
        if user is None:
            form.add_error("username", _("Er is geen gebruiker met deze naam of dit e-mailadres."))
        else:
            actions.add_member(assessment, user, form.cleaned_data["role"])
            messages.success(request, _("%(user)s is toegevoegd.") % {"user": user.get_full_name() or user.username})
            return redirect(request.path)
    return render_step(
        request, "assessments/members.html", assessment, "members", status=400 if form.errors else 200,
        form=form, members=assessment.memberships.select_related("user"),
    )


@login_required
@require_POST
def finish(request, pk):
    assessment = get_assessment_for(request.user, pk)
    finished = request.POST.get("finished") == "1"
    actions.set_finished(assessment, finished)
    messages.success(request, _("De MIA is afgerond.") if finished else _("De MIA staat weer open."))
    return redirect("assessments:detail", assessment.pk)
