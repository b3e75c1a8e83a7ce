"""Access rules from all three sides: the owner (kernteam), a reader, and a stranger."""

import pytest
from django.urls import reverse

from mia.tests.factories import PASSWORD, make_dialogue

EDIT_PAGES = [
    "assessments:detail", "assessments:scan", "assessments:decision", "assessments:domains",
    "assessments:questions", "assessments:preparation", "assessments:chart", "assessments:conclusions",
    "assessments:members", "dialogues:sessions", "dialogues:step3", "reports:json", "reports:cards_csv",
]
REPORT_PAGES = ["reports:report", "reports:pdf", "reports:docx"]


@pytest.mark.parametrize("name", EDIT_PAGES + REPORT_PAGES)
def test_it_hides_everything_from_a_stranger(client, assessment, stranger, name):
    client.force_login(stranger)
    assert client.get(reverse(name, args=[assessment.pk])).status_code == 404


@pytest.mark.parametrize("name", EDIT_PAGES)
def test_it_lets_a_reader_not_edit(client, assessment, reader, name):
    client.force_login(reader)
    assert client.get(reverse(name, args=[assessment.pk])).status_code == 404


@pytest.mark.parametrize("name", REPORT_PAGES)
def test_it_lets_a_reader_read_the_report(client, assessment, reader, name):
    client.force_login(reader)
    assert client.get(reverse(name, args=[assessment.pk])).status_code == 200


def test_it_sends_anonymous_users_to_login(client, assessment):
    response = client.get(reverse("assessments:scan", args=[assessment.pk]))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_it_lists_only_own_assessments(client, assessment, stranger):
    client.force_login(stranger)
    assert assessment.title not in client.get(reverse("assessments:list")).content.decode()


def test_a_stranger_cannot_post_into_an_assessment(client, assessment, stranger):
    client.force_login(stranger)
    response = client.post(reverse("assessments:scan", args=[assessment.pk]), {"notes_causes": "ingebroken"})
    assert response.status_code == 404
    assessment.refresh_from_db()
    assert assessment.notes_causes == ""


def test_a_stranger_cannot_reach_session_pages(client, assessment, stranger):
    session = make_dialogue(assessment)
    client.force_login(stranger)
    for name in ("dialogues:agenda", "dialogues:entry", "dialogues:cards_pdf"):
        assert client.get(reverse(name, args=[assessment.pk, session.pk])).status_code == 404


def test_a_session_of_another_assessment_is_not_reachable_through_mine(owner_client, assessment, stranger, content):
    from mia.tests.factories import make_assessment

    other = make_assessment(stranger, title="Van een ander team")
    other_session = make_dialogue(other)
    url = reverse("dialogues:entry", args=[assessment.pk, other_session.pk])
    assert owner_client.get(url).status_code == 404


def test_a_reader_cannot_start_an_assessment(client, reader, content):
    client.force_login(reader)
    assert client.get(reverse("assessments:create")).status_code == 403


def test_login_with_wrong_password_shows_dutch_message(client, owner):
    response = client.post(reverse("login"), {"username": owner.username, "password": "fout"})
    assert response.status_code == 200
    assert "Inloggen lukte niet" in response.content.decode()
    assert client.post(reverse("login"), {"username": owner.username, "password": PASSWORD}).status_code == 302


def test_password_reset_sends_mail(client, owner, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": owner.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and "/account/reset/" in mailoutbox[0].body
