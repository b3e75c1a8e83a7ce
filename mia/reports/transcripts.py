"""Reading a transcript: an uploaded file (plain text, WebVTT from a video call, or Word) or typed text.

The same care as ``mia.core.tables``: a size cap before reading, a cap on the characters kept,
encodings tried in a fixed order (UTF-8, UTF-16 with its byte-order mark, then Windows-1252 with
a warning), control characters and direction overrides removed, and a Dutch message for every
file it cannot read. It never raises anything else.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_BYTES = 2 * 1024 * 1024
# A two-hour dialogue is about 100,000 characters; twice that per session, so the PDF stays quick.
MAX_CHARS = 200_000
# A Word file is a zip: refuse one whose text part unpacks to more than this (zip bombs).
MAX_DOCX_XML_BYTES = 40 * 1024 * 1024
# Direction overrides and isolates can make a line read differently from what it holds.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


class TranscriptError(ValueError):
    """A Dutch message for the kernteam."""


@dataclass
class TranscriptText:
    text: str
    warnings: list[str] = field(default_factory=list)


def clean_text(text: str) -> str:
    """One kind of line end, no control characters (tabs and line ends stay), no direction overrides."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(BIDI_CONTROLS)
    text = "".join(ch for ch in text if ch in "\n\t" or (ch >= " " and ch != "\x7f" and not "\x80" <= ch <= "\x9f"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def check_length(text: str) -> str:
    if len(text) > MAX_CHARS:
        raise TranscriptError(
            _("Het transcript is te lang (%(n)s tekens; hoogstens %(max)s). Splits het per sessie of laat stukken weg.")
            % {"n": f"{len(text):,}".replace(",", "."), "max": f"{MAX_CHARS:,}".replace(",", ".")}
        )
    return text


def read_typed(text: str) -> TranscriptText:
    text = clean_text(text or "")
    if not text:
        raise TranscriptError(_("Het transcript is leeg. Typ of plak de tekst, of kies een bestand."))
    return TranscriptText(check_length(text))


def read_upload(upload) -> TranscriptText:
    """An uploaded file (Django UploadedFile or any object with read() and name)."""
    name = getattr(upload, "name", "") or ""
    if getattr(upload, "size", 0) and upload.size > MAX_BYTES:
        raise TranscriptError(_too_big())
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise TranscriptError(_too_big())
    if not data.strip():
        raise TranscriptError(_("Het bestand is leeg."))
    warnings: list[str] = []
    if data.startswith(b"%PDF"):
        raise TranscriptError(_("Dit is een PDF. Sla het transcript op als tekstbestand (.txt) of Word-bestand (.docx) en probeer opnieuw."))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TranscriptError(_("Dit is een oud Word-bestand (.doc). Sla het op als .docx of als tekstbestand (.txt) en probeer opnieuw."))
    if data.startswith(b"PK\x03\x04"):
        text = _read_docx(data)
    else:
        text, warnings = _decode(data)
        if text.lstrip().startswith("WEBVTT") or name.lower().endswith(".vtt"):
            text = _from_webvtt(text)
    text = clean_text(text)
    if not text:
        raise TranscriptError(_("Er staat geen tekst in het bestand."))
    return TranscriptText(check_length(text), warnings)


def _too_big() -> str:
    return _("Het bestand is groter dan %(mb)d MB. Splits het transcript per sessie.") % {"mb": MAX_BYTES // (1024 * 1024)}


def _decode(data: bytes) -> tuple[str, list[str]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            raise TranscriptError(_("Het bestand is beschadigd: het lijkt UTF-16, maar is het niet.")) from None
    if b"\x00" in data[:8192]:
        raise TranscriptError(_("Dit lijkt geen tekstbestand. Kies een tekstbestand (.txt), een ondertitelbestand (.vtt) of een Word-bestand (.docx)."))
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
    # Windows-1252 leaves five bytes undefined; latin-1 reads every byte, so nothing is lost.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    return text, [
        _("Het bestand is niet in UTF-8 opgeslagen (eerste afwijkende teken op regel %(line)d); het is gelezen als "
          "Windows-1252. Controleer letters met accenten.") % {"line": line}
    ]


def _read_docx(data: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        info = archive.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise TranscriptError(_("Dit bestand is geen Word-bestand (.docx) dat MIA kan lezen. Sla het op als tekstbestand (.txt).")) from None
    if info.file_size > MAX_DOCX_XML_BYTES or sum(i.file_size for i in archive.infolist()) > 4 * MAX_DOCX_XML_BYTES:
        raise TranscriptError(_too_big())
    try:
        from docx import Document

        document = Document(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - python-docx raises many kinds of error for a damaged file
        raise TranscriptError(_("Dit Word-bestand is beschadigd. Sla het opnieuw op, of als tekstbestand (.txt).")) from None
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" – ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


VTT_TIMING = re.compile(r"^\s*(\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{3}\s+-->\s+")
VTT_VOICE = re.compile(r"<v(?:\.[^ >]*)?\s+([^>]*)>(.*?)(?:</v>|$)")
VTT_TAG = re.compile(r"</?[^>]+>")


def _from_webvtt(text: str) -> str:
    """A subtitle file of a video call (Teams, Zoom): keep who speaks and what they say, in order."""
    lines, block, previous = [], [], None
    for raw in text.split("\n") + [""]:
        line = raw.strip()
        if not line:
            if block:
                speech = " ".join(block)
                match = VTT_VOICE.search(speech)
                speaker, said = (match.group(1).strip(), VTT_TAG.sub("", match.group(2)).strip()) if match else (None, VTT_TAG.sub("", speech).strip())
                if speaker and speaker == previous and lines:
                    lines[-1] += " " + said
                elif said:
                    lines.append(f"{speaker}: {said}" if speaker else said)
                previous = speaker
            block = []
            continue
        if line.startswith(("WEBVTT", "NOTE", "STYLE", "REGION")) or VTT_TIMING.match(line):
            block = [] if VTT_TIMING.match(line) else block
            continue
        if line.isdigit() and not block:
            continue  # a cue number
        block.append(line)
    return "\n".join(lines)
