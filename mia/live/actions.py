"""Writes of the live MIA-dialoog: the facilitator steers rounds, participants join and send cards.

Every change that participants must see raises ``DialogueSession.live_version``,
so a waiting phone only has to compare one number.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.assessments.models import Assessment
from mia.core.clients import client_address
from mia.core.forms import strip_control_chars
from mia.dialogues import actions as dialogue_actions
from mia.dialogues.models import CardSource, ConclusionCard, DialogueSession, LiveStatus, Participant, Round
from mia.live import codes
from mia.live.models import JoinAttempt

MAX_CARD_CHARS = 2000
MAX_ROUND_MINUTES = 120
# Brute-force guard: this many wrong codes from one client address within the window locks it
# out. With 23**6 possible codes that leaves a guesser no chance, while a venue where many
# phones share one address still has room for typing errors.
MAX_FAILED_JOINS = 20
JOIN_WINDOW = timedelta(minutes=15)


class LiveRefused(Exception):
    """A participant's request that the session's state does not allow; the message is for them."""

    def __init__(self, message: str, code: str = "refused"):
        super().__init__(message)
        self.message = message
        self.code = code


def bump(session: DialogueSession) -> None:
    DialogueSession.objects.filter(pk=session.pk).update(live_version=F("live_version") + 1)
    session.refresh_from_db(fields=["live_version"])


# --- the facilitator -------------------------------------------------------------------------


def _unique_code() -> str:
    for _attempt in range(20):
        code = codes.new_code()
        if not DialogueSession.objects.filter(join_code=code).exists():
            return code
    raise RuntimeError("no free session code")  # 23**6 codes: practically unreachable


@transaction.atomic
def start_live(session: DialogueSession) -> DialogueSession:
    """Open the session for joining. Reopening a closed session keeps its code and cards."""
    dialogue_actions.ensure_rounds(session)
    if not session.join_code:
        session.join_code = _unique_code()
    session.live_status = LiveStatus.LIVE
    session.live_started_at = session.live_started_at or timezone.now()
    session.live_closed_at = None
    session.save(update_fields=["join_code", "live_status", "live_started_at", "live_closed_at"])
    bump(session)
    return session


def _close_current_round(session: DialogueSession, now) -> None:
    if session.current_round_id:
        Round.objects.filter(pk=session.current_round_id, closed_at__isnull=True, opened_at__isnull=False).update(
            closed_at=now
        )


@transaction.atomic
def open_round(session: DialogueSession, round_: Round) -> Round:
    """Make ``round_`` the current round and open it; the previous round closes."""
    now = timezone.now()
    if session.current_round_id != round_.pk:
        _close_current_round(session, now)
    round_.opened_at = round_.opened_at or now
    round_.closed_at = None
    round_.deadline = now + timedelta(minutes=session.round_minutes)
    round_.save(update_fields=["opened_at", "closed_at", "deadline"])
    session.current_round = round_
    session.save(update_fields=["current_round"])
    bump(session)
    return round_


@transaction.atomic
def close_round(session: DialogueSession) -> None:
    _close_current_round(session, timezone.now())
    bump(session)


def next_round(session: DialogueSession) -> Round | None:
    """Open the round after the current one (the first round if none is current)."""
    rounds = list(session.rounds.all())
    if not rounds:
        return None
    if session.current_round_id is None:
        return open_round(session, rounds[0])
    positions = [r.pk for r in rounds]
    index = positions.index(session.current_round_id) if session.current_round_id in positions else -1
    if index + 1 >= len(rounds):
        close_round(session)
        return None
    return open_round(session, rounds[index + 1])


@transaction.atomic
def set_timer(session: DialogueSession, minutes: int) -> None:
    """Restart the current round's timer at ``minutes``; later rounds use it too."""
    minutes = max(1, min(MAX_ROUND_MINUTES, minutes))
    session.round_minutes = minutes
    session.save(update_fields=["round_minutes"])
    if session.current_round_id:
        Round.objects.filter(pk=session.current_round_id).update(deadline=timezone.now() + timedelta(minutes=minutes))
    bump(session)


