"""The kernteam finishes the report in the browser: reads the first page, picks the key follow-up,
adds a transcript, makes the report definitive and downloads it; axe and the page width are
checked on every page at 1280 px and at 360 px."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from mia.reports.models import ReportState, Transcript
from mia.reports.tests.report_fixtures import CONCLUSION, KEY_ACTION, fill, set_form
from mia.tests import browser as b
from mia.tests.factories import PASSWORD, make_assessment, make_user

pytestmark = pytest.mark.browser


def test_kernteam_sets_the_status_adds_a_transcript_and_reads_the_report(page, instrument, tmp_path):
    owner = make_user("wethouder-team", role="kernteam", first_name="Sanne", last_name="de Vries")
    assessment = make_assessment(owner, title="Invoering betaald parkeren in de binnenstad")
    session = fill(assessment, owner)
    set_form(assessment, "transcript")
    audit = b.AxeAudit(check_width=True)

    page.goto("/account/login/")
    page.get_by_label("Gebruikersnaam").fill(owner.username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn MIA's")

    page.goto(f"/mia/{assessment.pk}/rapport/")
    first = page.locator("section.report-first-page")
    expect(first.get_by_role("heading", name="Samenvatting")).to_be_visible()
    expect(first).to_contain_text("Versie 1 · concept")
    expect(first).to_contain_text("Sanne de Vries")
    expect(first).to_contain_text(CONCLUSION)
    for statement in assessment.content_version.chartstatement_set.all():
        expect(first.get_by_role("table", name="MIA-score in het kort")).to_contain_text(statement.text)
    audit.check(page, "rapport (concept)")

    # The key follow-up for the first page.
    page.get_by_label("Belangrijkste vervolgstap op de eerste pagina").select_option(label=f"Communicatie: {KEY_ACTION}")
    page.get_by_role("region", name="Status van het rapport").get_by_role("button", name="Opslaan").click()
    expect(page.locator(".messages")).to_contain_text("De eerste pagina is bijgewerkt.")
    expect(first.get_by_role("heading", name="Belangrijkste vervolgstap")).to_be_visible()
    expect(first).to_contain_text(KEY_ACTION)

    # The transcript, typed with the participants' names; the report shows pseudonyms only.
    page.get_by_role("link", name="Transcript invoeren of aanpassen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Transcript van de MIA-dialoog")
    audit.check(page, "transcript (leeg)")
    page.get_by_label("Transcript (typen of plakken)").fill("Persoon 2: Parkeren wordt te duur voor mijn moeder.\nPersoon 3: Dat zie ik ook.")
    page.get_by_role("button", name="Transcript opslaan").click()
    expect(page.locator(".messages")).to_contain_text("MIA verving 2 namen")
    assert "Persoon 2" not in Transcript.objects.get(session=session).text
    audit.check(page, "transcript opgeslagen")
    page.set_viewport_size(b.NARROW)
    audit.check(page, "transcript op 360 px")
    page.set_viewport_size(b.DESKTOP)
    page.get_by_role("link", name="Naar het rapport").click()
    transcript = page.get_by_role("region", name="Bijlage: transcript van de MIA-dialoog")
    expect(transcript).to_contain_text("Parkeren wordt te duur voor mijn moeder.")
    expect(transcript).not_to_contain_text("Persoon 2")

    # Definitief: the first page says so with today's date; then back to a new concept version.
    page.get_by_role("button", name="Maak het rapport definitief").click()
    expect(page.locator(".messages")).to_contain_text("Het rapport is definitief (versie 1).")
    expect(first).to_contain_text("Versie 1 · definitief")
    expect(first).to_contain_text("Definitief gemaakt op")
    audit.check(page, "rapport (definitief)")
    page.set_viewport_size(b.NARROW)
    audit.check(page, "rapport op 360 px")
    page.set_viewport_size(b.DESKTOP)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    path = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(path)
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    first_page = " ".join(reader.pages[0].extract_text().split())
    assert "Versie 1 · definitief" in first_page and KEY_ACTION in first_page

    page.get_by_role("button", name="Terug naar concept (nieuwe versie)").click()
    expect(page.locator(".messages")).to_contain_text("versie 2")
    expect(first).to_contain_text("Versie 2 · concept")
    audit.check(page, "rapport (versie 2)")
    state = ReportState.objects.get(assessment=assessment)
    assert (state.version, state.status) == (2, "concept")
    audit.assert_clean()
