"""Sessions and participants (step 2A) and the paper-mode MIA-dialoog (step 3)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from mia.assessments.access import get_assessment_for
from mia.assessments.pages import render_step
from mia.assessments.representation import group_coverage, missing_groups
from mia.core.lookup import get_posted
from mia.core.views import autosave_response, wants_json
from mia.dialogues import actions
from mia.dialogues.forms import CardForm, ParticipantForm, RoundNotesForm, SessionForm
from mia.dialogues.models import ConclusionCard, DialogueSession, Participant, Round
from mia.dialogues.privacy import erase_participant, participant_data
from mia.instrument.factors import lens_context_for_people


def _groups_for(assessment):
    """Participants are matched against the groups ticked in the scan (all groups if none)."""
    chosen = assessment.groups.all()
    return chosen if chosen.exists() else assessment.content_version.affectedgroup_set.all()


def _coverage(assessment):
    participants = Participant.objects.filter(session__assessment=assessment).prefetch_related("groups")
    coverage = group_coverage(
        list(assessment.groups.all()), {p: list(p.groups.all()) for p in participants}
    )
    return coverage, missing_groups(coverage)


@login_required
def sessions(request, pk):
    assessment = get_assessment_for(request.user, pk)
    status = 200
    forms_by_session = {}
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "add-session":
            actions.create_session(assessment)
            messages.success(request, _("Er is een parallelle sessie toegevoegd."))
            return redirect(request.path)
        session = get_posted(DialogueSession, request.POST.get("session"), assessment=assessment)
        if action == "add-participant":
            form = ParticipantForm(request.POST, prefix=f"p{session.pk}", groups_queryset=_groups_for(assessment))
            if form.is_valid():
                data = form.cleaned_data
                groups = data.pop("groups")
                actions.add_participant(session, groups=groups, **data)
                messages.success(request, _("Deelnemer toegevoegd."))
                return redirect(f"{request.path}#sessie-{session.pk}")
            forms_by_session[session.pk] = form
            status = 400
        elif action == "export-participant":
            participant = get_posted(Participant, request.POST.get("participant"), session=session)
            response = JsonResponse(participant_data(participant), json_dumps_params={"ensure_ascii": False, "indent": 2})
            response["Content-Disposition"] = f'attachment; filename="deelnemer-{participant.number}.json"'
            return response
        elif action == "erase-participant":
            erase_participant(get_posted(Participant, request.POST.get("participant"), session=session))
            messages.success(request, _("De naam en contactgegevens zijn gewist. De kaartjes blijven anoniem bewaard."))
            return redirect(request.path)
        elif action == "remove-participant":
            get_posted(Participant, request.POST.get("participant"), session=session).delete()
            messages.success(request, _("Deelnemer verwijderd."))
            return redirect(request.path)
        elif action == "save-session":
            form = SessionForm(request.POST, instance=session, prefix=f"s{session.pk}")
            if form.is_valid():
                form.save()
                messages.success(request, _("Sessiegegevens opgeslagen."))
                return redirect(request.path)
            forms_by_session[f"s{session.pk}"] = form
            status = 400
        elif action == "remove-session":
            if session.rounds.filter(cards__isnull=False).exists():
                messages.error(request, _("Deze sessie heeft al kaartjes. Verwijder eerst de kaartjes."))
            else:
                session.delete()
                messages.success(request, _("Sessie verwijderd."))
            return redirect(request.path)
    rows = []
    for session in assessment.sessions.prefetch_related("participants__groups"):
        rows.append({
            "session": session,
            "session_form": forms_by_session.get(f"s{session.pk}") or SessionForm(instance=session, prefix=f"s{session.pk}"),
            "participant_form": forms_by_session.get(session.pk)
            or ParticipantForm(prefix=f"p{session.pk}", groups_queryset=_groups_for(assessment)),
        })
    coverage, missing = _coverage(assessment)
    return render_step(
        request, "dialogues/sessions.html", assessment, "participants", status=status,
        rows=rows, coverage=coverage, missing=missing, **_factor_context(assessment),
    )


def _factor_context(assessment):
    """The participants through the vlechtwerk lens: which factors have a voice (the scan's first)."""
    participants = Participant.objects.filter(session__assessment=assessment).prefetch_related("groups")
    return lens_context_for_people(
        {str(p): [g.code for g in p.groups.all()] for p in participants},
        focus_groups=[g.code for g in assessment.groups.all()],
    )


@login_required
def step3(request, pk):
    assessment = get_assessment_for(request.user, pk)
    return render_step(request, "dialogues/step3.html", assessment, "dialogue", sessions=assessment.sessions.all())


def _agenda_context(assessment, session):
    rounds = list(session.rounds.select_related("question"))
    document = assessment.content_version.document
    return {
        "session": session, "rounds": rounds,
        "round_minutes": document.get("round_minutes", 15),
        "closing_question": document.get("closing_question", ""),
        "consent_text": document.get("consent_text", ""),
    }


@login_required
def agenda(request, pk, session_pk):
    assessment = get_assessment_for(request.user, pk)
    session = get_object_or_404(DialogueSession, pk=session_pk, assessment=assessment)
    return render_step(request, "dialogues/agenda.html", assessment, "dialogue", **_agenda_context(assessment, session))


@login_required
def cards_pdf(request, pk, session_pk):
    """Printable conclusion cards: per round both card types, for every participant."""
    from weasyprint import HTML

    assessment = get_assessment_for(request.user, pk)
    session = get_object_or_404(DialogueSession, pk=session_pk, assessment=assessment)
    context = {"assessment": assessment, **_agenda_context(assessment, session)}
    participants = list(session.participants.all()) or [None] * 8
    context["participants"] = participants
    html = render_to_string("dialogues/cards_print.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="conclusiekaartjes-{assessment.pk}-{session.pk}.pdf"'
    return response


@login_required
def entry(request, pk, session_pk):
    """The notulist types in the filled-in paper cards and the notes of each round."""
    assessment = get_assessment_for(request.user, pk)
    session = get_object_or_404(DialogueSession, pk=session_pk, assessment=assessment)
    rounds = list(session.rounds.select_related("question"))
    bound = {}
    status = 200
    if request.method == "POST":
        round_ = get_posted(Round, request.POST.get("round"), session=session)
        action = request.POST.get("action")
        if action == "notes":
            form = RoundNotesForm(request.POST, prefix=f"n{round_.pk}")
            if form.is_valid():
                round_.notes = form.cleaned_data["notes"]
                round_.save(update_fields=["notes"])
                if wants_json(request):
                    return autosave_response(form, True)
                messages.success(request, _("Notities opgeslagen."))
                return redirect(f"{request.path}#ronde-{round_.pk}")
            if wants_json(request):
                return autosave_response(form, False)
            bound[f"n{round_.pk}"] = form
        elif action == "add-card":
            form = CardForm(request.POST, prefix=f"c{round_.pk}", session=session, kinds=actions.card_kinds_for(round_))
            if form.is_valid():
                actions.save_card(round_, **form.cleaned_data)
                messages.success(request, _("Kaartje opgeslagen."))
                return redirect(f"{request.path}#ronde-{round_.pk}")
            bound[f"c{round_.pk}"] = form
        elif action == "delete-card":
            get_posted(ConclusionCard, request.POST.get("card"), round=round_).delete()
            messages.success(request, _("Kaartje verwijderd."))
            return redirect(f"{request.path}#ronde-{round_.pk}")
        status = 400
    items = []
    for round_ in rounds:
        items.append({
            "round": round_,
            "cards": round_.cards.select_related("participant"),
            "notes_form": bound.get(f"n{round_.pk}") or RoundNotesForm(prefix=f"n{round_.pk}", initial={"notes": round_.notes}),
            "card_form": bound.get(f"c{round_.pk}")
            or CardForm(prefix=f"c{round_.pk}", session=session, kinds=actions.card_kinds_for(round_)),
        })
    return render_step(
        request, "dialogues/entry.html", assessment, "dialogue", status=status, session=session, items=items,
        closing_question=assessment.content_version.document.get("closing_question", ""),
    )