@transaction.atomic
def close_live(session: DialogueSession) -> None:
    """End the session: every round closes and nothing can be written any more."""
    now = timezone.now()
    session.rounds.filter(opened_at__isnull=False, closed_at__isnull=True).update(closed_at=now)
    session.live_status = LiveStatus.GESLOTEN
    session.live_closed_at = now
    session.save(update_fields=["live_status", "live_closed_at"])
    bump(session)


def set_show_names(session: DialogueSession, show: bool) -> None:
    session.show_names = show
    session.save(update_fields=["show_names"])
    bump(session)


# The facilitator's steps that need no argument, by name (the API's and the facilitator page's buttons).
STEPS = {
    "start": start_live,
    "close_round": close_round,
    "next_round": next_round,
    "close": close_live,
    "show_names": lambda session: set_show_names(session, True),
    "hide_names": lambda session: set_show_names(session, False),
}


# --- joining ---------------------------------------------------------------------------------


def client_key(meta) -> str:
    """A keyed hash of the client's address, so attempts can be counted without storing addresses."""
    return hmac.new(settings.SECRET_KEY.encode(), client_address(meta).encode(), hashlib.sha256).hexdigest()


def is_locked_out(key: str, now=None) -> bool:
    now = now or timezone.now()
    failed = JoinAttempt.objects.filter(client_key=key, created_at__gte=now - JOIN_WINDOW)
    return failed.count() >= MAX_FAILED_JOINS


def find_session_by_code(typed: str, key: str) -> DialogueSession:
    """The live session with this code. Wrong codes count towards a lock-out of this client."""
    if is_locked_out(key):
        raise LiveRefused(
            _("U heeft te vaak een verkeerde code ingevuld. Wacht 15 minuten en probeer het dan opnieuw."), "locked"
        )
    code = codes.normalise(typed)
    session = None
    if codes.is_well_formed(code):
        session = DialogueSession.objects.filter(join_code=code).select_related("assessment").first()
    if session is None:
        JoinAttempt.objects.create(client_key=key)  # only failures count, and only they are kept
        raise LiveRefused(_("Deze code kennen we niet. Kijk goed naar de code op het scherm en probeer het opnieuw."), "unknown")
    if session.live_status != LiveStatus.LIVE:
        raise LiveRefused(_("Deze sessie is nu niet open. Vraag de gespreksleider wanneer u mee kunt doen."), "closed")
    return session


def prune_join_attempts(now=None) -> int:
    now = now or timezone.now()
    deleted, _details = JoinAttempt.objects.filter(created_at__lt=now - JOIN_WINDOW).delete()
    return deleted


def join_by_code(session: DialogueSession, *, accept: bool, display_name: str = "", perspective: str = "") -> Participant:
    """A new participant who came in with the session code; their answer to the consent question is recorded."""
    if session.live_status != LiveStatus.LIVE:
        raise LiveRefused(_("Deze sessie is nu niet open. Vraag de gespreksleider wanneer u mee kunt doen."), "closed")
    _check_perspective(session, perspective)
    participant = _add_with_retry(session, display_name=strip_control_chars(display_name or "").strip(), perspective=perspective)
    record_consent(participant, accept=accept)
    return participant


def _add_with_retry(session: DialogueSession, **fields) -> Participant:
    # Many people join at once; numbering is serialised by locking the assessment row.
    for attempt in range(5):
        try:
            with transaction.atomic():
                Assessment.objects.select_for_update().filter(pk=session.assessment_id).first()
                return dialogue_actions.add_participant(session, name="", joined_by_code=True, **fields)
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def _check_perspective(session: DialogueSession, perspective: str | None) -> None:
    if perspective and perspective not in dict(session.assessment.content.perspective_choices):
        raise LiveRefused(_("Kies een perspectief uit de lijst."), "kind")


