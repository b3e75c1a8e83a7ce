"""Fidelity of the Stappenplan content file to the seed, and its validation.

The expected strings are copied from the seed (``stappenplan-inclusief-beleid.txt``; hyphenation
at line ends joined), so the tests run without the seed folder."""

from __future__ import annotations

import copy
import json

import pytest

from mia.inclusion.content import ContentError, default_content_path, load_content, parse_content

BIJLAGE_1_DEEL_1 = [
    "Informatie over de gemeente: inwoneraantal, politiek bestuur, wijken/kernen, bijzonderheden?",
    "Wat is inclusief beleid in jouw gemeente en vanuit welk perspectief wordt het ingevuld?",
    "In hoeverre is er (politiek) draagvlak voor inclusief beleid en waar zit dat?",
    "Wat is er tot nu toe al gedaan op het gebied van inclusief beleid in jouw gemeente?",
    "Wat is de belangrijkste vraag over inclusief beleid binnen jouw gemeente?",
]
BIJLAGE_1_DEEL_2 = (
    "Kies één van de zes VNG-levensdomeinen (onderwijs & ontwikkeling, thuis, werk & inkomen, vrije tijd, "
    "vervoer of welzijn, gezondheid & ondersteuning). Dit kun je doen op basis van:"
)
BIJLAGE_1_DEEL_2_BASES = [
    "Je eigen ervaring en signalen die je hebt opgepikt tot nu toe.",
    "Gesprekken met collega’s, partners, sociaal professionals binnen de levensdomeinen.",
    "Op basis van prioritering vanuit raad/programma’s.",
]
BIJLAGE_1_DEEL_2_AREA = (
    "Eventueel: kies één wijk/kern in de gemeente. Dit kan helpen om de inclusievraagstukken behapbaar en concreet "
    "te maken en aan te sluiten bij de eigen dynamiek van wijken/kernen. Als je een wijk/kern kiest, zoom dan in de "
    "verkenning van het levensdomein ook steeds in op de specifieke situaties, stand van zaken en activiteiten in de wijk/kern."
)
BIJLAGE_1_DEEL_3 = [
    ("Wat zijn belangrijke thema’s en vraagstukken binnen het gekozen levensdomein?", [
        "Wat zou binnen deze thema’s en vraagstukken de gewenste situatie zijn?",
        "Hoe kan inclusief beleid bijdragen aan een verbetering van de situatie?",
        "Als een wijk/kern gekozen is, wat speelt er specifiek in deze wijk/kern dat belangrijk/interessant/problematisch is?",
    ]),
    ("Wat is de huidige stand van zaken?", [
        "Denk hierbij aan beleid, acties, initiatieven.",
        "Hoe zijn deze tot stand gekomen?",
        "Wat gaat er goed? Wat kan er beter?",
        "Er zijn (bijna) altijd blinde vlekken. Wat zou dit bij jullie kunnen zijn?",
    ]),
    ("Hoe staat het binnen dit levensdomein met het bewustzijn, definitie van en visie op inclusief beleid? "
     "Is er een gevoel van urgentie?", []),
    ("Wiens draagvlak is echt nodig (op alle lagen: van bestuur tot uitvoering) binnen dit levensdomein?", [
        "Op welke lagen (van bestuur tot uitvoering)?",
        "Waar en waartegen bestaat weerstand en bij wie?",
    ]),
    ("Waar zit energie en leiderschap binnen de gemeentelijke organisatie en binnen het levensdomein?", [
        "Hoe wordt er nu met hen samengewerkt en/of hoe zou er met hen samengewerkt moeten worden?",
        "Wie zijn mogelijke kartrekkers en rolmodellen binnen het levensdomein?",
    ]),
    ("Welke partners en inwoners zijn belangrijk om te betrekken in dit levensdomein?", [
        "Hoe krijg je zicht op ervaringen van inwoners: waar lopen zij in het dagelijks leven tegenaan qua in- en uitsluiting?",
        "Met wie wordt er nu samengewerkt? Waarom met hen? Wat doen zij?",
        "Wie missen er? En waardoor komt dat?",
        "Hoe krijg je zicht op ‘onzichtbare’ of ‘stille’ inwoners?",
    ]),
    ("Welke middelen zijn er beschikbaar om inclusief beleid vorm te geven?", ["Financieel", "Tijd"]),
]
BIJLAGE_1_TIPS = [
    "Probeer de vragen zo volledig mogelijk mee te nemen in de verkenning maar sla over wanneer een vraag voorloopt "
    "op het proces in jouw gemeente.",
    "Als je een vraag niet direct kan beantwoorden, ga dan na hoe je hierachter zou kunnen komen: in gesprek met "
    "collega’s, organisaties, partners en/of inwoners of via onderzoeks- en beleidsstukken?",
]
# The six VNG levensdomeinen: the seed's list reads "…, vrije tijd, vervoer of welzijn, gezondheid &
# ondersteuning" — "of" joins the fifth and the sixth; "welzijn, gezondheid & ondersteuning" is one domain.
LEVENSDOMEINEN = [
    "Onderwijs & ontwikkeling", "Thuis", "Werk & inkomen", "Vrije tijd", "Vervoer", "Welzijn, gezondheid & ondersteuning",
]
BIJLAGE_2 = [
    "Hoe zorg je voor meerstemmigheid bij het zicht krijgen op leefwerelden en ervaringen van inwoners?",
    "Wat zijn gevoeligheden/overwegingen bij het zicht krijgen op leefwerelden van inwoners?",
    "Wat zijn voorbeelden van inwonerparticipatie die wel en niet zijn gelukt? Wat zijn mogelijke redenen daarvoor?",
    "Wat zou een concreet beleidsdoel zijn om de ervaring van inwoners bij te betrekken en als startpunt te nemen? "
    "Hoe ga je dat vormgeven?",
]
BIJLAGE_3 = [
    ("Wat is het doel van monitoring? Welke vraag moet het beantwoorden?", [
        "Waarom willen we dit weten? Need to know, nice to know",
        "Hoor je degene wie het betreft? Inwoner centraal",
        "Hoor je degene die ermee moet werken? Aansluiting primaire proces",
    ]),
    ("Wat willen we met dit beleid/deze activiteit bereiken? Gewenste outcome?", []),
    ("Hoe zie je het in het dagelijks leven van inwoners als dat lukt?", []),
    ("Hoe kun je dat in kaart brengen?", []),
]
TIPS_VAN_DER_KOLK = [
    ("Meet met mate.", "Vooral in het sociale domein gaat de mantra meten = weten niet altijd op. De eerder besproken "
     "effecten en bijwerkingen spelen daar nog meer een rol dan in meer cijfermatige domeinen, zoals economische zaken. "
     "Combineer daarom altijd kwantitatief met kwalitatieve inzichten."),
    ("Houd rekening met de context.", "Vaak zijn er drie aspecten waar op gelet moet worden bij leidinggeven: mensen, "
     "werkprocessen en prestaties."),
    ("Verlies het doel niet uit het oog.", "Wat is precies het doel; een daadwerkelijke verbetering bewerkstelligen "
     "binnen je gemeente of de meting van de verbetering?"),
    ("Doe het samen.", "Stel daarom samen, van onderop, het meetsysteem en de vorm ervan op."),
    ("Stel diversiteit en balans van indicatoren voorop.", "Maar bovenal: meet met mate!"),
    ("Wees flexibel.", "In combinatie met tip drie zorgt deze tip ervoor dat je meetsysteem ondersteunend is in plaats "
     "van hinderlijk."),
    ("Zie cijfers als startpunt, niet als eindpunt.", "Stel je dus bescheiden op ten opzichte van de metingen en weet dat "
     "deze meestal onvolledig en misleidend zijn als je ze te veel gewicht geeft."),
]
PROMPTS = [
    "Blijf je continu afvragen wat of wie er in je blik mist.",
    "Zorg voor meerstemmigheid.",
    "Stel je lerend op.",
]
KNELPUNTEN = {
    "agenderen": ["Beperkte gedeelde verantwoordelijkheid voor inclusie", "Onvoldoende tijd of prioriteit", "Weerstand tegen inclusie"],
    "visie": ["Definitie van inclusief beleid is onduidelijk"],
    "uitvoeren": [
        "Het vraagstuk waar inclusief beleid een antwoord op moet geven is onduidelijk/niet zichtbaar genoeg",
        "Het is lastig om een relatie te leggen tussen het doel en de begroting",
        "Voorbijgaan aan wat er al gedaan wordt en wat werkt",
        "Het verschil tussen beleid en acties wordt onvoldoende gemaakt",
    ],
    "evalueren": [
        "Inclusief beleid is doorgaans moeilijk te monitoren of te meten",
        "Het is een continue leerproces dus vermijd te rigide (eind)doelen",
    ],
}
MONITORS = ["Leefbaarometer", "Veiligheidsmonitor", "Discriminatiemonitor", "LHBT-monitor", "Jeugdmonitor"]


