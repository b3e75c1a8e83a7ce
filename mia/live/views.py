"""Pages of the live MIA-dialoog: joining and the phone screen (no account), and the facilitator's screens.

Pages read; every change is one small POST view that calls one action."""

from __future__ import annotations

from functools import lru_cache

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from mia.assessments.access import get_assessment_for
from mia.assessments.pages import render_step
from mia.core.lookup import get_posted
from mia.dialogues.models import ConclusionCard, DialogueSession, LiveStatus, Round
from mia.live import actions, codes, state
from mia.live.forms import CardForm, ClosingMessageForm, CodeForm, ConsentForm, CrowdSearchForm, HideCardForm, TimerForm
from mia.live.plenary import plenary_summary

# --- participants (no account) -----------------------------------------------------------------


def _consent_page(request, session, form, *, participant=None, code="", status=200):
    return render(request, "live/consent.html", {
        "session": session, "participant": participant, "form": form, "code": code,
        "consent_text": session.assessment.content.consent_text,
    }, status=status)


@never_cache
def join(request):
    """Join with the session code. A GET only shows the form (the QR code fills in the code); the
    code is looked up on POST, then the consent statement (3A) comes, then the join itself."""
    if request.method != "POST":
        return render(request, "live/join.html", {"form": CodeForm(initial={"code": request.GET.get("code", "")[:40]})})
    form = CodeForm(request.POST)
    if not form.is_valid():
        return render(request, "live/join.html", {"form": form}, status=400)
    try:
        session = actions.find_session_by_code(form.cleaned_data["code"], actions.client_key(request.META))
    except actions.LiveRefused as exc:
        form.add_error("code", exc.message)
        return render(request, "live/join.html", {"form": form}, status=429 if exc.code == "locked" else 400)
    content = session.assessment.content
    if request.POST.get("step") != "consent":
        return _consent_page(request, session, ConsentForm(content=content), code=session.join_code)
    consent_form = ConsentForm(request.POST, content=content)
    if not consent_form.is_valid():
        return _consent_page(request, session, consent_form, code=session.join_code, status=400)
    try:
        participant = actions.join_by_code(session, accept=request.POST.get("answer") == "ja", **consent_form.cleaned_data)
    except actions.LiveRefused as exc:
        consent_form.add_error(None, exc.message)
        return _consent_page(request, session, consent_form, code=session.join_code, status=409)
    return redirect("live:participant", participant.invite_token)


def _participant_or_404(token: str):
    participant = state.load_participant(token)
    if participant is None:
        raise Http404("unknown token")
    return participant


def _participant_page(request, person, *, card_forms=None, status=200):
    data = state.participant_state(person)
    own = {card["kind"]: card for card in data["cards"]}
    cards = []
    for kind in (data["round"] or {}).get("card_kinds", []):
        card = own.get(kind["kind"], {})
        cards.append({**kind, "client_id": card.get("client_id", ""), "text": card.get("text", ""),
                      "topic": card.get("topic", ""),
                      "saved": bool(card), "form": (card_forms or {}).get(kind["kind"])})
    return render(request, "live/participant.html", {
        "participant": person, "session": person.session, "state": data, "cards": cards,
        "api_state": reverse("api:participant_state", args=[person.invite_token]),
        "api_stream": reverse("api:participant_stream", args=[person.invite_token]),
    }, status=status)


@never_cache
@require_safe
def participant(request, token):
    """The participant's own screen, reached only with their personal link."""
    person = _participant_or_404(token)
    if not person.has_consented:
        form = ConsentForm(initial={"display_name": person.display_name, "perspective": person.perspective},
                           content=person.session.assessment.content)
        return _consent_page(request, person.session, form, participant=person)
    return _participant_page(request, person)


@never_cache
@require_POST
def participant_consent(request, token):
    person = _participant_or_404(token)
    form = ConsentForm(request.POST, content=person.session.assessment.content)
    if not form.is_valid():
        return _consent_page(request, person.session, form, participant=person, status=400)
    actions.record_consent(person, accept=request.POST.get("answer") == "ja", **form.cleaned_data)
    return redirect("live:participant", person.invite_token)


