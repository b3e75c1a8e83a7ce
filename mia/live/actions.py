"""Writes of the live MIA-dialoog: the facilitator steers rounds, participants join and send cards.

Every change that participants must see raises ``DialogueSession.live_version``,
so a waiting phone only has to compare one number.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from contextlib import nullcontext
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.assessments import actions as assessment_actions
from mia.assessments.models import Assessment
from mia.core.clients import client_address
from mia.core.forms import strip_control_chars
from mia.dialogues import actions as dialogue_actions
from mia.dialogues.models import DEFAULT_MAX_JOINS, CardSource, ConclusionCard, DialogueSession, LiveStatus, Participant, Round
from mia.instrument.content import CARD_TYPE_CODES, CLOSING_CARD_KIND
from mia.jobs.actions import active_job, start_job
from mia.live import codes, notices
from mia.live.models import HiddenCard, JoinAttempt, WallThemes
from mia.live.state import visible_cards

MAX_CARD_CHARS = 2000
MAX_TOPIC_CHARS = 200  # the "Onderwerp" of a card (ConclusionCard.topic)
MAX_ROUND_MINUTES = 120
# Guessing codes: a wrong code counts in two buckets of the client's address (kept as a keyed hash):
# - per first two characters of the typed code, a short window: people in one hall who mistype the
#   code on the screen share its first characters, so at most they lock out each other's typos
#   for two minutes; a guesser spreads over all prefixes and meets
# - the address's own ceiling, high enough for a hall of hundreds behind one address (a shared NAT)
#   and low enough that guessing one of 23**6 codes stays hopeless (≈ 43,000 a day, 0.03 %).
# A code that cannot be one (wrong length, letters not in the alphabet) is refused without counting.
# The ceilings are counted on wrong codes only, so a correct code from a busy hall is never refused
# unless that hall itself typed 30 wrong codes with its first two characters in two minutes.
MAX_FAILED_PER_PREFIX = 30
PREFIX_WINDOW = timedelta(minutes=2)
MAX_FAILED_PER_ADDRESS = 300
ADDRESS_WINDOW = timedelta(minutes=10)
JOIN_WINDOW = max(PREFIX_WINDOW, ADDRESS_WINDOW)  # how long attempts are kept
PREFIX_LENGTH = 2


def join_ceiling(session: DialogueSession) -> int:
    """How many participants a session takes: the facilitator's expected number with headroom
    (a quarter more, at least five), or ``DEFAULT_MAX_JOINS`` when they set none."""
    expected = session.expected_participants
    if not expected:
        return DEFAULT_MAX_JOINS
    return expected + max(5, -(-expected // 4))


class LiveRefused(Exception):
    """A participant's request that the session's state does not allow; the message is for them."""

    def __init__(self, message: str, code: str = "refused"):
        super().__init__(message)
        self.message = message
        self.code = code


# One statement, not an UPDATE and a read back: every step raises the version, and at an event a
# hundred facilitators step at once, each statement waiting for a busy machine.
_BUMP = "UPDATE dialogues_dialoguesession SET live_version = live_version + 1 WHERE id = %s RETURNING live_version"


def bump(session: DialogueSession) -> None:
    with connection.cursor() as cursor:
        cursor.execute(_BUMP, [session.pk])
        (session.live_version,) = cursor.fetchone()
    # Every server process hears of it when the change is committed (PostgreSQL NOTIFY).
    notices.publish(session.pk, session.live_version)


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


def _prefix_key(key: str, code: str) -> str:
    """The bucket of one address and one code prefix, derived from the address's own key."""
    return hmac.new(key.encode(), code[:PREFIX_LENGTH].encode(), hashlib.sha256).hexdigest()


def _failures(key: str, window: timedelta, now) -> int:
    return JoinAttempt.objects.filter(client_key=key, created_at__gte=now - window).count()


def is_locked_out(key: str, code: str = "", now=None) -> bool:
    """Whether this address may not try this code now (see MAX_FAILED_PER_PREFIX)."""
    now = now or timezone.now()
    if _failures(key, ADDRESS_WINDOW, now) >= MAX_FAILED_PER_ADDRESS:
        return True
    return bool(code) and _failures(_prefix_key(key, code), PREFIX_WINDOW, now) >= MAX_FAILED_PER_PREFIX


def find_session_by_code(typed: str, key: str) -> DialogueSession:
    """The live session with this code. Wrong codes count towards a short lock-out of this
    address for codes that begin alike, and towards the address's own higher ceiling."""
    code = codes.normalise(typed)
    if not codes.is_well_formed(code):
        raise LiveRefused(
            _("Deze code klopt niet. De code heeft %(n)d tekens; kijk goed naar de code op het scherm.")
            % {"n": codes.LENGTH}, "unknown",
        )
    if is_locked_out(key, code):
        raise LiveRefused(
            _("Er is hier te vaak een verkeerde code ingevuld. Wacht twee minuten en probeer het dan opnieuw."),
            "locked",
        )
    session = DialogueSession.objects.filter(join_code=code).select_related("assessment").first()
    if session is None:
        # Only failures count, and only they are kept: one row per bucket.
        JoinAttempt.objects.bulk_create([JoinAttempt(client_key=key), JoinAttempt(client_key=_prefix_key(key, code))])
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
                # Counted under the lock, so a crowd joining at once cannot pass the ceiling.
                if Participant.objects.filter(session=session).count() >= join_ceiling(session):
                    raise LiveRefused(
                        _("Deze sessie is vol: er doen al zoveel mensen mee als de gespreksleider verwachtte. "
                          "Vraag de gespreksleider om hulp."), "full",
                    )
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


