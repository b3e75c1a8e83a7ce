"""The live MIA-dialoog in real headless Chromium: one facilitator and four phones.

The facilitator starts the session and reads the code off the screen. One participant
types the code, one comes in through the QR link, one through a personal invite link,
and one invited person refuses. Two rounds of cards are written on 360 px wide
screens; one card is edited; a round is closed; the facilitator's wall shows the cards
without reloading; the session ends with the thank-you page, and the report holds
every card. Every page visited is scanned with axe-core (WCAG 2.0/2.1 A and AA),
the participant pages at 360 px and the facilitator screen both wide and at 360 px.

A second test keeps a phone offline for a (simulated) minute while it submits.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from mia.dialogues.models import ConclusionCard
from mia.live import actions
from mia.tests import browser as b
from mia.tests.factories import PASSWORD, make_assessment, make_dialogue, make_user

pytestmark = pytest.mark.browser

CONCLUSION = "Uw belangrijkste conclusie(s)"
IDEAS = "Ideeën en suggesties"
CLOSING_MESSAGE = "Wij sturen u in juni het verslag. U kunt dan reageren."


def setup_assessment(questions: int = 2):
    owner = make_user("gespreksleider")
    assessment = make_assessment(owner, title="Gratis openbaar vervoer voor ouderen")
    session = make_dialogue(assessment, participants=2, questions=questions)
    ConclusionCard.objects.all().delete()
    return owner, assessment, session


def log_in(page, audit, username: str) -> None:
    page.goto("/account/login/")
    audit.check(page, "inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn MIA's")


def phone(chromium, live_server):
    return b.new_context(chromium, base_url=live_server.url, viewport=b.NARROW, has_touch=True, is_mobile=True)


def accept_consent(page, audit, label: str, *, name: str = "", perspective: str | None = None) -> None:
    expect(page.get_by_role("heading", name="Afspraken over vertrouwelijkheid")).to_be_visible()
    audit.check(page, f"{label}: toestemming (360 px)")
    if name:
        page.get_by_label("Hoe wilt u heten?").fill(name)
    if perspective:
        page.get_by_label(perspective, exact=True).check()
    page.get_by_role("button", name="Ik doe mee en ga akkoord met de afspraken").click()
    expect(page.get_by_role("heading", name="Welkom. Wacht even.")).to_be_visible()
    assert not b.has_horizontal_scroll(page), f"{label}: sideways scrolling at 360 px"
    audit.check(page, f"{label}: wachten (360 px)")


def save_button(page, label: str):
    return page.get_by_role("button", name=re.compile(rf"^Opslaan\s*:\s*{re.escape(label)}$"))


def write_card(page, label: str, text: str, topic: str = "") -> None:
    if topic:
        page.get_by_label(f"Onderwerp ({label})", exact=True).fill(topic)
    page.get_by_label(label, exact=True).fill(text)
    save_button(page, label).click()
    status = page.locator("form.live-card", has=page.get_by_label(label, exact=True)).locator(".card-state")
    expect(status).to_contain_text("Opgeslagen om")


def facilitator_click(page, audit, name: str, label: str) -> None:
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state("load")
    audit.check(page, f"gespreksleider: {label}")


def test_live_dialogue_with_a_facilitator_and_four_phones(chromium, live_server, instrument):
    audit = b.AxeAudit(check_width=True, also_narrow=True)
    owner, assessment, session = setup_assessment()
    invited, refuser = list(session.participants.all())
    questions = [q.text for q in assessment.questions.all()]

    desk = b.new_context(chromium, base_url=live_server.url)
    phones = [phone(chromium, live_server) for _ in range(4)]
    try:
        host = desk.new_page()
        script_errors = []
        host.on("pageerror", lambda error: script_errors.append(str(error)))
        log_in(host, audit, owner.username)
        host.goto(f"/mia/{assessment.pk}/stap-3/")
        host.get_by_role("link", name="Live dialoog op telefoons").click()
        expect(host.get_by_role("heading", level=1)).to_have_text("Stap 3 · Live MIA-dialoog")
        audit.check(host, "live overzicht")
        host.get_by_role("button", name=f"Start {session.name}").click()
        expect(host.get_by_role("heading", level=1)).to_contain_text(session.name)
        audit.check(host, "gespreksleider: gestart")
        code = host.locator("[data-code]").inner_text()
        assert re.fullmatch(r"[A-Z0-9]{3} [A-Z0-9]{3}", code), code
        assert host.locator(".qr svg").count() == 1

        # 1: types the code (lower case, with the space) on the join page.
        p1 = phones[0].new_page()
        p1.goto("/doe-mee/")
        audit.check(p1, "meedoen met code (360 px)")
        p1.get_by_label("Sessiecode").fill(code.lower())
        p1.get_by_role("button", name="Verder").click()
        accept_consent(p1, audit, "deelnemer 1", name="Fatima", perspective="Praktijk: ik werk met dit onderwerp")
        # 2: scans the QR code, which holds the join link with the code: the form comes filled in.
        p2 = phones[1].new_page()
        p2.goto(f"/doe-mee/?code={code.replace(' ', '')}")
        expect(p2.get_by_label("Sessiecode")).to_have_value(code.replace(" ", ""))
        p2.get_by_role("button", name="Verder").click()
        accept_consent(p2, audit, "deelnemer 2")
        # 3: opens the personal invite link from step 2.
        p3 = phones[2].new_page()
        p3.goto(f"/deelnemer/{invited.invite_token}/")
        accept_consent(p3, audit, "deelnemer 3", perspective="Samenleving: ik woon of leef met dit onderwerp")
        # 4: invited too, but says no; that is recorded and nothing is asked again.
        p4 = phones[3].new_page()
        p4.goto(f"/deelnemer/{refuser.invite_token}/")
        p4.get_by_role("button", name="Ik doe niet mee").click()
        expect(p4.get_by_text("U heeft gezegd dat u niet meedoet")).to_be_visible()
        audit.check(p4, "deelnemer 4: geweigerd (360 px)")
        refuser.refresh_from_db()
        assert refuser.consent_refused_at is not None and refuser.consent_given_at is None
        participants = [p1, p2, p3]

        # Round 1 opens; the phones show the question without reloading.
        facilitator_click(host, audit, "Open de eerste vraag", "ronde 1 open")
        expect(host.locator(".live-question")).to_have_text(questions[0])
        expect(host.locator(".count")).to_contain_text("0 van 3")
        for page in participants:
            expect(page.locator("#live-question")).to_have_text(questions[0], timeout=10_000)
        audit.check(p1, "deelnemer 1: ronde 1 (360 px)")

        round1 = {}
        for number, page in enumerate(participants, start=1):
            round1[number] = (f"Conclusie {number}: ouderen gaan vaker de deur uit.",
                              f"Idee {number}: laat de bus ook 's avonds rijden.")
            write_card(page, CONCLUSION, round1[number][0], topic=f"Onderwerp {number}")
            acknowledged = time.monotonic()
            write_card(page, IDEAS, round1[number][1])
            if number == 1:
                # The wall shows a new card within 2 seconds, without reloading.
                expect(host.locator(".wall")).to_contain_text(round1[1][0], timeout=2_000)
                assert time.monotonic() - acknowledged < 2.5
        expect(host.locator(".count")).to_contain_text("3 van 3", timeout=3_000)
        for texts in round1.values():
            for text in texts:
                expect(host.locator(".wall")).to_contain_text(text, timeout=3_000)
        assert ConclusionCard.objects.get(topic="Onderwerp 1").text == round1[1][0]
        # The cards' "Onderwerp" is on the wall too.
        expect(host.locator(".wall")).to_contain_text("Onderwerp 1")
        # The wall is anonymous: no names or pseudonyms.
        assert "Fatima" not in host.locator(".wall").inner_text()
        audit.check(host, "gespreksleider: muur met kaartjes")

        # Participant 1 changes a card; the wall shows the new text, and there is still one card.
        edited = "Conclusie 1 (veranderd): ouderen zien vaker familie."
        write_card(p1, CONCLUSION, edited)
        expect(host.locator(".wall")).to_contain_text(edited, timeout=3_000)
        expect(host.locator(".wall")).not_to_contain_text(round1[1][0])
        round1[1] = (edited, round1[1][1])

        # The round closes: the phones show it and can no longer write.
        facilitator_click(host, audit, "Sluit deze ronde", "ronde 1 gesloten")
        for page in participants:
            expect(page.get_by_text("Deze ronde is gesloten.")).to_be_visible(timeout=10_000)
            expect(page.get_by_label(CONCLUSION, exact=True)).not_to_be_editable()
        audit.check(p2, "deelnemer 2: ronde gesloten (360 px)")

        # Round 2.
        facilitator_click(host, audit, "Volgende vraag", "ronde 2 open")
        round2 = {}
        for number, page in enumerate(participants, start=1):
            expect(page.locator("#live-question")).to_have_text(questions[1], timeout=10_000)
            round2[number] = f"Ronde 2, deelnemer {number}: de buurtbus is een goed begin."
            write_card(page, CONCLUSION, round2[number])
        for text in round2.values():
            expect(host.locator(".wall")).to_contain_text(text, timeout=3_000)
        # Cards drawn by the server (after a reload) have no author on an anonymous wall; an update
        # to one of them must still reach the wall, with no script error.
        host.reload()
        round2[1] = "Ronde 2, deelnemer 1 (veranderd): de buurtbus moet ook op zondag rijden."
        write_card(p1, CONCLUSION, round2[1])
        expect(host.locator(".wall")).to_contain_text(round2[1], timeout=3_000)
        assert not script_errors, script_errors

        # The closing question, the text for afterwards, then the session ends.
        host.get_by_label("Wat gebeurt er na de dialoog?").fill(CLOSING_MESSAGE)
        facilitator_click(host, audit, "Bewaar de tekst", "tekst voor na afloop")
        facilitator_click(host, audit, "Volgende vraag", "slotvraag")
        closing = "Let op mensen die niet digitaal vaardig zijn."
        expect(p3.get_by_text("Slotvraag")).to_be_visible(timeout=10_000)
        audit.check(p3, "deelnemer 3: slotvraag (360 px)")
        # Phones ask the closing question in its B1 form.
        write_card(p3, "Waar moeten we bij deze keuze in ieder geval op letten?", closing)
        host.set_viewport_size(b.NARROW)
        host.reload()
        audit.check(host, "gespreksleider (360 px)")
        host.set_viewport_size(b.DESKTOP)
        # Closing asks first; every question was asked, so nothing is listed as not reached.
        host.get_by_role("link", name="Sluit de hele sessie").click()
        expect(host.get_by_role("heading", level=1)).to_contain_text("sluiten?")
        expect(host.get_by_text("Alle vragen zijn gesteld.")).to_be_visible()
        audit.check(host, "gespreksleider: sessie sluiten?")
        facilitator_click(host, audit, "Ja, sluit de hele sessie", "afgesloten")
        for page in participants:
            expect(page.get_by_role("heading", name="Dank u wel!")).to_be_visible(timeout=10_000)
            expect(page.locator("#live-closing-message")).to_have_text(CLOSING_MESSAGE)
        audit.check(p1, "deelnemer 1: bedankt (360 px)")

        # The report holds every card, under pseudonyms only, and the same closing text the phones showed.
        host.goto(f"/mia/{assessment.pk}/rapport/")
        audit.check(host, "rapport")
        report = host.locator("main").inner_text()
        assert CLOSING_MESSAGE in report
        # Invited, present and cards sent are counted apart: 2 invited (one refused), 3 on phones.
        assert "2 uitgenodigd · 3 aanwezig (2 met de sessiecode) · 10 kaartjes van 3 deelnemers" in b.normalise(report)
        for text in [*[t for pair in round1.values() for t in pair], *round2.values(), closing]:
            assert b.normalise(text) in b.normalise(report), text
        assert "Fatima" not in report and invited.name not in report
        assert ConclusionCard.objects.filter(round__session=session).count() == 3 * 2 + 3 + 1
        assert not script_errors, script_errors
        audit.assert_clean()
    finally:
        for context in [desk, *phones]:
            context.close()


def test_a_phone_offline_for_a_minute_sends_its_card_when_back(chromium, live_server, instrument):
    owner, assessment, session = setup_assessment(questions=1)
    session = actions.start_live(session)
    round_ = actions.next_round(session)
    person = session.participants.first()
    actions.record_consent(person, accept=True)
    context = phone(chromium, live_server)
    try:
        page = context.new_page()
        page.clock.install()
        page.goto(f"/deelnemer/{person.invite_token}/")
        expect(page.locator("#live-question")).to_have_text(round_.question.text)
        context.set_offline(True)
        text = "Geschreven in de trein zonder bereik."
        page.get_by_label(CONCLUSION, exact=True).fill(text)
        save_button(page, CONCLUSION).click()
        status = page.locator("#kaart-conclusie-status")
        expect(status).to_contain_text("Nog niet opgeslagen: er is geen verbinding")
        # A minute passes offline: the phone keeps retrying and keeps the text.
        page.clock.run_for(60_000)
        expect(status).to_contain_text("Nog niet opgeslagen")
        assert not ConclusionCard.objects.exists()
        stored = page.evaluate("() => Object.keys(localStorage).map(k => localStorage.getItem(k)).join(' ')")
        assert text in stored
        context.set_offline(False)
        page.clock.run_for(31_000)  # the next retry, in case the browser sends no 'online' event
        expect(status).to_contain_text("Opgeslagen om", timeout=10_000)
        card = ConclusionCard.objects.get()
        assert card.text == text and card.participant == person and card.source == "telefoon"
    finally:
        context.close()