@pytest.fixture(scope="module")
def content():
    return load_content()


def raw() -> dict:
    return json.loads(default_content_path().read_text(encoding="utf-8"))


def test_bijlage_1_deel_1_verbatim(content):
    part = content.verkenning.parts[0]
    assert part.title == "Deel 1 - Introductie gemeente en algemene stand van zaken inclusief beleid"
    assert [q.text for q in part.questions] == BIJLAGE_1_DEEL_1
    assert [q.number for q in part.questions] == ["1", "2", "3", "4", "5"]


def test_bijlage_1_deel_2_verbatim_with_the_six_levensdomeinen(content):
    part = content.verkenning.parts[1]
    assert part.title == "Deel 2 - Selectie levensdomein en eventueel wijk/kern"
    assert part.question.text == BIJLAGE_1_DEEL_2
    assert [b.text for b in part.bases] == BIJLAGE_1_DEEL_2_BASES
    assert part.area == BIJLAGE_1_DEEL_2_AREA
    assert [d.label for d in content.levensdomeinen] == LEVENSDOMEINEN
    assert part.link.url == "https://vng.nl/artikelen/levensdomeinen"


def test_bijlage_1_deel_3_verbatim_with_its_sub_questions(content):
    part = content.verkenning.parts[2]
    assert part.title == "Deel 3 - De verkenning van het levensdomein"
    assert [(q.text, [s.text for s in q.sub]) for q in part.questions] == BIJLAGE_1_DEEL_3
    assert [[s.letter for s in q.sub] for q in part.questions] == [
        ["a", "b", "c"], ["a", "b", "c", "d"], [], ["a", "b"], ["a", "b"], ["a", "b", "c", "d"], ["a", "b"],
    ]
    assert [s.only_with_area for s in part.questions[0].sub] == [False, False, True]


