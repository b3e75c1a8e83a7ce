"""JSON export and import of a whole workspace: a round trip keeps everything, a bad file is refused
with Dutch messages that say where (pydantic behind it), large files go through the job queue."""

from __future__ import annotations

import copy
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mia.accounts.models import Organisation
from mia.jobs.models import Job
from mia.measures import actions
from mia.measures.exchange import export_workspace
from mia.measures.jsonfile import JsonFileError, load_json
from mia.measures.models import Workspace
from mia.measures.schema import DocumentError, parse_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(workspace, filled):
    indicator = actions.create_indicator(workspace, name="Ziekteverzuim", unit="%", measure=filled["measures"][0])
    from mia.core.tables import read_table
    from mia.measures.indicators import parse_indicator_table

    rows = parse_indicator_table(read_table(b"indicator,periode,groep,waarde\nZiekteverzuim,2023-K1,,5.8\nZiekteverzuim,2023-K2,Jongeren,4.1\n")).rows
    actions.import_observations(workspace, rows)
    second = actions.create_indicator(workspace, name="Werkloosheid", unit="%")
    actions.import_observations(workspace, parse_indicator_table(read_table(b"indicator,periode,waarde\nWerkloosheid,2023-K1,3.6\n")).rows)
    actions.create_composite(workspace, name="Kernwaarde", description="", components=[(indicator, 1.0), (second, 2.0)])
    actions.add_development(workspace, title="Hoge energieprijzen", period="2022")
    actions.set_status(filled["measures"][1], "vastgesteld", note="MIT-vergadering")
    actions.set_package_level(filled["package"], filled["heavy"], social_level=4, economic_level=None, effectiveness_level=5, explanation="Samen.")
    return export_workspace(workspace, personal_data=True)


def summary(w: Workspace) -> dict:
    data = export_workspace(w, personal_data=True)
    for key in ("uid", "exported_at"):
        data.pop(key)
    for m in data["measures"]:
        for v in m["versions"]:
            v.pop("created_at")
    return data


def test_a_round_trip_keeps_everything(workspace, document, member):
    imported = actions.import_workspace(parse_document(json.loads(json.dumps(document))), workspace.organisation, member)
    assert imported.pk != workspace.pk
    assert summary(imported) == summary(workspace)
    assert imported.measures.get(number=2).versions.get().note == "MIT-vergadering"


def test_the_export_leaves_out_the_names_of_experts_unless_asked(workspace, filled):
    plain = json.dumps(export_workspace(workspace))
    assert "Dr. J. de Vries" not in plain and "Gesprek over onderwijsachterstanden" in plain
    assert "Dr. J. de Vries" in json.dumps(export_workspace(workspace, personal_data=True))


def issues_of(data) -> list[str]:
    with pytest.raises(DocumentError) as error:
        parse_document(data)
    return error.value.issues


@pytest.mark.parametrize(("change", "expected"), [
    (lambda d: d.pop("workspace"), "workspace: dit veld ontbreekt"),
    (lambda d: d["workspace"].update(name=""), "workspace.name: mag niet leeg zijn"),
    (lambda d: d["workspace"].update(name="x" * 201), "workspace.name: is te lang (hoogstens 200 tekens)"),
    (lambda d: d["measures"][0].update(number="1"), "measures[0].number: moet een heel getal zijn"),
    (lambda d: d["measures"][0].update(nature="misschien"), "measures[0].nature: kies een van: 'vrijwillig' of 'verplichtend'"),
    (lambda d: d["measures"][1]["scenarios"][0].update(social_level=7), "measures[1].scenarios[0].social_level: mag hoogstens 5 zijn"),
    (lambda d: d["measures"][0].update(onbekend=1), "measures[0].onbekend: dit veld kennen we niet"),
    (lambda d: d["measures"][0].update(status_date="gisteren"), "measures[0].status_date: moet een datum zijn als JJJJ-MM-DD"),
    (lambda d: d["measures"][1]["sources"][0].update(url="javascript:alert(1)"), "measures[1].sources[0].url: moet een webadres zijn"),
    (lambda d: d["indicators"][0]["observations"][0].update(value=float("inf")), "indicators[0].observations[0].value: moet een gewoon getal zijn"),
    (lambda d: d["indicators"][0]["observations"][0].update(value=1e300), "indicators[0].observations[0].value: mag hoogstens 1e+15 zijn"),
    (lambda d: d["weighings"][0]["criteria"][0].update(weight=-1), "weighings[0].criteria[0].weight: moet ten minste 0 zijn"),
    (lambda d: d.update(scenarios=[]), "scenarios: heeft te weinig onderdelen (ten minste 1)"),
    (lambda d: d["packages"][0]["measures"].append(99), "packages[0].measures[2]: er is geen maatregel met nummer 99"),
    (lambda d: d["measures"][1]["groups"][0].update(group="Onbekende groep"), "measures[1].groups[0].group: de groep 'Onbekende groep' staat niet in groups"),
    (lambda d: d["weighings"][0].update(scenario="Middel"), "weighings[0].scenario: het scenario 'Middel' staat niet in scenarios"),
    (lambda d: d["measures"].append(dict(d["measures"][0])), "measures[3]: het nummer '1' komt ook voor in measures[0]"),
    (lambda d: d["measures"][0].update(title="<script>x</script>" + "a" * 300), "measures[0].title: is te lang (hoogstens 200 tekens)"),
    (lambda d: d["measures"][0].update(scenarios={"a": [[[[[]]]]]}), "measures[0].scenarios: moet een lijst zijn"),
])
def test_a_bad_document_is_refused_with_a_dutch_path(document, change, expected):
    data = copy.deepcopy(document)
    change(data)
    issues = issues_of(data)
    assert any(issue.startswith(expected) for issue in issues), issues


