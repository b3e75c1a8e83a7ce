"""The shared export helpers: tagged A4 PDF, A4 DOCX with page numbers, safe CSV and XLSX."""

import io
import zipfile

import pytest
from pypdf import PdfReader

from mia.core.documents import add_table, docx_text, new_docx, render_pdf, save_docx, svg_to_png
from mia.core.exports import csv_response, neutralise_formula, xlsx_bytes


def test_the_pdf_is_tagged_a4_and_fetches_nothing():
    html = (
        '<html lang="nl"><head><title>Proef</title><style>@page { size: A4 }</style></head><body>'
        '<h1>Kop</h1><p>Tekst</p><img src="http://example.org/x.png" alt="x"><img src="file:///etc/passwd" alt="y">'
        "</body></html>"
    )
    reader = PdfReader(io.BytesIO(render_pdf(html)))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    width, height = (float(x) for x in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 in points


def test_the_docx_is_a4_with_page_numbers_and_the_organisations_name():
    doc = new_docx("T" * 400, author="Gemeente Voorbeeldstad", subject="Rapport")
    add_table(doc, ["a", "b"], [["x\x0by\x01", 2]])
    data = save_docx(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        document = docx.read("word/document.xml").decode()
        footer = docx.read("word/footer1.xml").decode()
        core = docx.read("docProps/core.xml").decode()
    assert 'w:w="11906"' in document and 'w:h="16838"' in document  # A4 in twips
    assert "PAGE" in footer and "NUMPAGES" in footer
    assert "Gemeente Voorbeeldstad" in core and "python-docx" not in core
    assert "xy" in document


def test_docx_text_drops_control_characters():
    assert docx_text("a\x0bb\x01c\nd") == "abc\nd"


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", " =1+1", "\n=1+1", "\t=1", "\r=1"])
def test_formulas_are_neutralised_also_behind_spaces_and_line_breaks(value):
    assert neutralise_formula(value).startswith("'")


def test_plain_text_is_left_alone():
    assert neutralise_formula("Gewoon tekst, met 3 = 3") == "Gewoon tekst, met 3 = 3"


def test_csv_response_is_excel_friendly_and_safe():
    response = csv_response("x.csv", ["naam", "tekst"], [["a", "=HYPERLINK(1)"]])
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff") and "'=HYPERLINK(1)" in body and ";" in body


def test_xlsx_keeps_numbers_and_defuses_formulas():
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(xlsx_bytes({"Blad": (["a", "b"], [[3, "=1+1"]])})))
    sheet = book["Blad"]
    assert sheet["A2"].value == 3 and sheet["B2"].value == "'=1+1"


def test_svg_becomes_a_png():
    png = svg_to_png('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>', 50)
    assert png.startswith(b"\x89PNG")