def test_the_verkenning_intro_and_its_two_tips(content):
    assert [t.text for t in content.verkenning.tips] == BIJLAGE_1_TIPS
    assert content.verkenning.intro.startswith("Deze instructie bestaat uit 3 delen:")
    assert [w.label for w in content.verkenning.ways] == [
        "In gesprek met collega’s", "In gesprek met organisaties", "In gesprek met partners", "In gesprek met inwoners",
        "Via onderzoeks- en beleidsstukken",
    ]


def test_bijlage_2_verbatim(content):
    assert content.participation.questions_title == "Vragen om te stellen rondom inwonerparticipatie"
    assert [q.text for q in content.participation.questions] == BIJLAGE_2
    assert [f.label for f in content.participation.forms] == [
        "Panels", "Inspreekmomenten", "Rondetafelgesprekken", "Wijkgesprekken", "Stadsgesprekken", "Digitaal panel", "Luistersessies",
    ]
    assert [p.title for p in content.precondition("inwoners").attention_points] == [
        "Ga verder dan de usual suspects door middel van een intersectionele blik.",
        "Bedenk hoe je omgaat met uiteenlopende input.",
        "Wees voorbereid op tegengestelde belangen en onbegrip.",
    ]


def test_bijlage_3_verbatim(content):
    assert content.monitoring.questions_title == "Vragen om te stellen rondom evaluatie en monitoring"
    assert [(q.text, [s.text for s in q.sub]) for q in content.monitoring.questions] == BIJLAGE_3


def test_the_seven_tips_of_van_der_kolk(content):
    tips = content.monitoring.tips
    assert content.monitoring.tips_title == "7 TIPS voor een gezondere houding ten opzichte van meetsystemen (Van der Kolk, 2021)"
    assert [t.number for t in tips] == list(range(1, 8))
    for tip, (title, fragment) in zip(tips, TIPS_VAN_DER_KOLK, strict=True):
        assert tip.title == title
        assert fragment in tip.text


def test_the_monitor_sources_with_the_seeds_links(content):
    sources = {s.label: s.url for s in content.monitoring.sources}
    assert list(sources)[:5] == MONITORS
    assert sources["Jeugdmonitor"] == "https://jeugdmonitor.cbs.nl/"
    assert sources["LHBT-monitor"] == "https://www.scp.nl/publicaties/publicaties/2022/07/05/lhbt-monitor-2022"


def test_the_vlechtwerk_prompts_verbatim(content):
    assert [p.title for p in content.vlechtwerk_check.prompts] == PROMPTS
    assert content.vlechtwerk_check.prompts[0].text == (
        "Vraag je af of het beleid wel voor iedereen werkt. Of dat het beleid vooral voor bepaalde mensen werkt."
    )
    assert [q.text for q in content.vlechtwerk_check.questions] == [
        "Voor wie kan dit beleid anders uitpakken?", "Wie ontbreekt er?", "Wat doen we eraan?",
    ]


