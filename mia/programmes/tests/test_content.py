"""Fidelity: the seed's texts appear verbatim in the data file. The expected strings are copied from
``maatschappelijke-dialoog-jeugd.txt`` (line breaks of its scrambled layout joined), so this test runs
without the seed folder. No Django, no database."""

from __future__ import annotations

import json

from mia.programmes.content import CONTENT_FILE, seed_content

SIX_THEMES = [
    ("Beter een goede buur dan een online vriend", "Hoe blijven we ook fysiek met elkaar verbonden?"),
    ("Online omgangsvormen", "Hoe gaan we online om met elkaar?"),
    ("Iedereen heeft talent", "Hoe waarderen we talent van de ander en van onszelf?"),
    ("Opgroeimaatjes", "Hoe kunnen we samen opgroeien en opvoeden?"),
    ("Omarm het (on)gewone", "Hoe kunnen elkaar en onszelf laten inzien dat niet iedere afwijking van het gemiddelde een (medisch) probleem is?"),
    ("De toekomst begint vandaag", "Hoe kunnen we onszelf zekerder voelen richting de toekomst?"),
]
FIVE_PROBLEM_THEMES = [
    ("Prestatiegerichte maatschappij", "In de prestatiemaatschappij leggen mensen een grote druk op zichzelf en dat kan nadelige gevolgen hebben"),
    ("Omgang sociale media", "Hoewel jongeren sociale media minder als een probleem lijken te ervaren, is de invloed enorm en wordt de vraag hoe we daar als samenleving mee omgaan steeds belangrijker"),
    ("Onzeker toekomstperspectief", "Er zijn verschillende ontwikkelingen rondom de woningmarkt, de energietransitie, het klimaat, etc. waardoor jongeren hun toekomst als onzeker ervaren"),
    ("Individualisering", "Het omgaan met problemen rond opgroeien wordt niet meer als verantwoordelijkheid van de gemeenschap gezien"),
    ("Medicalisering van problemen", "Door gedragspatronen of leerproblemen krijgen jongeren snel een ‘label’"),
]
SIX_CATEGORIES = ["Campagnes", "Spel- en lesmateriaal", "Informele/laagdrempelige hulp", "Platforms", "Community building",
                  "(Maatschappelijke) Dialogen"]
