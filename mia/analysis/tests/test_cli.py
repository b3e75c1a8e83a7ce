"""``mia themes``: CSV/XLSX in, JSON out, Dutch errors. No database needed.

The command object is passed to call_command directly, so these tests run
whether or not "mia.analysis" is in INSTALLED_APPS yet.
"""

from __future__ import annotations

import io
import json

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from mia.analysis.management.commands.themes import Command
from mia.analysis.themes import ThemeInputError
from mia.analysis.themes.tables import read_table

ROWS = [
    ("r1", "De huur van mijn woning is veel te hoog.", "S1"),
    ("r2", "Er zijn te weinig betaalbare huurwoningen.", "S2"),
    ("r3", "De bus naar de stad rijdt 's avonds niet meer.", "S1"),
    ("r4", "Zonder auto kom je in het dorp nergens.", "S2"),
    ("r5", "De wachtlijst voor een sociale huurwoning is te lang.", "S1"),
    ("r6", "", "S2"),
    ("r7", "Het openbaar vervoer is te duur en te traag.", "S2"),
]


def write_csv(path, rows=ROWS, delimiter=",", encoding="utf-8"):
    lines = [delimiter.join(["id", "antwoord", "sessie"])]
    for row in rows:
        lines.append(delimiter.join(f'"{c}"' for c in row))
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def run(**options):
    out, err = io.StringIO(), io.StringIO()
    call_command(Command(), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_it_writes_themes_as_json_with_id_column_values(tmp_path):
    source = write_csv(tmp_path / "antwoorden.csv")
    target = tmp_path / "themes.json"
    _, err = run(
        input=str(source), text_column="antwoord", id_column="id", group_column=["sessie"], json=str(target)
    )
    data = json.loads(target.read_text(encoding="utf-8"))
    members = [m for theme in data["themes"] for m in theme["member_ids"]]
    assert sorted(members) == ["r1", "r2", "r3", "r4", "r5", "r7"]  # r6 is empty
    assert data["skipped_ids"] == ["r6"]
    for theme in data["themes"]:
        assert {"label", "size", "member_ids", "quotes"} <= set(theme)
        assert theme["size"] == len(theme["member_ids"])
        assert set(theme["spread"]["sessie"]) <= {"S1", "S2"}
    assert "%" in err and "thema's in 6 teksten" in err  # progress bar and summary on stderr


def test_it_uses_row_numbers_from_0_without_id_column_and_reads_semicolons(tmp_path):
    source = write_csv(tmp_path / "excel.csv", delimiter=";")
    out, _ = run(input=str(source), text_column="antwoord", json="-", progress=False)
    data = json.loads(out)
    members = sorted(m for theme in data["themes"] for m in theme["member_ids"])
    assert members == [0, 1, 2, 3, 4, 6]


def test_it_reads_xlsx(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["nr", "tekst"])
    for i, (_, text, _) in enumerate(ROWS, start=1):
        sheet.append([i, text or None])
    workbook.save(tmp_path / "antwoorden.xlsx")
    out, _ = run(
        input=str(tmp_path / "antwoorden.xlsx"), text_column="tekst", id_column="nr", json="-", progress=False
    )
    members = sorted(m for theme in json.loads(out)["themes"] for m in theme["member_ids"])
    assert members == [1, 2, 3, 4, 5, 7]


def test_it_lists_the_available_columns_when_the_column_is_wrong(tmp_path):
    source = write_csv(tmp_path / "antwoorden.csv")
    with pytest.raises(CommandError) as error:
        run(input=str(source), text_column="opmerking", json=str(tmp_path / "x.json"))
    assert "De tekstkolom 'opmerking' bestaat niet" in str(error.value)
    assert "'id', 'antwoord', 'sessie'" in str(error.value)
    with pytest.raises(CommandError, match="groepskolom 'ronde'"):
        run(input=str(source), text_column="antwoord", group_column=["ronde"], json="-")


def test_it_matches_column_names_without_case(tmp_path):
    table = read_table(write_csv(tmp_path / "a.csv"), "Antwoord", "ID")
    assert table.ids[0] == "r1"


def test_it_explains_missing_files_and_empty_files(tmp_path):
    with pytest.raises(CommandError, match="bestaat niet"):
        run(input=str(tmp_path / "weg.csv"), text_column="antwoord", json="-")
    (tmp_path / "leeg.csv").write_text("")
    with pytest.raises(CommandError, match="leeg"):
        run(input=str(tmp_path / "leeg.csv"), text_column="antwoord", json="-")
    (tmp_path / "kop.csv").write_text("id,antwoord\n")
    with pytest.raises(CommandError, match="geen rijen"):
        run(input=str(tmp_path / "kop.csv"), text_column="antwoord", json="-")
    source = write_csv(tmp_path / "leeg2.csv", rows=[("a", "", "S1"), ("b", "  ", "S2")])
    with pytest.raises(CommandError, match="Alle teksten zijn leeg"):
        run(input=str(source), text_column="antwoord", json="-")


def test_it_explains_a_wrong_encoding_and_reads_it_when_told(tmp_path):
    rows = [("a", "Één café is niet genoeg in ons dorp.", "S1"), ("b", "Het geld is op.", "S1")]
    source = write_csv(tmp_path / "ansi.csv", rows=rows, encoding="cp1252")
    with pytest.raises(CommandError, match="CSV UTF-8.*--encoding cp1252"):
        run(input=str(source), text_column="antwoord", json="-")
    out, _ = run(input=str(source), text_column="antwoord", encoding="cp1252", json="-", progress=False)
    quotes = [q for theme in json.loads(out)["themes"] for q in theme["quotes"]]
    assert "Één café is niet genoeg in ons dorp." in quotes


def test_it_refuses_duplicate_ids_and_empty_ids(tmp_path):
    source = write_csv(tmp_path / "dubbel.csv", rows=[("a", "De huur.", "S1"), ("a", "De bus.", "S1")])
    with pytest.raises(CommandError, match="meer dan één keer"):
        run(input=str(source), text_column="antwoord", id_column="id", json="-")
    with pytest.raises(ThemeInputError, match="leeg in rij 3"):
        read_table(write_csv(tmp_path / "g.csv", rows=[("a", "x", "S1"), ("", "y", "S1")]), "antwoord", "id")


def test_it_is_reachable_as_mia_themes_once_the_app_is_installed():
    if "mia.analysis" not in settings.INSTALLED_APPS:
        pytest.skip("mia.analysis is not in INSTALLED_APPS yet")
    from django.core.management import get_commands

    assert get_commands()["themes"] == "mia.analysis"
