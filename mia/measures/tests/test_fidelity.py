"""Fidelity to the seed (werkprogramma MIT 2022-2024, §2.1–3.3): every element is in the data file verbatim
and points at the model field that carries it; the pages show them. The expected strings are copied
here, so the test runs without the seed folder."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse

from mia.measures.content import content

# (section, text of the seed, where it appears: fiche / package / ladder / dashboard / framework / workspace, model field)
ELEMENTS = [
    ('2.1', 'Het Maatschappelijk Impact Team bereidt zich voor op adviezen aan het kabinet over concrete maatregelen', 'fiche', 'Measure.title'),
    ('2.1', 'Dit zullen vaak gevraagde, maar kunnen ook ongevraagde adviezen zijn', 'framework', 'Weighing.occasion'),
    ('2.1', 'in het licht van een veranderende epidemiologische situatie', 'fiche', 'MeasureScenario.scenario'),
    ('2.1', 'vrijwillige en/of verplichtende maatregelen', 'fiche', 'Measure.nature'),
    ('2.1', 'analyseert deze op denkbare sociaalmaatschappelijke en economische gevolgen', 'fiche', 'MeasureScenario.social_text'),
    ('2.1', 'in samenspraak met experts en vertegenwoordigers uit de praktijk', 'fiche', 'Source.kind'),
    ('2.1', 'de effecten in beeld van clustering en stapeling van maatregelen (pakketten)', 'package', 'Package.measures'),
    ('2.2', 'niet alleen voor de korte maar ook voor de langere termijn', 'fiche', 'GroupImpact.duration'),
    ('2.2', "over specifieke thema's, doelgroepen of gebieden", 'fiche', 'Measure.themes'),
    ('2.2', 'ook voor andere pandemieën en crisissituaties', 'workspace', 'Workspace.crisis'),
    ('2.2', 'waarvan de gevolgen in de huidige samenleving nog steeds bestaan, maar die niet altijd even zichtbaar zijn', 'fiche', 'GroupImpact.duration'),
    ('2.2', 'Denk aan scholieren en studenten met onderwijsachterstanden', 'fiche', 'VulnerableGroup.name'),
    ('2.3', 'In aanvulling op het coronadashboard van het RIVM', 'dashboard', 'Indicator.name'),
    ('2.3', 'de gezondheid en het welzijn van de bevolking, het ziekteverzuim, de werkgelegenheid en de economie (brede welvaart)', 'dashboard', 'Indicator.category'),
    ('2.3', 'gaat naar doelgroepen die kwetsbaar zijn voor de pandemie en/of voor de maatregelen', 'dashboard', 'Observation.group'),
    ('2.3', 'Ook de mate waarin mensen bereid zijn om pandemiemaatregelen na te leven hoort bij het maatschappelijk beeld', 'dashboard', 'Indicator.category'),
    ('2.3', 'maar mensen hebben ook invloed op het verloop van de pandemie', 'fiche', 'Indicator.measure'),
    ('2.3', 'ook alert op andere oorzaken dan de (corona)pandemie en -aanpak', 'dashboard', 'ContextDevelopment.title'),
    ('3', 'Het MIT werkt samen met kennisinstellingen die de opgedane kennis mede dragen en borgen', 'dashboard', 'Indicator.source'),
    ('3.1', 'factsheets (fiches) op van de maatschappelijke impact van mogelijke maatregelen', 'fiche', 'Measure.status'),
    ('3.1', 'kwetsbaar voor de pandemie en/of kwetsbaar voor de pandemie-aanpak', 'fiche', 'GroupImpact.vulnerable_to'),
    ('3.1', 'als maatregelen *niet* worden getroffen', 'fiche', 'Measure.impact_if_not_taken'),
    ('3.1', 'Het gaat daarbij om individuele maatregelen, maar ook om clusters en pakketten van maatregelen', 'package', 'Package.kind'),
    ('3.1', 'nationale en internationale literatuur, raadpleegt het MIT experts en verzamelt het MIT praktijkervaringen via intermediaire organisaties', 'fiche', 'Source.organisation'),
    ('3.1', 'de betekenis en gevolgen van maatregelen voor mensen en de samenleving als geheel', 'fiche', 'Measure.meaning_for_people'),
    ('3.1', "thema's die relevant zijn bij het nemen van maatregelen", 'fiche', 'Measure.themes'),
    ('3.1', 'welke groepen in de maatschappij kwetsbaar zijn voor de maatregelen', 'fiche', 'GroupImpact.severity'),
    ('3.1', 'beschouwd op hun – waarschijnlijke - bijdrage aan de aanpak van de coronapandemie (effectiviteit)', 'fiche', 'MeasureScenario.effectiveness_level'),
    ('3.1', 'Deze maatregelenladders lopen helaas niet 1:1 op met de coronathermometer', 'workspace', 'Scenario.description'),
    ('3.1', 'omdat interventie- en noodremmaatregelen niet door de sectoren zelf worden getroffen', 'fiche', 'Measure.kind'),
    ('3.1', 'gerubriceerd naar hun sociaalmaatschappelijke en economische gevolgen (impactladder)', 'ladder', 'MeasureScenario.social_level'),
    ('3.1', 'de effectiviteit van (clusters van) maatregelen, en anderzijds de maatschappelijke impact', 'ladder', 'PackageLevel.effectiveness_level'),
    ('3.1', 'Hiermee kan het kabinet een meer gewogen maatregelenladder hanteren', 'ladder', 'Quadrant.order'),
    ('3.1', 'raadpleegt het MIT experts en vertegenwoordigers van doelgroepen en sectoren', 'ladder', 'Scenario.consulted'),
    ('3.2', 'een actueel en compleet dashboard voor pandemieën, inclusief relevante sociaalmaatschappelijke en economische indicatoren', 'dashboard', 'Observation.value'),
    ('3.2', 'welke betrouwbare, continue dataverzamelingen hiervoor beschikbaar zijn, nationaal en internationaal', 'dashboard', 'Indicator.coverage'),
    ('3.2', "data snel en continu ('real time') beschikbaar moeten kunnen zijn", 'dashboard', 'Indicator.frequency'),
    ('3.2', 'Als hiervoor nieuwe dataverzamelingen moeten worden opgezet, zal het MIT hierover adviseren', 'dashboard', 'Indicator.data_gap'),
    ('3.2', 'de bereidheid van de bevolking om adviezen en instructies na te leven, en de daadwerkelijke naleving van de dan geldende maatregelen', 'dashboard', 'Indicator.category'),
    ('3.2', 'zowel kwantitatief als kwalitatief onderzoek ten grondslag, alsmede literatuuronderzoek', 'dashboard', 'Indicator.research_basis'),
    ('3.2', '(samengestelde) indicatoren te benoemen waarmee het maatschappelijk beeld in een beperkt aantal kernwaarden kan worden geduid', 'dashboard', 'IndicatorComponent.weight'),
    ('3.2', '*verklarend* onderzoek nodig naar de causale verbanden', 'dashboard', 'Indicator.explanation'),
    ('3.3', 'deels de uitkomst van indicatoren van maatschappelijk impact (3.2) en deels te expliciteren waarden', 'framework', 'Criterion.kind'),
    ('3.3', 'zoals rechtvaardigheid, solidariteit, gelijke kansen en toekomstige generaties', 'framework', 'PublicValue.name'),
    ('3.3', 'door ze te baseren op grondrechten en internationale verdragen', 'framework', 'Criterion.legal_basis'),
    ('3.3', "de onzekerheden, dilemma's, keuze- en uitruilmogelijkheden voor het kabinet en de politiek", 'framework', 'Consideration.kind'),
    ('3.3', 'per scenario voor de epidemiologische situatie de meest effectieve virusaankpak afgewogen tegen de maatschappelijke impact', 'framework', 'Weighing.scenario'),
    ('3.3', 'in samenwerking tussen medische wetenschap enerzijds en sociaaleconomische wetenschap anderzijds', 'fiche', 'MeasureScenario.effectiveness_source'),
    ('3.3', "hoe het burgerperspectief de weging van dilemma's kan ondersteunen, zoals dit bijvoorbeeld gebeurt in burgerdialogen", 'framework', 'Weighing.citizen_perspective'),
    ('3.3', 'Op deze wijze kan ook het te ontwikkelen afwegingskader worden getoetst', 'framework', 'Weighing.citizen_perspective'),
]

GROUPS_2_2 = [
    'scholieren en studenten met onderwijsachterstanden',
    'jongeren met mentale problemen',
    'starters die hun plek niet vinden op de arbeidsmarkt',
    "ondernemers en zzp'ers met opgebouwde schulden",
    'Long Covid-patiënten die ook na revalidatie niet terugkomen op hun oude niveau',
    'mensen met een kwetsbare gezondheid die niet voluit durven meedoen aan de samenleving',
    'patiënten die te maken hebben met uitgestelde zorg',
]


def test_every_element_of_the_seed_is_in_the_data_file_verbatim():
    listed = [(f["section"], f["seed"], f["where"], f["field"]) for f in content()["fidelity"]]
    assert listed == ELEMENTS


def test_every_section_from_2_1_to_3_3_is_covered():
    assert {section for section, *_ in ELEMENTS} == {"2.1", "2.2", "2.3", "3", "3.1", "3.2", "3.3"}


@pytest.mark.parametrize(("section", "seed", "where", "field"), ELEMENTS)
def test_every_element_is_carried_by_a_field(section, seed, where, field):
    model_name, field_name = field.split(".")
    model = apps.get_model("measures", model_name)
    assert model._meta.get_field(field_name)


def test_the_groups_of_section_2_2_are_the_default_list_word_for_word():
    assert [g["seed"] for g in content()["groups"] if g["section"] == "2.2"] == GROUPS_2_2


def test_the_four_values_are_the_default_values():
    assert [v["name"] for v in content()["values"]] == ["Rechtvaardigheid", "Solidariteit", "Gelijke kansen", "Toekomstige generaties"]


def test_the_seeds_phrases_for_indicators_and_support_are_kept():
    seeds = {c["key"]: c["seed"] for c in content()["indicator_categories"]}
    assert seeds["bereidheid"] == "de bereidheid van de bevolking om adviezen en instructies na te leven"
    assert seeds["naleving"] == "de daadwerkelijke naleving van de dan geldende maatregelen"
    assert seeds["economie"] == "de economie (brede welvaart)"
    assert content()["source_kinds_seed"] == (
        "Voor deze fiches gebruikt het MIT nationale en internationale literatuur, raadpleegt het MIT experts en verzamelt "
        "het MIT praktijkervaringen via intermediaire organisaties"
    )
    assert [c["seed"] for c in content()["context_examples"]] == [
        "de oorlog in de Oekraïne en internationale spanningen", "de hoge energieprijzen en opkomende armoede",
        "de krapte op de arbeidsmarkt en niet aflatende werkdruk",
    ]


# What each kind of page shows of these elements (labels as the pages word them).
SHOWN = {
    "fiche": ["Vrijwillig of verplichtend", "Maatschappelijke impact", "Economische impact", "Effectiviteit", "Kwetsbare groepen",
              "Kwetsbaar voor", "Termijn", "Impact als de maatregel níet wordt genomen", "Wat betekent de maatregel voor mensen?",
              "Thema's", "Soort maatregel", "Bronnen", "Gekoppelde MIA", "Dilemma's, onzekerheden, keuzes en uitruil", "Versies"],
    "package": ["Stapeling per kwetsbare groep", "Plaats op de ladder"],
    "ladder": ["Een meer gewogen maatregelenladder", "Matrix: effectiviteit tegen maatschappelijke impact", "Impactladders",
               "effectief, weinig impact", "weinig effectief, veel impact"],
    "dashboard": ["In aanvulling op het coronadashboard van het RIVM", "Kernindicatoren", "Open data van het CBS",
                  "Samengestelde indicator (kernwaarde)", "Andere ontwikkeling vastleggen"],
    "framework": ["Criteria en gewichten", "Grondrecht of verdrag", "Stabiliteit", "Rangkansen", "Burgerperspectief"],
}


@pytest.mark.django_db
def test_the_pages_show_the_elements(member_client, workspace, filled):
    w = workspace.pk
    actions_weighing = filled["weighing"]
    from mia.measures import actions

    actions.update_weighing(actions_weighing, name=actions_weighing.name, occasion="gevraagd", description="",
                            citizen_perspective="Getoetst in een burgerdialoog.", measures=filled["measures"], samples=500, seed=1)
    pages = {
        "fiche": reverse("measures:fiche", args=[w, filled["measures"][1].pk]),
        "package": reverse("measures:package", args=[w, filled["package"].pk]),
        "ladder": reverse("measures:scenario_ladder", args=[w, filled["heavy"].pk]),
        "dashboard": reverse("measures:dashboard", args=[w]),
        "framework": reverse("measures:weighing", args=[w, actions_weighing.pk]),
    }
    for where, texts in SHOWN.items():
        page = member_client.get(pages[where]).content.decode()
        for text in texts:
            assert text in page, (where, text)
