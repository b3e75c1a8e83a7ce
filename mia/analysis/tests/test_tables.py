"""Texts to analyse, read with the one table reader (mia.core.tables)."""

import pytest

from mia.analysis.themes import ThemeInputError
from mia.analysis.themes.tables import read_table


def test_it_reads_bytes_with_the_shared_reader_and_keeps_answers_as_written():
    data = b"nr;reactie;gemeente\n1;- Te duur;Noord\n007;=geen formule bedoeld;\n r3 ;  Bus  ;Zuid\n"
    table = read_table(data, "Reactie", "NR", ["gemeente"], name="r.csv")
    assert table.texts == ["- Te duur", "=geen formule bedoeld", "Bus"]
    assert table.ids == [1, "007", "r3"]  # whole numbers as numbers, other ids as text
    assert table.groups == {"gemeente": ["Noord", None, "Zuid"]}


def test_without_an_encoding_a_windows_file_is_read_with_a_warning():
    table = read_table("reactie\nÉén café\n".encode("cp1252"), "reactie", name="r.csv")
    assert table.texts == ["Één café"] and "Windows-1252" in table.warnings[0]


def test_a_named_encoding_is_used_strictly():
    with pytest.raises(ThemeInputError, match="--encoding cp1252"):
        read_table("reactie\nÉén café\n".encode("cp1252"), "reactie", encoding="utf-8", name="r.csv")
    assert read_table("reactie\nÉén\n".encode("cp1252"), "reactie", encoding="cp1252").texts == ["Één"]


def test_it_reads_a_named_sheet(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["iets anders"])
    sheet = workbook.create_sheet("Reacties")
    sheet.append(["id", "tekst"])
    sheet.append([12, "De bus is te duur."])
    workbook.save(tmp_path / "r.xlsx")
    table = read_table(tmp_path / "r.xlsx", "tekst", "id", sheet="Reacties")
    assert (table.texts, table.ids) == (["De bus is te duur."], [12])
    with pytest.raises(ThemeInputError, match="werkblad 'Weg' bestaat niet; er zijn: Sheet, Reacties"):
        read_table(tmp_path / "r.xlsx", "tekst", sheet="Weg")


@pytest.mark.parametrize("data, message", [
    (b"reactie,reactie\nx,y\n", "komt twee keer voor"),
    (b"\x00\x01binary", "geen tekstbestand"),
    (b"id,reactie\n,leeg id\n", "leeg in rij 2"),
])
def test_bad_files_get_the_readers_dutch_messages(data, message):
    with pytest.raises(ThemeInputError, match=message):
        read_table(data, "reactie", "id" if b"id," in data else None, name="r.csv")