def submit_card(participant: Participant, *, round_id: int, kind: str, text: str, client_id: uuid.UUID,
                topic: str = "") -> ConclusionCard:
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
    # The "Onderwerp" of the seed's two cards; the closing card has none.
    topic = " ".join(strip_control_chars(topic).split()) if kind != CLOSING_CARD_KIND else ""
    if len(topic) > MAX_TOPIC_CHARS:
        raise LiveRefused(_("Het onderwerp is te lang. Gebruik hoogstens %(n)d tekens.") % {"n": MAX_TOPIC_CHARS}, "too_long")
    card = _my_card(participant, round_, kind, client_id)
    if card is None:
        try:
            with transaction.atomic():
                return ConclusionCard.objects.create(round=round_, participant=participant, kind=kind, text=text,
                                                     topic=topic, client_id=client_id, source=CardSource.TELEFOON)
        except IntegrityError:
            # An identical retry, or this participant's other device, created it at the same moment.
            card = _my_card(participant, round_, kind, client_id)
    card.text, card.topic, card.updated_at = text, topic, timezone.now()
    ConclusionCard.objects.filter(pk=card.pk).update(text=card.text, topic=card.topic, updated_at=card.updated_at)
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
    """What participants read at the end: the MIA's one closing text, the same as on the Werkvorm page."""
    assessment_actions.set_closing_text(session.assessment, text)
    bump(session)


# --- the hot path of a card ------------------------------------------------------------------
#
# At an event thousands of phones send cards within a minute. ``store_card`` writes a card in
# ONE statement that also checks every rule: the token's participant (not erased, consenting),
# its session (live), the round (of that session, open, of the kind's sort) and the card (one
# per participant, kind and round; the same client_id updates it). When the statement writes
# nothing, or the client_id belongs to another card, the full path (``submit_card``) runs and
# says why in Dutch. Autocommit: when the statement returns, the card is committed.

_UPSERT = """
INSERT INTO dialogues_conclusioncard
    (round_id, participant_id, kind, topic, text, client_id, source, created_at, updated_at)
SELECT r.id, p.id, %s, %s, %s, %s, %s, %s, %s
FROM dialogues_participant p
JOIN dialogues_dialoguesession s ON s.id = p.session_id
JOIN dialogues_round r ON r.session_id = s.id
WHERE p.invite_token = %s AND p.personal_data_erased_at IS NULL
  AND p.consent_given_at IS NOT NULL AND p.consent_refused_at IS NULL
  AND s.live_status = %s AND r.id = %s AND r.opened_at IS NOT NULL AND r.closed_at IS NULL
  AND r.is_closing = %s
ON CONFLICT (round_id, participant_id, kind) WHERE source = 'telefoon'
DO UPDATE SET text = excluded.text, topic = excluded.topic, updated_at = excluded.updated_at
RETURNING client_id, updated_at
"""

# The card kinds a statement may store. Every instrument content has exactly these two (its loader
# refuses a content with other or more card types), so no lookup of the token's content is needed.
STATEMENT_KINDS = frozenset(CARD_TYPE_CODES) | {CLOSING_CARD_KIND}


class StoredCard:
    """What the phone hears back: the card's client_id (another device's, if it wrote first), kind, text, time."""

    __slots__ = ("client_id", "kind", "text", "topic", "updated_at")

    def __init__(self, client_id, kind, text, topic, updated_at):
        self.client_id, self.kind, self.text, self.topic, self.updated_at = client_id, kind, text, topic, updated_at


def _clean_card(kind: str, text: str, topic: str) -> tuple[str, str]:
    text = strip_control_chars(text).strip()  # control characters would break the exports later
    topic = " ".join(strip_control_chars(topic).split()) if kind != CLOSING_CARD_KIND else ""
    return text, topic


def _statement_applies(token: str, kind: str, text: str, topic: str) -> bool:
    """Whether the one statement may store this card; it checks the rest (session, round, consent) itself."""
    if "\x00" in token:  # no such token, and PostgreSQL cannot even compare it: the full path answers 404
        return False
    return kind in STATEMENT_KINDS and bool(text) and len(text) <= MAX_CARD_CHARS and len(topic) <= MAX_TOPIC_CHARS


def _statement_params(token: str, round_id: int, kind: str, text: str, topic: str, client_id, stamp) -> list:
    return [kind, topic, text, client_id, CardSource.TELEFOON.value, stamp, stamp,
            token, LiveStatus.LIVE.value, round_id, kind == CLOSING_CARD_KIND]


