"""A phone that arrives (page opened, stream reconnected): the cached shared part and one statement.

The arrival path must give exactly what the full path (``state.participant_state`` through the
ORM) gives, own cards and consent included, on SQLite and PostgreSQL; and fall back to the full
path when the round moves between its two reads. Transactional: the shared part is read by the
watcher's own thread, which cannot see a test's open transaction.
"""

from __future__ import annotations

import json
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from mia.dialogues.models import ConclusionCard
from mia.live import actions, state, waiting
from mia.tests.aio import run
from mia.tests.factories import make_dialogue

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def live(assessment):
    session = make_dialogue(assessment, participants=3, questions=2)
    ConclusionCard.objects.all().delete()
    session = actions.start_live(session)
    writer, quiet, refused = session.participants.order_by("number")
    actions.record_consent(writer, accept=True)
    actions.record_consent(quiet, accept=True)
    actions.record_consent(refused, accept=False)
    round_ = actions.next_round(session)
    for kind, text in [("idee", "Een <b>buurtbus</b> & \"meer\" haltes 🚌"), ("conclusie", "De bus rijdt te weinig.")]:
        actions.store_card(writer.invite_token, round_id=round_.pk, kind=kind, text=text, client_id=uuid.uuid4(),
                           topic="Vervoer", load_participant=state.load_participant)
    return session, writer, quiet, refused


def full_state(participant) -> dict:
    return state.participant_state(state.load_participant(participant.invite_token))


def arrival(token: str) -> bytes | None:
    own = waiting.own_part(token)
    return run(waiting.arrival_body(own))


def test_the_arrival_state_is_the_full_state_for_every_kind_of_phone(live):
    for participant in live[1:]:
        body = arrival(participant.invite_token)
        assert body is not None, "the shared part is built and used, not the full path"
        assert json.loads(body) == full_state(participant)
    writer_state = json.loads(arrival(live[1].invite_token))
    assert [card["kind"] for card in writer_state["cards"]] == ["conclusie", "idee"]
    assert writer_state["cards"][1]["text"] == "Een <b>buurtbus</b> & \"meer\" haltes 🚌"
    assert json.loads(arrival(live[3].invite_token))["consent"] is False


def test_own_part_is_read_fresh_while_the_shared_part_is_cached(live):
    session, writer, quiet, _ = live
    before = json.loads(arrival(quiet.invite_token))
    card = actions.store_card(quiet.invite_token, round_id=session.current_round_id, kind="conclusie", text="Nieuw",
                              client_id=uuid.uuid4(), load_participant=state.load_participant)
    after = json.loads(arrival(quiet.invite_token))
    assert before["cards"] == [] and [c["client_id"] for c in after["cards"]] == [str(card.client_id)]
    assert after == full_state(quiet)


def test_a_round_that_moves_between_the_two_reads_takes_the_full_path(live):
    session, writer, *_ = live
    own = waiting.own_part(writer.invite_token)
    actions.next_round(session)  # the shared part read next is of another round than the own cards
    assert run(waiting.arrival_body(own)) is None
    # Through the API the phone still gets the new round, from the full path.
    body = json.loads(arrival(writer.invite_token))
    assert body == full_state(writer) and body["cards"] == []


def test_unknown_erased_and_hostile_tokens_have_no_state(live, client):
    writer = live[1]
    writer.personal_data_erased_at = timezone.now()
    writer.save(update_fields=["personal_data_erased_at"])
    for token in [writer.invite_token, "", "geen-token", "a\x00b", "' OR 1=1 --", "x" * 5000]:
        assert waiting.own_part(token) is None and waiting.session_and_version(token) is None
    response = client.get(reverse("api:participant_state", args=[writer.invite_token]))
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_the_api_answers_a_first_request_with_the_arrival_state(live, client):
    quiet = live[2]
    response = client.get(reverse("api:participant_state", args=[quiet.invite_token]))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response.json() == full_state(quiet)
    assert waiting.session_and_version(quiet.invite_token) == (live[0].pk, response.json()["version"])
