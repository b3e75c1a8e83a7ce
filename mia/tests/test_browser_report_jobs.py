"""A large MIA's PDF and a large MIA import through the job queue, in the browser (issue 11, items 10
and 18): the page with the button, the download, the job page when done and when a file was refused;
axe and the page width at 1280 px and 360 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mia.jobs.models import Job
from mia.reports import render, views
from mia.reports.tests.report_fixtures import fill
from mia.tests import browser as b
from mia.tests.factories import PASSWORD, make_assessment, make_user

pytestmark = pytest.mark.browser


def _check_both_widths(page, audit, label: str) -> None:
    audit.check(page, label)
    page.set_viewport_size(b.NARROW)
    audit.check(page, f"{label} op 360 px")
    page.set_viewport_size(b.DESKTOP)


def test_a_large_report_pdf_and_a_refused_large_import_on_their_job_pages(page, instrument, tmp_path, monkeypatch):
    monkeypatch.setattr(render, "INLINE_REPORT_CARDS", {"pdf": 0, "docx": 0})
    monkeypatch.setattr(views, "INLINE_IMPORT_BYTES", 10)
    owner = make_user("groot-team", role="kernteam")
    assessment = make_assessment(owner, title="Herinrichting van het stationsgebied")
    fill(assessment, owner)
    audit = b.AxeAudit(check_width=True)

    page.goto("/account/login/")
    page.get_by_label("Gebruikersnaam").fill(owner.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn MIA's")

    page.goto(f"/mia/{assessment.pk}/rapport.pdf")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapport als PDF")
    expect(page.get_by_text("Deze MIA is groot.")).to_be_visible()
    _check_both_widths(page, audit, "rapport als PDF (groot)")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="PDF maken").click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    assert path.read_bytes()[:4] == b"%PDF" and path.suffix == ".pdf"

    job = Job.objects.get(kind="reports.report_pdf")
    page.goto(f"/taken/{job.pk}/")
    expect(page.get_by_role("status")).to_contain_text("Klaar.")
    expect(page.get_by_role("link", name="Bekijk het resultaat")).to_be_visible()
    _check_both_widths(page, audit, "taak: rapport als PDF (klaar)")

    page.goto("/mia/importeren/")
    bad = tmp_path / "kapot.json"
    bad.write_text('{"format": "mia-assessment", "format_version": 1, "assessment": {"title": 5}}', encoding="utf-8")
    page.get_by_label("JSON-bestand van een MIA").set_input_files(str(bad))
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("MIA importeren")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Dit is niet gelukt")
    expect(alert).to_contain_text("Er is niets geïmporteerd")
    _check_both_widths(page, audit, "taak: import geweigerd")
    audit.assert_clean()
