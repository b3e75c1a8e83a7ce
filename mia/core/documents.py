"""Documents a civil servant can hand on: tagged A4 PDF (WeasyPrint) and A4 DOCX (python-docx).

Every domain's exports go through these helpers, so they share the page size, the page
numbers, the document properties and the safety rules (a PDF never fetches anything from
the network or the disk: every image is inline).
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

# python-docx refuses core properties longer than this (the OOXML limit).
CORE_PROPERTY_MAX = 255


def render_pdf(html: str) -> bytes:
    """A tagged PDF (PDF/UA-1: headings, tables and reading order for screen readers; headings
    become bookmarks). The HTML sets the language (``<html lang>``), the title and ``@page``;
    ``core/print_base.html`` gives A4 with page numbers."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Only inline data (data: URIs): never the network, never the server's disk.
    fetcher = URLFetcher(allowed_protocols=["data"], allow_redirects=False)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/ua-1")


def svg_to_png(svg: str, width_px: int = 1200) -> bytes:
    """A chart as a picture for Word, which does not show SVG everywhere."""
    import cairosvg

    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=width_px, unsafe=False)


def new_docx(title: str, *, author: str, subject: str = "", language: str = "nl-NL") -> Document:
    """A4 portrait, 20 mm margins, page numbers "Pagina X van Y" in the footer, the title in the
    header, and document properties that name the organisation (not the library)."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    _set_language(normal, language)
    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(20))
        header = section.header.paragraphs[0]
        header.text = _clip(title, 120)
        header.style.font.size = Pt(8)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        footer.add_run("Pagina ")
        _field(footer, "PAGE")
        footer.add_run(" van ")
        _field(footer, "NUMPAGES")
    props = doc.core_properties
    props.title = _clip(title)
    props.author = _clip(author)
    props.last_modified_by = _clip(author)
    props.subject = _clip(subject)
    props.language = language
    props.comments = ""
    return doc


def add_table(doc, headers: list[str], rows: list[list], *, caption: str = ""):
    """A table with a repeated header row (so long tables stay readable over pages)."""
    if caption:
        doc.add_paragraph(caption, style="Caption")
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = str(header)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _repeat_header(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = docx_text(value)
    return table


def add_picture_png(doc, png: bytes, width_mm: float = 160) -> None:
    doc.add_picture(io.BytesIO(png), width=Mm(width_mm))


def save_docx(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def docx_text(value) -> str:
    """Text that Word accepts: XML 1.0 forbids most control characters, which stored data may hold."""
    text = "" if value is None else str(value)
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 32 and not 0xD800 <= ord(ch) <= 0xDFFF and ch not in "\ufffe\uffff")


def _clip(text: str, limit: int = CORE_PROPERTY_MAX) -> str:
    text = docx_text(text).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _field(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    begin, text, end = OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    end.set(qn("w:fldCharType"), "end")
    run._r.extend([begin, text, end])


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _set_language(style, language: str) -> None:
    rpr = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    rpr.append(lang)
