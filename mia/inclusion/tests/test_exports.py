"""The whole trajectory as PDF (tagged, A4), DOCX and JSON; the JSON comes back in as a new
trajectory; names stay out unless asked for; the command line does the same."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from mia.inclusion import actions, exports
from mia.inclusion.exchange import ExchangeError, export_trajectory, import_trajectory
from mia.inclusion.models import Trajectory
from mia.tests.browser import docx_text, normalise, pdf_text

FACTORS = [
    "Gezondheid", "Educatie", "Sociale status", "Uiterlijke kenmerken", "Gender & Sekse", "Religie & levensbeschouwing",
    "Taal & Geletterdheid", "Seksuele oriëntatie", "Leeftijd", "Sociaal-culturele achtergrond", "(Arbeids)participatie",
    "Financiële situatie",
]
DEEL_3_QUESTIONS = [
    "Wat zijn belangrijke thema's en vraagstukken binnen het gekozen levensdomein?",
    "Wat is de huidige stand van zaken?",
    "Wiens draagvlak is echt nodig (op alle lagen: van bestuur tot uitvoering) binnen dit levensdomein?",
    "Welke middelen zijn er beschikbaar om inclusief beleid vorm te geven?",
]


@pytest.fixture
def pdf(full_trajectory, tmp_path):
    path = tmp_path / "traject.pdf"
    path.write_bytes(exports.trajectory_pdf(full_trajectory))
    return path


def test_the_pdf_is_tagged_a4_and_holds_the_trajectory(pdf, full_trajectory):
    reader = PdfReader(str(pdf))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root
    width, height = (float(x) for x in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)
    text = pdf_text(pdf)
    for factor in FACTORS:
        assert normalise(factor) in text, factor
    for question in DEEL_3_QUESTIONS:
        assert normalise(question) in text, question
    assert "Sportbeleid" in text and "Ouderen met een chronische ziekte." in text  # the check and a combination
    assert "Voelt zich welkom" in text and "Metingen van Voelt zich welkom" in text


def test_names_are_in_an_export_only_when_asked_for(full_trajectory, tmp_path):
    without, with_names = tmp_path / "zonder.pdf", tmp_path / "met.pdf"
    without.write_bytes(exports.trajectory_pdf(full_trajectory))
    with_names.write_bytes(exports.trajectory_pdf(full_trajectory, personal_data=True))
    assert "Anna Jansen" not in pdf_text(without) and "Sanne" not in pdf_text(without)
    assert "Lid 1" in pdf_text(without)
    assert "Anna Jansen" in pdf_text(with_names) and "Sanne" in pdf_text(with_names)
    data = export_trajectory(full_trajectory)
    text = json.dumps(data, ensure_ascii=False)
    assert "Anna Jansen" not in text and "Sanne" not in text
    assert data["working_group"]["members"][0]["perspectives"] == []
    assert "Anna Jansen" in json.dumps(export_trajectory(full_trajectory, personal_data=True), ensure_ascii=False)


def test_the_docx_is_a4_with_the_organisation_as_author_and_the_chart(full_trajectory, tmp_path):
    data = exports.trajectory_docx(full_trajectory, personal_data=True)
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        names = docx.namelist()
        document = docx.read("word/document.xml").decode()
        core = docx.read("docProps/core.xml").decode()
    assert 'w:w="11906"' in document and 'w:h="16838"' in document
    assert full_trajectory.organisation.name in core
    assert any(name.startswith("word/media/") for name in names)  # the indicator chart as a picture
    path = tmp_path / "traject.docx"
    path.write_bytes(data)
    text = docx_text(path)
    for factor in FACTORS:
        assert normalise(factor) in text
    assert normalise(DEEL_3_QUESTIONS[0]) in text
    assert "Anna Jansen" in text


def test_the_json_export_comes_back_as_a_new_trajectory(full_trajectory, owner, organisation):
    data = export_trajectory(full_trajectory, personal_data=True)
    copy = import_trajectory(json.dumps(data), user=owner, organisation=organisation)
    assert copy.pk != full_trajectory.pk and copy.uid != full_trajectory.uid
    again = export_trajectory(copy, personal_data=True)
    for key in ("trajectory", "answers", "tasks", "checks", "working_group", "participation"):
        assert again[key] == data[key], key
    strip = lambda m: [{k: v for k, v in g.items() if k not in ("key", "contributes_to", "goal", "indicator")} for g in m]  # noqa: E731
    assert strip(again["monitoring"]["goals"]) == strip(data["monitoring"]["goals"])
    assert strip(again["monitoring"]["indicators"]) == strip(data["monitoring"]["indicators"])
    assert copy.monitoring.indicators.get().goal.text == "Iedereen voelt zich welkom"
    assert copy.tasks.get().owner == "Sanne"


def test_a_file_with_one_bad_part_imports_nothing(full_trajectory, owner, organisation):
    data = export_trajectory(full_trajectory, personal_data=True)
    data["checks"][0]["factors"] = {"talent": {"anders": "x"}}
    before = Trajectory.objects.count()
    with pytest.raises(ExchangeError) as error:
        import_trajectory(json.dumps(data), user=owner, organisation=organisation)
    assert error.value.messages == ["vlechtwerkchecks › nr. 1: Onbekende factor van het vlechtwerk: talent."]
    assert Trajectory.objects.count() == before


def test_goals_that_point_at_later_goals_are_placed_from_the_top(trajectory, owner, organisation):
    data = export_trajectory(trajectory)
    data["monitoring"]["goals"] = [
        {"key": "a", "kind": "activiteit", "text": "Training", "contributes_to": "b"},
        {"key": "b", "kind": "output", "text": "Clubs met een plan", "contributes_to": "c"},
        {"key": "c", "kind": "outcome", "text": "Welkom"},
    ]
    copy = import_trajectory(json.dumps(data), user=owner, organisation=organisation)
    assert copy.monitoring.goals.get(text="Training").contributes_to.text == "Clubs met een plan"
    data["monitoring"]["goals"] = [{"key": "a", "kind": "output", "text": "Wees", "contributes_to": "bestaat-niet"}]
    with pytest.raises(ExchangeError, match="geen doel in dit bestand"):
        import_trajectory(json.dumps(data), user=owner, organisation=organisation)


def test_the_import_of_weet_ik_niet_without_a_task_is_refused(trajectory, owner, organisation):
    data = export_trajectory(trajectory)
    data["answers"] = [{"question": "1-1", "state": "weet-niet", "text": ""}]
    with pytest.raises(ExchangeError, match="antwoorden › nr. 1: bij ‘weet ik niet’ hoort een taak"):
        import_trajectory(json.dumps(data), user=owner, organisation=organisation)


def test_the_web_import_makes_a_trajectory(owner_client, full_trajectory):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    data = exports.json_bytes(export_trajectory(full_trajectory))
    response = owner_client.post(reverse("inclusion:import"), {"imp-file": SimpleUploadedFile("t.json", data)})
    assert response.status_code == 302
    assert Trajectory.objects.count() == 2


def test_the_web_export_is_a_job_and_names_need_the_kernteam(owner_client, full_trajectory, owner):
    from django.urls import reverse

    from mia.jobs.models import Job

    response = owner_client.post(reverse("inclusion:export_start", args=[full_trajectory.pk]), {"format": "pdf", "namen": "1"})
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.status == Job.Status.DONE and job.params["personal_data"] is True
    export = full_trajectory.export_files.get()
    assert job.result["url"] == reverse("inclusion:export_file", args=[full_trajectory.pk, export.pk])
    assert bytes(export.content).startswith(b"%PDF") and export.personal_data
    page = owner_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Bekijk het resultaat" in page and "Traject exporteren" in page
    with pytest.raises(actions.InclusionError, match="Kies PDF of DOCX"):
        actions.request_export(full_trajectory, user=owner, fmt="odt")


def test_the_same_document_is_not_made_twice_at_once(owner_client, full_trajectory, owner):
    from django.urls import reverse

    from mia.jobs.models import Job

    running = Job.objects.create(kind="inclusion.export", subject=actions.export_subject(full_trajectory, "pdf", False),
                                 params={"trajectory": full_trajectory.pk, "format": "pdf"}, status=Job.Status.RUNNING)
    with pytest.raises(actions.InclusionError, match="wordt al gemaakt"):
        actions.request_export(full_trajectory, user=owner, fmt="pdf")
    response = owner_client.post(reverse("inclusion:export_start", args=[full_trajectory.pk]), {"format": "pdf"})
    assert response["Location"] == reverse("jobs:detail", args=[running.pk])
    actions.request_export(full_trajectory, user=owner, fmt="docx")  # another document may run beside it
    assert Job.objects.count() == 2


def test_the_command_line_exports_every_format(full_trajectory, tmp_path):
    for fmt in ("pdf", "docx", "json"):
        out = tmp_path / f"traject.{fmt}"
        stdout = io.StringIO()
        call_command("export_inclusion", str(full_trajectory.pk), "--format", fmt, "--output", str(out), stdout=stdout)
        assert out.stat().st_size > 1000 and "geschreven naar" in stdout.getvalue()
    assert "Deel 3" in pdf_text(tmp_path / "traject.pdf")
    assert json.loads((tmp_path / "traject.json").read_text())["format"] == "mia-inclusietraject"
    with pytest.raises(CommandError, match="geen inclusietraject met id"):
        call_command("export_inclusion", "999999", "--format", "pdf", "--output", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="Alleen JSON kan naar het scherm"):
        call_command("export_inclusion", str(full_trajectory.pk), "--format", "pdf", "--output", "-")


def test_the_command_line_imports(full_trajectory, organisation, tmp_path):
    path = tmp_path / "traject.json"
    path.write_bytes(exports.json_bytes(export_trajectory(full_trajectory)))
    out = io.StringIO()
    call_command("import_inclusion", str(path), "--organisation", organisation.name, stdout=out)
    assert "Ingelezen als traject" in out.getvalue()
    path.write_text('{"format": "mia-inclusietraject", "format_version": 1}', encoding="utf-8")
    with pytest.raises(CommandError, match="traject: ontbreekt"):
        call_command("import_inclusion", str(path), "--organisation", organisation.name)
    with pytest.raises(CommandError, match="Er is geen organisatie"):
        call_command("import_inclusion", str(path), "--organisation", "Bestaat niet")


def test_the_measurements_are_in_the_csv_with_dutch_numbers(owner_client, full_trajectory):
    from django.urls import reverse

    indicator = full_trajectory.monitoring.indicators.get()
    actions.add_measurement(indicator, measured_on=dt.date(2026, 1, 1), value=Decimal("41.5"), note="Na de campagne")
    text = owner_client.get(reverse("inclusion:measurements_csv", args=[full_trajectory.pk])).content.decode("utf-8-sig")
    assert "Voelt zich welkom;outcome;%;2026-01-01;41,5;Na de campagne" in text