@never_cache
@require_POST
def participant_card(request, token):
    """The no-script way to send a card (the phone screen normally uses the API)."""
    person = _participant_or_404(token)
    form = CardForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.submit_card(person, round_id=data["round"], kind=data["kind"], text=data["text"],
                                client_id=data["client_id"], topic=data["topic"])
        except actions.LiveRefused as exc:
            form.add_error("text", exc.message)
        else:
            messages.success(request, _("Uw kaartje is opgeslagen."))
            return redirect("live:participant", person.invite_token)
    if not person.has_consented:
        return redirect("live:participant", person.invite_token)
    return _participant_page(request, person, card_forms={request.POST.get("kind"): form}, status=400)


# --- the facilitator ---------------------------------------------------------------------------


def _qr_svg(url: str) -> str:
    return _qr_svg_in(url, get_language())


@lru_cache(maxsize=512)
def _qr_svg_in(url: str, language: str) -> str:
    # Made once per session code: every projector reloads its page when a round changes, and at an
    # event with a hundred sessions that is a hundred QR codes in the same second.
    return segno.make(url, error="m").svg_inline(scale=6, border=2, dark="#000", light="#fff", omitsize=True,
                                                 title=_("QR-code om mee te doen"))


@login_required
@require_safe
def overview(request, pk):
    """All sessions of an MIA with their live state: start them, go to the facilitator screen, the plenary summary."""
    assessment = get_assessment_for(request.user, pk)
    return render_step(request, "live/overview.html", assessment, "dialogue", rows=state.sessions_overview(assessment))


def _session_of(request, pk, session_pk):
    assessment = get_assessment_for(request.user, pk)
    return assessment, get_object_or_404(DialogueSession, pk=session_pk, assessment=assessment)


def _facilitator_page(request, assessment, session, *, timer_form=None, message_form=None, status=200):
    session = DialogueSession.objects.select_related("current_round__question", "assessment").get(pk=session.pk)
    join_base = request.build_absolute_uri(reverse("live:join"))
    join_url = f"{join_base}?code={session.join_code or ''}"
    return render_step(
        request, "live/facilitator.html", assessment, "dialogue", status=status,
        session=session, wall=state.wall(session), rounds=list(session.rounds.select_related("question", "session")),
        code=codes.display(session.join_code or ""), join_base=join_base,
        # Shown without the scheme, with a break allowed before the path only (never mid-word).
        join_host=request.get_host(), join_path=reverse("live:join"),
        qr=_qr_svg(join_url) if session.live_status == LiveStatus.LIVE else "",
        timer_form=timer_form or TimerForm(initial={"minutes": session.round_minutes}),
        message_form=message_form or ClosingMessageForm(initial={"closing_message": state.closing_message(session)}),
        api_wall=reverse("api:session_wall", args=[session.pk]),
    )


@login_required
@require_safe
def facilitator(request, pk, session_pk):
    """The projector screen: question, timer, 'n van m', the round buttons and the anonymous wall."""
    assessment, session = _session_of(request, pk, session_pk)
    return _facilitator_page(request, assessment, session)


@login_required
@require_POST
def facilitator_step(request, pk, session_pk, step):
    """The facilitator's steps without an argument (start, close_round, next_round, close, show/hide names):
    the same functions the API's steering endpoint calls."""
    assessment, session = _session_of(request, pk, session_pk)
    if step not in actions.STEPS:
        raise Http404("unknown step")
    actions.STEPS[step](session)
    if step == "start":
        messages.success(request, _("De sessie is live. Deelnemers kunnen nu meedoen."))
    return redirect("live:facilitator", assessment.pk, session.pk)


@login_required
@require_safe
def facilitator_close_confirm(request, pk, session_pk):
    """'Sluit de hele sessie' asks first, and names the questions the session has not reached."""
    assessment, session = _session_of(request, pk, session_pk)
    rounds = list(session.rounds.select_related("question", "session"))
    not_reached = [r for r in rounds if r.opened_at is None and not r.cards.exists()]
    closing = next((r for r in rounds if r.is_closing), None)
    return render_step(
        request, "live/close_confirm.html", assessment, "dialogue", session=session, not_reached=not_reached,
        closing_round=closing if closing in not_reached else None,
    )


@login_required
@require_POST
def facilitator_open_round(request, pk, session_pk, round_pk):
    assessment, session = _session_of(request, pk, session_pk)
    actions.open_round(session, get_posted(Round, round_pk, session=session))
    return redirect("live:facilitator", assessment.pk, session.pk)


@login_required
@require_POST
def facilitator_timer(request, pk, session_pk):
    assessment, session = _session_of(request, pk, session_pk)
    form = TimerForm(request.POST)
    if not form.is_valid():
        return _facilitator_page(request, assessment, session, timer_form=form, status=400)
    actions.set_timer(session, form.cleaned_data["minutes"])
    return redirect("live:facilitator", assessment.pk, session.pk)


