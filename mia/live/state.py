"""What a participant's phone and the facilitator's screen show, as plain data (also the API's answers)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from mia.assessments.content import content_of
from mia.dialogues.models import ConclusionCard, DialogueSession, LiveStatus, Participant, Round
from mia.instrument.content import CLOSING_CARD_KIND
from mia.live import codes

WALL_LIMIT = 200
REMOVED_LIMIT = 2000  # ids of cards off the wall, sent with every refresh (one per participant and kind at most)


def closing_message(session: DialogueSession) -> str:
    """One text in one place: the MIA's "Wat gebeurt er na de dialoog?" (step 2, Werkvorm)."""
    return session.assessment.closing_text


def consenting(prefix: str = "") -> Q:
    """Participants who said yes and did not take it back (``prefix`` for lookups through a relation)."""
    return Q(**{f"{prefix}consent_given_at__isnull": False, f"{prefix}consent_refused_at__isnull": True})


def round_data(round_: Round | None, session: DialogueSession) -> dict | None:
    if round_ is None:
        return None
    content = content_of(session.assessment_id)
    round_.session = session  # the same row: ``card_kinds`` below would otherwise load it again
    return {
        "id": round_.pk,
        "number": round_.position,
        "label": round_.label,
        # Phones and the projected wall: the B1 form of the closing question.
        "question": content.participant_closing_question if round_.is_closing else round_.title,
        "is_closing": round_.is_closing,
        "open": round_.is_open,
        "deadline": round_.deadline.isoformat() if round_.deadline and round_.is_open else None,
        "topic_label": content.card_subject_label,
        "card_kinds": [{"kind": k, "label": content.participant_card_label(k), "has_topic": k != CLOSING_CARD_KIND}
                       for k in round_.card_kinds],
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
    return own_card_data(card.client_id, card.kind, card.topic, card.text, card.updated_at)


def own_card_data(client_id, kind: str, topic: str, text: str, updated_at) -> dict:
    """A card as the phone sees it in its state (from a model or from a row of raw SQL)."""
    return {"client_id": str(client_id), "kind": kind, "topic": topic, "text": text, "saved_at": updated_at.isoformat()}


def participant_state(participant: Participant) -> dict:
    """Everything the participant's screen needs, and nothing about anyone else."""
    session = participant.session
    round_ = session.current_round
    cards = []
    if round_ is not None:
        cards = [own_card(c) for c in ConclusionCard.objects.filter(round=round_, participant=participant).order_by("kind")]
    return {**shared_state(session), "consent": participant.has_consented, "cards": cards}


def may_be_a_token(token: str) -> bool:
    """False for what can be no participant's token (and PostgreSQL cannot even compare: a NUL)."""
    return bool(token) and "\x00" not in token


def load_participant(token: str) -> Participant | None:
    if not may_be_a_token(token):
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
        "removed": [],
        "cursor": since.isoformat() if since else None,
    }
    if round_ is None:
        return data
    # The whole set, not "since the cursor": an open screen drops these cards, whenever they left
    # (consent withdrawn, hidden by the facilitator), and one that is back on the wall leaves the set.
    data["removed"] = list(removed_cards(round_).order_by("pk").values_list("pk", flat=True)[:REMOVED_LIMIT])
    cards = visible_cards(round_)
    data["received"] = cards.exclude(participant__isnull=True).values("participant").distinct().count()
    recent = cards.select_related("participant__session").order_by("-updated_at", "-id")
    if since is not None:
        recent = recent.filter(updated_at__gte=since)  # ids dedupe on the client; >= misses no late commit
    recent = list(recent[:WALL_LIMIT])
    data["cards"] = [
        {"id": c.pk, "kind": c.kind, "topic": c.topic, "text": c.text, "author": wall_author(c, session.show_names),
         "updated_at": c.updated_at.isoformat()}
        for c in recent
    ]
    if recent:
        data["cursor"] = recent[0].updated_at.isoformat()
    return data


def visible_cards(round_: Round):
    """The round's cards that the wall shows: not hidden by the facilitator, consent not withdrawn."""
    return ConclusionCard.objects.filter(round=round_, wall_hidden__isnull=True).visible()


def removed_cards(round_: Round):
    """The round's cards that are off the wall: hidden by the facilitator, or their author withdrew consent."""
    return ConclusionCard.objects.filter(round=round_).filter(
        Q(wall_hidden__isnull=False) | Q(participant__consent_refused_at__isnull=False)
    )


