"""Pages of the live MIA-dialoog: joining and the phone screen (no account), and the facilitator's screens."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from mia.assessments.access import get_assessment_for
from mia.assessments.pages import render_step
from mia.core.lookup import get_posted
from mia.dialogues.models import DialogueSession, LiveStatus, Round
from mia.live import actions, codes, state
from mia.live.forms import CardForm, ClosingMessageForm, CodeForm, ConsentForm, TimerForm
from mia.live.plenary import plenary_summary


def _consent_text(session: DialogueSession) -> str:
    return session.assessment.content_version.document.get("consent_text", "")


@never_cache
def join(request):
    """Join with the session code: first the code, then the consent statement (3A)."""
    typed = request.POST.get("code") if request.method == "POST" else request.GET.get("code")
    if typed is None:
        return render(request, "live/join.html", {"form": CodeForm()})
    form = CodeForm({"code": typed})
    if not form.is_valid():
        return render(request, "live/join.html", {"form": form}, status=400)
    try:
        session = actions.find_session_by_code(form.cleaned_data["code"], actions.client_key(request.META))
    except actions.LiveRefused as exc:
        form.add_error("code", exc.message)
        return render(request, "live/join.html", {"form": form}, status=429 if exc.code == "locked" else 400)
    consent_form = ConsentForm()
    if request.POST.get("step") == "consent":
        consent_form = ConsentForm(request.POST)
        if consent_form.is_valid():
            participant = actions.join_by_code(
                session, accept=request.POST.get("answer") == "ja", **consent_form.cleaned_data
            )
            return redirect("live:participant", participant.invite_token)
    return render(request, "live/consent.html", {
        "session": session, "form": consent_form, "code": session.join_code, "consent_text": _consent_text(session),
    }, status=400 if consent_form.is_bound else 200)


def _participant_or_404(token: str):
    participant = state.load_participant(token)
    if participant is None:
        raise Http404("unknown token")
    return participant


@never_cache
def participant(request, token):
    """The participant's own screen, reached only with their personal link."""
    person = _participant_or_404(token)
    session = person.session
    status = 200
    consent_form = ConsentForm(initial={"display_name": person.display_name, "perspective": person.perspective})
    card_forms = {}
    if request.method == "POST":
        if request.POST.get("step") == "consent":
            consent_form = ConsentForm(request.POST)
            if consent_form.is_valid():
                actions.record_consent(person, accept=request.POST.get("answer") == "ja", **consent_form.cleaned_data)
                return redirect(request.path)
            status = 400
        else:
            form = CardForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    actions.submit_card(person, round_id=data["round"], kind=data["kind"], text=data["text"],
                                        client_id=data["client_id"])
                    messages.success(request, _("Uw kaartje is opgeslagen."))
                    return redirect(request.path)
                except actions.LiveRefused as exc:
                    form.add_error("text", exc.message)
            card_forms[request.POST.get("kind")] = form
            status = 400
    if person.consent_given_at is None or person.consent_refused_at is not None:
        return render(request, "live/consent.html", {
            "session": session, "participant": person, "form": consent_form, "consent_text": _consent_text(session),
        }, status=status)
    data = state.participant_state(person)
    own = {card["kind"]: card for card in data["cards"]}
    cards = []
    for kind in (data["round"] or {}).get("card_kinds", []):
        card = own.get(kind["kind"], {})
        cards.append({**kind, "client_id": card.get("client_id", ""), "text": card.get("text", ""),
                      "saved": bool(card), "form": card_forms.get(kind["kind"])})
    return render(request, "live/participant.html", {
        "participant": person, "session": session, "state": data, "cards": cards,
        "api_state": reverse("api:participant_state", args=[token]),
    }, status=status)


def _qr_svg(url: str) -> str:
    return segno.make(url, error="m").svg_inline(scale=6, border=2, dark="#000", light="#fff", omitsize=True,
                                                 title=_("QR-code om mee te doen"))


@login_required
def overview(request, pk):
    """All sessions of an MIA with their live state: start them, go to the facilitator screen, the plenary summary."""
    assessment = get_assessment_for(request.user, pk)
    if request.method == "POST":
        session = get_posted(DialogueSession, request.POST.get("session"), assessment=assessment)
        actions.start_live(session)
        messages.success(request, _("De sessie is live. Deelnemers kunnen nu meedoen."))
        return redirect("live:facilitator", assessment.pk, session.pk)
    return render_step(request, "live/overview.html", assessment, "dialogue", rows=state.sessions_overview(assessment))


@login_required
def facilitator(request, pk, session_pk):
    """The projector screen: question, timer, 'n van m', the round buttons and the anonymous wall."""
    assessment = get_assessment_for(request.user, pk)
    session = get_object_or_404(DialogueSession, pk=session_pk, assessment=assessment)
    timer_form = TimerForm(initial={"minutes": session.round_minutes})
    message_form = ClosingMessageForm(initial={"closing_message": state.closing_message(session)})
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action in actions.STEPS:
            actions.STEPS[action](session)
            return redirect(request.path)
        if action == "open_round":
            actions.open_round(session, get_posted(Round, request.POST.get("round"), session=session))
            return redirect(request.path)
        if action == "set_timer":
            timer_form = TimerForm(request.POST)
            if timer_form.is_valid():
                actions.set_timer(session, timer_form.cleaned_data["minutes"])
                return redirect(request.path)
        elif action == "closing_message":
            message_form = ClosingMessageForm(request.POST)
            if message_form.is_valid():
                session.closing_message = message_form.cleaned_data["closing_message"]
                session.save(update_fields=["closing_message"])
                actions.bump(session)
                messages.success(request, _("De tekst voor na afloop is opgeslagen."))
                return redirect(request.path)
        status = 400
    session = DialogueSession.objects.select_related("current_round__question", "assessment").get(
        pk=session.pk
    )
    join_base = request.build_absolute_uri(reverse("live:join"))
    join_url = f"{join_base}?code={session.join_code or ''}"
    return render_step(
        request, "live/facilitator.html", assessment, "dialogue", status=status,
        session=session, wall=state.wall(session), rounds=list(session.rounds.select_related("question")),
        code=codes.display(session.join_code or ""), join_base=join_base,
        qr=_qr_svg(join_url) if session.live_status == LiveStatus.LIVE else "",
        timer_form=timer_form, message_form=message_form,
        api_wall=reverse("api:session_wall", args=[session.pk]),
    )


@login_required
def plenary(request, pk):
    assessment = get_assessment_for(request.user, pk)
    return render_step(request, "live/plenary.html", assessment, "dialogue", summary=plenary_summary(assessment),
                       rows=state.sessions_overview(assessment))