def store_card(token: str, *, round_id: int, kind: str, text: str, client_id: uuid.UUID, topic: str = "",
               load_participant) -> StoredCard | ConclusionCard:
    """Save a card sent with a participant's token: one statement when everything is in order.

    ``load_participant(token)`` gives the participant for the full path, or raises when there is none."""
    text, topic = _clean_card(kind, text, topic)
    if _statement_applies(token, kind, text, topic):
        now = timezone.now()
        field = ConclusionCard._meta.get_field("client_id")
        params = _statement_params(token, round_id, kind, text, topic, field.get_db_prep_value(client_id, connection),
                                   connection.ops.adapt_datetimefield_value(now))
        try:
            with transaction.atomic() if connection.in_atomic_block else nullcontext():
                with connection.cursor() as cursor:
                    cursor.execute(_UPSERT, params)
                    row = cursor.fetchone()
        except IntegrityError:
            row = None  # the client_id is another card's: the full path says whose
        if row is not None:
            stored_id = field.to_python(row[0])
            return StoredCard(stored_id, kind, text, topic, now)
    participant = load_participant(token)  # raises (a 404) when there is no such participant
    return submit_card(participant, round_id=round_id, kind=kind, text=text, client_id=client_id, topic=topic)


async def store_card_on(pool, token: str, *, round_id: int, kind: str, text: str, client_id: uuid.UUID,
                        topic: str = "") -> StoredCard | None:
    """The same statement on an autocommit connection of an async PostgreSQL pool (``mia.live.fastwrite``),
    on the event loop: no thread, no ORM.

    None when the statement does not apply or writes nothing (round closed, no consent, another card's
    client_id, ...): then the caller takes the full path (``store_card``), which stores the card or says
    why in Dutch. When it returns a card, the card is committed."""
    import psycopg

    text, topic = _clean_card(kind, text, topic)
    if not _statement_applies(token, kind, text, topic):
        return None
    now = timezone.now()
    params = _statement_params(token, round_id, kind, text, topic, client_id, now)
    async with pool.connection() as conn:
        try:
            cursor = await conn.execute(_UPSERT, params)
            row = await cursor.fetchone()
        except psycopg.IntegrityError:
            return None
    return None if row is None else StoredCard(row[0], kind, text, topic, now)


# --- the crowd wall --------------------------------------------------------------------------

MAX_HIDE_REASON = 200
WALL_THEMES_JOB = "live.wall_themes"
# Themes are found again when this many new cards came in, or after this long with any new card.
THEMES_AFTER_NEW_CARDS = 20
THEMES_AFTER_SECONDS = 30


def _card_of_session(session: DialogueSession, card_id: int) -> ConclusionCard:
    card = ConclusionCard.objects.filter(pk=card_id, round__session=session).first()
    if card is None:
        raise LiveRefused(_("Dit kaartje hoort niet bij deze sessie."), "not_found")
    return card


def hide_card(session: DialogueSession, card_id: int, *, reason: str, user=None) -> HiddenCard:
    """Take a card off the wall, with a reason. It stays in the record: reports and exports keep it."""
    reason = " ".join(reason.split())
    if not reason:
        raise LiveRefused(_("Schrijf op waarom u dit kaartje van de muur haalt."), "empty")
    if len(reason) > MAX_HIDE_REASON:
        raise LiveRefused(_("De reden is te lang. Gebruik hoogstens %(n)d tekens.") % {"n": MAX_HIDE_REASON}, "too_long")
    card = _card_of_session(session, card_id)
    hidden, _created = HiddenCard.objects.update_or_create(card=card, defaults={"reason": reason, "hidden_by": user})
    return hidden


def show_card(session: DialogueSession, card_id: int) -> None:
    """Put a hidden card back on the wall."""
    HiddenCard.objects.filter(card=_card_of_session(session, card_id)).delete()


def wall_themes_due(round_: Round, visible_cards: int, now=None) -> bool:
    now = now or timezone.now()
    current = WallThemes.objects.filter(round=round_).first()
    if current is None:
        return visible_cards > 0
    new = visible_cards - current.cards_counted
    return new >= THEMES_AFTER_NEW_CARDS or (new != 0 and now - current.computed_at >= timedelta(seconds=THEMES_AFTER_SECONDS))


def request_wall_themes(session: DialogueSession, user=None):
    """Ask for the themes of the current round to be found again, in the background (a job), when due.

    Returns the job (queued or running), or None when the themes are up to date."""
    round_ = session.current_round
    if round_ is None:
        return None
    subject = f"live-round-{round_.pk}"
    running = active_job(WALL_THEMES_JOB, subject)
    if running is not None:
        return running
    if not wall_themes_due(round_, visible_cards(round_).count()):
        return None
    return start_job(WALL_THEMES_JOB, subject=subject, params={"session": session.pk, "round": round_.pk}, user=user)


def store_wall_themes(round_: Round, themes: list[dict], cards_counted: int) -> WallThemes:
    with transaction.atomic():
        record, _created = WallThemes.objects.update_or_create(
            round=round_, defaults={"themes": themes, "cards_counted": cards_counted, "computed_at": timezone.now()})
    return record
