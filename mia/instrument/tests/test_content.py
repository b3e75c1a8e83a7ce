"""Tests for the MIA content file and its parser. No Django, no database."""

from __future__ import annotations

import copy
import json

import pytest

from mia.instrument.content import (
    ContentError,
    InstrumentContent,
    default_content_path,
    load_content,
    parse_content,
)

# Counted by hand in the seed's "Voorbeelden dialoogvragen" (mia-instrument.txt):
# per subdomain below; the two "Vertrouwen in ..." subdomains share the seed's
# single block "Vertrouwen in rechtsstaat en politiek" (3 questions), so 34
# entries hold 31 distinct subdomain questions. Add the two blocks outside the
# subdomains ("Denk ook aan: doenvermogen" and Gelijkheid "Algemeen"), one
# question each: 36 entries, 33 distinct bank questions. (The seed prints 34
# question paragraphs; two paragraphs of "Gebiedsgebonden identiteit" form one
# question, see data/README.md.)
QUESTIONS_PER_SUBDOMAIN = {
    "toegankelijkheid-voorzieningen": 1,
    "inkomensverschillen": 1,
    "sociale-mobiliteit": 1,
    "objectieve-veiligheid": 1,
    "subjectieve-veiligheid": 1,
    "sociale-controle": 3,
    "contact-binnen-en-tussen-groepen": 2,
    "maatschappelijke-participatie": 3,
    "cultuur-en-groepsidentiteit": 3,
    "gebiedsgebonden-identiteit": 3,
    "ontmoeting-in-de-ruimte": 3,
    "fysieke-mobiliteit": 2,
    "vertrouwen-in-rechtsstaat": 3,
    "vertrouwen-in-politiek": 3,
    "zeggenschap-in-beleid": 4,
}
BANK_ENTRIES = 36
DISTINCT_BANK_QUESTIONS = 33