TOPICS = ["Prestatiemaatschappij", "Sociale media", "Verbinding/sociale cohesie", "Algehele mentale gezondheid"]
TARGET_GROUPS = ["Professionals", "Burgers algemeen", "Ouders", "Jeugdigen"]
REACHES = ["Lokaal", "Regionaal", "Nationaal"]
LEEFWERELDEN = [
    ("De directe leefomgeving", "bij mensen thuis, maar ook op straat, in het buurtcafé, op school en bij de sportclub."),
    ("De virtuele (online) omgeving", "van sociale media en digitale platforms, tot aan games"),
    ("De beleids- en regelomgeving", "van directies in (welzijns, zorg & overheids)organisaties tot medewerkers op de werkvloer of een burgerinitiatief met grootse plannen"),
    ("De publieke omgeving", "van bijvoorbeeld een talkshow, populaire online kanalen van bijvoorbeeld influencers, een radioprogramma of een podcast reeks ter ondersteuning van het gesprek aan de andere tafels"),
]
PHASES = {
    "A": ("Fase A – monitoren en prioriteren", "Op basis van inzicht in bestaande behoeften en initiatieven worden thema’s en doelgroepen geselecteerd",
          ["Monitor wat er gaande is", "Analyseer kansen en leemtes", "Prioriteer een thema en/of doelgroep"]),
    "B": ("Fase B - voorbereiden", "Samen met publieke en private partijen worden doelen gesteld die aansluiten bij de behoeften in de samenleving en wordt een thema-aanpak uitgewerkt",
          ["Inventariseer wat er al gaande is op dit thema", "Verzamel publieke en private partijen die bezig zijn met het thema",
           "Bepaal doelstellingen en behoefte", "Ontwikkel een thema-aanpak"]),
    "C": ("Face C – Uitvoeren van dialoog", "Voor een goede dialoog uitvoering is het belangrijk dat de dialoog gevoed wordt en dat er continu content ontwikkeling plaatsvindt",
          ["Start en voed het dialoogthema", "Blijf content creëren"]),
    "D": ("Fase D – Evalueren", "In de laatste fase wordt bekeken of doelstellingen behaald zijn en eventueel worden deze herzien",
          ["Verzamel data", "Onderzoek de resultaten", "Destilleer beleidsacties en mogelijk ander handelingsperspectief",
           "Herzie de doelstellingen indien nodig", "Start met een nieuw thema bij fase A"]),
}
# Fragments of the sub-steps' explanations, as the seed words them.
STEP_GUIDANCE = {
    "a-monitor": "De bijlage waarin Initiatieven zijn opgenomen, vormt een goede basis.",
    "a-analyseer": "Wellicht zijn er thema’s die geen aandacht krijgen, terwijl ze wel belangrijk worden geacht. Hier kan iets nieuws geïnitieerd worden.",
    "a-prioriteer": "Misschien zijn er meer mogelijke thema’s. Bekijk dan waar de meeste energie op zit.",
    "b-inventariseer": "Hier worden alle relevante initiatieven op lokaal, regionaal en nationaal niveau verzameld.",
    "b-partijen": "Van belang is dat zij betrokken worden bij het bepalen van doelstellingen en het maken van de thema-aanpak",
    "b-doelstellingen": "Er kunnen doelen gesteld worden op bijvoorbeeld bereik, effecten op korte termijn, effecten op lange termijn, etc.",
    "b-thema-aanpak": "Een thema-aanpak bestaat idealiter uit de volgende onderdelen:",
    "c-start": "De start kan opvallend zijn, bijvoorbeeld door middel van een kick-off event of een tv-commercial via de publieke leefwereld.",
    "c-content": "Dit kan gaan over de ontwikkeling van (gespreks)tools, de ontwikkeling van grote dialoogbijeenkomsten tot aan het creëren van een podcast",
    "d-data": "Gedurende de fase A t/m C is al veel vastgelegd in overzichten, gespreksverslagen, etc.",
    "d-onderzoek": "Tevens worden de resultaten naast de beoogde doelstellingen gehouden.",
    "d-beleidsacties": "Indien dit het geval is, wordt dit teruggekoppeld aan de partijen die hier actie op kunnen ondernemen",
    "d-herzie": "Doelstellingen kunnen dan aanpast worden en de dialoog wordt verder voortgezet",
    "d-nieuw-thema": "Dit kan ook parallel aan elkaar lopen; er kan aan meerdere thema’s tegelijk gewerkt worden",
}
NINE_PARTS = [
    "Beoogde doelstellingen",
    "Duidelijkheid over of er ingezet wordt op verbinden/versterken of initiëren. Het is ook beide mogelijk; dan dienen er twee aanpakken uitgewerkt te worden",
    "Inzicht in welke leefwereld(en) de dialoog moet plaatsvinden",
    "Een procesplan, inclusief tijdsplanning",
    "Een overzicht van betrokken stakeholders",
    "Een overzicht van benodigde financiële middelen",
    "Een overzicht van benodigde content + taakverdeling",
    "Een plan voor content creatie",
    "Een sterk en positief communicatieframe",
]
FOUR_ATTENTION_POINTS = [
    ("Bereiken van doelgroepen", "Ga daarom de wijk in om in gesprek te gaan op de lokale markt, in de supermarkt, bij sportevenementen, etc."),
    ("Creëren van dialogische momenten", "de dialoog herstel en vernieuwing na de coronacrisis van het ministerie van VWS kende 37 bijeenkomsten met burgers in twee maanden tijd."),
    ("Bieden van handelingsperspectief", "Het organiseren en bieden van handelingsperspectief kan niet in één dialoog en korte tijd gerealiseerd worden."),
    ("Trainen van gespreksfacilitatoren", "is het van belang dat er voldoende getrainde facilitatoren zijn."),
]
FIVE_GUIDELINES = [
    "Luister naar elkaar, vraag door",
    "Accepteer dat er meerdere perspectieven zijn",
    "Ga op zoek naar onderliggende belangen, waarden en behoeften",
    "Accepteer emoties",
    "Biedt een handelingsperspectief",
]
GUIDELINES_SOURCE = "Aarts, N. & H. te Molder (2015). Spreek, zwijg, lach, zie, hoor, vraag en verwonder – een inleiding in de dialoog."