@pytest.mark.parametrize(("data", "expected"), [
    ([], "moet een JSON-object zijn"),
    ({"format": "mia-assessment"}, "geen export van een werkruimte"),
    ({"format": "mia-impactteam", "format_version": 9}, "deze versie kennen we niet"),
])
def test_what_is_no_workspace_file_is_refused(data, expected):
    assert expected in issues_of(data)[0]


@pytest.mark.parametrize(("raw", "expected"), [
    (b"", "is leeg"), (b"{", "geen geldige JSON"), (b"\xff\xfe\xfa", "geen UTF-8"), (b"[" * 50_000 + b"]" * 50_000, "te diep genest"),
    (b'{"a": 1} x', "er staat nog iets na het einde"),
])
def test_unreadable_files_are_refused_in_dutch(raw, expected):
    with pytest.raises(JsonFileError, match=expected):
        load_json(raw)


def test_an_import_that_breaks_halfway_changes_nothing(workspace, document, member):
    data = copy.deepcopy(document)
    data["indicators"][0]["observations"].append({"period": "2023 Q1", "group": "", "region": "", "value": 1.0})  # = 2023-K1 again
    before = Workspace.objects.count()
    with pytest.raises(actions.MeasuresError, match="twee keer"):
        actions.import_workspace(parse_document(data), workspace.organisation, member)
    assert Workspace.objects.count() == before


def post_import(client, raw: bytes, organisation):
    return client.post(reverse("measures:import_upload"), {"file": SimpleUploadedFile("werkruimte.json", raw), "organisation": organisation.pk})


def test_the_import_page_makes_a_new_workspace(member_client, workspace, document):
    response = post_import(member_client, json.dumps(document).encode(), workspace.organisation)
    assert response.status_code == 302
    assert Workspace.objects.count() == 2


def test_the_import_page_lists_the_problems_and_keeps_nothing(member_client, workspace, document):
    data = copy.deepcopy(document)
    data["measures"][0]["nature"] = "misschien"
    data["workspace"]["name"] = ""
    response = post_import(member_client, json.dumps(data).encode(), workspace.organisation)
    page = response.content.decode()
    assert response.status_code == 400 and "measures[0].nature" in page and "workspace.name: mag niet leeg zijn" in page
    assert Workspace.objects.count() == 1


def test_a_member_cannot_import_into_another_organisation(member_client, document, outsider):
    response = post_import(member_client, json.dumps(document).encode(), Organisation.objects.get(name="Andere gemeente"))
    assert response.status_code == 400 and Workspace.objects.count() == 1


def test_a_large_import_runs_as_a_job(member_client, workspace, document, monkeypatch):
    monkeypatch.setattr(actions, "INLINE_IMPORT_BYTES", 100)
    response = post_import(member_client, json.dumps(document).encode(), workspace.organisation)
    assert "/taken/" in response["Location"]
    job = Job.objects.get(kind="measures.import_workspace")
    assert job.status == Job.Status.DONE, job.message
    new = Workspace.objects.get(pk=job.result["workspace"])
    assert new.measures.count() == 3
    assert member_client.get(response["Location"]).status_code == 200


def test_a_large_bad_import_fails_as_a_job_in_dutch(member_client, workspace, document, monkeypatch):
    monkeypatch.setattr(actions, "INLINE_IMPORT_BYTES", 100)
    data = copy.deepcopy(document)
    data["measures"][0]["number"] = -1
    post_import(member_client, json.dumps(data).encode(), workspace.organisation)
    job = Job.objects.get(kind="measures.import_workspace")
    assert job.status == Job.Status.FAILED and "measures[0].number: moet ten minste 1 zijn" in job.message
    assert Workspace.objects.count() == 1


def test_control_characters_in_an_imported_file_are_dropped_so_documents_still_work(client, workspace, document, member):
    data = copy.deepcopy(document)
    data["measures"][0]["title"] = "Thuis\x00werk\x1badvies"
    data["measures"][0]["description"] = "regel\x0b een\nregel twee"
    imported = actions.import_workspace(parse_document(data), workspace.organisation, member)
    measure = imported.measures.get(number=1)
    assert (measure.title, measure.description) == ("Thuiswerkadvies", "regel een\nregel twee")
    from mia.measures.documents import fiche_docx

    assert fiche_docx(measure).startswith(b"PK")
