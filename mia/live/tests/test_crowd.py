"""The crowd wall: counts per question and perspective, background themes, search, moderation."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from mia.analysis.readability import check_text
from mia.dialogues import actions as dialogue_actions
from mia.dialogues.models import ConclusionCard
from mia.dialogues.queries import assessment_cards
from mia.jobs.models import Job
from mia.live import actions, state
from mia.live.models import HiddenCard, WallThemes
from mia.tests.factories import make_dialogue

pytestmark = pytest.mark.django_db

TEXTS = ["De bus rijdt te weinig in het dorp", "Ouderen kunnen niet meer naar de dokter met de bus",
         "Jongeren missen de bus naar school", "De huur stijgt te snel", "Huurders kunnen de huur niet betalen",
         "De bus naar het ziekenhuis is nodig", "De huur is te hoog voor gezinnen"]


@pytest.fixture
def room(assessment):
    session = make_dialogue(assessment, participants=1, questions=2)
    ConclusionCard.objects.all().delete()
    session.participants.all().delete()
    actions.start_live(session)
    round_ = actions.next_round(session)
    cards = []
    for i, text in enumerate(TEXTS):
        person = dialogue_actions.add_participant(session, name="", perspective="samenleving" if i < 6 else "praktijk")
        actions.record_consent(person, accept=True)
        cards.append(actions.submit_card(person, round_id=round_.pk, kind="conclusie", text=text, client_id=uuid.uuid4()))
    session.refresh_from_db()
    return session, round_, cards


def crowd_url(session, name="crowd", *args):
    return reverse(f"live:{name}", args=[session.assessment_id, session.pk, *args])


def test_counts_per_question_and_perspective_hide_small_groups(room):
    session, round_, _cards = room
    data = state.crowd_wall(session)
    assert [(q["id"], q["cards"], q["writers"], q["current"]) for q in data["questions"]] == [(round_.pk, 7, 7, True)]
    by_code = {p["code"]: p for p in data["perspectives"]}
    assert by_code["samenleving"]["joined"] == 6 and by_code["samenleving"]["wrote"] == 6
    assert by_code["praktijk"]["joined"] is None and by_code["praktijk"]["wrote"] is None  # 1 person: "minder dan 5"


def test_hiding_takes_a_card_off_the_wall_but_not_out_of_the_record(owner_client, owner, room):
    session, round_, cards = room
    card = cards[3]
    response = owner_client.post(crowd_url(session, "crowd_hide", card.pk), {"reason": "Niet over deze vraag", "zoek": "huur"})
    assert response.status_code == 302 and response["Location"].endswith("?zoek=huur")
    hidden = HiddenCard.objects.get(card=card)
    assert hidden.reason == "Niet over deze vraag" and hidden.hidden_by == owner
    assert card.pk not in [c["id"] for c in state.wall(session)["cards"]]
    assert state.wall(session)["received"] == 6
    assert state.crowd_wall(session)["questions"][0]["cards"] == 6
    # Still in the record: the card, the report's cards and the search (marked as hidden, with the reason).
    assert ConclusionCard.objects.filter(pk=card.pk).exists()
    assert card.pk in [c.pk for c in assessment_cards(session.assessment)]
    page = owner_client.get(crowd_url(session), {"zoek": "huur"}).content.decode()
    assert "Niet over deze vraag" in page and "Weer op de muur" in page
    assert owner_client.post(crowd_url(session, "crowd_show", card.pk)).status_code == 302
    assert not HiddenCard.objects.exists()
    assert state.wall(session)["received"] == 7


def test_a_card_deleted_by_staff_during_the_live_round_makes_the_open_wall_reload(room):
    session, _round, cards = room
    version = session.live_version
    dialogue_actions.delete_card(cards[0])
    session.refresh_from_db()
    # The wall screen reloads when the version moves; a card that no longer exists cannot be "removed".
    assert session.live_version == version + 1
    assert cards[0].pk not in [c["id"] for c in state.wall(session)["cards"]]
    actions.close_live(session)
    session.refresh_from_db()
    version = session.live_version
    dialogue_actions.delete_card(cards[1])
    session.refresh_from_db()
    assert session.live_version == version  # no live screen to tell after the session closed


def test_hiding_needs_a_reason_and_takes_hostile_text_as_text(owner_client, room):
    session, _round, cards = room
    for reason, message in [("", "waarom"), ("   ", "waarom"), ("x" * 201, "hoogstens")]:
        response = owner_client.post(crowd_url(session, "crowd_hide", cards[0].pk), {"reason": reason})
        assert response.status_code == 400 and message in response.content.decode().lower()
    assert not HiddenCard.objects.exists()
    hostile = '<script>alert("x")</script>=HYPERLINK("http://evil")\x07'
    owner_client.post(crowd_url(session, "crowd_hide", cards[0].pk), {"reason": hostile})
    assert "\x07" not in HiddenCard.objects.get().reason
    page = owner_client.get(crowd_url(session)).content.decode()
    assert '<script>alert("x")</script>' not in page and "&lt;script&gt;" in page
    # Search with hostile or huge input: a page, never an error.
    for query in ["<script>", "%", "x" * 500, "\x00"]:
        assert owner_client.get(crowd_url(session), {"zoek": query}).status_code == 200


def test_search_finds_cards_of_the_session_only(owner_client, assessment, room):
    session, _round, _cards = room
    other = actions.start_live(make_dialogue(assessment, participants=1, questions=1))
    other_round = actions.next_round(other)
    person = other.participants.first()
    actions.record_consent(person, accept=True)
    actions.submit_card(person, round_id=other_round.pk, kind="conclusie", text="De huur elders", client_id=uuid.uuid4())
    results = state.crowd_wall(session, "HUUR")["results"]
    assert sorted(r["text"] for r in results) == sorted(t for t in TEXTS if "huur" in t)
    # A card of another session cannot be hidden through this one.
    foreign = ConclusionCard.objects.get(text="De huur elders")
    assert owner_client.post(crowd_url(session, "crowd_hide", foreign.pk), {"reason": "Weg"}).status_code == 404


def test_themes_come_from_a_background_job_when_due(owner_client, owner, room):
    session, round_, _cards = room
    # Reading the wall never starts anything (a GET writes nothing).
    owner_client.get(crowd_url(session))
    assert not Job.objects.exists() and not WallThemes.objects.exists()
    response = owner_client.post(crowd_url(session, "crowd_themes"), HTTP_ACCEPT="application/json")
    assert response.status_code == 202
    job = Job.objects.get()
    assert job.kind == actions.WALL_THEMES_JOB and job.status == Job.Status.DONE  # the test queue runs at once
    record = WallThemes.objects.get(round=round_)
    assert record.cards_counted == 7 and record.themes and all(t["size"] >= 1 for t in record.themes)
    # Nothing new: no new job.
    assert owner_client.post(crowd_url(session, "crowd_themes"), HTTP_ACCEPT="application/json").status_code == 200
    assert Job.objects.count() == 1
    data = owner_client.get(reverse("api:crowd_wall", args=[session.pk])).json()
    assert data["themes_counted"] == 7 and [t["label"] for t in data["themes"]] == [t["label"] for t in record.themes]
    # A card taken off the wall (or whose author withdrew) is no longer quoted in the themes.
    quoted = next(q for t in record.themes for q in t["quotes"])
    assert quoted["text"] in str(data["themes"])
    actions.hide_card(session, quoted["id"], reason="Niet op de muur", user=owner)
    assert quoted["text"] not in str(state.crowd_wall(session)["themes"])


def test_other_kernteam_and_anonymous_reach_nothing(client, stranger, room):
    session, _round, cards = room
    client.force_login(stranger)
    assert client.get(crowd_url(session)).status_code == 404
    assert client.post(crowd_url(session, "crowd_hide", cards[0].pk), {"reason": "Weg"}).status_code == 404
    assert client.post(crowd_url(session, "crowd_show", cards[0].pk)).status_code == 404
    assert client.post(crowd_url(session, "crowd_themes")).status_code == 404
    assert client.get(reverse("api:crowd_wall", args=[session.pk])).status_code == 404
    client.logout()
    assert client.get(crowd_url(session)).status_code == 302
    assert client.post(crowd_url(session, "crowd_hide", cards[0].pk), {"reason": "Weg"}).status_code == 302
    assert client.get(reverse("api:crowd_wall", args=[session.pk])).status_code == 401
    assert not HiddenCard.objects.exists() and not Job.objects.exists()


def test_messages_are_plain_dutch():
    for text in ["Schrijf op waarom u dit kaartje van de muur haalt.",
                 "Het kaartje staat niet meer op de muur. In het verslag blijft het staan.",
                 "Het kaartje staat weer op de muur."]:
        report = check_text(text)
        assert report.is_b1, (text, report.reasons)
