"""Every page of an assessment renders for its kernteam (with a full dialogue in it)."""

import pytest
from django.urls import reverse

from mia.tests.factories import make_dialogue

PAGES = [
    "assessments:detail", "assessments:scan", "assessments:decision", "assessments:domains",
    "assessments:questions", "assessments:preparation", "assessments:chart", "assessments:conclusions",
    "assessments:members", "dialogues:sessions", "dialogues:step3", "reports:report",
]


@pytest.mark.parametrize("name", PAGES)
def test_it_renders_each_step_page(owner_client, assessment, name):
    make_dialogue(assessment)
    response = owner_client.get(reverse(name, args=[assessment.pk]))
    assert response.status_code == 200
    assert assessment.title in response.content.decode()


def test_it_renders_session_pages_and_downloads(owner_client, assessment):
    session = make_dialogue(assessment)
    for name in ("dialogues:agenda", "dialogues:entry"):
        assert owner_client.get(reverse(name, args=[assessment.pk, session.pk])).status_code == 200
    pdf = owner_client.get(reverse("dialogues:cards_pdf", args=[assessment.pk, session.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    for name, magic in (("reports:pdf", b"%PDF"), ("reports:docx", b"PK"), ("reports:json", b"{")):
        response = owner_client.get(reverse(name, args=[assessment.pk]))
        assert response.status_code == 200
        assert response.content.startswith(magic)
    csv = owner_client.get(reverse("reports:cards_csv", args=[assessment.pk]))
    assert "Kaartje conclusie" in csv.content.decode("utf-8-sig")


def test_it_lists_and_creates(owner_client, content):
    assert owner_client.get(reverse("assessments:list")).status_code == 200
    response = owner_client.post(reverse("assessments:create"), {"title": "Nieuwe keuze", "description": ""})
    assert response.status_code == 302
    assert owner_client.get(reverse("reports:import")).status_code == 200
