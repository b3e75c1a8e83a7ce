"""The report form chosen in step 2C changes the report: beknopt (counts and conclusions),
verslag (cards and notes), transcript (cards, notes and the pseudonymised transcript)."""

import pytest
from django.urls import reverse

from mia.reports.actions import save_transcript
from mia.reports.tests.report_fixtures import CONCLUSION, ROUND_NOTE, docx_all_text, fill, pdf_pages, set_form

CARD = "Kaartje conclusie ronde 1"
TRANSCRIPT = "Persoon 2: Ik kom met de bus. Bel me op 06-11112222.\nPersoon 3: <script>alert(1)</script> Ik niet."


@pytest.fixture
def session(assessment, owner):
    session = fill(assessment, owner)
    save_transcript(session, TRANSCRIPT, owner)
    return session


def _renderings(client, assessment) -> dict[str, str]:
    html = client.get(reverse("reports:report", args=[assessment.pk])).content.decode()
    pdf = " ".join(pdf_pages(client.get(reverse("reports:pdf", args=[assessment.pk])).content))
    docx = docx_all_text(client.get(reverse("reports:docx", args=[assessment.pk])).content)
    return {"html": html, "pdf": pdf, "docx": docx}


def test_beknopt_has_counts_and_conclusions_but_no_cards(owner_client, assessment, session):
    set_form(assessment, "beknopt")
    for kind, text in _renderings(owner_client, assessment).items():
        assert "1 conclusiekaartjes en 1 ideeënkaartjes." in text, kind
        assert CONCLUSION in text and "Beknopte uitkomst (MIA-Chart)" in text, kind
        assert CARD not in text and ROUND_NOTE not in text, kind
        assert "Ik kom met de bus" not in text and "Bijlage: transcript" not in text, kind


def test_verslag_has_cards_and_notes_but_no_transcript(owner_client, assessment, session):
    set_form(assessment, "verslag")
    for kind, text in _renderings(owner_client, assessment).items():
        assert CARD in text and ROUND_NOTE in text and CONCLUSION in text, kind
        assert "conclusiekaartjes en" not in text, kind
        assert "Ik kom met de bus" not in text and "Bijlage: transcript" not in text, kind


def test_transcript_adds_the_pseudonymised_transcript(owner_client, assessment, session):
    set_form(assessment, "transcript")
    pseudonym_2 = session.participants.get(number=2).pseudonym
    for kind, text in _renderings(owner_client, assessment).items():
        assert CARD in text and ROUND_NOTE in text, kind
        assert "Bijlage: transcript van de MIA-dialoog" in text, kind
        assert f"{pseudonym_2}: Ik kom met de bus. Bel me op [telefoonnummer]." in text, kind
        assert "Persoon 2" not in text and "06-11112222" not in text, kind
    html = _renderings(owner_client, assessment)["html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html


def test_transcript_form_without_a_transcript_says_so(owner_client, assessment, owner):
    fill(assessment, owner, report_form="transcript")
    for kind, text in _renderings(owner_client, assessment).items():
        assert "Er is nog geen transcript ingevoerd." in text, kind


def test_a_participant_added_after_the_upload_is_pseudonymised_in_the_report(owner_client, assessment, session, owner):
    from mia.dialogues.actions import add_participant

    save_transcript(session, "Karel Appel: ik was er later bij.", owner)
    add_participant(session, name="Karel Appel", perspective="praktijk")
    set_form(assessment, "transcript")
    text = _renderings(owner_client, assessment)["pdf"]
    assert "Karel Appel" not in text and "ik was er later bij" in text