@pytest.fixture(scope="module")
def raw() -> dict:
    return json.loads(default_content_path().read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def content() -> InstrumentContent:
    return load_content(default_content_path())


def _broken(raw: dict, change) -> dict:
    data = copy.deepcopy(raw)
    change(data)
    return data


def _assert_dutch_error(data: dict, *words: str) -> str:
    with pytest.raises(ContentError) as info:
        parse_content(data)
    message = str(info.value)
    for word in words:
        assert word in message, message
    return message


# --- the bundled file ------------------------------------------------------ #


def test_it_loads_the_bundled_file(content):
    assert content.version == "1"
    assert content.title == "MIA – Maatschappelijke Impact Afwegen"
    assert default_content_path().name == "mia-v1.json"
    assert load_content() == content


def test_it_has_four_steps_of_three_substeps_with_the_instruments_times(content):
    assert [s.code for s in content.steps] == ["1", "2", "3", "4"]
    assert [s.title for s in content.steps] == ["Oriëntatie", "Voorbereiding", "MIA-dialoog", "Vervolg"]
    assert [s.minutes for s in content.steps] == [60, 180, 120, 60]
    codes = [sub.code for s in content.steps for sub in s.substeps]
    assert codes == ["1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C"]
    assert content.substep("2c").title == "Kiezen werkvorm"
    assert all("\n\n" in sub.guidance or len(sub.guidance) > 40 for s in content.steps for sub in s.substeps)


def test_it_has_the_scan(content):
    assert [q.code for q in content.scan_questions] == [
        "doenvermogen",
        "onzekerheid",
        "verschillen",
        "frictie",
        "vertrouwen",
    ]
    assert [c.code for c in content.scan_effect_choices] == ["meer", "minder", "geen", "onbekend"]
    assert len(content.groups) == 14
    assert content.groups[0].code == "regios"
    assert len(content.signal_word_pairs) == 11
    assert content.signal_word_pairs[0].positive == "Maatschappelijke participatie"
    assert content.signal_word_pairs[0].negative == "Isolatie/eenzaamheid"


def test_it_has_five_domains_of_three_subdomains(content):
    assert [d.code for d in content.domains] == [
        "gelijkheid",
        "veiligheid",
        "sociaal-contact",
        "leefomgeving",
        "vertrouwen",
    ]
    assert all(len(d.subdomains) == 3 for d in content.domains)
    assert all(d.start_question.endswith("?") for d in content.domains)


def test_it_gives_every_subdomain_at_least_one_question(content):
    for domain in content.domains:
        for sub in domain.subdomains:
            assert sub.questions, sub.code


def test_it_has_every_bank_question_of_the_seed(content):
    counts = {s.code: len(s.questions) for d in content.domains for s in d.subdomains}
    assert counts == QUESTIONS_PER_SUBDOMAIN
    assert len(content.bank_questions()) == BANK_ENTRIES
    assert len(content.distinct_bank_questions()) == DISTINCT_BANK_QUESTIONS
    topics = {t.code: t for t in content.extra_question_topics}
    assert topics["doenvermogen"].name == "Denk ook aan: doenvermogen"
    assert topics["doenvermogen"].domain is None
    assert topics["gelijkheid-algemeen"].domain == "gelijkheid"


def test_it_has_the_dialogue_and_chart_tools(content):
    assert content.closing_question == "Waar moeten we in ieder geval aandacht aan besteden (bij deze beleidskeuze)?"
    assert [c.code for c in content.card_types] == ["conclusie", "idee"]
    assert content.round_minutes == 15
    assert content.max_dialogue_questions == 5
    assert len(content.chart_scale) == 5
    assert content.chart_scale[0] == "Helemaal mee oneens"
    assert [s.number for s in content.chart_statements] == [1, 2, 3, 4]
    assert all(s.prompt.startswith("Licht toe:") for s in content.chart_statements)


def test_it_has_the_follow_up_and_preparation_choices(content):
    assert [f.code for f in content.followup_domains] == ["politiek", "beleid", "communicatie"]
    assert [t.code for t in content.followup_domain("beleid").subtypes] == ["beinvloedend", "adaptief", "compenserend"]
    assert [p.code for p in content.perspectives] == ["wetenschap", "praktijk", "samenleving", "interne-buitenstaander"]
    assert [r.code for r in content.report_forms] == ["beknopt", "verslag", "transcript"]
    assert content.werkvormen
    assert {link.topic for link in content.links} >= {"mkba", "doenvermogen", "inclusieve-communicatie"}


def test_it_fills_in_the_invitation_template(content):
    text = content.invitation_template.format(
        titel="Nieuwe huurwet", datum="1 juni", locatie="Den Haag", organisatie="BZK", kernteam="Anna en Bas"
    )
    assert "Nieuwe huurwet" in text and "{" not in text


def test_it_has_no_empty_or_untrimmed_texts(raw):
    def walk(value, path="$"):
        if isinstance(value, dict):
            for key, item in value.items():
                yield from walk(item, f"{path}.{key}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield from walk(item, f"{path}[{i}]")
        elif isinstance(value, str):
            yield path, value

    for path, text in walk(raw):
        assert text == text.strip(), path
        assert "  " not in text, path
        if not path.endswith(".help") and not path.endswith(".description"):
            assert text, path


# --- errors ---------------------------------------------------------------- #


def test_it_rejects_a_document_that_is_not_an_object():
    with pytest.raises(ContentError, match="moet een object"):
        parse_content([])


@pytest.mark.parametrize(
    "key",
    ["version", "steps", "scan_questions", "groups", "signal_word_pairs", "domains", "chart_statements",
     "consent_text", "invitation_template", "links", "closing_question", "chart_scale"],
)
def test_it_rejects_a_missing_key(raw, key):
    _assert_dutch_error(_broken(raw, lambda d: d.pop(key)), "Ontbrekende sleutel", key)


def test_it_rejects_a_missing_nested_key(raw):
    _assert_dutch_error(
        _broken(raw, lambda d: d["domains"][2]["subdomains"][1].pop("name")),
        "Ontbrekende sleutel ‘name’",
        "domains[2].subdomains[1]",
    )


@pytest.mark.parametrize(
    "key, what",
    [
        ("scan_questions", "startvragen"),
        ("groups", "groepen"),
        ("signal_word_pairs", "woordparen"),
        ("domains", "domeinen"),
        ("chart_statements", "stellingen"),
        ("chart_scale", "schaalpunten"),
        ("steps", "stappen"),
    ],
)
def test_it_rejects_a_wrong_count(raw, key, what):
    _assert_dutch_error(_broken(raw, lambda d: d[key].pop()), "moet precies", what)


def test_it_rejects_a_domain_without_three_subdomains(raw):
    _assert_dutch_error(_broken(raw, lambda d: d["domains"][0]["subdomains"].pop()), "precies 3 subdomeinen")


def test_it_rejects_a_step_without_three_substeps(raw):
    _assert_dutch_error(_broken(raw, lambda d: d["steps"][3]["substeps"].pop()), "precies 3 deelstappen")


def test_it_rejects_a_substep_with_the_wrong_code(raw):
    def change(d):
        d["steps"][1]["substeps"][0]["code"] = "1A"

    _assert_dutch_error(_broken(raw, change), "moet code ‘2A’ hebben")


@pytest.mark.parametrize("key", ["scan_questions", "groups", "signal_word_pairs", "domains", "chart_statements"])
def test_it_rejects_duplicate_codes(raw, key):
    def change(d):
        d[key][1]["code"] = d[key][0]["code"]

    _assert_dutch_error(_broken(raw, change), "Dubbele code", key)


def test_it_rejects_a_subdomain_code_used_in_two_domains(raw):
    def change(d):
        d["domains"][4]["subdomains"][0]["code"] = d["domains"][0]["subdomains"][0]["code"]

    _assert_dutch_error(_broken(raw, change), "Dubbele code")


def test_it_rejects_a_code_that_is_not_a_slug(raw):
    def change(d):
        d["groups"][0]["code"] = "Regio's"

    _assert_dutch_error(_broken(raw, change), "Ongeldige code")


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda d: d["scan_questions"][0].__setitem__("text", "   "), "scan_questions[0].text"),
        (lambda d: d["groups"][3].__setitem__("label", ""), "groups[3].label"),
        (lambda d: d["domains"][1].__setitem__("start_question", ""), "domains[1].start_question"),
        (lambda d: d["steps"][0]["substeps"][2].__setitem__("guidance", ""), "steps[0].substeps[2].guidance"),
        (lambda d: d.__setitem__("consent_text", ""), "consent_text"),
        (lambda d: d["domains"][0]["subdomains"][0]["questions"].__setitem__(0, ""), "questions[0]"),
    ],
)
def test_it_rejects_empty_texts(raw, change, where):
    _assert_dutch_error(_broken(raw, change), where, "is leeg")


