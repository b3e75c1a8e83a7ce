"""Advisory bodies in real headless Chromium, the journey of issue 16.

Set up two bodies and a flow → send an adviesvraag → a disallowed item is refused → open an advice
trajectory → record two expert inputs and a practice circle run as a live session with phones → vote
(not unanimous) → export the advice with the minority opinion. Every page visited is scanned with
axe-core (WCAG 2.0/2.1 A and AA) at 1280 px and again at 360 px, where it must not scroll sideways;
the phone's pages at 360 px.
"""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect

from mia.advice.models import Structure
from mia.dialogues.models import ConclusionCard
from mia.live import actions as live_actions
from mia.tests import browser as b
from mia.tests.factories import PASSWORD, make_assessment, make_dialogue, make_user

pytestmark = pytest.mark.browser

CONCLUSION = "Uw belangrijkste conclusie(s)"


class Scanner:
    def __init__(self, page, audit):
        self.page, self.audit = page, audit

    def __call__(self, label: str) -> None:
        self.audit.check(self.page, f"{label} (1280 px)")
        self.page.set_viewport_size(b.NARROW)
        self.audit.check(self.page, f"{label} (360 px)")
        self.page.set_viewport_size(b.DESKTOP)


def submit(page, action_end: str) -> None:
    page.locator(f"form[action$='{action_end}'] button[type=submit]").click()


