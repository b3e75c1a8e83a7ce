"""A consultation series in real headless Chromium, with an axe-core scan of every page visited.

Journey 1 (organiser and the public): the organiser starts a series with a question and a session
and opens the sign-up page; a member of the public signs up on a phone (360 px); the organiser
draws a fair panel for the session and invites it; the session runs live with three phones, each
writing a card in the first part; the organiser marks who came, makes the draft of the theme and
sets a deadline; two participants validate it on their phones (one corrigeren, one aanvullen);
the analyst accepts the correction (with a new text) and declines the addition; adds a
recommendation; the final report PDF holds the accepted correction and the recommendations table.
Participant pages are scanned at 360 px, without sideways scrolling.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from mia.consultations import actions
from mia.consultations.models import Invitation, Series, SignUp
from mia.tests import browser as b
from mia.tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser

CONCLUSION = "Uw belangrijkste conclusie(s)"
CORRECTION = "Het was de zaterdagmarkt, niet de supermarkt."
NEW_TEXT = "Mensen ontmoeten elkaar op de zaterdagmarkt."


def navigate(page, audit, action, label, *, status=200):
    with page.expect_navigation(wait_until="load") as navigation:
        action()
    response = navigation.value
    assert response is not None and response.status == status, f"{label}: HTTP {response and response.status} at {page.url}"
    audit.check(page, label)


def phone(chromium, live_server):
    return b.new_context(chromium, base_url=live_server.url, viewport=b.NARROW, has_touch=True, is_mobile=True)


def field(page, name):
    return page.get_by_label(re.compile(rf"^{re.escape(name)}( \(verplicht\))?$"))


def fits(page, label):
    assert not b.has_horizontal_scroll(page), f"{label}: sideways scrolling at 360 px"


def test_from_sign_up_to_a_validated_report(chromium, live_server, instrument, tmp_path):
    make_user("organisator", organisation="Ministerie van SZW")
    audit = b.AxeAudit(check_width=True)
    desk = b.new_context(chromium, base_url=live_server.url)
    phones = [phone(chromium, live_server) for _ in range(3)]
    try:
        page = desk.new_page()
        page.goto("/account/login/")
        page.get_by_label("Gebruikersnaam").fill("organisator")
        page.get_by_label("Wachtwoord").fill(PASSWORD)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state("load")
        navigate(page, audit, lambda: page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Raadplegingen").click(), "list")

        # The series, a question, a session; the sign-up page opens.
        page.get_by_label("Titel van de reeks").fill("Samenleven in verschil")
        page.get_by_label("Opdrachtgever").fill("Ministerie van SZW")
        navigate(page, audit, lambda: page.get_by_role("button", name="Reeks maken").click(), "series")
        page.locator("summary", has_text="Onderzoeksvraag toevoegen").click()
        field(page, "Thema").fill("Verhalen")
        field(page, "Hoofdvraag").fill("Welke verhalen en opgaven verbinden ons als inwoners van Nederland?")
        navigate(page, audit, lambda: page.get_by_role("button", name="Vraag toevoegen").click(), "question added")
        page.locator("summary", has_text="Sessie toevoegen").click()
        field(page, "Titel").fill("Zwolle")
        field(page, "Plaats").fill("Zwolle")
        page.get_by_role("checkbox", name="Verhalen").check()
        navigate(page, audit, lambda: page.get_by_role("button", name="Sessie toevoegen").click(), "session")
        series = Series.objects.get()
        session = series.sessions.get()
        page.goto(f"/raadplegingen/{series.pk}/")
        navigate(page, audit, lambda: page.get_by_role("button", name="Aanmelden openen").click(), "sign-up open")
        signup_url = page.get_by_role("link", name=f"/raadplegingen/aanmelden/{series.signup_token}/", exact=False).first.get_attribute("href")

        # A member of the public signs up on a phone.
        public = phones[0].new_page()
        public.goto(signup_url)
        audit.check(public, "aanmelden (360 px)")
        fits(public, "aanmelden")
        public.get_by_label("Uw naam").fill("Fatima")
        public.get_by_label("Uw telefoonnummer").fill("0612345678")
        for legend, choice in (("Leeftijd", "30-50"), ("Geslacht", "Vrouw"), ("Opleiding", "Praktisch opgeleid"),
                               ("Migratieachtergrond", "Eerste generatie"), ("Woonomgeving", "Stedelijk")):
            public.get_by_role("group", name=legend).get_by_label(choice, exact=True).check()
        public.get_by_role("checkbox", name=re.compile("Zwolle")).check()
        public.get_by_label("Hoe hoorde u van ons?").select_option("whatsapp")
        public.get_by_label("Ik doe mee.").check()
        public.wait_for_timeout(3100)  # a person takes longer than the bot threshold
        navigate(public, audit, lambda: public.get_by_role("button", name="Aanmelden").click(), "uw pagina (360 px)")
        expect(public.get_by_role("heading", level=1)).to_have_text("Uw pagina")
        fits(public, "uw pagina")
        fatima = SignUp.objects.get()
        assert fatima.contact.name == "Fatima" and fatima.heard_via == "whatsapp"
        # The rest of the broad pool, as if imported.
        series.refresh_from_db()
        features = series.features
        for i in range(15):
            actions.sign_up(series, name=f"Inwoner {i}", phone=f"0600000{i:03d}", available=[session], consent=True,
                            features={f["name"]: f["categories"][(i + k) % len(f["categories"])] for k, f in enumerate(features)})

        # Phase 2: a fair panel, then invitations.
        page.goto(f"/raadplegingen/{series.pk}/sessies/{session.pk}/")
        audit.check(page, "session page")
        navigate(page, audit, lambda: page.get_by_role("link", name="Selectie en uitnodigingen").first.click(), "recruitment")
        page.get_by_label("Aantal deelnemers").fill("8")
        page.get_by_label("Reserves").fill("2")
        navigate(page, audit, lambda: page.get_by_role("button", name="Panel loten").click(), "selection")
        expect(page.get_by_text("Geloot: 8 deelnemers en 2 reserves.")).to_be_visible()
        navigate(page, audit, lambda: page.get_by_role("button", name="Geloten mensen uitnodigen").click(), "invited")
        invited = list(Invitation.objects.filter(session=session, is_reserve=False).select_related("participant", "signup"))
        assert len(invited) == 8
        navigate(page, audit, lambda: page.get_by_role("link", name=f"Uitnodiging met persoonlijke link {invited[0].signup.pseudonym}", exact=True).click(),
                 "invitation letter")
        page.go_back()

        # The session runs live: three phones write a card in the first part.
        page.goto(f"/raadplegingen/{series.pk}/sessies/{session.pk}/")
        navigate(page, audit, lambda: page.get_by_role("link", name="Live op telefoons: kaartjes per onderdeel").click(), "facilitator")
        navigate(page, audit, lambda: page.get_by_role("button", name="Start de live sessie").click(), "live started")
        phone_pages = []
        for n, invitation in enumerate(invited[:3]):
            p = phones[n].new_page()
            p.goto(f"/deelnemer/{invitation.participant.invite_token}/")
            p.get_by_role("button", name="Ik doe mee en ga akkoord met de afspraken").click()
            expect(p.get_by_role("heading", name="Welkom. Wacht even.")).to_be_visible()
            audit.check(p, f"telefoon {n + 1}: wachten (360 px)")
            fits(p, f"telefoon {n + 1}")
            phone_pages.append(p)
        page.get_by_role("button", name="Open de eerste vraag").click()
        page.wait_for_load_state("load")
        audit.check(page, "facilitator: part 1 open")
        for n, p in enumerate(phone_pages):
            expect(p.locator("#live-question")).to_contain_text("De diepte in", timeout=10_000)
            p.get_by_label(CONCLUSION, exact=True).fill(f"Kaartje {n + 1}: de markt verbindt mensen.")
            p.get_by_role("button", name=re.compile(rf"^Opslaan\s*:\s*{re.escape(CONCLUSION)}$")).click()
            expect(p.locator(".card-state").first).to_contain_text("Opgeslagen om")
            audit.check(p, f"telefoon {n + 1}: kaartje (360 px)")

        # Who came; the draft of the theme; a deadline.
        for invitation in invited:
            actions.set_intake_status(invitation, "aanwezig")
        page.goto(f"/raadplegingen/{series.pk}/sessies/{session.pk}/")
        page.locator("#deel-diepte textarea").fill("De groep sprak over de supermarkt als ontmoetingsplek.")
        navigate(page, audit, lambda: page.get_by_role("button", name="Notities bewaren De diepte in").click(), "notes")
        question = series.questions.get()
        page.goto(f"/raadplegingen/{series.pk}/concept/{question.pk}/")
        audit.check(page, "draft empty")
        navigate(page, audit, lambda: page.get_by_role("button", name="Concept maken uit de sessies").click(), "draft made")
        expect(page.locator(".paragraph-text").first).to_contain_text("Kaartje 1: de markt verbindt mensen.")
        page.get_by_label("Reageren kan tot").fill("2099-12-31T12:00")
        navigate(page, audit, lambda: page.get_by_role("button", name="Bewaren").first.click(), "deadline set")

        # Two participants validate on their phones.
        for n, (kind, text) in enumerate((("Corrigeren", CORRECTION), ("Aanvullen", "Ook de bibliotheek is een plek om te praten."))):
            p = phone_pages[n]
            p.goto(f"/raadplegingen/deelnemer/{invited[n].signup.token}/")
            audit.check(p, f"deelnemer {n + 1}: eigen pagina (360 px)")
            navigate(p, audit, lambda p=p: p.get_by_role("link", name="Verslag: Verhalen").click(), f"deelnemer {n + 1}: verslag (360 px)")
            fits(p, "verslag")
            block = p.locator("section.paragraph-block").first
            block.get_by_label(kind, exact=True).check()
            block.get_by_label("Uw reactie").fill(text)
            navigate(p, audit, lambda block=block: block.get_by_role("button", name="Reactie sturen").click(), f"deelnemer {n + 1}: gereageerd (360 px)")
            expect(p.get_by_text("Wij lezen uw reactie nog.")).to_be_visible()
            fits(p, "gereageerd")

        # The analyst accepts the correction with a new text and declines the addition.
        page.goto(f"/raadplegingen/{series.pk}/concept/{question.pk}/")
        audit.check(page, "draft with reactions")
        reactions = page.locator(".reaction")
        first = reactions.filter(has_text=CORRECTION)
        first.get_by_label("Korte reden (de deelnemer ziet die)").fill("Klopt, aangepast.")
        first.get_by_label("Nieuwe tekst van de alinea (als u die verandert)").fill(NEW_TEXT)
        navigate(page, audit, lambda: first.get_by_role("button", name=re.compile("^Overnemen")).click(), "accepted")
        second = page.locator(".reaction").filter(has_text="Ook de bibliotheek")
        second.get_by_label("Reden om niet over te nemen").fill("Dit hoort bij een ander thema.")
        navigate(page, audit, lambda: second.get_by_role("button", name="Niet overnemen").click(), "declined")
        expect(page.locator(".diff ins").first).to_be_attached()

        # The participant sees what was done.
        p = phone_pages[1]
        p.goto(f"/raadplegingen/deelnemer/{invited[1].signup.token}/")
        p.get_by_role("link", name="Verslag: Verhalen").click()
        expect(p.get_by_text("Wij hebben uw reactie niet overgenomen.")).to_be_visible()
        audit.check(p, "deelnemer 2: besluit (360 px)")

        # A recommendation, then the final report as PDF.
        page.goto(f"/raadplegingen/{series.pk}/aanbevelingen/")
        audit.check(page, "recommendations")
        page.locator("summary", has_text="Aanbeveling toevoegen").click()
        page.get_by_label("Niveau").select_option("lokaal")
        page.get_by_label("Aanbeveling vanuit burgers").fill("Houd de markt ook in de winter open.")
        navigate(page, audit, lambda: page.locator("form[action$='/aanbevelingen/nieuw/']").get_by_role("button").click(), "recommendation added")
        page.goto(f"/raadplegingen/{series.pk}/kenmerken/")
        audit.check(page, "characteristics")
        navigate(page, audit, lambda: page.get_by_role("link", name="Eindrapport").click(), "report")
        navigate(page, audit, lambda: page.get_by_role("button", name="PDF maken").click(), "report job")
        expect(page.get_by_role("status").first).to_contain_text("Klaar.")
        with page.expect_download() as download:
            page.get_by_role("link", name="Bekijk het resultaat").click()
        path = tmp_path / "rapport.pdf"
        download.value.save_as(path)
        text = b.pdf_text(path)
        assert b.normalise(NEW_TEXT) in text
        assert b.normalise("Aanbevelingen vanuit burgers") in text and b.normalise("Illustrerende citaten") in text
        assert b.normalise("Houd de markt ook in de winter open.") in text
        assert "Fatima" not in text
    finally:
        desk.close()
        for context in phones:
            context.close()
    audit.assert_clean()
