"""“Wie ontbreekt?”: `mia factor_coverage` on any people file the panel selection accepts, and the
coverage page of a trajectory (working group, vlechtwerk checks, linked MIA, an uploaded file)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from mia.inclusion import actions
from mia.panels.tests.test_web import QUOTAS, people_csv


def run(*args) -> tuple[dict, str]:
    out = io.StringIO()
    call_command("factor_coverage", *args, stdout=out)
    return out.getvalue()


def test_it_reports_per_factor_the_columns_that_cover_it(tmp_path):
    people, report = tmp_path / "vrijwilligers.csv", tmp_path / "dekking.json"
    people.write_bytes(people_csv())
    summary = run("--people", str(people), "--json", str(report))
    data = json.loads(report.read_text(encoding="utf-8"))
    covered = {f["code"]: f["sources"] for f in data["factors"] if f["covered"]}
    assert covered == {"leeftijd": ["leeftijd"], "gender-sekse": ["geslacht"], "educatie": ["opleiding"]}
    assert [f["covered"] for f in data["factors"]][:9] == [False] * 9  # gaps first
    assert data["skipped_columns"] == ["id", "naam", "email", "adres"]
    assert data["rows"] == 40
    assert "3 van de 12 factoren gedekt" in summary and "Uiterlijke kenmerken" in summary
    assert "v1@example.org" not in report.read_text(encoding="utf-8")
    geslacht = next(c for c in data["columns"] if c["column"] == "geslacht")
    assert geslacht["how"] == "naam" and geslacht["group"] == "genders" and sorted(geslacht["categories"]) == ["man", "vrouw"]


def test_with_the_quota_file_it_reads_the_people_as_the_panel_selection_does(tmp_path):
    people, quotas, report = tmp_path / "p.csv", tmp_path / "q.csv", tmp_path / "r.json"
    people.write_bytes(people_csv())
    quotas.write_bytes(QUOTAS + b"opleiding,onbekend,0,1\n")
    run("--people", str(people), "--features", str(quotas), "--json", str(report))
    data = json.loads(report.read_text(encoding="utf-8"))
    education = next(f for f in data["factors"] if f["code"] == "educatie")
    assert education["status"] == "gat" and education["gaps"] == ["opleiding: onbekend (niemand)"]
    assert data["skipped_columns"] == ["naam", "email", "adres"]


def test_it_reads_xlsx_and_semicolons_and_takes_explicit_links(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Nr", "Lft", "Gender", "Doelgroep"])
    sheet.append([1, "18-30", "vrouw", "jongeren"])
    sheet.append([2, "65+", "man", "laaggeletterden"])
    path, report = tmp_path / "mensen.xlsx", tmp_path / "r.json"
    book.save(path)
    run("--people", str(path), "--json", str(report), "--koppel", "Lft=leeftijd")
    data = json.loads(report.read_text(encoding="utf-8"))
    by_code = {f["code"]: f for f in data["factors"]}
    assert by_code["leeftijd"]["sources"] == ["Lft"]
    assert by_code["taal-geletterdheid"]["categories"] == [{"column": "Doelgroep", "category": "laaggeletterden"}]
    assert "Nr" in data["outside"]


def test_it_writes_to_standard_output_and_refuses_bad_input(tmp_path):
    people = tmp_path / "p.csv"
    people.write_text("id;leeftijd\n1;30\n", encoding="utf-8")
    assert json.loads(run("--people", str(people), "--json", "-"))["factors"][-1]["code"] == "leeftijd"
    with pytest.raises(CommandError, match="Bestand niet gevonden"):
        run("--people", str(tmp_path / "weg.csv"), "--json", "-")
    people.write_bytes(b"\xd0\xcf\x11\xe0oud")
    with pytest.raises(CommandError, match="oud Excel-bestand"):
        run("--people", str(people), "--json", "-")
    people.write_text("id;leeftijd\n1;30\n", encoding="utf-8")
    with pytest.raises(CommandError, match="KOLOM=FACTOR"):
        run("--people", str(people), "--json", "-", "--koppel", "leeftijd=talent")
    quotas = tmp_path / "q.csv"
    quotas.write_text("feature,value,min,max\ngeslacht,vrouw,1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="ontbreekt in het deelnemersbestand"):
        run("--people", str(people), "--features", str(quotas), "--json", "-")


def test_the_coverage_page_shows_every_group_around_the_trajectory(owner_client, full_trajectory, owner, content):
    from mia.tests.factories import make_assessment, make_dialogue

    mia = make_assessment(owner)
    session = make_dialogue(mia, participants=2)
    person = session.participants.first()
    person.groups.set(mia.content_version.affectedgroup_set.filter(code="geletterdheid"))
    actions.add_activity(full_trajectory.participation, form="rondetafelgesprekken", title="Dialoog", assessment=mia, user=owner)
    page = owner_client.get(reverse("inclusion:coverage", args=[full_trajectory.pk])).content.decode()
    assert "De werkgroep" in page and "Anna Jansen" in page
    assert "De vlechtwerkchecks" in page and "Sportbeleid" in page
    assert f"Deelnemers van de MIA ‘{mia.title}’" in page and person.pseudonym in page
    assert page.index("niet gedekt") < page.index(">gedekt<")


def test_the_coverage_page_checks_a_file_without_storing_it(owner_client, full_trajectory):
    from mia.inclusion import models

    before = [m.objects.count() for m in (models.Trajectory, models.Member, models.Task)]
    response = owner_client.post(reverse("inclusion:coverage_file", args=[full_trajectory.pk]),
                                 {"bestand-file": SimpleUploadedFile("pool.csv", people_csv())})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Uitkomst voor 40 mensen" in page and "leeftijd" in page
    assert "Persoon 1" not in page and "example.org" not in page
    assert [m.objects.count() for m in (models.Trajectory, models.Member, models.Task)] == before