def record_consent(participant: Participant, *, accept: bool, display_name: str | None = None,
                   perspective: str | None = None) -> Participant:
    _check_perspective(participant.session, perspective)
    now = timezone.now()
    fields = ["consent_given_at", "consent_refused_at"]
    if accept:
        participant.consent_given_at, participant.consent_refused_at = now, None
    else:
        participant.consent_refused_at = now
    if display_name is not None:
        participant.display_name = strip_control_chars(display_name).strip()
        fields.append("display_name")
    if perspective is not None:
        participant.perspective = perspective
        fields.append("perspective")
    participant.save(update_fields=fields)
    return participant


# --- cards -----------------------------------------------------------------------------------


def writable_round(participant: Participant, round_id: int) -> Round:
    """The round a participant may write to now, or a refusal saying why not."""
    session = participant.session
    if not participant.has_consented:
        raise LiveRefused(_("U heeft nog geen toestemming gegeven. Zonder toestemming kunt u geen kaartjes sturen."), "consent")
    if session.live_status != LiveStatus.LIVE:
        raise LiveRefused(_("De sessie is gesloten. U kunt niets meer veranderen."), "closed")
    if round_id == session.current_round_id:
        round_ = session.current_round  # usually loaded with the participant already
    else:
        round_ = Round.objects.filter(pk=round_id, session_id=session.pk).order_by().first()
    if round_ is None:
        raise LiveRefused(_("Deze ronde hoort niet bij uw sessie."), "not_found")
    if not round_.is_open:
        raise LiveRefused(_("Deze ronde is gesloten. Uw kaartje kan niet meer worden veranderd."), "round_closed")
    return round_


def _only_one(queryset):
    return next(iter(queryset.order_by()[:1]), None)


def submit_card(participant: Participant, *, round_id: int, kind: str, text: str, client_id: uuid.UUID) -> ConclusionCard:
    """Save a participant's card idempotently.

    The same ``client_id`` always updates the same card; a participant has one card
    per kind per round, so a second device updates that card instead of adding one.
    A ``client_id`` that belongs to someone else is refused, never overwritten.
    """
    round_ = writable_round(participant, round_id)
    if kind not in round_.card_kinds:
        raise LiveRefused(_("Dit soort kaartje hoort niet bij deze ronde."), "kind")
    # Control characters (from any client) would break the DOCX, PDF and CSV exports later.
    text = strip_control_chars(text).strip()
    if not text:
        raise LiveRefused(_("Het kaartje is leeg. Schrijf eerst iets op."), "empty")
    if len(text) > MAX_CARD_CHARS:
        raise LiveRefused(_("Het kaartje is te lang. Gebruik hoogstens %(n)d tekens.") % {"n": MAX_CARD_CHARS}, "too_long")
    card = _my_card(participant, round_, kind, client_id)
    if card is None:
        try:
            with transaction.atomic():
                return ConclusionCard.objects.create(round=round_, participant=participant, kind=kind, text=text,
                                                     client_id=client_id, source=CardSource.TELEFOON)
        except IntegrityError:
            # An identical retry, or this participant's other device, created it at the same moment.
            card = _my_card(participant, round_, kind, client_id)
    card.text, card.updated_at = text, timezone.now()
    ConclusionCard.objects.filter(pk=card.pk).update(text=card.text, updated_at=card.updated_at)
    return card


def _my_card(participant: Participant, round_: Round, kind: str, client_id: uuid.UUID) -> ConclusionCard | None:
    """The card this submission updates: the one with this ``client_id``, else the participant's card
    of this kind in this round. Someone else's ``client_id`` is refused."""
    fields = ("participant_id", "round_id", "kind", "client_id", "updated_at")
    # Plain lookups: .first() on the model's default ordering would join participants.
    card = _only_one(ConclusionCard.objects.filter(client_id=client_id).only(*fields))
    if card is not None:
        if (card.participant_id, card.round_id, card.kind) != (participant.pk, round_.pk, kind):
            raise LiveRefused(_("Dit kaartje hoort niet bij u."), "conflict")
        return card
    return _only_one(ConclusionCard.objects.filter(round=round_, participant=participant, kind=kind,
                                                   source=CardSource.TELEFOON).only(*fields))


def set_closing_message(session: DialogueSession, text: str) -> None:
    """What participants read at the end of the session."""
    session.closing_message = text
    session.save(update_fields=["closing_message"])
    bump(session)
