"""The command line: `mia weigh` exactly as issue 15 specifies it, and the export and import commands."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from mia.jobs.models import Job
from mia.measures import actions, tasks
from mia.measures.models import Observation, Workspace

INPUT = {
    "criteria": [{"name": "kosten", "weight": 1, "direction": "min"}, {"name": "baten", "weight": 3, "direction": "max"}],
    "alternatives": [{"name": "A", "scores": {"kosten": 10, "baten": 5}}, {"name": "B", "scores": {"kosten": 20, "baten": 9}},
                     {"name": "C", "scores": {"kosten": 15, "baten": 7}}],
}


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_weigh_writes_the_ranking_stability_and_rank_acceptability(tmp_path):
    source, target = tmp_path / "in.json", tmp_path / "out.json"
    source.write_text(json.dumps(INPUT))
    _out, err = run("weigh", "--input", str(source), "--json", str(target), "--samples", "2000", "--seed", "3")
    data = json.loads(target.read_text())
    assert list(data) == ["ranking", "stability", "rank_acceptability"]
    assert [(r["name"], r["rank"]) for r in data["ranking"]] == [("B", 1), ("C", 2), ("A", 3)]
    assert data["ranking"][0]["score"] == pytest.approx(0.75)
    assert data["stability"][0] == {"criterion": "kosten", "weight": 0.25, "low": 0.0, "high": pytest.approx(0.5)}
    assert sum(data["rank_acceptability"]["B"]) == pytest.approx(1.0) and len(data["rank_acceptability"]["A"]) == 3
    assert "eerste: B" in err
    # The same seed gives the same file.
    again = tmp_path / "again.json"
    run("weigh", "--input", str(source), "--json", str(again), "--samples", "2000", "--seed", "3")
    assert again.read_text() == target.read_text()


def test_weigh_to_standard_output(tmp_path):
    source = tmp_path / "in.json"
    source.write_text(json.dumps(INPUT))
    out, _err = run("weigh", "--input", str(source), "--json", "-", "--samples", "10")
    assert json.loads(out)["ranking"][0]["name"] == "B"


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "Het invoerbestand is leeg."),
    (b"{", "Het invoerbestand is geen geldige JSON"),
    (b"\xff\xfe\xfa\xfb", "geen UTF-8-tekst"),
    (b"[" * 100_000, "te diep genest"),
    (json.dumps({**INPUT, "alternatives": INPUT["alternatives"][:1]}).encode(), "ten minste twee alternatieven nodig"),
    (json.dumps({**INPUT, "criteria": [{"name": "kosten", "weight": -1}, {"name": "baten", "weight": 1}]}).encode(), "niet negatief"),
    (json.dumps({"criteria": INPUT["criteria"], "alternatives": [{"name": "A", "scores": {"kosten": 1}}, {"name": "B", "scores": {"kosten": 1, "baten": 1, "snelheid": 2}}]}).encode(),
     "alternatives[0].scores: de score voor criterium 'baten' ontbreekt"),
    (json.dumps({"criteria": INPUT["criteria"], "alternatives": [{"name": "A", "scores": {"kosten": 1, "baten": 2}}, {"name": "B", "scores": {"kosten": 1, "baten": 1, "snelheid": 2}}]}).encode(),
     "alternatives[1].scores.snelheid: dit criterium bestaat niet"),
])
def test_weigh_refuses_bad_input_in_dutch(tmp_path, content, expected):
    source = tmp_path / "in.json"
    source.write_bytes(content)
    with pytest.raises(CommandError) as error:
        run("weigh", "--input", str(source), "--json", str(tmp_path / "out.json"))
    assert expected in str(error.value)
    assert not (tmp_path / "out.json").exists()


def test_weigh_refuses_a_missing_file_and_bad_options(tmp_path):
    with pytest.raises(CommandError, match="Kon .* niet lezen"):
        run("weigh", "--input", str(tmp_path / "nee.json"), "--json", "-")
    with pytest.raises(CommandError, match="--samples moet tussen 1 en"):
        run("weigh", "--input", str(tmp_path / "nee.json"), "--json", "-", "--samples", "0")


@pytest.mark.django_db
def test_export_and_import_on_the_command_line(tmp_path, workspace, filled, member):
    target = tmp_path / "werkruimte.json"
    run("export_measures", str(workspace.pk), "--output", str(target))
    assert "Dr. J. de Vries" not in target.read_text()
    out, _ = run("import_measures", str(target), "--organisation", workspace.organisation.name, "--user", member.username)
    assert "Geïmporteerd als werkruimte" in out and Workspace.objects.count() == 2
    for what, fmt, args, start in [("fiche", "pdf", ["--id", "2"], b"%PDF"), ("fiche", "docx", ["--id", "2"], b"PK"),
                                   ("package", "pdf", ["--id", str(filled["package"].pk)], b"%PDF"),
                                   ("weighing", "docx", ["--id", str(filled["weighing"].pk)], b"PK"),
                                   ("fiches", "pdf", [], b"%PDF"), ("indicators", "xlsx", [], b"PK")]:
        path = tmp_path / f"{what}.{fmt}"
        run("export_measures", str(workspace.pk), "--what", what, "--format", fmt, *args, "--output", str(path))
        assert path.read_bytes().startswith(start), what
    out, _ = run("export_measures", str(workspace.pk), "--what", "weighing", "--format", "json", "--id", str(filled["weighing"].pk), "--output", "-")
    assert json.loads(out)["ranking"][0]["name"] == "M1 Thuiswerkadvies"
    with pytest.raises(CommandError, match="Geef met --id aan welke fiche"):
        run("export_measures", str(workspace.pk), "--what", "fiche", "--output", "-")
    with pytest.raises(CommandError, match="kan als pdf, docx"):
        run("export_measures", str(workspace.pk), "--what", "package", "--format", "json", "--id", "1", "--output", "-")
    with pytest.raises(CommandError, match="Er is geen werkruimte met id 999"):
        run("export_measures", "999", "--output", "-")


@pytest.mark.django_db
def test_import_measures_refuses_bad_files_in_dutch(tmp_path, workspace):
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"format": "mia-impactteam", "format_version": 1, "workspace": {"name": ""}, "scenarios": []}))
    with pytest.raises(CommandError) as error:
        run("import_measures", str(path), "--organisation", workspace.organisation.name)
    assert "workspace.name: mag niet leeg zijn" in str(error.value) and "scenarios: heeft te weinig onderdelen" in str(error.value)
    with pytest.raises(CommandError, match="Er is geen organisatie"):
        run("import_measures", str(path), "--organisation", "Bestaat niet")


@pytest.mark.django_db
def test_import_indicators_and_refresh_cbs(tmp_path, workspace, monkeypatch):
    from mia.measures.tests.test_cbs import recorded

    path = tmp_path / "cijfers.csv"
    path.write_text("indicator;periode;waarde\nWelzijn;2023;7,1\nWelzijn;2024;7,3\n", encoding="utf-8")
    out, _ = run("import_indicators", str(workspace.pk), str(path))
    assert "2 nieuwe" in out and Observation.objects.count() == 2
    path.write_text("indicator;periode;waarde\nWelzijn;morgen;1\n")
    with pytest.raises(CommandError, match="Rij 2"):
        run("import_indicators", str(workspace.pk), str(path))
    monkeypatch.setattr(tasks, "fetch", recorded("v4"))
    feed = actions.add_cbs_feed(workspace, url="https://datasets.cbs.nl/odata/v1/CBS/80072ned", topics=[], category="ziekteverzuim", refresh_hours=0)
    out, _ = run("refresh_cbs", "--feed", str(feed.pk))
    assert "1 taak/taken gestart" in out
    assert Job.objects.get(kind="measures.cbs_refresh").status == Job.Status.DONE
    out, _ = run("refresh_cbs", "--due")
    assert "0 taak/taken" in out


@pytest.mark.django_db
def test_all_fiches_as_one_pdf_is_a_job_with_a_download(member_client, workspace, filled):
    from django.urls import reverse

    response = member_client.post(reverse("measures:all_fiches_pdf", args=[workspace.pk]))
    job = Job.objects.get(kind="measures.fiches_pdf")
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.status == Job.Status.DONE, job.message
    download = member_client.get(job.result["url"])
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(download.content)).pages)
    assert "M1 Thuiswerkadvies" in text and "M3 Avondklok" in text