SEARCH_LIMIT = 50
SMALL_COUNT = 5  # counts of 1 to 4 people are not shown: on a projector they could point at someone


def shown_count(n: int) -> int | None:
    """The count, or None for 1..4 (the page says "minder dan 5")."""
    return n if n == 0 or n >= SMALL_COUNT else None


def crowd_wall(session: DialogueSession, query: str = "") -> dict:
    """The facilitator's view of a large room: counts per question and perspective, the background
    themes of the current round, a search over the session's cards, and the hidden cards."""
    content = content_of(session.assessment_id)
    rounds = list(session.rounds.select_related("question", "session").order_by("position"))
    per_round = {
        row["round"]: row for row in ConclusionCard.objects.filter(round__session=session, wall_hidden__isnull=True)
        .values("round").annotate(cards=Count("id"), writers=Count("participant", distinct=True))
    }
    questions = [{"id": r.pk, "label": r.label, "question": r.title, "open": r.is_open,
                  "current": r.pk == session.current_round_id,
                  "cards": per_round.get(r.pk, {}).get("cards", 0), "writers": per_round.get(r.pk, {}).get("writers", 0)}
                 for r in rounds if r.opened_at is not None]
    round_ = session.current_round
    perspectives = []
    if round_ is not None:
        joined = dict(session.participants.filter(consenting()).values_list("perspective").annotate(n=Count("id")))
        wrote = dict(visible_cards(round_).exclude(participant__isnull=True).values_list("participant__perspective")
                     .annotate(n=Count("participant", distinct=True)))
        for code, label in [*content.perspective_choices, ("", str(_("Geen perspectief gekozen")))]:
            if joined.get(code) or wrote.get(code):
                perspectives.append({"code": code, "label": label, "joined": shown_count(joined.get(code, 0)),
                                     "wrote": shown_count(wrote.get(code, 0))})
    themes = getattr(round_, "wall_themes", None) if round_ is not None else None
    shown_themes = _themes_without_hidden(round_, themes.themes) if themes else []
    results = []
    query = " ".join(query.split())[:100]
    if query:
        found = (ConclusionCard.objects.filter(round__session=session, text__icontains=query)
                 .select_related("round__session", "round__question", "wall_hidden").order_by("-updated_at", "-id"))
        results = [moderation_row(card) for card in found[:SEARCH_LIMIT]]
    hidden = (ConclusionCard.objects.filter(round__session=session, wall_hidden__isnull=False)
              .select_related("round__session", "round__question", "wall_hidden").order_by("-wall_hidden__hidden_at"))
    return {
        "questions": questions,
        "perspectives": perspectives,
        "themes": shown_themes,
        "themes_counted": themes.cards_counted if themes else 0,
        "themes_at": themes.computed_at.isoformat() if themes else None,
        "query": query,
        "results": results,
        "hidden": [moderation_row(card) for card in hidden[:SEARCH_LIMIT]],
    }


def _themes_without_hidden(round_: Round, themes: list[dict]) -> list[dict]:
    """The stored themes, quoting only cards that are still on the wall (at most two per theme)."""
    ids = {quote["id"] for theme in themes for quote in theme.get("quotes", []) if isinstance(quote, dict)}
    visible = set(visible_cards(round_).filter(pk__in=ids).values_list("pk", flat=True))
    return [{"label": theme["label"], "size": theme["size"],
             "quotes": [q["text"] for q in theme.get("quotes", []) if isinstance(q, dict) and q["id"] in visible][:2]}
            for theme in themes]


def moderation_row(card: ConclusionCard) -> dict:
    hidden = getattr(card, "wall_hidden", None)
    return {"id": card.pk, "kind": card.kind, "text": card.text, "round": card.round.label,
            "hidden": hidden is not None, "reason": hidden.reason if hidden else ""}


def sessions_overview(assessment) -> list[dict]:
    """Every session of an assessment with its live state: the event overview for parallel sessions."""
    sessions = assessment.sessions.select_related("current_round__question", "assessment").annotate(
        joined=Count("participants", filter=consenting("participants__"), distinct=True),
    )
    sessions = list(sessions)
    received = dict(
        ConclusionCard.objects.filter(round_id__in=[s.current_round_id for s in sessions if s.current_round_id],
                                      participant__isnull=False, participant__consent_refused_at__isnull=True)
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
