"""Importing an inventory into a programme: through the action, the web page, and the job queue."""

from __future__ import annotations

import io

import openpyxl
from django.urls import reverse

from mia.jobs.models import Job
from mia.programmes import actions, queries
from mia.programmes.content import EXAMPLE_INVENTORY
from mia.programmes.models import Initiative, InventoryImport
from mia.programmes.tests.conftest import HEADER, csv_bytes, row


def test_it_imports_and_classifies(imported):
    names = {i.name: i for i in imported.initiatives.prefetch_related("topics", "target_groups", "themes")}
    offline = names["ikbenoffline.nl"]
    assert offline.category.label == "Spel- en lesmateriaal"
    assert sorted(t.label for t in offline.target_groups.all()) == ["Burgers algemeen", "Jeugdigen"]
    assert sorted(t.title for t in offline.themes.all()) == ["Beter een goede buur dan een online vriend", "Online omgangsvormen"]
    assert names["Wijkgericht werken"].reaches == ["lokaal", "regionaal"]


def test_the_same_name_updates_instead_of_duplicating(imported):
    data = csv_bytes([row("HEY, HET IS OKÉ", owner="Ministerie van VWS", topics="Sociale media", groups="Ouders", reach="Lokaal"),
                      row("Nieuw initiatief", topics="Sociale media", groups="Ouders", reach="Lokaal")])
    record = actions.start_inventory_import(imported, data, "update.csv")
    assert (record.status, record.created_count, record.updated_count) == ("klaar", 1, 1)
    updated = imported.initiatives.get(key="heyhetisoke")
    assert updated.name == "HEY, HET IS OKÉ" and updated.owner == "Ministerie van VWS"
    assert [t.label for t in updated.topics.all()] == ["Sociale media"]
    assert [t.label for t in updated.target_groups.all()] == ["Ouders"]
    assert updated.themes.count() == 0 and updated.reaches == ["lokaal"]
    assert imported.initiatives.count() == 4


def test_a_file_with_unknown_values_changes_nothing_and_keeps_no_bytes(imported):
    before = list(Initiative.objects.values_list("name", "owner"))
    data = csv_bytes([row("Hey, het is oké", owner="Iemand anders"), row("Fout", groups="Grootouders")])
    record = actions.start_inventory_import(imported, data, "fout.csv")
    assert record.status == InventoryImport.Status.REFUSED
    assert record.issues == ["Rij 3, kolom ‘doelgroep’: ‘Grootouders’ kennen we niet. Bekende waarden: Professionals; "
                             "Burgers algemeen; Ouders; Jeugdigen. Voeg nieuwe waarden eerst toe bij de instellingen van het programma."]
    assert list(Initiative.objects.values_list("name", "owner")) == before
    assert bytes(record.data) == b""


def test_a_broken_file_is_refused_in_dutch(programme):
    record = actions.start_inventory_import(programme, b"\xd0\xcf\x11\xe0oud excel", "oud.xls")
    assert record.status == "geweigerd" and "oud Excel-bestand" in record.issues[0]
    record = actions.start_inventory_import(programme, b"", "leeg.csv")
    assert record.issues == ["Het bestand is leeg."]
    record = actions.start_inventory_import(programme, b"PK\x03\x04kapot", "kapot.xlsx")
    assert "Het Excel-bestand kan niet worden gelezen" in record.issues[0]
    record = actions.start_inventory_import(programme, "naam;link\n\x00".encode("utf-16-le"), "utf16.csv")
    assert record.status == "geweigerd"


def test_it_reads_xlsx(programme):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append(row("Uit Excel", topics="Sociale media; Prestatiemaatschappij", groups="Jeugdigen", reach="Nationaal"))
    sheet.append(row("=1+1", topics="Sociale media"))
    buffer = io.BytesIO()
    workbook.save(buffer)
    record = actions.start_inventory_import(programme, buffer.getvalue(), "inventaris.xlsx")
    assert record.status == "klaar", record.issues
    assert programme.initiatives.filter(name="'=1+1").exists()
    assert any("onschadelijk" in w for w in record.warnings)