def test_it_carries_the_six_dialogue_themes_with_their_questions():
    assert [(t.title, t.question) for t in seed_content().themes] == SIX_THEMES


def test_it_carries_the_five_problem_themes():
    assert [(p.title, p.description) for p in seed_content().problem_themes] == FIVE_PROBLEM_THEMES


def test_every_theme_reframes_a_known_problem_theme():
    codes = {p.code for p in seed_content().problem_themes}
    assert all(t.reframes in codes for t in seed_content().themes)


def test_it_carries_the_six_categories_topics_target_groups_and_reaches():
    content = seed_content()
    assert [c.label for c in content.categories] == SIX_CATEGORIES
    assert [t.label for t in content.topics] == TOPICS
    assert [t.label for t in content.target_groups] == TARGET_GROUPS
    assert [r.label for r in content.reaches] == REACHES
    assert content.other_target_group_label == "Andere doelgroep, namelijk:"


def test_it_carries_the_four_leefwerelden():
    assert [(t.label, t.description) for t in seed_content().leefwerelden] == LEEFWERELDEN


def test_it_names_the_under_represented_groups_of_the_seed():
    content = seed_content()
    assert "jeugdigen met chronisch zieken en jongere kinderen" in content.underrepresented_groups_intro
    assert [g.label for g in content.underrepresented_groups][:2] == ["Jeugdigen met chronisch zieken", "Jongere kinderen"]


def test_it_carries_every_phase_and_sub_step():
    content = seed_content()
    assert [p.code for p in content.phases] == ["A", "B", "C", "D"]
    for code, (title, summary, steps) in PHASES.items():
        phase = content.phase(code)
        assert (phase.title, phase.summary, [s.label for s in phase.steps]) == (title, summary, steps)
    guidance = {s.code: s.guidance for p in content.phases for s in p.steps}
    for code, fragment in STEP_GUIDANCE.items():
        assert fragment in guidance[code], code
    assert content.approach_intro == ("De aanpak is cyclisch en bestaat uit 4 fasen. Er kunnen meerdere cycli tegelijk ingezet "
                                      "worden voor verschillende thema’s en doelgroepen")


def test_it_carries_the_nine_parts_of_the_thema_aanpak():
    parts = seed_content().theme_approach_parts
    assert [p.text for p in parts] == NINE_PARTS
    assert [p.per_plan for p in parts] == [False, False] + [True] * 7


def test_it_carries_the_four_aandachtspunten():
    points = seed_content().attention_points
    assert [p.label for p in points] == [label for label, _text in FOUR_ATTENTION_POINTS]
    for point, (_label, fragment) in zip(points, FOUR_ATTENTION_POINTS, strict=True):
        assert fragment in point.text


def test_it_carries_the_five_guidelines_with_their_source():
    content = seed_content()
    assert content.guidelines == FIVE_GUIDELINES
    assert content.guidelines_source == GUIDELINES_SOURCE
    assert content.guidelines_title == "5 richtlijnen voor het voeren van dialoog"


def test_the_file_is_versioned_and_strict():
    raw = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
    assert (raw["format"], raw["version"]) == ("mia-programme-content", "dialoog-jeugd-v1")
    codes = [s["code"] for p in raw["phases"] for s in p["steps"]]
    assert len(codes) == len(set(codes)) == 14


def test_the_field_names_of_the_models_follow_the_codes_of_the_file():
    from mia.programmes.actions import ATTENTION_FIELDS, PLAN_FIELDS

    content = seed_content()
    assert [p.code for p in content.attention_points] == list(ATTENTION_FIELDS)
    assert {p.code for p in content.plan_parts} - {"leefwerelden"} <= set(PLAN_FIELDS)
