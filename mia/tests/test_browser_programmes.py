"""A dialogue programme in real headless Chromium, the journey of issue 14.

Create a programme → import an inventory CSV → read the gap matrix → prioritise a gap → open a
cycle → fill the thema-aanpak → link a live session (its facilitator screen shows the five
guidelines) → evaluate → export. Every page visited is scanned with axe-core (WCAG 2.0/2.1 A and
AA) at 1280 px and again at 360 px, where it must not scroll sideways.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from mia.live import actions as live_actions
from mia.programmes.models import Cycle, Programme
from mia.programmes.tests.conftest import add_cards, csv_bytes, row
from mia.tests import browser as b
from mia.tests.factories import PASSWORD, make_assessment, make_dialogue, make_user

pytestmark = pytest.mark.browser

INVENTORY = [
    row("Hey, het is oké", owner="Ministerie van VWS", category="campagnes", topics="Algehele mentale gezondheid",
        groups="Burgers algemeen", reach="nationaal", themes="Omarm het (on)gewone"),
    row("ikbenoffline.nl", owner="Media Rakkers", category="Spel- en lesmateriaal", topics="sociale media",
        groups="Burgers algemeen; jeugdígen", reach="Nationaal", themes="Online omgangsvormen"),
    row("Wijkgericht werken", owner="Hogeschool Viaa", category="Informele/laagdrempelige hulp",
        topics="Verbinding/sociale cohesie", groups="Ouders; Professionals; andere: Gemeenten", reach="Lokaal; Regionaal",
        themes="Opgroeimaatjes"),
    row("Tejohuizen", owner="Tejo", category="Informele/laagdrempelige hulp", topics="Algehele mentale gezondheid",
        groups="Jeugdigen", reach="lokaal", themes="Opgroeimaatjes"),
]


class Scanner:
    """Scans a page at 1280 px and at 360 px (no sideways scrolling there), then goes back to wide."""

    def __init__(self, page):
        self.page = page
        self.audit = b.AxeAudit(check_width=True)

    def __call__(self, label: str) -> None:
        self.audit.check(self.page, f"{label} (1280 px)")
        self.page.set_viewport_size(b.NARROW)
        self.audit.check(self.page, f"{label} (360 px)")
        self.page.set_viewport_size(b.DESKTOP)


def test_a_programme_team_walks_a_cycle_from_gaps_to_evaluation(page, instrument, tmp_path):
    user = make_user("programmateam")
    assessment = make_assessment(user, title="Dialoog online omgangsvormen")
    session = make_dialogue(assessment, participants=6, questions=1)
    add_cards(session)
    session = live_actions.start_live(session)
    inventory = tmp_path / "inventaris.csv"
    inventory.write_bytes(csv_bytes(INVENTORY))
    scan = Scanner(page)

    page.goto("/account/login/")
    scan("inloggen")
    page.get_by_label("Gebruikersnaam").fill("programmateam")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    # Create a programme.
    page.goto("/programmas/")
    scan("programma's")
    page.get_by_role("link", name="Nieuw programma").click()
    scan("nieuw programma")
    page.get_by_label("Naam van het programma").fill("Opgroeien in Voorbeeldstad")
    page.get_by_role("button", name="Programma maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opgroeien in Voorbeeldstad")
    expect(page.locator("main")).to_contain_text("Hoe gaan we online om met elkaar?")
    scan("overzicht")

    # Import an inventory CSV.
    page.get_by_role("link", name="Initiatieven", exact=True).click()
    scan("initiatieven (leeg)")
    page.get_by_role("link", name="Bestand inlezen (CSV of Excel)").click()
    scan("initiatieven inlezen")
    page.get_by_label("Bestand met initiatieven").set_input_files(str(inventory))
    page.get_by_role("button", name="Inlezen").click()
    expect(page.locator("main")).to_contain_text("4 rijen gelezen: 4 initiatieven toegevoegd")
    scan("import")

    # Read the gap matrix.
    page.get_by_role("link", name="Bekijk de kansen en leemtes").click()
    expect(page.get_by_role("heading", name="Onderwerp × doelgroep")).to_be_visible()
    table = page.get_by_role("table", name="Aantal initiatieven per onderwerp en doelgroep", exact=False)
    expect(table.locator("tbody tr")).to_have_count(5)
    expect(page.locator("svg.heatmap").first).to_be_visible()
    scan("kansen en leemtes")

    # Prioritise a gap: social media for parents.
    programme = Programme.objects.get(title="Opgroeien in Voorbeeldstad")
    social, parents = programme.terms.get(label="Sociale media"), programme.terms.get(label="Ouders")
    page.locator(f"a[href*='onderwerp={social.pk}&doelgroep={parents.pk}']").first.click()
    expect(page.locator("main")).to_contain_text("geen enkel initiatief in deze cel")
    scan("cel (leemte)")
    page.get_by_label("Conclusie van het team bij deze cel").fill("Niemand praat met ouders over sociale media.")
    page.get_by_role("button", name="Conclusie opslaan").click()
    expect(page.locator(".message-success")).to_contain_text("De conclusie is opgeslagen.")
    page.get_by_label("Thema", exact=True).select_option(label="Online omgangsvormen")
    page.get_by_label("Waarom deze prioriteit?", exact=False).fill("Onderbelicht, maar veel genoemd.")
    page.get_by_role("button", name="Prioriteit vastleggen").click()
    expect(page.locator(".message-success")).to_contain_text("De prioriteit is vastgelegd.")
    scan("prioriteiten")

    # Open a cycle from the priority.
    page.get_by_role("link", name="Open een cyclus", exact=False).click()
    scan("nieuwe cyclus")
    page.get_by_role("button", name="Cyclus openen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Online omgangsvormen · Ouders")
    expect(page.locator("main")).to_contain_text("Start en voed het dialoogthema")
    scan("cyclus")

    # Fill the thema-aanpak: a goal, both strategies (two plans), an aandachtspunt.
    page.get_by_role("link", name="Thema-aanpak (B)").click()
    scan("thema-aanpak")
    page.locator("#id_text").fill("Honderd ouders en jongeren praten samen over sociale media")
    page.get_by_role("button", name="Doel toevoegen").click()
    expect(page.locator(".message-success")).to_contain_text("Het doel is toegevoegd.")
    page.get_by_label("Beide (dan twee aanpakken)").check()
    page.locator("#id_verbinden-versterken-procesplan").fill("Kwartaal 1: partijen bij elkaar. Kwartaal 2: start.")
    page.locator("#id_initieren-procesplan").fill("Nieuwe dialoogtafels voor ouders en jongeren samen.")
    page.locator("#id_initieren-communicatieframe").fill("Samen online: zo gaan we met elkaar om.")
    page.get_by_label("Bereiken van doelgroepen").fill("Op het schoolplein en bij de sportclub.")
    page.get_by_role("button", name="Thema-aanpak opslaan").click()
    expect(page.locator(".message-success")).to_contain_text("De thema-aanpak is opgeslagen.")
    scan("thema-aanpak ingevuld")
    cycle = Cycle.objects.get(programme=programme)
    assert cycle.plan_kinds == ["verbinden-versterken", "initieren"]

    # Link the live session; its facilitator screen shows the five guidelines.
    page.get_by_role("link", name="Sessies (C)").click()
    scan("sessies koppelen")
    page.locator("#id_session").select_option(label=f"{assessment.title} – {session.name}")
    page.get_by_label("Honderd ouders en jongeren praten samen over sociale media").check()
    page.locator("#id_target_groups").get_by_label("Ouders").check()
    page.get_by_role("button", name="Koppelen").click()
    expect(page.locator(".message-success")).to_contain_text("De sessie is gekoppeld.")
    scan("sessie gekoppeld")
    page.goto(f"/mia/{assessment.pk}/stap-3/live/{session.pk}/")
    panel = page.get_by_role("complementary", name="5 richtlijnen voor het voeren van dialoog")
    expect(panel).to_contain_text("Accepteer dat er meerdere perspectieven zijn")
    scan("gespreksleider met richtlijnen")

    # Evaluate: themes across the cards, the goal, a policy action.
    page.goto(f"/programmas/{programme.pk}/cycli/{cycle.pk}/evaluatie/")
    expect(page.locator("main")).to_contain_text("1 sessies, 6 deelnemers")
    scan("evaluatie")
    page.get_by_role("button", name="Zoek thema’s in de kaartjes").click()
    expect(page.get_by_role("table", name="Thema’s in alle kaartjes")).to_be_visible()
    page.get_by_label("Is het doel behaald?").select_option(label="Deels behaald")
    page.get_by_label("Herziene doelstelling", exact=False).fill("Honderd ouders en jongeren, via de scholen")
    page.get_by_role("button", name="Beoordeling opslaan").click()
    expect(page.locator(".message-success")).to_contain_text("De beoordeling van het doel is opgeslagen.")
    page.get_by_label("Beleidsactie of ander handelingsperspectief").fill("Ouderavond over sociale media op elke school")
    page.get_by_label("Teruggekoppeld aan (partij)").fill("Scholenoverleg")
    page.get_by_role("button", name="Beleidsactie toevoegen").click()
    expect(page.locator(".message-success")).to_contain_text("De beleidsactie is toegevoegd.")
    scan("evaluatie ingevuld")

    # Export the programme.
    page.get_by_role("link", name="Overzicht").click()
    scan("overzicht met cyclus")
    with page.expect_download() as download:
        page.get_by_role("link", name="Hele programma als PDF").click()
    pdf = tmp_path / "programma.pdf"
    download.value.save_as(pdf)
    text = b.pdf_text(pdf)
    for expected in ("Opgroeien in Voorbeeldstad", "Niemand praat met ouders over sociale media.",
                     "Ouderavond over sociale media op elke school", "Honderd ouders en jongeren, via de scholen"):
        assert expected in text, expected
    with page.expect_download() as download:
        page.get_by_role("link", name="Hele programma als Word (DOCX)").click()
    docx = tmp_path / "programma.docx"
    download.value.save_as(docx)
    assert "Nieuwe dialoogtafels voor ouders en jongeren samen." in b.docx_text(docx)
    with page.expect_download() as download:
        page.get_by_role("link", name="Hele programma als JSON (om in te lezen)").click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert len(data["initiatieven"]) == 4 and data["cycli"][0]["beleidsacties"][0]["teruggekoppeld_aan"] == "Scholenoverleg"

    scan.audit.assert_clean()