@login_required
@require_POST
def facilitator_closing_message(request, pk, session_pk):
    assessment, session = _session_of(request, pk, session_pk)
    form = ClosingMessageForm(request.POST)
    if not form.is_valid():
        return _facilitator_page(request, assessment, session, message_form=form, status=400)
    actions.set_closing_message(session, form.cleaned_data["closing_message"])
    messages.success(request, _("De tekst voor na afloop is opgeslagen."))
    return redirect("live:facilitator", assessment.pk, session.pk)


@login_required
@require_safe
def plenary(request, pk):
    assessment = get_assessment_for(request.user, pk)
    return render_step(request, "live/plenary.html", assessment, "dialogue", summary=plenary_summary(assessment),
                       rows=state.sessions_overview(assessment))


# --- the crowd wall ------------------------------------------------------------------------------


def _crowd_page(request, assessment, session, *, hide_form=None, hide_card=None, status=200):
    search = CrowdSearchForm(request.GET or None)
    query = search.cleaned_data["zoek"] if search.is_valid() else ""
    session = DialogueSession.objects.select_related("current_round__question", "assessment").get(pk=session.pk)
    crowd = state.crowd_wall(session, query)
    if hide_card is not None and hide_card not in [row["id"] for row in crowd["results"]]:
        # The card whose hiding failed, so the facilitator can try again with a reason.
        card = ConclusionCard.objects.filter(pk=hide_card, round__session=session).select_related(
            "round__session", "round__question").first()
        if card is not None:
            crowd["query"] = crowd["query"] or " "
            crowd["results"].insert(0, state.moderation_row(card))
    return render_step(
        request, "live/crowd.html", assessment, "dialogue", status=status, session=session,
        crowd=crowd, search=search, hide_form=hide_form or HideCardForm(),
        hide_card=hide_card, api_crowd=reverse("api:crowd_wall", args=[session.pk]),
        themes_url=reverse("live:crowd_themes", args=[assessment.pk, session.pk]),
    )


def _back_to_crowd(request, assessment, session):
    url = reverse("live:crowd", args=[assessment.pk, session.pk])
    query = CrowdSearchForm(request.POST)
    if query.is_valid() and query.cleaned_data["zoek"]:
        from urllib.parse import urlencode

        url += "?" + urlencode({"zoek": query.cleaned_data["zoek"]})
    return redirect(url)


@login_required
@require_safe
def crowd(request, pk, session_pk):
    """The wall for a large room: counts per question and perspective, themes, search and moderation."""
    assessment, session = _session_of(request, pk, session_pk)
    return _crowd_page(request, assessment, session)


@login_required
@require_POST
def crowd_hide(request, pk, session_pk, card_pk):
    assessment, session = _session_of(request, pk, session_pk)
    form = HideCardForm(request.POST)
    if form.is_valid():
        try:
            actions.hide_card(session, card_pk, reason=form.cleaned_data["reason"], user=request.user)
        except actions.LiveRefused as exc:
            if exc.code == "not_found":
                raise Http404("not a card of this session") from None
            form.add_error("reason", exc.message)
        else:
            messages.success(request, _("Het kaartje staat niet meer op de muur. In het verslag blijft het staan."))
            return _back_to_crowd(request, assessment, session)
    return _crowd_page(request, assessment, session, hide_form=form, hide_card=card_pk, status=400)


@login_required
@require_POST
def crowd_show(request, pk, session_pk, card_pk):
    assessment, session = _session_of(request, pk, session_pk)
    try:
        actions.show_card(session, card_pk)
    except actions.LiveRefused:
        raise Http404("not a card of this session") from None
    messages.success(request, _("Het kaartje staat weer op de muur."))
    return _back_to_crowd(request, assessment, session)


@login_required
@require_POST
def crowd_themes(request, pk, session_pk):
    """Ask for fresh themes (a background job); the crowd page asks by itself every half minute."""
    assessment, session = _session_of(request, pk, session_pk)
    session = DialogueSession.objects.select_related("current_round").get(pk=session.pk)
    job = actions.request_wall_themes(session, user=request.user)
    if request.headers.get("Accept", "").startswith("application/json"):
        from django.http import JsonResponse

        return JsonResponse({"job": job.pk if job else None}, status=202 if job else 200)
    return _back_to_crowd(request, assessment, session)
