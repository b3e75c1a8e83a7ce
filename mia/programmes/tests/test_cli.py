"""The command line: create_programme, import_initiatives, gap_matrix (and export/import of a programme)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from mia.programmes.content import EXAMPLE_INVENTORY
from mia.programmes.models import Programme
from mia.programmes.tests.conftest import csv_bytes, row


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_create_programme_prints_its_id_as_json(owner):
    output = run("create_programme", "Opgroeien", "--json", "--user", owner.username)
    data = json.loads(output)
    assert list(data) == ["id"]
    programme = Programme.objects.get(pk=data["id"])
    assert programme.title == "Opgroeien" and programme.themes.count() == 6


def test_create_programme_refuses_a_reader_and_an_unknown_user(reader, content):
    with pytest.raises(CommandError, match="kernteamlid of beheerder"):
        run("create_programme", "X", "--user", reader.username)
    with pytest.raises(CommandError, match="Er is geen gebruiker"):
        run("create_programme", "X", "--user", "niemand")


def test_import_initiatives_and_the_gap_matrix(owner, tmp_path):
    pid = json.loads(run("create_programme", "Opgroeien", "--json", "--user", owner.username))["id"]
    path = tmp_path / "inventaris.csv"
    path.write_bytes(csv_bytes([
        row("Eén", topics="Sociale media; Prestatiemaatschappij", groups="Jeugdigen; Ouders", reach="Lokaal; Nationaal"),
        row("Twee", topics="sociale media", groups="JEUGDIGEN", reach="nationaal"),
        ["", "", "", "", "", "", "", "", "", ""],
    ]))
    assert "2 rijen gelezen: 2 initiatieven toegevoegd, 0 bijgewerkt, 0 ongewijzigd." in run(
        "import_initiatives", str(path), "--programme", str(pid))
    out = tmp_path / "matrix.json"
    run("gap_matrix", "--programme", str(pid), "--json", str(out))
    data = json.loads(out.read_text(encoding="utf-8"))
    assert list(data) == ["cells"]
    assert len(data["cells"]) == 4 * 4 * 3
    assert set(data["cells"][0]) == {"onderwerp", "doelgroep", "reikwijdte", "count", "initiatives"}
    cells = {(c["onderwerp"], c["doelgroep"], c["reikwijdte"]): c for c in data["cells"]}
    assert cells[("Sociale media", "Jeugdigen", "Nationaal")] == {
        "onderwerp": "Sociale media", "doelgroep": "Jeugdigen", "reikwijdte": "Nationaal", "count": 2, "initiatives": ["Eén", "Twee"]}
    assert cells[("Prestatiemaatschappij", "Ouders", "Lokaal")]["initiatives"] == ["Eén"]
    assert cells[("Sociale media", "Professionals", "Regionaal")]["count"] == 0
    # One initiative with 2 topics x 2 groups x 2 reaches counts once in each of its 8 combinations.
    assert sum(1 for c in data["cells"] if "Eén" in c["initiatives"]) == 8


def test_import_initiatives_reports_problems_per_row_and_imports_nothing(owner, tmp_path):
    pid = json.loads(run("create_programme", "Opgroeien", "--json", "--user", owner.username))["id"]
    path = tmp_path / "fout.csv"
    path.write_bytes(csv_bytes([row("Eén", groups="Grootouders"), row("Twee", reach="Overal")]))
    with pytest.raises(CommandError) as error:
        run("import_initiatives", str(path), "--programme", str(pid))
    assert "Rij 2, kolom ‘doelgroep’: ‘Grootouders’ kennen we niet." in str(error.value)
    assert "Rij 3, kolom ‘reikwijdte’: ‘Overal’ kennen we niet." in str(error.value)
    assert Programme.objects.get(pk=pid).initiatives.count() == 0
    with pytest.raises(CommandError, match="Er is geen programma met id 999999"):
        run("import_initiatives", str(path), "--programme", "999999")
    with pytest.raises(CommandError, match="Kon .* niet lezen"):
        run("import_initiatives", str(tmp_path / "bestaat-niet.csv"), "--programme", str(pid))


def test_the_seed_inventory_imports_from_the_command_line(owner, tmp_path):
    pid = json.loads(run("create_programme", "Opgroeien", "--json", "--user", owner.username))["id"]
    assert "40 initiatieven toegevoegd" in run("import_initiatives", str(EXAMPLE_INVENTORY), "--programme", str(pid))


def test_gap_matrix_to_standard_output(owner, capsys):
    pid = json.loads(run("create_programme", "Opgroeien", "--json", "--user", owner.username))["id"]
    call_command("gap_matrix", "--programme", str(pid), "--json", "-")
    data = json.loads(capsys.readouterr().out)
    assert all(c["count"] == 0 and c["initiatives"] == [] for c in data["cells"])


def test_export_and_import_programme(owner, tmp_path):
    pid = json.loads(run("create_programme", "Opgroeien", "--json", "--user", owner.username))["id"]
    for fmt in ("json", "pdf", "docx"):
        out = tmp_path / f"p.{fmt}"
        run("export_programme", str(pid), "--format", fmt, "--output", str(out))
        assert out.stat().st_size > 1000
    assert "Geïmporteerd als programma" in run("import_programme", str(tmp_path / "p.json"), "--user", owner.username)
    bad = tmp_path / "bad.json"
    bad.write_text('{"formaat": "mia-programma", "versie": 2}', encoding="utf-8")
    with pytest.raises(CommandError, match="versie"):
        run("import_programme", str(bad), "--user", owner.username)
