"""The impact team's journey in real headless Chromium, with an axe-core scan of every page at 1280 and at
360 px (no sideways scrolling): write two fiches → make a package and read its stacking → place the
measures on the ladder and in the matrix → import an indicator CSV and see the dashboard → set up a
weighing, change a weight, see the ranking and its stability change → export the annex (read back)."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect

from mia.accounts.models import Organisation
from mia.measures.models import Measure, Workspace
from mia.tests import browser as b
from mia.tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser

CSV = """indicator;periode;groep;regio;waarde;eenheid;bron
Ziekteverzuim;2023-K1;;;5,8;%;CBS
Ziekteverzuim;2023-K2;;;4,9;%;CBS
Ziekteverzuim;2023-K1;Zorgprofessionals;;7,3;%;CBS
Ziekteverzuim;2023-K2;Zorgprofessionals;;6,6;%;CBS
"""


class Journey:
    """Every page the journey loads is scanned twice: at 1280 px and at 360 px."""

    def __init__(self, page):
        self.page = page
        self.audit = b.AxeAudit(check_width=True)

    def scan(self, label: str) -> None:
        self.audit.check(self.page, f"{label} (1280 px)")
        self.page.set_viewport_size(b.NARROW)
        self.audit.check(self.page, f"{label} (360 px)")
        self.page.set_viewport_size(b.DESKTOP)

    def go(self, action, label: str, status: int = 200) -> None:
        with self.page.expect_navigation(wait_until="load") as navigation:
            action()
        response = navigation.value
        assert response is not None and response.status == status, f"{label}: HTTP {response and response.status} at {self.page.url}"
        self.scan(label)


def test_an_impact_team_weighs_measures(page, tmp_path, transactional_db):
    from mia.instrument.loader import load_content_file

    load_content_file()
    make_user("analist", role="kernteam", organisation="Ministerie van SZW")
    csv_file = tmp_path / "indicatoren.csv"
    csv_file.write_text(CSV, encoding="utf-8")
    j = Journey(page)

    page.goto("/account/login/")
    page.fill("#id_username", "analist")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    j.go(lambda: page.goto("/impactteam/"), "werkruimtes")
    page.get_by_label("Naam van de werkruimte").fill("MIT najaar")
    page.get_by_label("Voor welke crisis of pandemie?").fill("Coronavirus")
    j.go(lambda: page.get_by_role("button", name="Werkruimte aanmaken").click(), "werkruimte")
    workspace = Workspace.objects.get(name="MIT najaar")
    assert workspace.organisation == Organisation.objects.get(name="Ministerie van SZW")

    # Two fiches, each with a vulnerable group.
    for title, description, nature, severity in [
        ("Thuiswerkadvies", "Werk thuis als het kan.", "Vrijwillig (advies)", "2 een beetje"),
        ("Scholen op afstand", "Lessen via de computer.", "Verplichtend", "5 zeer hard"),
    ]:
        j.go(lambda: page.get_by_role("link", name="Nieuwe fiche").first.click(), f"nieuwe fiche {title}")
        page.get_by_label("Titel van de maatregel").fill(title)
        page.get_by_label("Omschrijving van de maatregel").fill(description)
        page.get_by_label(nature).check()
        page.get_by_label("Wat is de impact als de maatregel níet wordt genomen?").fill("Meer besmettingen.")
        j.go(lambda: page.get_by_role("button", name="Fiche opslaan").click(), f"fiche {title}")
        page.locator("summary", has_text="Groep op de fiche zetten").click()
        page.get_by_label(re.compile(r"^Groep \(verplicht\)")).select_option(label="Jongeren")
        page.get_by_label("Kwetsbaar voor de maatregel").check()
        page.get_by_label("Hoe hard raakt de maatregel deze groep?").select_option(label=severity)
        page.get_by_label("Langere termijn (gevolgen blijven)").check()
        j.go(lambda: page.get_by_role("button", name="Groep opslaan").click(), f"fiche {title} met groep")
        expect(page.get_by_role("table", name="Kwetsbare groepen en hoe hard de maatregel hen raakt")).to_contain_text("Jongeren")
        page.get_by_role("link", name="Overzicht", exact=True).click()
    m1, m2 = Measure.objects.order_by("number")

    # A package and its stacking.
    j.go(lambda: page.get_by_role("link", name="Clusters en pakketten").first.click(), "pakketten")
    j.go(lambda: page.get_by_role("link", name="Nieuw cluster of pakket").click(), "nieuw pakket")
    page.get_by_label(re.compile(r"^Naam \(verplicht\)")).fill("Najaarspakket")
    page.get_by_label("M1 Thuiswerkadvies").check()
    page.get_by_label("M2 Scholen op afstand").check()
    j.go(lambda: page.get_by_role("button", name="Opslaan").click(), "pakket met stapeling")
    stacking = page.get_by_role("table", name="Hoe hard elke maatregel elke groep raakt (1–5; leeg: niet)")
    expect(stacking).to_contain_text("Jongeren")
    expect(stacking).to_contain_text("stapeling valt op")
    expect(stacking.locator("tbody tr").first.locator("td").nth(3)).to_have_text("7")  # 2 + 5 together
    expect(page.get_by_role("img", name=re.compile("Stapeling per kwetsbare groep"))).to_be_visible()

    # The ladder and the matrix in the heavier scenario.
    j.go(lambda: page.get_by_role("link", name="Ladder en matrix").click(), "ladder lichter scenario")
    j.go(lambda: page.get_by_role("link", name="Zwaarder scenario").click(), "ladder zwaarder scenario")
    for measure, levels in [(m1, ("2", "2", "2")), (m2, ("5", "3", "4"))]:
        for field, level in zip(("maatschappelijke impact", "economische impact", "effectiviteit"), levels, strict=True):
            page.get_by_label(f"{measure.code} {measure.title}: {field}").select_option(level)
    j.go(lambda: page.get_by_role("button", name="Plaatsing opslaan").click(), "ladder geplaatst")
    weighted = page.get_by_role("table", name="Gewogen maatregelenladder")
    expect(weighted).to_contain_text("weinig effectief, weinig impact")
    expect(weighted).to_contain_text("effectief, veel impact")
    expect(page.get_by_role("img", name=re.compile("Matrix effectiviteit"))).to_be_visible()
    expect(page.get_by_role("list", name="Maatschappelijke impact")).to_contain_text("M2 Scholen op afstand")

    # Indicators from a CSV file, on the dashboard.
    j.go(lambda: page.get_by_role("link", name="Dashboard").click(), "dashboard leeg")
    page.get_by_label("Bestand met indicatoren (CSV of Excel)").set_input_files(str(csv_file))
    j.go(lambda: page.get_by_role("button", name="Inlezen").click(), "dashboard met cijfers")
    expect(page.locator(".message-success")).to_contain_text("4 nieuwe")
    numbers = page.get_by_role("table", name=re.compile("Cijfers: Ziekteverzuim"))
    expect(numbers).to_contain_text("Zorgprofessionals")
    expect(numbers).to_contain_text("6,6")
    expect(page.get_by_role("img", name="Ziekteverzuim")).to_be_visible()

    # A weighing: scores, the ranking and its stability; then one weight changes.
    j.go(lambda: page.get_by_role("link", name="Afwegingskader").click(), "afwegingen")
    j.go(lambda: page.get_by_role("link", name="Nieuwe afweging").click(), "nieuwe afweging")
    page.get_by_label("Naam van de afweging").fill("Afweging najaar")
    page.get_by_label("Scenario").select_option(label="Zwaarder scenario")
    j.go(lambda: page.get_by_role("button", name="Afweging aanmaken").click(), "afweging zonder scores")
    expect(page.locator(".problem")).to_contain_text("Er ontbreken nog 8 score(s)")
    for value in ("Rechtvaardigheid", "Solidariteit", "Gelijke kansen", "Toekomstige generaties"):
        page.get_by_label(f"M1 Thuiswerkadvies: {value}").fill("4")
        page.get_by_label(f"M2 Scholen op afstand: {value}").fill("2")
    j.go(lambda: page.get_by_role("button", name="Scores opslaan").click(), "afweging met ranglijst")
    ranking = page.locator("#ranglijst tbody tr")
    expect(ranking.first).to_contain_text("M1 Thuiswerkadvies")
    stability_before = page.locator("#stabiliteit").inner_text()
    expect(page.locator("#stabiliteit")).to_contain_text("Effectiviteit")
    expect(page.locator(".breakdown")).to_contain_text("→")  # every number that went into the score

    page.get_by_label("Gewicht van Effectiviteit").fill("10")
    j.go(lambda: page.get_by_role("button", name="Gewichten opslaan").click(), "afweging na nieuw gewicht")
    expect(ranking.first).to_contain_text("M2 Scholen op afstand")
    assert page.locator("#stabiliteit").inner_text() != stability_before
    expect(page.locator("#stabiliteit")).to_contain_text("66,7%")  # effectiveness now holds 10 of 15

    # The annex as PDF, read back.
    with page.expect_download() as download:
        page.get_by_role("link", name="Bijlage als PDF").click()
    path = tmp_path / "bijlage.pdf"
    download.value.save_as(path)
    text = b.pdf_text(path)
    for expected in ["Bijlage: afweging Afweging najaar", "Criteria en gewichten", "Ranglijst", "Stabiliteit", "Rangkansen",
                     "Grondwet art. 1", "M2 Scholen op afstand"]:
        assert expected in text, expected

    j.audit.assert_clean()


def test_every_page_of_the_demo_workspace_passes_axe_at_both_widths(page, transactional_db):
    """The journey does not visit every page; the demo workspace (loaddemo) fills them all."""
    from django.core.management import call_command

    from mia.demo import measures_example

    call_command("loaddemo", stdout=io.StringIO())
    workspace = Workspace.objects.get(uid=measures_example.DEMO_UID)
    w = workspace.pk
    measure = workspace.measures.get(title="Sluiting van buurthuizen en ontmoetingsplekken")  # with the linked MIA
    package = workspace.packages.get(kind="cluster")
    weighing = workspace.weighings.get()
    indicator = workspace.indicators.first()
    urls = [
        "/impactteam/", "/impactteam/importeren/", f"/impactteam/{w}/", f"/impactteam/{w}/instellingen/",
        f"/impactteam/{w}/instellingen/schalen/", f"/impactteam/{w}/fiches/", f"/impactteam/{w}/fiches/nieuw/",
        f"/impactteam/{w}/fiches/{measure.pk}/", f"/impactteam/{w}/fiches/{measure.pk}/bewerken/",
        f"/impactteam/{w}/fiches/{measure.pk}/scenarios/", f"/impactteam/{w}/pakketten/", f"/impactteam/{w}/pakketten/{package.pk}/",
        f"/impactteam/{w}/pakketten/{package.pk}/bewerken/", f"/impactteam/{w}/dashboard/", f"/impactteam/{w}/dashboard/indicatoren/{indicator.pk}/",
        f"/impactteam/{w}/afwegingen/", f"/impactteam/{w}/afwegingen/nieuw/", f"/impactteam/{w}/afwegingen/{weighing.pk}/",
        f"/impactteam/{w}/afwegingen/{weighing.pk}/bewerken/", f"/impactteam/{w}/afwegingen/{weighing.pk}/criteria/{weighing.criteria.first().pk}/",
    ] + [f"/impactteam/{w}/ladder/{s.pk}/" for s in workspace.scenarios.all()]
    j = Journey(page)
    page.goto("/account/login/")
    page.fill("#id_username", "demo")
    page.fill("#id_password", "demo-mia-2026")
    page.click("main button[type=submit]")
    for url in urls:
        j.go(lambda url=url: page.goto(url), url)
    # The settings page with its details opened, and a form with errors (error summary, messages).
    page.goto(f"/impactteam/{w}/instellingen/")
    for summary in page.locator("details > summary").all()[:3]:
        summary.click()
    j.scan("instellingen open")
    page.goto(f"/impactteam/{w}/fiches/nieuw/")
    j.go(lambda: page.get_by_role("button", name="Fiche opslaan").click(), "fiche met fouten", status=400)
    j.audit.assert_clean()
