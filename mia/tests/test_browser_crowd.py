"""The crowd wall in real headless Chromium: a facilitator of a large room.

Seven participants have sent cards. The facilitator opens the crowd wall from the projector
screen, sees the counts per question and per perspective, asks for the themes (a background
job; the test queue runs it at once) and sees them appear, searches the cards, hides one with a
reason (it leaves the wall, not the record) and puts it back. An open projector screen drops the
card of an author who withdraws consent and a card that staff delete. Every page is scanned with
axe, wide and at 360 px.
"""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from mia.dialogues import actions as dialogue_actions
from mia.dialogues.models import ConclusionCard
from mia.live import actions
from mia.live.models import HiddenCard
from mia.tests import browser as b
from mia.tests.factories import PASSWORD, make_assessment, make_dialogue, make_user

pytestmark = pytest.mark.browser

TEXTS = ["De bus rijdt te weinig in het dorp", "Ouderen kunnen niet meer naar de dokter met de bus",
         "Jongeren missen de bus naar school", "De huur stijgt te snel", "Huurders kunnen de huur niet betalen",
         "De bus naar het ziekenhuis is nodig", "De huur is te hoog voor gezinnen"]


def test_crowd_wall_counts_themes_search_and_hiding(chromium, live_server, instrument):
    audit = b.AxeAudit(check_width=True)
    owner = make_user("gespreksleider")
    assessment = make_assessment(owner, title="Gratis openbaar vervoer voor ouderen")
    session = make_dialogue(assessment, participants=1, questions=2)
    ConclusionCard.objects.all().delete()
    session.participants.all().delete()
    actions.start_live(session)
    round_ = actions.next_round(session)
    people = []
    for i, text in enumerate(TEXTS):
        person = dialogue_actions.add_participant(session, name="", perspective="samenleving")
        actions.record_consent(person, accept=True)
        actions.submit_card(person, round_id=round_.pk, kind="conclusie" if i % 2 else "idee", text=text,
                            client_id=uuid.uuid4())
        people.append(person)

    desk = b.new_context(chromium, base_url=live_server.url)
    try:
        host = desk.new_page()
        host.goto("/account/login/")
        host.get_by_label("Gebruikersnaam").fill(owner.username)
        host.get_by_label("Wachtwoord").fill(PASSWORD)
        host.get_by_role("button", name="Inloggen").click()
        host.goto(f"/mia/{assessment.pk}/stap-3/live/{session.pk}/")
        host.get_by_role("link", name="Zaalmuur: tellingen, thema's, zoeken en kaartjes van de muur halen").click()
        expect(host.get_by_role("heading", level=1)).to_have_text(f"Zaalmuur: {session.name}")

        counts = host.locator("[data-crowd-questions] tbody tr").first
        expect(counts.locator("[data-cards]")).to_have_text("7")
        expect(counts.locator("[data-writers]")).to_have_text("7")
        expect(host.locator("[data-crowd-perspectives]")).to_contain_text("Samenleving")
        # The page asked for themes by itself; the job ran, the next refresh shows them.
        expect(host.locator("[data-crowd-themes] li").first).to_be_visible(timeout=15000)
        expect(host.locator("[data-crowd-themes-note]")).to_contain_text("Gevonden in 7 kaartjes")
        audit.check(host, "zaalmuur met thema's")

        host.get_by_label("Zoek in de kaartjes").fill("huur")
        host.get_by_role("button", name="Zoek", exact=True).click()
        expect(host.get_by_text('3 kaartjes met "huur".')).to_be_visible()
        audit.check(host, "zaalmuur: zoeken")

        target = "De huur stijgt te snel"
        item = host.locator("ul.moderation li", has_text=target)
        item.get_by_role("button", name="Van de muur").click()  # no reason yet: the browser asks for one
        assert not HiddenCard.objects.exists()
        item = host.locator("ul.moderation li", has_text=target)
        item.get_by_label("Waarom van de muur?").fill("Gaat niet over deze vraag")
        item.get_by_role("button", name="Van de muur").click()
        expect(host.get_by_text("Het kaartje staat niet meer op de muur. In het verslag blijft het staan.")).to_be_visible()
        hidden = host.locator("[data-crowd-hidden]")
        expect(hidden).to_contain_text(target)
        expect(hidden).to_contain_text("Gaat niet over deze vraag")
        expect(counts.locator("[data-cards]")).to_have_text("6")
        audit.check(host, "zaalmuur: kaartje verborgen")
        assert ConclusionCard.objects.filter(text=target).exists()

        # The projector's wall no longer shows it.
        host.goto(f"/mia/{assessment.pk}/stap-3/live/{session.pk}/")
        expect(host.locator("[data-wall-list]")).not_to_contain_text(target)
        expect(host.locator("[data-wall-list]")).to_contain_text("De huur is te hoog voor gezinnen")
        # While the wall is open: an author withdraws consent, staff delete a card; both leave the screen.
        wall = host.locator("[data-wall-list]")
        actions.record_consent(people[0], accept=False)
        expect(wall).not_to_contain_text(TEXTS[0], timeout=10000)
        dialogue_actions.delete_card(ConclusionCard.objects.get(text=TEXTS[1]))
        expect(wall).not_to_contain_text(TEXTS[1], timeout=10000)
        expect(wall).to_contain_text("De huur is te hoog voor gezinnen")
        audit.check(host, "projectiescherm na intrekken en verwijderen")

        host.set_viewport_size(b.NARROW)
        host.goto(f"/mia/{assessment.pk}/stap-3/live/{session.pk}/zaal/")
        audit.check(host, "zaalmuur (360 px)")
        host.locator("[data-crowd-hidden] li", has_text=target).get_by_role("button", name="Weer op de muur").click()
        expect(host.get_by_text("Het kaartje staat weer op de muur.")).to_be_visible()
        assert not HiddenCard.objects.exists()
    finally:
        desk.close()
    audit.assert_clean()
