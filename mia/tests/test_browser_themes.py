"""Themes in the browser: run on the demo cards, merge two themes, rename one, see it in the report."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from mia.assessments.models import Assessment
from mia.tests import browser as b

pytestmark = pytest.mark.browser


def test_an_analyst_shapes_the_themes_and_finds_them_in_the_report(page, instrument):
    call_command("loaddemo", stdout=open("/dev/null", "w"))
    assessment = Assessment.objects.get(title__startswith="Sluiting van drie buurthuizen")
    audit = b.AxeAudit(check_width=True, also_narrow=True)
    page.goto("/account/login/")
    page.fill("#id_username", "demo")
    page.fill("#id_password", "demo-mia-2026")
    page.click("main button[type=submit]")
    page.goto(f"/mia/{assessment.pk}/")
    page.get_by_role("link", name="Thema's in de kaartjes").first.click()
    audit.check(page, "themes (empty)")
    # In tests the job runs inside the request: on a loaded machine that takes longer than a click waits.
    with page.expect_navigation(timeout=120_000):
        page.get_by_role("button", name="Thema's zoeken").click(no_wait_after=True)
    expect(page.locator(".message-success")).to_be_visible(timeout=60000)
    audit.check(page, "themes")
    headings = page.locator("section.theme h2")
    expect(headings.first).to_be_visible()
    count = headings.count()
    assert count >= 2, page.locator("main").inner_text()[:3000]
    page.get_by_role("button", name="Samenvoegen").click()
    expect(page.locator(".message-success")).to_contain_text("samengevoegd")
    expect(page.locator("section.theme h2")).to_have_count(count - 1)
    first = page.locator("section.theme").first
    first.locator("summary").click()
    first.get_by_label("Naam van het thema").fill("Een plek dichtbij om elkaar te zien")
    first.get_by_label("Samenvatting").fill("Veel deelnemers willen een ontmoetingsplek op loopafstand.")
    first.get_by_role("button", name="Opslaan").click()
    expect(page.locator("section.theme h2").first).to_contain_text("Een plek dichtbij om elkaar te zien")
    audit.check(page, "themes after edits")
    page.goto(f"/mia/{assessment.pk}/rapport/")
    expect(page.locator("#r-themas")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Een plek dichtbij om elkaar te zien")
    expect(page.locator("main")).to_contain_text("Veel deelnemers willen een ontmoetingsplek op loopafstand.")
    audit.check(page, "report with themes")
    audit.assert_clean()
