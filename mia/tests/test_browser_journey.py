"""The whole kernteam journey in real headless Chromium, with an axe-core scan of every page.

A new kernteam member logs in through the form, starts an MIA and walks steps 1–4 the way a
person would (clicking labels, typing, pressing the buttons). A colleague is added to the
kernteam through the members page (their own MIA-Chart scores are put in the database, to keep
the run short), so the MIA-score has a real median, spread and disagreement flag. The report is
downloaded as PDF and DOCX and read back. Every page the journey loads is scanned with axe-core
(WCAG 2.0/2.1 A and AA); all findings are listed together at the end.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from mia.assessments.models import Assessment, ChartRating
from mia.assessments.scoring import mia_score
from mia.dialogues.models import ConclusionCard, Participant
from mia.tests import browser as b
from mia.tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser

TITLE = "Statiegeld op blikjes en flesjes in de gemeente Voorbeeldstad"
DESCRIPTION = "Vanaf 2027 betalen inwoners 15 cent statiegeld per blikje of flesje. Inzamelpunten komen bij supermarkten."
REWORDED = "Wat merkt u van het statiegeld als u in een dorp woont zonder supermarkt?"
OWN_QUESTION = "Wie haalt straks de lege blikjes uit de bosjes, en wat vindt u daarvan?"
PARTICIPANTS = [
    ("Anna de Vries", "Wetenschap"),
    ("Bram Jansen", "Praktijk"),
    ("Chantal Bakker", "Samenleving"),
    ("Dirk Visser", "Interne buitenstaander"),
    ("Esra Yilmaz", "Samenleving"),
]
# The MIA-Chart scores of the two kernteam members, per statement 1–4.
SCORES_OWNER = [4, 2, 5, 3]
SCORES_COLLEAGUE = [5, 4, 3, 3]
SCORE_LABELS = {1: "Helemaal mee oneens", 2: "Mee oneens", 3: "Neutraal", 4: "Mee eens", 5: "Helemaal mee eens"}


def navigate(page, audit, action, label, *, status=200):
    """Do something that loads a new page (click a link or submit), then scan that page."""
    with page.expect_navigation(wait_until="load") as navigation:
        action()
    response = navigation.value
    assert response is not None and response.status == status, (
        f"{label}: expected HTTP {status}, got {response and response.status} at {page.url}"
    )
    audit.check(page, label)


def click(locator):
    return lambda: locator.click()


def exact(text: str) -> re.Pattern:
    return re.compile(rf"^\s*{re.escape(text)}\s*$")


def expect_message(page, text: str) -> None:
    expect(page.locator(".messages")).to_contain_text(text)


def log_in(page, audit, username: str) -> None:
    page.goto("/", wait_until="load")
    audit.check(page, "inloggen")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    navigate(page, audit, click(page.get_by_role("button", name="Inloggen")), "mijn MIA's")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn MIA's")


def step_link(page, name: str):
    return page.get_by_role("navigation", name="Stappen van deze MIA").get_by_role("link", name=name)


def fill_chart(page, audit, statements, scores, who: str) -> None:
    blocks = page.locator(".chart-statement")
    expect(blocks).to_have_count(len(statements))
    for i, (statement, score) in enumerate(zip(statements, scores, strict=False)):
        block = blocks.nth(i)
        group = block.get_by_role("group", name=f"{statement.number}. {statement.text}")
        group.locator("label").filter(has_text=exact(SCORE_LABELS[score])).click()
        expect(group.get_by_role("radio", name=SCORE_LABELS[score], exact=True)).to_be_checked()
        block.get_by_role("textbox").fill(f"{who} over stelling {statement.number}: score {score}, omdat het zo is.")
    navigate(page, audit, click(page.get_by_role("button", name="Opslaan")), f"MIA-Chart opgeslagen ({who})")
    expect_message(page, "Uw MIA-Chart is opgeslagen.")


def test_kernteam_walks_the_whole_mia_and_downloads_the_report(page, instrument, tmp_path):
    owner = make_user("kernteamlid", role="kernteam", first_name="Karin", last_name="Kern")
    colleague = make_user("collega", role="kernteam", first_name="Cees", last_name="Collega")
    audit = b.AxeAudit(check_width=True, also_narrow=True)
    try:
        _journey(page, audit, owner, colleague, tmp_path)
    except BaseException:
        # Show what axe found so far beside the failure that stopped the journey.
        print(audit.report() or "axe: no violations on the pages scanned so far")
        raise
    assert not page.dialogs, f"unexpected dialogs (unsaved-changes prompts?): {page.dialogs}"
    audit.assert_clean()


def _journey(page, audit, owner, colleague, tmp_path):
    # --- Log in and start a new MIA -------------------------------------------------------
    log_in(page, audit, owner.username)
    navigate(page, audit, click(page.get_by_role("link", name="Nieuwe MIA starten")), "nieuwe MIA")
    page.get_by_label("Welke beleidskeuze wilt u wegen?").fill(TITLE)
    page.get_by_label("Korte omschrijving").fill(DESCRIPTION)
    navigate(page, audit, click(page.get_by_role("button", name="MIA starten")), "stap 1 scan")
    expect_message(page, "De MIA is aangemaakt.")
    assessment = Assessment.objects.get(title=TITLE)
    version = assessment.content_version

    # --- Step 1: MIA-scan -----------------------------------------------------------------
    page.get_by_label("Oorzaken en aanleiding").fill("Zwerfafval in parken en bermen neemt toe.")
    page.get_by_label("Literatuur en onderzoek").fill("Evaluatie statiegeld op kleine flesjes (2023).")
    page.get_by_label("Zichtbaarheid in de media").fill("Regionale kranten schrijven er vaak over.")
    effects = ["Meer", "Minder", "Geen effect", "Onbekend", "Meer"]
    questions = page.locator(".scan-question")
    expect(questions).to_have_count(5)
    for i, effect in enumerate(effects):
        question = questions.nth(i)
        question.locator("fieldset label").filter(has_text=exact(effect)).click()
        expect(question.get_by_role("radio", name=effect, exact=True)).to_be_checked()
        question.get_by_label("Toelichting").fill(f"Toelichting bij startvraag {i + 1}: {effect.lower()}.")
    groups_box = page.get_by_role("group", name=re.compile("Welke groepen worden door de beleidskeuze beïnvloed"))
    chosen_groups = []
    for index in (0, 2):
        label = groups_box.locator("label").nth(index)
        chosen_groups.append(label.inner_text().strip())
        label.click()
    page.get_by_label("Andere groep, namelijk").fill("Statushouders")
    words_box = page.get_by_role("group", name=re.compile("Welke signaalwoorden associeert u met de beleidskeuze"))
    for index in (0, 3):
        words_box.locator("label").nth(index).click()
    navigate(page, audit, click(page.get_by_role("button", name="Opslaan")), "scan opgeslagen")
    expect_message(page, "De MIA-scan is opgeslagen.")
    assert sorted(a.effect for a in assessment.scan_answers.all()) == sorted(["meer", "minder", "geen", "onbekend", "meer"])
    assert assessment.groups.count() == 2 and assessment.signal_word_choices.count() == 2

    # --- Step 1: decision -----------------------------------------------------------------
    navigate(page, audit, click(page.get_by_role("link", name="Verder: besluit")), "besluit")
    decision = page.get_by_role("group", name=re.compile("vermoeden van maatschappelijke impact"))
    decision.locator("label").filter(has_text="Ja, we gaan verder met de MIA").click()
    page.get_by_label("Waarom?").fill("Drie startvragen wijzen op meer of minder effect voor groepen.")
    navigate(page, audit, click(page.get_by_role("button", name="Besluit opslaan")), "domeinverkenner")
    expect_message(page, "Besluit opgeslagen. Verken nu de domeinen.")

    # --- Step 1: Domeinverkenner ----------------------------------------------------------
    plan = {"Sociaal contact": (0, 1), "Vertrouwen": (2,)}
    sections = page.locator("#domain-form section")
    expect(sections).to_have_count(5)
    for i in range(5):
        section = sections.nth(i)
        name = section.get_by_role("heading", level=2).inner_text().strip()
        start = section.get_by_role("group").first
        if name in plan:
            start.locator("label").filter(has_text=exact("Ja")).click()
            subdomains = section.get_by_role("group", name="Welke subdomeinen spelen?")
            for index in plan[name]:
                subdomains.locator("label").nth(index).click()
            section.get_by_label("Toelichting").fill(f"{name} speelt: inzamelpunten zijn ontmoetingsplekken.")
        else:
            start.locator("label").filter(has_text=exact("Nee")).click()
    navigate(page, audit, click(page.get_by_role("button", name="Opslaan")), "domeinverkenner opgeslagen")
    expect_message(page, "De domeinverkenner is opgeslagen.")
    assert assessment.domain_answers.filter(relevant=True).count() == 2

    # --- Step 2: dialogue questions (max 5, reword, own question) -------------------------
    navigate(page, audit, click(page.get_by_role("link", name="Verder: dialoogvragen kiezen")), "dialoogvragen")
    choose = page.get_by_role("button", name=re.compile(r"^Kiezen"))
    for n in range(5):
        navigate(page, audit, click(choose.first), f"vraag {n + 1} gekozen")
        expect_message(page, "Vraag toegevoegd.")
    expect(page.locator("#chosen-title")).to_contain_text("Gekozen: 5 vragen")
    # A sixth question is refused with a clear Dutch message, and nothing chosen is lost.
    navigate(page, audit, click(choose.first), "zesde vraag geweigerd")
    expect(page.locator(".messages")).to_contain_text(re.compile(r"al 5 vragen gekozen\. Dat is het maximum .*Haal eerst een vraag weg"))
    expect(page.locator("#chosen-title")).to_contain_text("Gekozen: 5 vragen")
    assert assessment.questions.count() == 5

    chosen = page.get_by_role("list", name=re.compile("^Gekozen"))
    # Direct children only: a question's plain-language box can hold a list of its own.
    chosen_items = chosen.locator(":scope > li")
    second = chosen_items.nth(1)
    original_second = second.get_by_role("textbox").input_value()
    second.get_by_role("textbox").fill(REWORDED)
    navigate(page, audit, click(second.get_by_role("button", name="Tekst opslaan")), "vraag herschreven")
    expect_message(page, "De vraag is aangepast. De oorspronkelijke tekst blijft bewaard.")
    expect(chosen_items.nth(1)).to_contain_text("Oorspronkelijke vraag")
    # The bank question went in as its B1 form; the seed's wording is kept as the original.
    reworded = assessment.questions.get(text=REWORDED)
    assert reworded.original_text == reworded.bank_question.text
    assert original_second == assessment.content.plain_question(reworded.bank_question.text)

    last = chosen_items.nth(4)
    navigate(page, audit, click(last.get_by_role("button", name=re.compile("^Weghalen"))), "vraag weggehaald")
    expect_message(page, "Vraag weggehaald.")
    own_form = page.locator("form").filter(has=page.get_by_role("button", name="Eigen vraag toevoegen"))
    own_form.get_by_role("textbox").fill(OWN_QUESTION)
    navigate(page, audit, click(own_form.get_by_role("button", name="Eigen vraag toevoegen")), "eigen vraag")
    expect_message(page, "Uw eigen vraag is toegevoegd.")
    question_texts = list(assessment.questions.order_by("position").values_list("text", flat=True))
    assert len(question_texts) == 5 and REWORDED in question_texts and OWN_QUESTION in question_texts

    # --- Step 2: participants -------------------------------------------------------------
    navigate(page, audit, click(page.get_by_role("link", name="Verder: deelnemers")), "deelnemers")
    for i, (name, perspective) in enumerate(PARTICIPANTS):
        session = page.locator("section[id^=sessie-]").first
        session.locator("summary").filter(has_text="Deelnemer toevoegen").click()
        form = session.locator("form").filter(has=page.get_by_role("button", name="Deelnemer toevoegen"))
        form.get_by_label("Naam").fill(name)
        form.get_by_role("group", name=re.compile("^Perspectief")).locator("label").filter(has_text=exact(perspective)).click()
        form.get_by_label("Organisatie of achtergrond").fill("Buurtvereniging" if i % 2 else "Hogeschool")
        form.get_by_label("Contact").fill(f"deelnemer{i + 1}@example.org")
        form.get_by_role("group", name=re.compile("groepen", re.I)).locator("label").nth(i % 2).click()
        navigate(page, audit, click(form.get_by_role("button", name="Deelnemer toevoegen")), f"deelnemer {i + 1}")
        expect_message(page, "Deelnemer toegevoegd.")
    assert Participant.objects.filter(session__assessment=assessment).count() == 5
    expect(page.get_by_text("Elke groep uit de scan heeft ten minste één deelnemer.")).to_be_visible()
    coverage = page.get_by_role("table", name=re.compile("Groepen uit de MIA-scan"))
    for group in chosen_groups:
        expect(coverage).to_contain_text(group)
    session = page.locator("section[id^=sessie-]").first
    session.locator("summary").filter(has_text="Gegevens van").click()
    session.get_by_label("Plaats").fill("Wijkcentrum De Brug")
    session.get_by_label("Gespreksleider").fill("Gerda Gesprek")
    session.get_by_label("Notulist").fill("Nico Notulen")
    navigate(page, audit, click(session.get_by_role("button", name="Sessie opslaan")), "sessie opgeslagen")
    expect_message(page, "Sessiegegevens opgeslagen.")

    # --- Step 2: werkvorm and invitation --------------------------------------------------
    navigate(page, audit, click(page.get_by_role("link", name="Verder: werkvorm en uitnodiging")), "werkvorm")
    page.get_by_label("Werkvorm", exact=True).select_option(index=1)
    page.get_by_role("group", name=re.compile("Vorm van het verslag")).locator("label").filter(has_text=exact("Verslag van begin tot eind")).click()
    expect(page.get_by_label("Uitnodiging")).not_to_have_value("")
    page.get_by_label("Wat gebeurt er na de dialoog?").fill("U krijgt binnen vier weken het verslag per e-mail.")
    navigate(page, audit, click(page.get_by_role("button", name="Opslaan")), "werkvorm opgeslagen")
    expect_message(page, "Werkvorm en uitnodiging zijn opgeslagen.")

    # --- Step 3: agenda, cards PDF, entry of the cards -------------------------------------
    navigate(page, audit, click(page.get_by_role("link", name="Verder: de MIA-dialoog")), "stap 3")
    navigate(page, audit, click(page.get_by_role("link", name="Agenda (om te printen)")), "agenda")
    agenda = b.normalise(page.locator("ol.agenda").inner_text())
    for text in question_texts:
        assert b.normalise(text) in agenda
    assert b.normalise(version.document["closing_question"]) in agenda
    page.go_back(wait_until="load")
    # The PDF of every card of every round is made while the user waits; give a loaded machine time.
    with page.expect_download(timeout=90_000) as download_info:
        page.get_by_role("link", name="Conclusiekaartjes (PDF)").click(timeout=90_000)
    cards_pdf = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(cards_pdf)
    assert cards_pdf.suffix == ".pdf" and cards_pdf.read_bytes().startswith(b"%PDF")
    cards_text = b.pdf_text(cards_pdf)
    assert b.normalise(question_texts[0]) in cards_text, cards_text[:2000]

    navigate(page, audit, click(page.get_by_role("link", name="Kaartjes en notities invoeren")), "kaartjes invoeren")
    rounds = page.locator("section[id^=ronde-]")
    expect(rounds).to_have_count(len(question_texts) + 1)
    for i in range(len(question_texts) + 1):
        section = page.locator("section[id^=ronde-]").nth(i)
        form = section.locator("form").filter(has=page.get_by_role("button", name="Kaartje opslaan"))
        form.get_by_label("Deelnemer").select_option(index=i % len(PARTICIPANTS) + 1)
        form.get_by_role("group", name=re.compile("Soort kaartje")).locator("label").first.click()
        form.get_by_label("Onderwerp").fill(f"Onderwerp {i + 1}")
        form.get_by_label("Tekst op het kaartje").fill(f"Conclusie uit ronde {i + 1}: inzamelpunten dicht bij huis.")
        navigate(page, audit, click(form.get_by_role("button", name="Kaartje opslaan")), f"kaartje ronde {i + 1}")
        expect_message(page, "Kaartje opgeslagen.")
    first_round = page.locator("section[id^=ronde-]").first
    first_round.locator("summary").filter(has_text="Kaartje toevoegen").click()
    idea_form = first_round.locator("form").filter(has=page.get_by_role("button", name="Kaartje opslaan"))
    idea_form.get_by_role("group", name=re.compile("Soort kaartje")).locator("label").filter(has_text="Ideeën en suggesties").click()
    idea_form.get_by_label("Tekst op het kaartje").fill("Idee: een inzamelpunt bij de bibliotheek.")
    navigate(page, audit, click(idea_form.get_by_role("button", name="Kaartje opslaan")), "ideeënkaartje")
    notes_form = page.locator("section[id^=ronde-]").first.locator("form[data-autosave]")
    notes_form.get_by_label("Notities van deze ronde").fill("Levendig gesprek; ouderen noemen de afstand tot de supermarkt.")
    navigate(page, audit, click(notes_form.get_by_role("button", name="Opslaan")), "notities opgeslagen")
    expect_message(page, "Notities opgeslagen.")
    assert ConclusionCard.objects.filter(round__session__assessment=assessment).count() == len(question_texts) + 2

    # --- A colleague joins the kernteam; their MIA-Chart is already filled in ----------------
    navigate(page, audit, click(step_link(page, "Overzicht")), "overzicht")
    navigate(page, audit, click(step_link(page, "Kernteam en lezers")), "kernteam en lezers")
    add_form = page.locator("form").filter(has=page.get_by_role("button", name="Toevoegen"))
    add_form.get_by_label("Collega uit uw organisatie").select_option(label=f"{colleague.get_full_name()} ({colleague.username})")
    add_form.get_by_role("group", name=re.compile("^Rol")).locator("label").filter(has_text="Kernteam").click()
    navigate(page, audit, click(add_form.get_by_role("button", name="Toevoegen")), "collega toegevoegd")
    expect_message(page, "Cees Collega is toegevoegd.")
    statements = list(version.chartstatement_set.order_by("number"))
    assert len(statements) == 4
    # The colleague's own scores (their walk through the same form is what the owner does below).
    for statement, score in zip(statements, SCORES_COLLEAGUE, strict=False):
        ChartRating.objects.create(
            assessment=assessment, member=colleague, statement=statement, score=score, explanation=f"Cees: {score}."
        )

    # --- Step 4: MIA-Chart, conclusions, follow-up ---------------------------------------------
    navigate(page, audit, click(step_link(page, "4. MIA-Chart")), "MIA-Chart")
    fill_chart(page, audit, statements, SCORES_OWNER, "Karin")
    expected = mia_score({s.number: [SCORES_OWNER[i], SCORES_COLLEAGUE[i]] for i, s in enumerate(statements)})
    assert any(score.disagreement for score in expected)
    expect(page.locator(".flag").first).to_contain_text("meningen lopen 2 punten of meer uiteen")

    navigate(page, audit, click(step_link(page, "4. Conclusies en vervolgstappen")), "conclusies")
    conclusions = [
        "Ouderen in dorpen zonder supermarkt hebben het meeste last van de regeling.",
        "Inzamelpunten kunnen ontmoetingsplekken worden.",
        "Het kernteam is het oneens over de beïnvloedbaarheid.",
        "Communicatie moet eenvoudig en vroeg zijn.",
    ]
    # 4A: one conclusion per question of the seed, the questions verbatim as the labels.
    for question, text in zip(version.document["main_conclusion_questions"], conclusions, strict=True):
        page.get_by_label(question, exact=True).fill(text)
    navigate(page, audit, click(page.locator("#conclusions-form").get_by_role("button", name="Opslaan")), "conclusies opgeslagen")
    expect_message(page, "De conclusies zijn opgeslagen.")
    action_form = page.locator("form").filter(has=page.get_by_role("button", name="Vervolgstap toevoegen"))
    action_form.get_by_label("Soort").select_option(label="Beleid: Adaptieve maatregelen")
    action_form.get_by_label("Actie").fill("Extra inzamelpunten in de drie kleinste dorpen.")
    action_form.get_by_label("Wie").fill("Team Afval")
    action_form.get_by_label("Wanneer").fill("2026-12-31")
    navigate(page, audit, click(action_form.get_by_role("button", name="Vervolgstap toevoegen")), "vervolgstap")
    expect_message(page, "Vervolgstap toegevoegd.")
    expect(page.get_by_role("table", name="Geplande vervolgstappen")).to_contain_text("Extra inzamelpunten")

    # --- The report, and its PDF and DOCX -------------------------------------------------------
    navigate(page, audit, click(page.get_by_role("link", name="Naar het rapport")), "rapport")
    score_table = page.get_by_role("table", name=re.compile("MIA-score per stelling"))
    rows = score_table.locator("tbody tr")
    expect(rows).to_have_count(4)
    shown = []  # (statement text, median as shown, spread as shown)
    for i, statement in enumerate(statements):
        row = rows.nth(i)
        expect(row.locator("th")).to_contain_text(statement.text)
        median = row.locator("td").nth(0).inner_text().strip()
        spread = row.locator("td").nth(1).inner_text().strip().split()[0]
        assert median not in ("", "–"), f"no median shown for statement {statement.number}"
        assert float(median.replace(",", ".")) == float(expected[i].median)
        shown.append((statement.text, median, spread))

    downloads = {}
    for name, suffix in (("Download PDF", ".pdf"), ("Download Word (DOCX)", ".docx")):
        with page.expect_download() as download_info:
            page.get_by_role("link", name=name).click()
        download = download_info.value
        assert download.failure() is None
        path = tmp_path / download.suggested_filename
        download.save_as(path)
        assert path.suffix == suffix, download.suggested_filename
        downloads[suffix] = path
    assert downloads[".pdf"].read_bytes().startswith(b"%PDF")
    assert downloads[".docx"].read_bytes().startswith(b"PK")

    for suffix, text in ((".pdf", b.pdf_text(downloads[".pdf"])), (".docx", b.docx_text(downloads[".docx"]))):
        missing = [TITLE] if b.normalise(TITLE) not in text else []
        missing += [f"question: {q}" for q in question_texts if b.normalise(q) not in text]
        missing += [f"statement: {s}" for s, _m, _sp in shown if b.normalise(s) not in text]
        missing += [f"conclusion: {c}" for c in conclusions if b.normalise(c) not in text]
        missing += [f"pseudonym: {p}" for p in ("Deelnemer 1 (wetenschap)", "Deelnemer 4 (interne buitenstaander)") if p not in text]
        assert not missing, f"{suffix} report lacks {missing}\n--- extracted text ---\n{text[:4000]}"
        leaked = [name for name, _perspective in PARTICIPANTS if name in text]
        assert not leaked, f"{suffix} report names participants: {leaked}"
        # The scores: each statement followed (in its table row) by its median and spread.
        for statement_text, median, spread in shown:
            pattern = re.escape(b.normalise(statement_text)) + r"\s*" + re.escape(median) + r"\s+" + re.escape(spread)
            assert re.search(pattern, text), (
                f"{suffix}: statement {statement_text!r} is not followed by median {median} and spread {spread}\n"
                f"--- extracted text ---\n{text[:6000]}"
            )

    # The report again at a phone's width: it must still pass axe.
    page.set_viewport_size(b.NARROW)
    audit.check(page, "rapport op 360 px")


def test_login_page_at_phone_width_passes_axe_and_reflows(chromium, live_server, transactional_db):
    context = b.new_context(chromium, base_url=live_server.url, viewport=b.NARROW)
    try:
        page = context.new_page()
        page.goto("/account/login/", wait_until="load")
        b.axe_check(page, "inloggen op 360 px")
        assert not b.has_horizontal_scroll(page), "the login page scrolls sideways at 360 px"
        # A failed login shows its error summary; that state must pass too.
        page.get_by_label("Gebruikersnaam").fill("niemand")
        page.get_by_label("Wachtwoord").fill("fout")
        with page.expect_navigation(wait_until="load"):
            page.get_by_role("button", name="Inloggen").click()
        expect(page.get_by_role("alert")).to_contain_text("Inloggen lukte niet")
        expect(page.get_by_role("alert")).to_be_focused()
        b.axe_check(page, "inloggen mislukt op 360 px")
        assert not b.has_horizontal_scroll(page), "the failed-login page scrolls sideways at 360 px"
        page.goto("/account/password_reset/", wait_until="load")
        b.axe_check(page, "wachtwoord vergeten op 360 px")
        assert not b.has_horizontal_scroll(page), "the password-reset page scrolls sideways at 360 px"
    finally:
        context.close()


def test_keyboard_only_user_logs_in_and_skips_to_the_content(page, instrument):
    user = make_user("toetsenbord", role="kernteam")
    page.goto("/account/login/", wait_until="load")
    # The username field has focus on arrival (autofocus); log in with the keyboard alone.
    expect(page.get_by_label("Gebruikersnaam")).to_be_focused()
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Wachtwoord")).to_be_focused()
    page.keyboard.type(PASSWORD)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn MIA's")
    # The first Tab reaches the skip link, which shows itself on screen when focused.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Direct naar de inhoud")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    viewport = page.viewport_size
    assert box is not None and 0 <= box["x"] < viewport["width"] and 0 <= box["y"] < viewport["height"], (
        f"the focused skip link is off screen: {box}"
    )
    page.keyboard.press("Enter")
    expect(page.locator("main#inhoud")).to_be_focused()
    # From the content, the next Tab lands on its first control, and Enter follows it.
    page.keyboard.press("Tab")
    start = page.get_by_role("link", name="Nieuwe MIA starten")
    expect(start).to_be_focused()
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe MIA starten")
    b.axe_check(page, "nieuwe MIA (toetsenbord)")
