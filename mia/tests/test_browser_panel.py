"""Panel selection in the browser: import pool and quotas, draw, read the report, export; axe on every page."""

from __future__ import annotations

import csv

import pytest
from playwright.sync_api import expect

from mia.panels.tests.test_web import QUOTAS, people_csv
from mia.tests import browser as b
from mia.tests.factories import PASSWORD, make_assessment, make_user

pytestmark = pytest.mark.browser


def test_a_kernteam_draws_a_fair_panel(page, instrument, tmp_path):
    user = make_user("loter")
    assessment = make_assessment(user)
    people, quotas = tmp_path / "vrijwilligers.csv", tmp_path / "quota.csv"
    people.write_bytes(people_csv())
    quotas.write_bytes(QUOTAS)
    audit = b.AxeAudit(check_width=True, also_narrow=True)

    page.goto("/account/login/")
    page.fill("#id_username", "loter")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.goto(f"/mia/{assessment.pk}/stap-2/deelnemers/")
    page.get_by_role("link", name="Loot een eerlijk en divers panel").click()
    audit.check(page, "pools")
    # Example files to start from are offered on the page.
    expect(page.get_by_role("link", name="lijst met vrijwilligers (CSV)")).to_be_visible()
    # A file with problems: the job that reads it says what is wrong, per row, on its own page.
    bad = tmp_path / "fout.csv"
    bad.write_bytes(people_csv().replace(b"vrouw", b"onbekend", 2))
    page.get_by_label("Naam van de lijst").fill("Inwonerspanel")
    page.get_by_label("Bestand met vrijwilligers").set_input_files(str(bad))
    page.get_by_label("Bestand met de aantallen per groep").set_input_files(str(quotas))
    page.get_by_role("button", name="Inlezen").click()
    expect(page.get_by_role("heading", name="Lijst met vrijwilligers inlezen")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("Rij 3, kolom 'geslacht': 'onbekend' staat niet in de quota")
    audit.check(page, "reading job with problems")
    page.get_by_role("link", name="Terug").click()

    page.get_by_label("Naam van de lijst").fill("Inwonerspanel")
    page.get_by_label("Bestand met vrijwilligers").set_input_files(str(people))
    page.get_by_label("Bestand met de aantallen per groep").set_input_files(str(quotas))
    page.get_by_role("button", name="Inlezen").click()
    expect(page.locator(".message-success")).to_contain_text("40 vrijwilligers")
    audit.check(page, "pool")

    page.get_by_label("Hoeveel mensen moeten er in het panel?").fill("8")
    page.get_by_label("Startgetal voor de loting").fill("2026")
    page.get_by_role("button", name="Loten").click()
    expect(page.get_by_role("heading", name="Geloot panel")).to_be_visible()
    audit.check(page, "selection")
    table = page.get_by_role("table", name="Aantallen en percentages per kenmerk")
    expect(table).to_contain_text("leeftijd")
    expect(table.locator("tbody tr")).to_have_count(9)
    expect(page.locator("main")).to_contain_text("Kleinste kans om gekozen te worden")

    with page.expect_download() as download:
        page.get_by_role("link", name="Panel en reserves downloaden").click()
    path = tmp_path / "panel.csv"
    download.value.save_as(path)
    rows = list(csv.DictReader(path.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert sum(1 for r in rows if r["rol"] == "panel") == 8
    assert all(r["email"].endswith("@example.org") for r in rows)

    page.set_viewport_size({"width": 360, "height": 800})
    audit.check(page, "selection at 360 px")
    audit.assert_clean()