def test_an_advisory_body_answers_a_question_with_experts_a_live_circle_and_a_vote(page, chromium, live_server, instrument):
    audit = b.AxeAudit(check_width=True)
    scan = Scanner(page, audit)
    user = make_user("secretariaat", organisation="Ministerie van Sociale Zaken")
    assessment = make_assessment(user, title="Praktijkkring jongeren")
    session = make_dialogue(assessment, participants=1, questions=1)
    ConclusionCard.objects.all().delete()
    session = live_actions.start_live(session)
    live_actions.open_round(session, session.rounds.filter(is_closing=False).first())

    page.goto("/account/login/")
    page.get_by_label("Gebruikersnaam").fill("secretariaat")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()

    # A new, empty structure from the main menu.
    page.get_by_role("link", name="Adviesorganen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Adviesorganen")
    scan("adviesorganen")
    page.get_by_label("Naam van de adviesstructuur").fill("Adviesraad jongeren")
    page.get_by_role("button", name="Adviesstructuur aanmaken").click()
    expect(page.locator(".message-success")).to_contain_text("De adviesstructuur is aangemaakt.")
    structure = Structure.objects.get(name="Adviesraad jongeren")

    # Two bodies: the ministry (werkgroep) and the advisory council (adviesraad).
    for name, mandate in (("Ministerie", "Werkgroep"), ("Jongerenadviesraad", "Adviesraad")):
        page.locator("summary", has_text="Orgaan toevoegen").click()
        page.locator("#id_name").fill(name)
        page.locator("#id_mandate").select_option(label=mandate)
        submit(page, "/organen/nieuw/")
        expect(page.locator(".message-success")).to_contain_text(f"Het orgaan {name} is toegevoegd.")
    ministry, council = structure.bodies.get(name="Ministerie"), structure.bodies.get(name="Jongerenadviesraad")
    # Two flows: the ministry may ask the council for advice, and the council gives advice back.
    for sender, receiver, kind in (("Ministerie", "Jongerenadviesraad", "Adviesvraag"), ("Jongerenadviesraad", "Ministerie", "Advies")):
        page.locator("summary", has_text="Stroom toevoegen").click()
        page.locator("#id_sender").select_option(label=sender)
        page.locator("#id_receiver").select_option(label=receiver)
        page.locator("#id_kind").select_option(label=kind)
        submit(page, "/stromen/nieuw/")
        expect(page.locator(".message-success")).to_contain_text("De stroom staat in de matrix.")
    expect(page.get_by_role("table", name="Van (rij) naar (kolom)")).to_contain_text("Adviesvraag")
    scan("organen en matrix")

    # The council's members: a chair and two members.
    page.get_by_role("link", name="Jongerenadviesraad").first.click()
    for name, role in (("Sanne Jansen", "Voorzitter"), ("Mo Amrani", "Lid"), ("Lisa de Wit", "Lid")):
        page.locator("summary", has_text="Lid toevoegen").click()
        page.locator("#id_member-name").fill(name)
        page.locator("#id_member-role").select_option(label=role)
        submit(page, "/leden/nieuw/")
        expect(page.locator(".message-success")).to_contain_text("Het lid is toegevoegd.")
    expect(page.locator("main")).to_contain_text("weloverwogen reactie")
    scan("orgaan met leden")

    # Send an adviesvraag; then an advice the matrix does not allow is refused.
    page.get_by_role("link", name="Stukken en tijdlijn").click()
    scan("stukken")
    page.locator("#id_sender").select_option(label="Ministerie")
    page.locator("#id_receiver").select_option(label="Jongerenadviesraad")
    page.locator("#id_kind").select_option(label="Adviesvraag")
    page.locator("#id_title").fill("Wat vinden jongeren van een avondklok?")
    page.locator("#id_due_on").fill("2026-12-31")
    page.get_by_role("button", name="Verzenden").click()
    expect(page.locator(".message-success")).to_contain_text("Verzonden: adviesvraag van Ministerie aan Jongerenadviesraad.")
    page.locator("#id_sender").select_option(label="Jongerenadviesraad")
    page.locator("#id_receiver").select_option(label="Ministerie")
    page.locator("#id_kind").select_option(label="Bindend voorstel")
    page.locator("#id_title").fill("Bindend voorstel van de raad")
    page.get_by_role("button", name="Verzenden").click()
    expect(page.locator(".error-summary")).to_contain_text(
        "Van Jongerenadviesraad naar Ministerie mag geen bindend voorstel. De matrix staat hier alleen toe: advies.")
    expect(page.locator("#id_title")).to_have_value("Bindend voorstel van de raad")
    scan("geweigerd stuk")
    assert structure.items.count() == 1

    # Two pool experts and a practice circle.
    page.get_by_role("link", name="Experts en praktijkkringen").click()
    for org, area in (("Universiteit Utrecht", "onderwijs"), ("GGD", "geestelijke gezondheid")):
        page.locator("summary", has_text="Expert toevoegen").click()
        page.locator("#id_organisation").fill(org)
        page.locator("#id_area").select_option(label=area)
        submit(page, "/experts/nieuw/")
        expect(page.locator(".message-success")).to_contain_text("De expert is toegevoegd.")
    page.locator("summary", has_text="Praktijkkring toevoegen").click()
    page.locator("#id_newcircle-name").fill("jongeren")
    submit(page, "/praktijkkringen/nieuw/")
    scan("experts en praktijkkringen")

    # Open a trajectory from the question.
    page.get_by_role("link", name="Stukken en tijdlijn").click()
    page.get_by_role("link", name="Wat vinden jongeren van een avondklok?").click()
    scan("adviesvraag")
    page.get_by_role("link", name="Adviestraject openen voor deze vraag").click()
    expect(page.locator("#id_title")).to_have_value("Wat vinden jongeren van een avondklok?")
    scan("nieuw adviestraject")
    page.get_by_role("button", name="Adviestraject openen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("A1 Wat vinden jongeren van een avondklok?")
    scan("adviestraject")

    # Two expert inputs.
    for org, text in (("Universiteit Utrecht", "Leerlingen missen structuur."), ("GGD", "Eenzaamheid onder jongeren stijgt.")):
        page.locator("summary", has_text="Inbreng van een expert vastleggen").click()
        page.locator("#id_expert-expert").select_option(label=org)
        page.locator("#id_expert-summary").fill(text)
        submit(page, "/experts/")
        expect(page.locator(".message-success")).to_contain_text("De inbreng van de expert is vastgelegd.")

    # The practice circle meets as a live session: a young person joins on a phone and writes a card.
    phone = b.new_context(chromium, base_url=live_server.url, viewport=b.NARROW, has_touch=True, is_mobile=True)
    try:
        p = phone.new_page()
        p.goto(f"/doe-mee/?code={session.join_code}")
        p.get_by_role("button", name="Verder").click()
        expect(p.get_by_role("heading", name="Afspraken over vertrouwelijkheid")).to_be_visible()
        audit.check(p, "telefoon: toestemming (360 px)")
        p.get_by_role("button", name="Ik doe mee en ga akkoord met de afspraken").click()
        expect(p.get_by_label(CONCLUSION, exact=True)).to_be_editable(timeout=10_000)
        p.get_by_label(CONCLUSION, exact=True).fill("Een avondklok maakt mij eenzaam.")
        p.get_by_role("button", name=re.compile(rf"^Opslaan\s*:\s*{re.escape(CONCLUSION)}$")).click()
        expect(p.locator("form.live-card", has=p.get_by_label(CONCLUSION, exact=True)).locator(".card-state")).to_contain_text("Opgeslagen om")
        assert not b.has_horizontal_scroll(p)
        audit.check(p, "telefoon: kaartje (360 px)")
    finally:
        phone.close()
    page.locator("summary", has_text="Inbreng van een praktijkkring vastleggen").click()
    page.locator("#id_circle-circle").select_option(label="jongeren")
    page.get_by_role("radio", name="Live sessie op telefoons").check()
    page.locator("#id_circle-session").select_option(label=f"{assessment.title} – {session.name}")
    page.locator("#id_circle-summary").fill("Jongeren vrezen eenzaamheid.")
    submit(page, "/praktijkkringen/")
    expect(page.locator(".message-success")).to_contain_text("De inbreng van de praktijkkring is vastgelegd.")
    expect(page.locator("main")).to_contain_text("1 kaartjes uit de sessie")
    page.locator("summary", has_text="Kaartjes uit de sessie").click()
    expect(page.locator("main")).to_contain_text("Een avondklok maakt mij eenzaam.")
    scan("traject met inbreng")

    # The secretariat writes the advice.
    page.locator("#id_text-advice_text").fill("Voer geen avondklok in voor jongeren.")
    submit(page, "/advies/")
    expect(page.locator(".message-success")).to_contain_text("Het advies is opgeslagen.")

    # The vote: 2 for, 1 against with a minority opinion for the advice.
    page.get_by_role("link", name="Stemming vastleggen").click()
    scan("stemming")
    page.locator("#id_held_on").fill("2026-06-01")
    members = {m.name: m for m in council.members.all()}
    for name, vote in (("Sanne Jansen", "Voor"), ("Mo Amrani", "Voor"), ("Lisa de Wit", "Tegen")):
        pk = members[name].pk
        page.locator(f"#id_m{pk}-present").check()
        page.locator(f"#id_m{pk}-choice").select_option(label=vote)
    lisa = members["Lisa de Wit"].pk
    page.locator(f"#id_m{lisa}-reason").fill("Veiligheid gaat voor.")
    page.locator(f"#id_m{lisa}-minority_opinion").fill("Een korte avondklok kan nodig zijn.")
    page.locator(f"#id_m{lisa}-in_advice").check()
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator(".message-success")).to_contain_text("aangenomen · 2 voor, 1 tegen, 0 onthouding · niet unaniem · voltallig")
    expect(page.locator(".minority")).to_contain_text("Een korte avondklok kan nodig zijn.")
    scan("besluit met minderheidsstandpunt")

    # Export the advice with the minority opinion.
    with page.expect_download() as download:
        page.get_by_role("link", name="Advies als PDF").click()
    from pypdf import PdfReader

    text = "".join(pg.extract_text() for pg in PdfReader(io.BytesIO(download.value.path().read_bytes())).pages)
    assert "Een korte avondklok kan nodig zijn." in text and "Minderheidsstandpunt" in text
    with page.expect_download() as download:
        page.get_by_role("link", name="Advies als Word (DOCX)").click()
    assert download.value.suggested_filename == "advies-A1.docx"

    # Issue it to the public register.
    page.get_by_role("button", name="Advies uitbrengen").click()
    expect(page.locator(".message-success")).to_contain_text("Het advies is uitgebracht.")
    assert ministry.received_items.filter(kind="advies").count() == 1
    page.get_by_role("link", name="Openbaar register").click()
    expect(page.locator("main")).to_contain_text("A1 Wat vinden jongeren van een avondklok?")
    scan("openbaar register")
    audit.assert_clean()


