"""What a participant's phone and the facilitator's screen show, as plain data (also the API's answers)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from mia.assessments.content import content_of
from mia.dialogues.models import ConclusionCard, DialogueSession, LiveStatus, Participant, Round
from mia.live import codes

DEFAULT_CLOSING_MESSAGE = (
    "Dank u wel voor uw bijdrage. Het kernteam leest alle kaartjes. "
    "Daarna maken we een verslag. U krijgt dat verslag om te lezen voordat het klaar is."
)
WALL_LIMIT = 200


def closing_message(session: DialogueSession) -> str:
    return session.closing_message or _(DEFAULT_CLOSING_MESSAGE)


def consenting(prefix: str = "") -> Q:
    """Participants who said yes and did not take it back (``prefix`` for lookups through a relation)."""
    return Q(**{f"{prefix}consent_given_at__isnull": False, f"{prefix}consent_refused_at__isnull": True})


def round_data(round_: Round | None, session: DialogueSession) -> dict | None:
    if round_ is None:
        return None
    content = content_of(session.assessment_id)
    return {
        "id": round_.pk,
        "number": round_.position,
        "label": round_.label,
        "question": round_.title,
        "is_closing": round_.is_closing,
        "open": round_.is_open,
        "deadline": round_.deadline.isoformat() if round_.deadline and round_.is_open else None,
        "card_kinds": [{"kind": k, "label": content.card_kind_label(k)} for k in round_.card_kinds],
    }


def phase(session: DialogueSession, round_: Round | None) -> str:
    """wachten (waiting for a round), ronde (a round is open), pauze (round closed), klaar (session over)."""
    if session.live_status == LiveStatus.GESLOTEN or (round_ is not None and round_.is_closing and not round_.is_open):
        return "klaar"
    if round_ is None or session.live_status != LiveStatus.LIVE:
        return "wachten"
    return "ronde" if round_.is_open else "pauze"


def shared_state(session: DialogueSession) -> dict:
    """The part of the phone's state that is the same for every participant of the session."""
    round_ = session.current_round
    return {
        "version": session.live_version,
        "session": session.name,
        "status": session.live_status,
        "phase": phase(session, round_),
        "round": round_data(round_, session),
        "closing_message": closing_message(session),
    }


def own_card(card: ConclusionCard) -> dict:
    return {"client_id": str(card.client_id), "kind": card.kind, "text": card.text, "saved_at": card.updated_at.isoformat()}


def participant_state(participant: Participant) -> dict:
    """Everything the participant's screen needs, and nothing about anyone else."""
    session = participant.session
    round_ = session.current_round
    cards = []
    if round_ is not None:
        cards = [own_card(c) for c in ConclusionCard.objects.filter(round=round_, participant=participant).order_by("kind")]
    return {**shared_state(session), "consent": participant.has_consented, "cards": cards}


def load_participant(token: str) -> Participant | None:
    if not token or "\x00" in token:  # no such token; PostgreSQL cannot even compare it
        return None
    return (
        Participant.objects.select_related("session__current_round__question", "session__assessment")
        .filter(invite_token=token, personal_data_erased_at__isnull=True)
        .first()
    )


def wall_author(card: ConclusionCard, show_names: bool) -> str:
    """The wall is anonymous unless the facilitator shows names: then the chosen display name or the pseudonym."""
    if not show_names or card.participant is None:
        return ""
    return card.participant.display_name or card.author_label


def wall(session: DialogueSession, since=None) -> dict:
    """The facilitator's view of the current round: counts ("n van m") and the cards, anonymous by default."""
    round_ = session.current_round
    participants = session.participants.filter(consenting()).count()
    data = {
        "version": session.live_version,
        "status": session.live_status,
        "join_code": codes.display(session.join_code or ""),
        "participants": participants,
        "round": round_data(round_, session),
        "received": 0,
        "expected": participants,
        "cards": [],
        "cursor": since.isoformat() if since else None,
    }
    if round_ is None:
        return data
    cards = ConclusionCard.objects.filter(round=round_)
    data["received"] = cards.exclude(participant__isnull=True).values("participant").distinct().count()
    recent = cards.select_related("participant__session").order_by("-updated_at", "-id")
    if since is not None:
        recent = recent.filter(updated_at__gte=since)  # ids dedupe on the client; >= misses no late commit
    recent = list(recent[:WALL_LIMIT])
    data["cards"] = [
        {"id": c.pk, "kind": c.kind, "text": c.text, "author": wall_author(c, session.show_names),
         "updated_at": c.updated_at.isoformat()}
        for c in recent
    ]
    if recent:
        data["cursor"] = recent[0].updated_at.isoformat()
    return data


def sessions_overview(assessment) -> list[dict]:
    """Every session of an assessment with its live state: the event overview for parallel sessions."""
    sessions = assessment.sessions.select_related("current_round__question", "assessment").annotate(
        joined=Count("participants", filter=consenting("participants__"), distinct=True),
    )
    sessions = list(sessions)
    received = dict(
        ConclusionCard.objects.filter(round_id__in=[s.current_round_id for s in sessions if s.current_round_id],
                                      participant__isnull=False)
        .values_list("round_id").annotate(n=Count("participant", distinct=True))
    )
    return [
        {
            "session": session,
            "code": codes.display(session.join_code or ""),
            "joined": session.joined,
            "round": round_data(session.current_round, session),
            "received": received.get(session.current_round_id, 0),
            "phase": phase(session, session.current_round),
        }
        for session in sessions
    ]
