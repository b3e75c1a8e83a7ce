"""The report a civil servant hands on: first page, PDF (tagged, A4, bookmarks), DOCX (A4, header and
footer with page numbers, chart image, properties), the same wording and dates in both."""

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from mia.reports.context import report_context, report_date
from mia.reports.tests.report_fixtures import (
    CONCLUSION,
    KEY_ACTION,
    OTHER_ACTION,
    docx_all_text,
    docx_paragraphs,
    fill,
    pdf_pages,
)

A4 = (595.28, 841.89)


@pytest.fixture
def filled(assessment, owner):
    fill(assessment, owner)
    return assessment


def _get(client, name, assessment):
    response = client.get(reverse(name, args=[assessment.pk]))
    assert response.status_code == 200
    return response.content


def test_the_first_page_holds_what_an_alderman_reads(owner_client, filled):
    statements = [s.text for s in filled.content_version.chartstatement_set.all()]
    today = report_date(timezone.now())
    expected = [
        "Samenvatting", "Ministerie van Voorbeelden", "Auteurs (kernteam)", "eigenaar", today, "Versie 1 · concept",
        filled.title, "Besluit: gaat de MIA verder?", "de MIA gaat verder", "Er is een duidelijk vermoeden.",
        CONCLUSION, *statements, "Eerstvolgende vervolgstap", OTHER_ACTION,
    ]
    html = _get(owner_client, "reports:report", filled).decode()
    first_html = html.split('aria-labelledby="r-samenvatting"')[1].split('aria-labelledby="r-scan"')[0]
    pdf_first = pdf_pages(_get(owner_client, "reports:pdf", filled))[0]
    paragraphs = docx_paragraphs(_get(owner_client, "reports:docx", filled))
    docx_document = Document(io.BytesIO(_get(owner_client, "reports:docx", filled)))
    body = docx_document.element.body
    # The DOCX's first page: everything before the page break (its table included).
    xml = "".join(el.xml if hasattr(el, "xml") else "" for el in body)
    docx_first = " ".join(re.sub(r"<[^>]+>", " ", xml.split('w:type="page"')[0]).split())
    for text in expected:
        assert text in first_html, text
        assert " ".join(text.split()) in pdf_first, (text, pdf_first)
        assert text in docx_first, text
    # The statements with their text and score, not only "1."–"4."; the second follow-up only in chapter 4.
    for number, statement in enumerate(statements, start=1):
        assert re.search(re.escape(statement) + r"\s+" + str(number) + r"\s+0", pdf_first), pdf_first
    assert KEY_ACTION not in pdf_first and "En 1 vervolgstap meer in hoofdstuk 4." in pdf_first
    assert "1. Oriëntatie: MIA-scan" not in pdf_first and "1. Oriëntatie: MIA-scan" in paragraphs


def test_the_pdf_is_tagged_a4_with_headings_as_bookmarks_and_page_numbers(owner_client, filled):
    content = _get(owner_client, "reports:pdf", filled)
    reader = PdfReader(io.BytesIO(content))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])  # what pdfinfo reports as "Tagged: yes"
    assert "/StructTreeRoot" in root and root["/Lang"] == "nl"
    for page in reader.pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == A4
    titles = []

    def walk(items):
        for item in items:
            walk(item) if isinstance(item, list) else titles.append(item.title)

    walk(reader.outline)
    assert titles[0] == f"MIA-rapport: {filled.title}"
    for heading in ("Samenvatting", "Hoofdconclusies", "MIA-score per stelling", "1. Oriëntatie: MIA-scan",
                    "3. MIA-dialoog: wat de deelnemers zeiden", "4. Vervolg: MIA-Chart en MIA-score"):
        assert heading in titles
    pages = pdf_pages(content)
    assert all(f"Pagina {i} van {len(pages)}" in text for i, text in enumerate(pages, start=1))
    assert reader.metadata["/Author"] == "Ministerie van Voorbeelden"
    assert reader.metadata["/Title"] == f"MIA-rapport: {filled.title}"


def test_pdfinfo_says_tagged_and_a4(owner_client, filled, tmp_path):
    if not shutil.which("pdfinfo"):
        import os

        if os.environ.get("CI"):
            pytest.fail("pdfinfo (Debian poppler-utils) is missing; .ci/run installs it")
        pytest.skip("pdfinfo (Debian poppler-utils) is not installed")
    path = tmp_path / "rapport.pdf"
    path.write_bytes(_get(owner_client, "reports:pdf", filled))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert re.search(r"^Page size:.*\(A4\)$", info, re.M), info
    assert re.search(r"^Author:\s+Ministerie van Voorbeelden$", info, re.M), info


def test_the_docx_is_a4_with_header_footer_page_fields_chart_and_properties(owner_client, filled):
    content = _get(owner_client, "reports:docx", filled)
    document = Document(io.BytesIO(content))
    for section in document.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        header = " ".join(p.text for p in section.header.paragraphs)
        assert filled.title in header and "Versie 1 · concept" in header
        footer_xml = section.footer._element.xml
        assert "PAGE" in footer_xml and "NUMPAGES" in footer_xml and "Pagina" in footer_xml
        assert 'w:fldCharType="begin"' in footer_xml
    archive = zipfile.ZipFile(io.BytesIO(content))
    images = [n for n in archive.namelist() if n.startswith("word/media/")]
    assert len(images) == 1 and archive.read(images[0]).startswith(b"\x89PNG")
    assert "<pic:pic" in archive.read("word/document.xml").decode()
    # The chart's table follows its picture.
    assert any(t.rows[0].cells[0].text == "Stelling" and len(t.rows[0].cells) == 4 for t in document.tables)
    props = document.core_properties
    assert props.title == f"MIA-rapport: {filled.title}"
    assert props.author == "Ministerie van Voorbeelden" and props.last_modified_by == "Ministerie van Voorbeelden"
    assert "python-docx" not in (props.author + props.last_modified_by + props.comments + props.subject)
    assert props.keywords == "concept" and props.version == "1"


def test_pdf_and_docx_say_the_same_with_the_same_dates(owner_client, filled):
    pdf = " ".join(pdf_pages(_get(owner_client, "reports:pdf", filled)))
    docx = docx_all_text(_get(owner_client, "reports:docx", filled))
    ctx = report_context(filled)
    shared = [
        ctx["report_date"], ctx["version_line"], ctx["decision"], "Auteurs (kernteam)", "Vorm van het verslag",
        "Besluit: gaat de MIA verder?", "MIA-score in het kort", "Eerstvolgende vervolgstap",
        "En 1 vervolgstap meer in hoofdstuk 4.", "2. Voorbereiding: dialoogvragen en deelnemers",
        "Deelnemers staan er zonder naam in.", "31 januari 2027", "1 maart 2027",
    ]
    for text in shared:
        assert text in pdf, text
        assert text in docx, text
    # No other date format sneaks in (e.g. 31-01-2027).
    assert not re.search(r"\b\d{2}-\d{2}-\d{4}\b", docx) and not re.search(r"\b\d{2}-\d{2}-\d{4}\b", pdf)


def test_an_organisation_less_mia_names_mia_as_author_never_the_library(owner_client, assessment):
    assessment.organisation = None
    assessment.save()
    document = Document(io.BytesIO(_get(owner_client, "reports:docx", assessment)))
    assert document.core_properties.author == "MIA"
    pdf = PdfReader(io.BytesIO(_get(owner_client, "reports:pdf", assessment)))
    assert pdf.metadata["/Author"] == "MIA"
