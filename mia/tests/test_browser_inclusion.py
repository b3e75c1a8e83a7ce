"""The inclusion journey in real headless Chromium, with an axe-core scan of every page visited.

A policy officer of a municipality logs in, starts a trajectory, answers the verkenning with one
"weet ik niet" (which becomes a task with an owner), does the vlechtwerk check of a policy with a
combination of factors, composes a working group of eight, writes a monitoring plan with an outcome
indicator and two measurements, and downloads the PDF, in which the twelve factors and the Deel 3
questions are found. Every page is scanned at 1280 px and, afterwards, at 360 px (WCAG 2.1 AA,
and no sideways scrolling).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mia.inclusion.loader import load_stappenplan_file
from mia.inclusion.models import Trajectory
from mia.tests import browser as b
from mia.tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser

FACTORS = [
    "Gezondheid", "Educatie", "Sociale status", "Uiterlijke kenmerken", "Gender & Sekse", "Religie & levensbeschouwing",
    "Taal & Geletterdheid", "Seksuele oriëntatie", "Leeftijd", "Sociaal-culturele achtergrond", "(Arbeids)participatie",
    "Financiële situatie",
]
DEEL_3 = [
    "Wat zijn belangrijke thema's en vraagstukken binnen het gekozen levensdomein?",
    "Wat is de huidige stand van zaken?",
    "Hoe staat het binnen dit levensdomein met het bewustzijn, definitie van en visie op inclusief beleid? Is er een gevoel van urgentie?",
    "Wiens draagvlak is echt nodig (op alle lagen: van bestuur tot uitvoering) binnen dit levensdomein?",
    "Waar zit energie en leiderschap binnen de gemeentelijke organisatie en binnen het levensdomein?",
    "Welke partners en inwoners zijn belangrijk om te betrekken in dit levensdomein?",
    "Welke middelen zijn er beschikbaar om inclusief beleid vorm te geven?",
]
MEMBERS = [
    ("Sanne de Vries", "beleidsadviseur Sport", ["Leeftijd"]),
    ("Youssef El Amrani", "beleidsadviseur Inclusie", ["Sociaal-culturele achtergrond"]),
    ("Ingrid Bakker", "teamleider", []),
    ("Marco Janssen", "buurtsportcoach", ["Financiële situatie"]),
    ("Fatima Ouali", "jongerenwerker", ["Gender & Sekse"]),
    ("Henk Smit", "cliëntenraad", ["Gezondheid"]),
    ("Lotte Verbeek", "voetbalclub", []),
    ("Kees van Dijk", "bewoner", ["Taal & Geletterdheid"]),
]


def navigate(page, audit, action, label, *, status=200):
    """Do something that loads a new page (click a link or submit), then scan that page."""
    with page.expect_navigation(wait_until="load") as navigation:
        action()
    response = navigation.value
    assert response is not None and response.status == status, (
        f"{label}: expected HTTP {status}, got {response and response.status} at {page.url}"
    )
    audit.check(page, label)


def nav(page, name: str):
    return page.get_by_role("navigation", name="Stappenplan Inclusief Beleid").get_by_role("link", name=name)


def test_a_policy_officer_walks_the_stappenplan(page, instrument, tmp_path):
    load_stappenplan_file()
    make_user("beleid", organisation="Gemeente Voorbeeldstad")
    audit = b.AxeAudit(check_width=True)
    visited: list[str] = []

    def seen(label: str) -> None:
        visited.append(page.url)

    page.goto("/account/login/")
    page.fill("#id_username", "beleid")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.goto("/inclusie/")
    audit.check(page, "list")
    seen("list")

    # Start a trajectory.
    navigate(page, audit, lambda: page.get_by_role("link", name="Nieuw traject").click(), "create")
    seen("create")
    page.get_by_label("Titel van het traject").fill("Inclusief sporten en bewegen")
    page.get_by_label("Gemeente").fill("Gemeente Voorbeeldstad")
    navigate(page, audit, lambda: page.get_by_role("button", name="Traject maken").click(), "trajectory")
    seen("trajectory")
    expect(page.locator(".messages")).to_contain_text("Het traject is gemaakt")
    trajectory = Trajectory.objects.get()

    # The verkenning, with one "weet ik niet".
    navigate(page, audit, lambda: nav(page, "Stap 1").click(), "step 1")
    seen("step 1")
    first = page.locator("#vraag-1-1")
    first.get_by_label("Uw antwoord").fill("Ruim 64.000 inwoners in zeven wijken.")
    third = page.locator("#vraag-1-3")
    third.get_by_label("Weet ik niet: we zoeken het uit").check()
    third.locator("summary").click()
    third.get_by_label("Wie zoekt het uit?").fill("Sanne de Vries")
    third.get_by_label("Hoe komen we hierachter?").fill("Rondje langs de fracties.")
    third.get_by_label("In gesprek met collega’s").check()
    navigate(page, audit, lambda: page.get_by_role("button", name="Deel 1 opslaan").click(), "step 1 saved")
    expect(page.locator(".messages")).to_contain_text("1 taken ‘Hoe komen we hierachter?’ open")

    # The task appears.
    navigate(page, audit, lambda: nav(page, "Taken (1)").click(), "tasks")
    seen("tasks")
    tasks = page.get_by_role("table", name="Taken")
    expect(tasks).to_contain_text("Deel 1, vraag 3: In hoeverre is er (politiek) draagvlak voor inclusief beleid")
    expect(tasks).to_contain_text("Sanne de Vries")
    expect(tasks).to_contain_text("In gesprek met collega’s")

    # The vlechtwerk check of a policy.
    navigate(page, audit, lambda: nav(page, "Randvoorwaarde 1").click(), "precondition 1")
    seen("precondition 1")
    for factor in FACTORS:
        expect(page.locator(".factor-grid")).to_contain_text(factor)
    page.get_by_label("Welk beleid, plan of welke maatregel toetst u?").fill("Subsidieregeling sportverenigingen 2026")
    navigate(page, audit, lambda: page.get_by_role("button", name="Vlechtwerkcheck beginnen").click(), "check")
    seen("check")
    page.locator("#factor-leeftijd").get_by_label("Voor wie kan dit beleid anders uitpakken?").fill("Alleen jeugdleden tellen mee.")
    page.locator("#factor-gezondheid").get_by_label("Wie ontbreekt er?").fill("Mensen met een chronische aandoening.")
    page.locator("#factor-gezondheid").get_by_label("Wat doen we eraan?").fill("Met de cliëntenraad de toeslag verbreden.")
    navigate(page, audit, lambda: page.get_by_role("button", name="Vlechtwerkcheck opslaan").click(), "check saved")
    combinations = page.locator("#combinaties")
    combinations.get_by_label("Leeftijd").check()
    combinations.get_by_label("Gezondheid").check()
    combinations.get_by_label("Wat ziet u bij deze combinatie?").fill("Ouderen met een chronische aandoening vallen er dubbel buiten.")
    navigate(page, audit, lambda: page.get_by_role("button", name="Combinatie toevoegen").click(), "combination")
    expect(combinations).to_contain_text("Gezondheid × Leeftijd")  # in the order of the weave

    # A working group of eight.
    navigate(page, audit, lambda: nav(page, "Randvoorwaarde 2").click(), "precondition 2")
    seen("precondition 2")
    for number, (name, role, perspectives) in enumerate(MEMBERS, start=1):
        page.locator("#leden details summary").click()
        page.locator("#id_lid-name").fill(name)
        page.locator("#id_lid-role").fill(role)
        for perspective in perspectives:
            page.locator("#id_lid-perspectives").get_by_label(perspective, exact=True).check()
        navigate(page, audit, lambda: page.get_by_role("button", name="Lid toevoegen", exact=True).click(), f"member {number}")
        if number == 7:
            expect(page.locator("#leden .warning")).to_contain_text("De werkgroep heeft 7 leden")
    expect(page.get_by_role("heading", name="De werkgroep: 8 leden")).to_be_visible()
    expect(page.locator("#leden .warning")).to_have_count(0)
    coverage = page.get_by_role("table", name="Factoren van het vlechtwerk in de werkgroep (ontbrekende eerst)")
    expect(coverage.locator("tbody tr").first).to_contain_text("niet gedekt")
    assert trajectory.working_group.members.count() == 8

    # A monitoring plan with an outcome indicator and two measurements.
    navigate(page, audit, lambda: nav(page, "Stap 5").click(), "step 5")
    seen("step 5")
    page.locator("#monitoring").get_by_label("Wat willen we met dit beleid/deze activiteit bereiken? Gewenste outcome?").fill(
        "Iedereen in de wijk voelt zich welkom bij sport."
    )
    page.locator("#monitoring").get_by_label("Dit doen we").first.check()
    navigate(page, audit, lambda: page.get_by_role("button", name="Monitoringsplan opslaan").click(), "monitoring saved")
    page.locator("#indicatoren details summary").click()
    page.locator("#id_ind-name").fill("Inwoners die zich welkom voelen bij een sportclub")
    page.locator("#id_ind-kind").select_option("outcome")
    page.locator("#id_ind-source").select_option("leefbaarometer")
    page.locator("#id_ind-unit").fill("%")
    page.locator("#id_ind-direction").select_option("hoger")
    page.locator("#id_ind-target").fill("60")
    navigate(page, audit, lambda: page.locator("#indicatoren form button[type=submit]").click(), "indicator")
    seen("indicator")
    for day, value in (("2025-03-01", "41,5"), ("2026-03-01", "48")):
        measurements = page.locator("#metingen")
        measurements.get_by_label("Gemeten op").fill(day)
        measurements.get_by_role("textbox", name="Waarde").fill(value)
        navigate(page, audit, lambda: page.get_by_role("button", name="Meting toevoegen").click(), f"measurement {value}")
    table = page.get_by_role("table", name="Metingen van Inwoners die zich welkom voelen bij een sportclub")
    expect(table.locator("tbody tr")).to_have_count(2)
    expect(table).to_contain_text("41,5")
    expect(page.locator("#metingen svg[role=img]")).to_have_count(1)

    # Export the PDF and read it back.
    navigate(page, audit, lambda: nav(page, "Overzicht en export").click(), "summary")
    seen("summary")
    navigate(page, audit, lambda: page.get_by_role("button", name="PDF maken").click(), "export job")
    expect(page.get_by_role("status")).to_contain_text("Klaar.")
    with page.expect_download() as download:
        page.get_by_role("link", name="Bekijk het resultaat").click()
    path = tmp_path / "traject.pdf"
    download.value.save_as(path)
    text = b.pdf_text(path)
    for factor in FACTORS:
        assert b.normalise(factor) in text, factor
    for question in DEEL_3:
        assert b.normalise(question) in text, question
    assert "Sanne de Vries" not in text  # names only on request

    # Every page again on a phone-sized screen.
    page.set_viewport_size(b.NARROW)
    for url in dict.fromkeys(visited):
        page.goto(url)
        audit.check(page, f"{url} at 360 px")
    audit.assert_clean()