def test_it_rejects_a_subdomain_without_questions(raw):
    def change(d):
        d["domains"][3]["subdomains"][2]["questions"] = []

    _assert_dutch_error(_broken(raw, change), "bevat geen vragen")


def test_it_rejects_a_missing_required_choice(raw):
    def change(d):
        d["scan_effect_choices"][3]["code"] = "misschien"

    _assert_dutch_error(_broken(raw, change), "mist de verplichte code", "onbekend")


def test_it_rejects_chart_statements_out_of_order(raw):
    def change(d):
        d["chart_statements"][0]["number"] = 2

    _assert_dutch_error(_broken(raw, change), "moet nummer 1 hebben")


def test_it_rejects_an_unknown_invitation_placeholder(raw):
    def change(d):
        d["invitation_template"] += " {naam}"

    _assert_dutch_error(_broken(raw, change), "onbekende plaatshouders", "{naam}")


def test_it_rejects_an_invitation_without_a_placeholder(raw):
    def change(d):
        d["invitation_template"] = d["invitation_template"].replace("{datum}", "binnenkort")

    _assert_dutch_error(_broken(raw, change), "mist de plaatshouders", "{datum}")


def test_it_rejects_a_topic_of_an_unknown_domain(raw):
    def change(d):
        d["extra_question_topics"][1]["domain"] = "economie"

    _assert_dutch_error(_broken(raw, change), "onbekend domein")


def test_it_reports_a_file_that_is_not_json(tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text("{ dit is geen json", encoding="utf-8")
    with pytest.raises(ContentError, match="geen geldige JSON"):
        load_content(path)


def test_it_reports_a_missing_file(tmp_path):
    with pytest.raises(ContentError, match="kan niet worden gelezen"):
        load_content(tmp_path / "bestaat-niet.json")
