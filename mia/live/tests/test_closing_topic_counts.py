"""One closing text in one place; closing a session asks first; unasked questions are 'niet besproken';
invited, present and cards sent are counted apart; the phone card's 'Onderwerp'."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from mia.dialogues.models import ConclusionCard
from mia.live import actions, state
from mia.reports.context import report_context
from mia.tests.factories import make_dialogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(assessment):
    session = make_dialogue(assessment, participants=3, questions=3)
    ConclusionCard.objects.all().delete()
    return actions.start_live(session)


def put(client, token, round_id, *, kind="conclusie", text="De bus rijdt te weinig.", topic=None, client_id=None):
    body = {"round": round_id, "kind": kind, "text": text}
    if topic is not None:
        body["topic"] = topic
    return client.put(reverse("api:put_card", args=[token, client_id or uuid.uuid4()]), body,
                      content_type="application/json")


# --- the one closing text -------------------------------------------------------------------------


def test_one_closing_text_for_werkvorm_phones_facilitator_and_report(owner_client, assessment, session):
    person = session.participants.first()
    default = assessment.content.after_dialogue_text
    # Nothing written yet: the phones, the report and the Werkvorm page all carry the instrument's text.
    assert state.participant_state(person)["closing_message"] == default
    assert report_context(assessment)["next_steps_text"] == default
    werkvorm = owner_client.get(reverse("assessments:preparation", args=[assessment.pk])).content.decode()
    assert default in werkvorm
    # Written on the facilitator screen: the Werkvorm page and the report show the same.
    text = "Wij sturen u in juni het verslag. U kunt dan reageren."
    owner_client.post(reverse("live:facilitator_closing_message", args=[assessment.pk, session.pk]), {"closing_message": text})
    assessment.refresh_from_db()
    assert assessment.next_steps_text == text
    assert state.participant_state(person)["closing_message"] == text
    assert text in owner_client.get(reverse("assessments:preparation", args=[assessment.pk])).content.decode()
    assert report_context(assessment)["next_steps_text"] == text
    facilitator = owner_client.get(reverse("live:facilitator", args=[assessment.pk, session.pk])).content.decode()
    assert text in facilitator
    assert not hasattr(session, "closing_message"), "the session no longer has a text of its own"


def test_the_default_closing_text_promises_nothing_the_seed_does_not(assessment):
    text = assessment.content.after_dialogue_text
    assert "verslag" not in text and "om te lezen" not in text


# --- closing a session early ------------------------------------------------------------------------


def test_closing_asks_first_and_names_the_questions_not_reached(owner_client, assessment, session):
    actions.next_round(session)  # question 1 of 3
    url = reverse("live:facilitator_close_confirm", args=[assessment.pk, session.pk])
    facilitator = owner_client.get(reverse("live:facilitator", args=[assessment.pk, session.pk])).content.decode()
    assert f'href="{url}"' in facilitator
    assert reverse("live:facilitator_step", args=[assessment.pk, session.pk, "close"]) not in facilitator.split(url)[0].rsplit("<form", 1)[-1]
    page = owner_client.get(url).content.decode()
    session.refresh_from_db()
    assert session.live_status == "live", "asking does not close"
    questions = list(assessment.questions.all())
    assert "Deze 3 vragen zijn nog niet gesteld" in page
    assert questions[1].text in page and questions[2].text in page and questions[0].text not in page
    assert "Stel eerst de slotvraag" in page and "Ja, sluit de hele sessie" in page
    owner_client.post(reverse("live:facilitator_step", args=[assessment.pk, session.pk, "close"]))
    session.refresh_from_db()
    assert session.live_status == "gesloten"


def test_the_close_confirmation_from_three_sides(client, owner, stranger, reader, assessment, session):
    url = reverse("live:facilitator_close_confirm", args=[assessment.pk, session.pk])
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "/account/login/" in anonymous["Location"]
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.force_login(owner)
    assert client.get(url).status_code == 200


def test_the_report_leaves_unasked_questions_as_niet_besproken(owner_client, assessment, session):
    first = actions.next_round(session)
    invited = session.participants.first()
    actions.record_consent(invited, accept=True)
    assert put(Client(), invited.invite_token, first.pk).status_code == 200
    actions.close_live(session)
    context = report_context(assessment)
    discussed = [q.discussed for q in context["question_summaries"]]
    assert discussed == [True, False, False]
    assert not context["closing_discussed"]
    html = owner_client.get(reverse("reports:report", args=[assessment.pk])).content.decode()
    assert html.count("Niet besproken: de sessie kwam niet aan deze vraag toe.") == 2
    assert "Niet besproken: de slotvraag is niet gesteld." in html
    from mia.reports.docx_report import build_docx
    from mia.tests.browser import docx_text

    path = _tmp_docx(build_docx(report_context(assessment)))
    assert "Niet besproken: de sessie kwam niet aan deze vraag toe." in docx_text(path)


def _tmp_docx(data: bytes):
    import tempfile
    from pathlib import Path

    path = Path(tempfile.mkdtemp()) / "rapport.docx"
    path.write_bytes(data)
    return path


# --- who came -------------------------------------------------------------------------------------------


def test_invited_present_and_cards_are_counted_apart(owner_client, assessment, session):
    # 3 invited, one of whom comes; 2 more come in with the code; one of those writes nothing.
    round_ = actions.next_round(session)
    invited = session.participants.first()
    actions.record_consent(invited, accept=True)
    walk_in = actions.join_by_code(session, accept=True)
    actions.join_by_code(session, accept=True)
    phone = Client()
    put(phone, invited.invite_token, round_.pk)
    put(phone, invited.invite_token, round_.pk, kind="idee", text="Laat de bus vaker rijden.")
    put(phone, walk_in.invite_token, round_.pk)
    at = next(s for s in report_context(assessment)["sessions"] if s.pk == session.pk).attendance
    assert (at.invited, at.joined_by_code, len(at.present), at.with_cards, at.cards) == (3, 2, 3, 2, 3)
    html = " ".join(owner_client.get(reverse("reports:report", args=[assessment.pk])).content.decode().split())
    assert "3 uitgenodigd · 3 aanwezig (2 met de sessiecode) · 3 kaartjes van 2 deelnemers" in html
    # The invited people who never came are not listed as present.
    absent = [p for p in session.participants.all() if not p.joined_by_code][1:]
    present_line = html.split("Aanwezig:")[1].split("</p>")[0]
    assert all(p.pseudonym not in present_line for p in absent)


# --- the phone card's Onderwerp ----------------------------------------------------------------------


def test_the_phone_card_has_the_onderwerp_field(client, assessment, session):
    round_ = actions.next_round(session)
    person = session.participants.first()
    actions.record_consent(person, accept=True)
    page = client.get(reverse("live:participant", args=[person.invite_token])).content.decode()
    assert page.count('name="topic"') >= 2  # both cards of the round, and the script's template
    assert 'for="kaart-conclusie-onderwerp">Onderwerp' in page
    data = state.participant_state(person)
    assert data["round"]["topic_label"] == "Onderwerp"
    assert [k["has_topic"] for k in data["round"]["card_kinds"]] == [True, True]
    # Through the API ...
    response = put(Client(), person.invite_token, round_.pk, topic="  Bus\tlijn\x07 5  ")
    assert response.status_code == 200 and response.json()["topic"] == "Bus lijn 5"
    assert ConclusionCard.objects.get().topic == "Bus lijn 5"
    assert state.wall(session)["cards"][0]["topic"] == "Bus lijn 5"
    # ... and without script.
    client.post(reverse("live:participant_card", args=[person.invite_token]), {
        "round": round_.pk, "kind": "idee", "client_id": str(uuid.uuid4()), "topic": "Avondbus", "text": "Laat hem om 22 uur rijden.",
    })
    assert ConclusionCard.objects.get(kind="idee").topic == "Avondbus"


def test_a_bad_onderwerp_is_refused_in_dutch_and_nothing_is_lost(assessment, session):
    round_ = actions.next_round(session)
    person = session.participants.first()
    actions.record_consent(person, accept=True)
    phone = Client()
    too_long = put(phone, person.invite_token, round_.pk, topic="x" * 201)
    assert too_long.status_code == 422
    with_nul = put(phone, person.invite_token, round_.pk, topic="a\x00b")
    assert with_nul.status_code == 422
    hostile = put(phone, person.invite_token, round_.pk, topic="<script>alert(1)</script>=1+1")
    assert hostile.status_code == 200
    assert not ConclusionCard.objects.filter(topic__startswith="x").exists()
    wall_page_card = state.wall(session)["cards"][0]
    assert wall_page_card["topic"] == "<script>alert(1)</script>=1+1"  # stored as typed; templates escape it


def test_the_closing_card_has_no_onderwerp(assessment, session):
    while (round_ := actions.next_round(session)) is not None and not round_.is_closing:
        pass
    person = session.participants.first()
    actions.record_consent(person, accept=True)
    data = state.participant_state(person)
    assert data["round"]["is_closing"]
    assert [k["has_topic"] for k in data["round"]["card_kinds"]] == [False]
    assert data["round"]["question"] == assessment.content.participant_closing_question
    response = put(Client(), person.invite_token, round_.pk, kind="afsluiting", topic="genegeerd", text="Let op ouderen.")
    assert response.status_code == 200 and ConclusionCard.objects.get().topic == ""