def test_the_seed_example_file_imports_into_a_fresh_programme(programme):
    record = actions.start_inventory_import(programme, EXAMPLE_INVENTORY.read_bytes(), EXAMPLE_INVENTORY.name)
    assert record.status == "klaar", record.issues
    assert record.created_count == 40
    cells = queries.gap_matrix(programme)["cells"]
    social_parents = [c for c in cells if c["onderwerp"] == "Sociale media" and c["doelgroep"] == "Ouders"]
    # The seed's own conclusion: few initiatives on social media; for parents none at all.
    assert all(c["count"] == 0 for c in social_parents)


def test_a_large_file_goes_through_the_job_queue_with_progress(programme):
    rows = [row(f"Initiatief {n}", topics="Sociale media; Prestatiemaatschappij", groups="Jeugdigen; Ouders",
                reach="Lokaal; Nationaal", themes="Online omgangsvormen", goal="Een doel " * 5) for n in range(10_000)]
    data = csv_bytes(rows)
    assert len(data) > actions.INLINE_IMPORT_MAX_BYTES
    record = actions.start_inventory_import(programme, data, "groot.csv")
    record.refresh_from_db()
    assert record.job is not None
    assert (record.job.status, record.job.kind) == (Job.Status.DONE, "programmes.import_initiatives")
    assert (record.status, record.created_count) == ("klaar", 10_000)
    assert record.job.result["url"] == reverse("programmes:import", args=[programme.pk, record.pk])
    cells = {(c["onderwerp"], c["doelgroep"], c["reikwijdte"]): c["count"] for c in queries.gap_matrix(programme)["cells"]}
    assert cells[("Sociale media", "Jeugdigen", "Nationaal")] == 10_000
    assert cells[("Algehele mentale gezondheid", "Jeugdigen", "Nationaal")] == 0
    # Importing the same file again updates every row and adds none.
    again = actions.start_inventory_import(programme, data, "groot.csv")
    again.refresh_from_db()
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 10_000)
    assert programme.initiatives.count() == 10_000


def test_a_refused_large_file_fails_its_job_in_dutch(programme):
    rows = [row(f"Initiatief {n}", groups="Jeugdigen", goal="x" * 40) for n in range(3000)] + [row("Fout", groups="Niemand")]
    record = actions.start_inventory_import(programme, csv_bytes(rows), "groot.csv")
    record.refresh_from_db()
    assert record.status == "geweigerd"
    assert record.job.status == Job.Status.FAILED
    assert "Het bestand is niet ingelezen: het heeft 1 fouten." in record.job.message
    assert programme.initiatives.count() == 0


def test_the_upload_page_imports_and_shows_the_result(programme_client, programme):
    url = reverse("programmes:inventory_import", args=[programme.pk])
    upload = io.BytesIO(csv_bytes([row("Via de site", topics="Sociale media", groups="Jeugdigen", reach="Lokaal")]))
    upload.name = "site.csv"
    response = programme_client.post(url, {"file": upload}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 rijen gelezen: 1 initiatieven toegevoegd, 0 bijgewerkt, 0 ongewijzigd." in page


def test_the_upload_page_lists_every_problem_per_row(programme_client, programme):
    url = reverse("programmes:inventory_import", args=[programme.pk])
    upload = io.BytesIO(csv_bytes([row("Eén", groups="Jeugdigen; Opa's"), row("", topics="Socale media")]))
    upload.name = "fout.csv"
    page = programme_client.post(url, {"file": upload}, follow=True).content.decode()
    assert "Het bestand is niet ingelezen: 3 problemen" in page
    assert "Rij 2, kolom ‘doelgroep’: ‘Opa&#x27;s’ kennen we niet." in page
    assert "Rij 3, kolom ‘naam’: de naam ontbreekt." in page
    assert "Bedoelt u ‘Sociale media’?" in page
    assert programme.initiatives.count() == 0


def test_the_upload_page_refuses_no_file_and_an_oversized_file(programme_client, programme, settings):
    url = reverse("programmes:inventory_import", args=[programme.pk])
    response = programme_client.post(url, {})
    assert response.status_code == 400 and "Kies een bestand." in response.content.decode()
    settings.MIA_MAX_IMPORT_BYTES = 100
    upload = io.BytesIO(b"x" * 200)
    upload.name = "groot.csv"
    response = programme_client.post(url, {"file": upload})
    assert response.status_code == 400 and "Het bestand is te groot" in response.content.decode()
