import io
import zipfile

from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from mia.assessments.models import FollowUpAction
from mia.core.exports import neutralise_formula
from mia.dialogues.actions import save_card
from mia.tests.factories import make_dialogue

FORMULA = '=HYPERLINK("http://evil.example","klik")'


def test_it_neutralises_formulas():
    assert neutralise_formula("=1+1") == "'=1+1"
    assert neutralise_formula("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise_formula("-2") == "'-2"
    assert neutralise_formula("gewoon") == "gewoon"


def test_cards_csv_neutralises_formulas_and_pseudonymises(owner_client, assessment):
    session = make_dialogue(assessment, questions=1)
    round_ = session.rounds.first()
    save_card(round_, participant=session.participants.first(), kind="conclusie", text=FORMULA)
    body = owner_client.get(reverse("reports:cards_csv", args=[assessment.pk])).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body
    assert ";=HYPERLINK" not in body
    assert "Persoon 1" not in body and "Deelnemer 1" in body


def test_docx_keeps_formula_as_plain_text(owner_client, assessment):
    FollowUpAction.objects.create(assessment=assessment, domain="politiek", description=FORMULA)
    content = owner_client.get(reverse("reports:docx", args=[assessment.pk])).content
    xml = zipfile.ZipFile(io.BytesIO(content)).read("word/document.xml").decode()
    assert "fldSimple" not in xml and "instrText" not in xml and "<w:hyperlink" not in xml
    text = "\n".join(c.text for t in Document(io.BytesIO(content)).tables for r in t.rows for c in r.cells)
    assert FORMULA in text


def test_report_pseudonymises_participants(owner_client, assessment):
    make_dialogue(assessment)
    for name in ("reports:report",):
        page = owner_client.get(reverse(name, args=[assessment.pk])).content.decode()
        assert "Deelnemer 1 (" in page
        assert "Persoon 1" not in page and "p1@example.org" not in page
    pdf = owner_client.get(reverse("reports:pdf", args=[assessment.pk])).content
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert assessment.title in text and "Persoon 1" not in text
    docx = Document(io.BytesIO(owner_client.get(reverse("reports:docx", args=[assessment.pk])).content))
    full = "\n".join(p.text for p in docx.paragraphs)
    assert assessment.title in full and "Persoon 1" not in full


def test_report_with_hostile_text_renders_in_all_formats(owner_client, assessment):
    assessment.notes_causes = "<script>alert(1)</script> \u202e omgekeerd 😀"
    assessment.save()
    assert owner_client.get(reverse("reports:pdf", args=[assessment.pk])).status_code == 200
    assert owner_client.get(reverse("reports:docx", args=[assessment.pk])).status_code == 200
