"""Sessions and participants (step 2A) and the paper-mode MIA-dialoog (step 3).

Pages read; every change is one small POST view that calls one action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from mia.assessments.access import get_assessment_for
from mia.assessments.pages import render_step
from mia.assessments.representation import group_coverage, missing_groups
from mia.core.documents import render_pdf
from mia.core.lookup import get_posted
from mia.core.views import autosave_response, wants_json
from mia.dialogues import actions
from mia.dialogues.forms import CardForm, ParticipantForm, RoundNotesForm, SessionForm
from mia.dialogues.models import ConclusionCard, DialogueSession, Participant, Round
from mia.dialogues.privacy import erase_participant, participant_data
from mia.instrument.factors import lens_context_for_people

# --- step 2A: sessions and participants ---------------------------------------------------------


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


def _participant_form(assessment, session, data=None):
    return ParticipantForm(data, prefix=f"p{session.pk}", groups_queryset=_groups_for(assessment), content=assessment.content)


def _sessions_page(request, assessment, *, bound_form=None, status=200):
    """The sessions page; ``bound_form`` is a form with errors, shown again with what was typed."""
    rows = []
    for session in assessment.sessions.prefetch_related("participants__groups"):
        rows.append({
            "session": session,
            "session_form": bound_form if bound_form is not None and bound_form.prefix == f"s{session.pk}"
            else SessionForm(instance=session, prefix=f"s{session.pk}"),
            "participant_form": bound_form if bound_form is not None and bound_form.prefix == f"p{session.pk}"
            else _participant_form(assessment, session),
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


def _session_of(request, pk, session_pk):
    assessment = get_assessment_for(request.user, pk)
    return assessment, get_posted(DialogueSession, session_pk, assessment=assessment)


def _participant_of(request, pk, participant_pk):
    assessment = get_assessment_for(request.user, pk)
    return assessment, get_posted(Participant, participant_pk, session__assessment=assessment)


def _to_sessions(assessment, anchor: str = ""):
    return redirect(reverse("dialogues:sessions", args=[assessment.pk]) + anchor)


@login_required
@require_safe
def sessions(request, pk):
    return _sessions_page(request, get_assessment_for(request.user, pk))


@login_required
@require_POST
def session_add(request, pk):
    assessment = get_assessment_for(request.user, pk)
    actions.create_session(assessment)
    messages.success(request, _("Er is een parallelle sessie toegevoegd."))
    return _to_sessions(assessment)


@login_required
@require_POST
def session_update(request, pk, session_pk):
    assessment, session = _session_of(request, pk, session_pk)
    form = SessionForm(request.POST, instance=session, prefix=f"s{session.pk}")
    if not form.is_valid():
        return _sessions_page(request, assessment, bound_form=form, status=400)
    actions.update_session(session, **{name: form.cleaned_data[name] for name in SessionForm.Meta.fields})
    messages.success(request, _("Sessiegegevens opgeslagen."))
    return _to_sessions(assessment, f"#sessie-{session.pk}")


@login_required
@require_POST
def session_remove(request, pk, session_pk):
    assessment, session = _session_of(request, pk, session_pk)
    try:
        actions.remove_session(session)
    except actions.DialogueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Sessie verwijderd."))
    return _to_sessions(assessment)


@login_required
@require_POST
def participant_add(request, pk, session_pk):
    assessment, session = _session_of(request, pk, session_pk)
    form = _participant_form(assessment, session, request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        groups = data.pop("groups")
        try:
            actions.add_participant(session, groups=groups, **data)
        except actions.DialogueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Deelnemer toegevoegd."))
            return _to_sessions(assessment, f"#sessie-{session.pk}")
    return _sessions_page(request, assessment, bound_form=form, status=400)


@login_required
@require_POST
def participant_export(request, pk, participant_pk):
    """Everything MIA holds about one participant, for an access request (AVG art. 15). A POST:
    the file holds personal data and should not sit in the browser's history as a link."""
    _assessment, participant = _participant_of(request, pk, participant_pk)
    response = JsonResponse(participant_data(participant), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="deelnemer-{participant.number}.json"'
    return response


@login_required
@require_POST
def participant_erase(request, pk, participant_pk):
    assessment, participant = _participant_of(request, pk, participant_pk)
    erase_participant(participant)
    messages.success(request, _("De naam en contactgegevens zijn gewist. De kaartjes blijven anoniem bewaard."))
    return _to_sessions(assessment)


@login_required
@require_POST
def participant_remove(request, pk, participant_pk):
    assessment, participant = _participant_of(request, pk, participant_pk)
    actions.remove_participant(participant)
    messages.success(request, _("Deelnemer verwijderd."))
    return _to_sessions(assessment)


# --- step 3: the dialogue on paper --------------------------------------------------------------


@login_required
@require_safe
def step3(request, pk):
    assessment = get_assessment_for(request.user, pk)
    return render_step(request, "dialogues/step3.html", assessment, "dialogue", sessions=assessment.sessions.all())


def _agenda_context(assessment, session):
    content = assessment.content
    return {
        "session": session, "rounds": list(session.rounds.select_related("question", "session")),
        "round_minutes": content.round_minutes, "closing_question": content.closing_question,
        # The printed cards are read by participants: the B1 form of the closing question.
        "participant_closing_question": content.participant_closing_question,
        "consent_text": content.consent_text, "card_subject_label": content.card_subject_label,
        "card_types": content.card_types,
    }


@login_required
@require_safe
def agenda(request, pk, session_pk):
    assessment = get_assessment_for(request.user, pk)
    session = get_object_or_404(DialogueSession, pk=session_pk, assessment=assessment)
    return render_step(request, "dialogues/agenda.html", assessment, "dialogue", **_agenda_context(assessment, session))


@login_required
@require_safe
def cards_pdf(request, pk, session_pk):
    """Printable conclusion cards: per round both card types, for every participant."""
    assessment = get_assessment_for(request.user, pk)
    session = get_object_or_404(DialogueSession, pk=session_pk, assessment=assessment)
    context = {"assessment": assessment, **_agenda_context(assessment, session)}
    context["participants"] = list(session.participants.all()) or [None] * 8
    pdf = render_pdf(render_to_string("dialogues/cards_print.html", context, request=request))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="conclusiekaartjes-{assessment.pk}-{session.pk}.pdf"'
    return response


def _entry_page(request, assessment, session, *, bound_form=None, status=200):
    items = []
    for round_ in session.rounds.select_related("question", "session__assessment"):
        notes_prefix, card_prefix = f"n{round_.pk}", f"c{round_.pk}"
        items.append({
            "round": round_,
            "cards": round_.cards.visible().select_related("participant__session", "round__session"),
            "notes_form": bound_form if bound_form is not None and bound_form.prefix == notes_prefix
            else RoundNotesForm(prefix=notes_prefix, initial={"notes": round_.notes}),
            "card_form": bound_form if bound_form is not None and bound_form.prefix == card_prefix
            else CardForm(prefix=card_prefix, round_=round_),
        })
    return render_step(
        request, "dialogues/entry.html", assessment, "dialogue", status=status, session=session, items=items,
        closing_question=assessment.content.closing_question,
    )


def _round_of(request, pk, session_pk, round_pk):
    assessment = get_assessment_for(request.user, pk)
    session = get_object_or_404(DialogueSession, pk=session_pk, assessment=assessment)
    return assessment, session, get_posted(Round.objects.select_related("session__assessment"), round_pk, session=session)


def _to_round(round_):
    session = round_.session
    return redirect(reverse("dialogues:entry", args=[session.assessment_id, session.pk]) + f"#ronde-{round_.pk}")


@login_required
@require_safe
def entry(request, pk, session_pk):
    """The notulist types in the filled-in paper cards and the notes of each round."""
    assessment = get_assessment_for(request.user, pk)
    session = get_object_or_404(DialogueSession, pk=session_pk, assessment=assessment)
    return _entry_page(request, assessment, session)


@login_required
@require_POST
def round_notes(request, pk, session_pk, round_pk):
    assessment, session, round_ = _round_of(request, pk, session_pk, round_pk)
    form = RoundNotesForm(request.POST, prefix=f"n{round_.pk}")
    if not form.is_valid():
        if wants_json(request):
            return autosave_response(form, False)
        return _entry_page(request, assessment, session, bound_form=form, status=400)
    actions.save_round_notes(round_, form.cleaned_data["notes"])
    if wants_json(request):
        return autosave_response(form, True)
    messages.success(request, _("Notities opgeslagen."))
    return _to_round(round_)


@login_required
@require_POST
def card_add(request, pk, session_pk, round_pk):
    assessment, session, round_ = _round_of(request, pk, session_pk, round_pk)
    form = CardForm(request.POST, prefix=f"c{round_.pk}", round_=round_)
    if form.is_valid():
        try:
            actions.save_card(round_, **form.cleaned_data)
        except actions.DialogueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Kaartje opgeslagen."))
            return _to_round(round_)
    return _entry_page(request, assessment, session, bound_form=form, status=400)


@login_required
@require_POST
def card_delete(request, pk, session_pk, round_pk, card_pk):
    _assessment, _session, round_ = _round_of(request, pk, session_pk, round_pk)
    actions.delete_card(get_posted(ConclusionCard, card_pk, round=round_))
    messages.success(request, _("Kaartje verwijderd."))
    return _to_round(round_)