def test_preconditions_and_steps(content):
    assert [p.title for p in content.preconditions] == [
        "De intersectionele blik van het diversiteitsvlechtwerk",
        "Samenstellen van een werkgroep",
        "Betrekken van inwoners en partners bij het beleidsvormingsproces",
    ]
    assert [(s.number, s.title) for s in content.steps] == [
        (1, "De verkenning (startpunt)"), (2, "Agenderen en draagvlak creëren"), (3, "Visieontwikkeling"),
        (4, "Ontwikkelen en uitvoeren van het beleid"), (5, "Evalueren en borgen"),
    ]
    assert content.step("visie").skip.text == "Als er al een visie geformuleerd is in een beleidskader, dan kun je door naar stap 4."
    assert content.step("verkenning").knelpunten_text.startswith("Deze fase kent geen knelpunten omdat er geen sprake is van verandering.")


def test_knelpunten_verbatim(content):
    assert {code: [k.title for k in content.step(code).knelpunten] for code in KNELPUNTEN} == KNELPUNTEN
    assert "Maak daarbij onderscheid tussen veranderdoelen en procesdoelen." in content.step("evalueren").knelpunten[0].text


def test_lessen_uit_de_leergemeenschap_with_their_quotes(content):
    quotes = [les for step in content.steps for les in step.lessen if les.quote]
    assert [q.who for q in quotes] == [
        "Hugo Koetsveld, beleidsadviseur Inclusie, gemeente Hellendoorn.",
        "Rudolf Roedema, beleidsadviseur Diversiteit & Inclusie, gemeente Haarlem.",
    ]
    assert "aapjes uit te delen in de gemeentelijke organisatie" in quotes[0].quote
    assert all(step.lessen for step in content.steps)


def test_working_group_questions_and_size(content):
    wg = content.working_group
    assert [q.text for q in wg.questions][:4] == [
        "Wie heeft de juiste kennis?", "Wie heeft mandaat?", "Wie kan en wil dit aanjagen?", "Waar zit de energie?",
    ]
    assert (wg.size.min, wg.size.max) == (8, 10)
    assert "acht tot tien mensen, afhankelijk van de gemeente" in wg.size.text
    assert [r.label for r in wg.roles] == [
        "Aanjager of inspirator", "Uitwisselingsfunctie of kennisfunctie",
        "Monitoren van de voortgang en de gestelde doelen in zicht houden",
    ]


def test_no_hyphenation_left_from_the_extraction():
    text = default_content_path().read_text(encoding="utf-8")
    for broken in ("beleids- adviseurs", "verken- ning", "col- lega", "wel- zijn", "ech- ter", "uitvoeringsa- genda"):
        assert broken not in text


def test_the_readme_documents_origin_and_reconstruction():
    readme = (default_content_path().parent / "README.md").read_text(encoding="utf-8")
    for topic in ("levensdomeinen", "written", "Bijlage 1", "Bijlage 2", "Bijlage 3", "Van der Kolk", "hyphen"):
        assert topic in readme


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["steps"].pop(), "stappen"),
        (lambda d: d["levensdomeinen"].pop(), "6 VNG-levensdomeinen"),
        (lambda d: d["monitoring"]["tips"].pop(), "7 tips"),
        (lambda d: d["participation"]["questions"].pop(), "Bijlage 2 heeft 4 vragen"),
        (lambda d: d["verkenning"]["parts"][0]["questions"][0].update(text=""), "is leeg"),
        (lambda d: d["verkenning"]["parts"][2]["questions"][1]["sub"][0].update(code="1-1"), "dubbel"),
        (lambda d: d["verkenning"]["tips"].pop(), "twee tips"),
        (lambda d: d.update(onbekend=True), "onbekend veld"),
        (lambda d: d["steps"][0].update(number="een"), "geheel getal"),
    ],
)
def test_a_broken_content_file_is_refused_with_a_dutch_message_and_its_place(change, message):
    data = copy.deepcopy(raw())
    change(data)
    with pytest.raises(ContentError, match=message):
        parse_content(data)


def test_the_place_in_the_file_is_named():
    data = copy.deepcopy(raw())
    data["verkenning"]["parts"][0]["questions"][2]["text"] = ""
    with pytest.raises(ContentError) as error:
        parse_content(data)
    assert "verkenning › delen › nr. 1 › vragen › nr. 3 › tekst" in str(error.value)


def test_an_unreadable_content_file(tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text("{", encoding="utf-8")
    with pytest.raises(ContentError, match="geen geldige JSON"):
        load_content(path)
    with pytest.raises(ContentError, match="kan niet worden gelezen"):
        load_content(tmp_path / "weg.json")
