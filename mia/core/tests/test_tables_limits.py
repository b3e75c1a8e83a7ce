"""The one table reader stays bounded on hostile files and speaks Dutch about them (issue 11, items 10 and 15)."""

from __future__ import annotations

import io
import zipfile

import pytest

from mia.core import tables
from mia.core.tables import TableError, read_table


def _xlsx(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _bomb(rows: int, cells: int) -> bytes:
    """A valid XLSX whose sheet XML is written by hand: tiny packed, huge unpacked."""
    template = _xlsx([["a"]])
    row = "".join('<c t="inlineStr"><is><t>x</t></is></c>' for _ in range(cells))
    body = "".join(f'<row r="{n}">{row}</row>' for n in range(1, rows + 1))
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    )
    source = zipfile.ZipFile(io.BytesIO(template))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                data = sheet.encode()
            target.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


def test_zip_bomb_xlsx_is_refused_before_it_is_parsed(monkeypatch):
    data = _bomb(20_000, 50)
    assert len(data) < 200_000  # small packed ...
    unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert unpacked > tables.MAX_PACKING_RATIO * len(data)  # ... far larger unpacked
    parsed = []
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: parsed.append(1))
    with pytest.raises(TableError, match="pakt uit tot veel meer gegevens"):
        read_table(data, name="antwoorden.xlsx")
    assert parsed == []


def test_xlsx_with_too_many_cells_stops_at_the_cell_cap(monkeypatch):
    monkeypatch.setattr(tables, "MAX_PACKING_RATIO", 10**9)  # let it past the zip check: the cell cap must hold
    monkeypatch.setattr(tables, "MAX_CELLS", 5_000)
    with pytest.raises(TableError, match="meer dan 5.000 ingevulde cellen"):
        read_table(_bomb(2_000, 50), name="antwoorden.xlsx")


def test_csv_with_too_many_cells_or_rows_is_refused():
    wide = ("a;" * 40 + "b\n").encode() * 30_000
    with pytest.raises(TableError, match="ingevulde cellen"):
        read_table(wide, name="r.csv")
    with pytest.raises(TableError, match="meer dan 10 rijen"):
        read_table(b"x\n" + b"1\n" * 20, name="r.csv", max_rows=10)
    assert len(read_table(b"x\n" + b"1\n" * 10, name="r.csv", max_rows=10).rows) == 10


def test_a_caller_cannot_raise_the_caps_above_the_defaults():
    with pytest.raises(TableError, match="rijen"):
        read_table(b"x\n" + b"1\n" * (tables.MAX_ROWS + 1), name="r.csv", max_rows=10 * tables.MAX_ROWS)


def test_xlsx_with_a_huge_row_is_read_only_up_to_the_column_cap():
    table_error = None
    try:
        read_table(_xlsx([["a"] * 2_000, ["1"] * 2_000]), name="breed.xlsx")
    except TableError as error:
        table_error = error
    assert table_error is not None and "meer dan 500 kolommen" in str(table_error)


def test_broken_xlsx_and_zip_answer_in_dutch_without_class_names():
    for data in (b"PK\x03\x04" + b"\x00" * 100, _xlsx([["a"]])[:-200]):
        with pytest.raises(TableError) as caught:
            read_table(data, name="r.xlsx")
        message = str(caught.value)
        assert "beschadigd" in message
        assert "BadZipFile" not in message and "Error" not in message


def test_csv_parse_errors_are_dutch_without_the_csv_modules_english():
    import csv

    limit = csv.field_size_limit()
    try:
        csv.field_size_limit(1000)
        with pytest.raises(TableError) as caught:
            read_table(b"a;b\n" + b"x" * 2000 + b";1\n", name="r.csv")
    finally:
        csv.field_size_limit(limit)
    message = str(caught.value)
    assert "regel" in message and "field larger" not in message and "Error" not in message


def test_upload_messages_never_name_temporary_files():
    for generated in ("tmpb_p5sfut.csv", "/tmp/tmpb_p5sfut.csv", "0123456789abcdef0123456789abcdef.csv"):
        with pytest.raises(TableError) as caught:
            read_table(b"", name=generated)
        assert "tmp" not in str(caught.value) and "0123456789" not in str(caught.value)
        assert str(caught.value).startswith("bestand: ")
    with pytest.raises(TableError, match="^pool.csv: Het bestand is leeg"):
        read_table(b"  ", name="/home/sanne/Documenten/pool.csv")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_read_with_or_without_byte_order_mark(encoding):
    text = "naam;reactie\nÉén;café € ✓\n"
    table = read_table(text.encode(encoding), name="r.csv")
    assert table.header == ["naam", "reactie"] and table.rows[0][1] == ["Één", "café € ✓"]
    assert "UTF-16" in table.warnings[0]


def test_utf16_responses_are_accepted_through_the_one_reader_also_on_the_command_line_default():
    from mia.analysis.themes.tables import read_table as read_responses

    data = "reactie\nDe bus is te duur.\n".encode("utf-16")
    assert read_responses(data, "reactie", name="r.csv").texts == ["De bus is te duur."]
    assert read_responses(data, "reactie", encoding="utf-8", name="r.csv").texts == ["De bus is te duur."]