def test_the_youth_dialogue_template_and_a_considered_response(page, chromium, live_server):
    """From the youth dialogue's template: the matrix shows "geen" between veldraad and platform; the
    Opgroeiberaad (adviesraad) advises the platform, and the platform's answer must be considered; a
    platform member with an account sees only their own body."""
    from mia.advice import actions

    audit = b.AxeAudit(check_width=True)
    scan = Scanner(page, audit)
    make_user("kernteam", organisation="Ministerie van VWS")
    page.goto("/account/login/")
    page.get_by_label("Gebruikersnaam").fill("kernteam")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.goto("/adviesorganen/")
    page.get_by_label("Naam van de adviesstructuur").fill("Dialoog opgroeien")
    page.get_by_label("Begin met").select_option(label="Maatschappelijke dialoog opgroeien (faciliterende structuur)")
    page.get_by_role("button", name="Adviesstructuur aanmaken").click()
    matrix = page.get_by_role("table", name="Van (rij) naar (kolom)")
    expect(matrix).to_contain_text("Bindend voorstel")
    veldraad_row = matrix.locator("tbody tr", has=page.get_by_role("rowheader", name="Veldraad"))
    expect(veldraad_row.locator("td").nth(4)).to_have_text("geen")
    expect(page.locator("main")).to_contain_text("Interactie tussen veldraad en interdepartementaal platform wordt hier niet benoemd")
    scan("sjabloon jeugddialoog")
    structure = Structure.objects.get(name="Dialoog opgroeien")
    ob, pl = structure.bodies.get(key="opgroeiberaad"), structure.bodies.get(key="platform")

    page.get_by_role("link", name="Stukken en tijdlijn").click()
    page.locator("#id_sender").select_option(label="Opgroeiberaad")
    page.locator("#id_receiver").select_option(label="Interdepartementaal platform")
    page.locator("#id_kind").select_option(label="Advies")
    page.locator("#id_title").fill("Advies over sociale media op school")
    page.get_by_role("button", name="Verzenden").click()
    expect(page.locator(".timeline")).to_contain_text("reactie uiterlijk")
    page.get_by_role("link", name="Advies over sociale media op school").click()
    expect(page.locator("main")).to_contain_text("weloverwogen reactie")
    page.locator("#id_status").select_option(label="Beantwoord")
    page.locator("#id_response").fill("Dank.")
    page.get_by_role("button", name="Reactie vastleggen").click()
    expect(page.locator(".error-summary")).to_contain_text("vraagt een weloverwogen reactie")
    scan("reactie geweigerd")
    page.locator("#id_status").select_option(label="Niet overgenomen")
    page.locator("#id_response").fill("Het platform heeft het advies besproken met OCW en VWS en gewogen tegen de lopende aanpak.")
    page.locator("#id_reason").fill("Scholen kiezen dit zelf.")
    page.get_by_role("button", name="Reactie vastleggen").click()
    expect(page.locator(".message-success")).to_contain_text("De reactie is vastgelegd.")
    expect(page.locator("main")).to_contain_text("Scholen kiezen dit zelf.")
    scan("reactie vastgelegd")

    # A platform member from another ministry sees their own body and its items, nothing else.
    guest = make_user("ocw", organisation="Ministerie van OCW")
    actions.add_member(pl, name="Ambtenaar OCW", organisation="OCW", user=guest)
    other = b.new_context(chromium, base_url=live_server.url)
    try:
        p = other.new_page()
        p.goto("/account/login/")
        p.get_by_label("Gebruikersnaam").fill("ocw")
        p.get_by_label("Wachtwoord").fill(PASSWORD)
        p.get_by_role("button", name="Inloggen").click()
        p.goto("/adviesorganen/")
        p.get_by_role("link", name="Interdepartementaal platform").click()
        expect(p.locator("main")).to_contain_text("Advies over sociale media op school")
        audit.check(p, "lid van het platform (1280 px)")
        response = p.goto(f"/adviesorganen/{structure.pk}/organen/{ob.pk}/")
        assert response.status == 404
        assert p.goto(f"/adviesorganen/{structure.pk}/").status == 404
    finally:
        other.close()
    audit.assert_clean()
