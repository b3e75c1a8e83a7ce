"""Reading a transcript: every bad file gets a Dutch message, nothing else is raised."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from mia.reports import transcripts as t
from mia.reports.transcripts import TranscriptError, read_typed, read_upload


def upload(data: bytes, name: str = "transcript.txt"):
    return SimpleUploadedFile(name, data)


def test_utf8_with_and_without_bom():
    assert read_upload(upload("Jan: één café\n".encode())).text == "Jan: één café"
    assert read_upload(upload("\ufeffJan: één".encode())).text == "Jan: één"


def test_utf16_with_bom():
    assert read_upload(upload("Spreker 1: geneeskundige zorg".encode("utf-16"))).text == "Spreker 1: geneeskundige zorg"


def test_windows_1252_is_read_with_a_warning():
    read = read_upload(upload("regel een\nCafé – “prima”\n".encode("cp1252")))
    assert read.text == "regel een\nCafé – “prima”"
    assert "Windows-1252" in read.warnings[0] and "regel 2" in read.warnings[0]


def test_bytes_cp1252_leaves_undefined_are_kept_not_fatal():
    read = read_upload(upload(b"tekst \x81 meer"))
    assert read.text.startswith("tekst") and read.warnings


@pytest.mark.parametrize("data, expected", [
    (b"", "leeg"),
    (b"   \n\t ", "leeg"),
    (b"%PDF-1.7 ...", "PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 50, "oud Word-bestand"),
    (b"\x00\x01\x02binary\x00" * 10, "geen tekstbestand"),
    (b"PK\x03\x04 this is no zip at all", "geen Word-bestand"),
    (b"\x01\x02\x03\x1b\x7f\x0b", "geen tekst"),
])
def test_bad_files_get_a_dutch_message(data, expected):
    with pytest.raises(TranscriptError, match=expected):
        read_upload(upload(data))


def test_too_big_is_refused_before_reading_everything():
    with pytest.raises(TranscriptError, match="groter dan 2 MB"):
        read_upload(upload(b"a" * (t.MAX_BYTES + 1)))


def test_too_many_characters_gives_the_numbers(monkeypatch):
    monkeypatch.setattr(t, "MAX_CHARS", 100)
    with pytest.raises(TranscriptError, match="te lang .*101 tekens; hoogstens 100"):
        read_typed("x" * 101)


def test_control_characters_and_direction_overrides_go_line_ends_stay():
    read = read_typed("Jan:\x00 hallo\x07\r\n\u202eesrever\u202c\r\rnog\x1b[0m een\x85 regel\n\n\n\nlaatste")
    assert read.text == "Jan: hallo\nesrever\n\nnog[0m een regel\n\nlaatste"


def test_script_tags_are_kept_as_text_for_the_templates_to_escape():
    assert read_typed("<script>alert(1)</script>").text == "<script>alert(1)</script>"


def test_empty_typed_text():
    with pytest.raises(TranscriptError, match="leeg"):
        read_typed(" \n\x00 ")


def test_webvtt_of_a_video_call_keeps_speakers_and_words():
    vtt = (
        "WEBVTT\n\nNOTE gemaakt door Teams\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Jan de Vries>Goedenavond allemaal.</v>\n\n"
        "2\n00:00:04.500 --> 00:00:06.000\n<v Jan de Vries>Zullen we beginnen?</v>\n\n"
        "00:00:07.000 --> 00:00:09.000\n<v Fatima>Ja, <b>graag</b>.</v>\n"
    )
    text = read_upload(upload(vtt.encode(), "gesprek.vtt")).text
    assert text == "Jan de Vries: Goedenavond allemaal. Zullen we beginnen?\nFatima: Ja, graag."


def _docx(paragraphs) -> bytes:
    document = Document()
    for p in paragraphs:
        document.add_paragraph(p)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Jan", "In een tabel"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_word_files_are_read_with_their_tables():
    text = read_upload(upload(_docx(["Jan: hallo", "Fatima: dag"]), "t.docx")).text
    assert text == "Jan: hallo\nFatima: dag\nJan – In een tabel"


def test_a_word_file_that_unpacks_to_too_much_is_refused(monkeypatch):
    monkeypatch.setattr(t, "MAX_DOCX_XML_BYTES", 1000)
    with pytest.raises(TranscriptError, match="groter dan"):
        read_upload(upload(_docx(["x" * 5000]), "t.docx"))


def test_a_zip_without_a_document_is_no_word_file():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hallo")
    with pytest.raises(TranscriptError, match="geen Word-bestand"):
        read_upload(upload(buffer.getvalue(), "t.docx"))


def test_a_damaged_word_file():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<not-xml")
    with pytest.raises(TranscriptError, match="beschadigd|geen Word-bestand"):
        read_upload(upload(buffer.getvalue(), "t.docx"))
