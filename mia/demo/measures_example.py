"""The demo of the impact team: one workspace with two scenarios, ten fiches of (pandemic) measures,
two packages (a cluster and a package), their places on the ladder and in the matrix, three indicator
series, the other developments of §2.3, and one weighing with justified weights.

Everything is written through ``mia.measures.actions``, as a team would have typed it. The measures,
levels, scores and numbers are made up for the demo: they are not advice of the Maatschappelijk
Impact Team. ``load_measures_demo()`` is idempotent: the workspace has a fixed uid, and when it exists
nothing is created or changed.
"""

from __future__ import annotations

import uuid

from django.db import transaction

from mia.accounts.models import Organisation
from mia.core.tables import read_table
from mia.measures import actions
from mia.measures.content import content
from mia.measures.indicators import parse_indicator_table
from mia.measures.models import Workspace

DEMO_UID = uuid.UUID("6d1a0c8e-3f5b-4e7a-9c21-0de7a0000015")
ORGANISATION = "Gemeente Voorbeeldstad"  # the organisation of the MIA demo, so the demo user sees both
NAME = "Maatschappelijk Impact Team (demo)"

# title, nature, kind, themes, description, meaning for people, impact if not taken,
# {scenario: (social, economic, effectiveness, social text, economic text)}, {group: (vulnerable to, severity, duration, note)},
# sources [(kind, title, organisation, url)], considerations [(kind, text)]
L, Z = "Lichter scenario", "Zwaarder scenario"
MEASURES = [
    ("Thuiswerkadvies", "vrijwillig", "overig", "werk, mobiliteit",
     "Werk thuis als dat kan; kom alleen naar het werk als het moet.",
     "Wie kan, werkt thuis. Dat scheelt reizen, maar je ziet collega's minder.",
     "Meer besmettingen op het werk en in het openbaar vervoer; meer uitval in bedrijven.",
     {L: (1, 1, 2, "Weinig merkbaar; veel mensen werken al deels thuis.", "Nauwelijks kosten."),
      Z: (2, 2, 3, "Eenzaamheid bij alleenwonenden; druk op gezinnen met kleine kinderen.", "Minder omzet voor horeca bij kantoren.")},
     {"Jongeren": ("maatregel", 2, "kort", "Starters missen begeleiding op de werkvloer."),
      "Starters op de arbeidsmarkt": ("maatregel", 3, "lang", "Moeilijker een netwerk op te bouwen.")},
     [("literatuur-nationaal", "Thuiswerken en welbevinden (SCP)", "Sociaal en Cultureel Planbureau", "https://www.scp.nl/")],
     [("onzekerheid", "Hoe lang houden mensen het thuiswerken vol?")]),
    ("Scholen op afstand", "verplichtend", "noodrem", "onderwijs, jeugd",
     "Basisscholen en scholen voor voortgezet onderwijs geven les op afstand; opvang voor kinderen van ouders in cruciale beroepen.",
     "Kinderen leren thuis via de computer. Niet elk kind heeft daar een rustige plek of hulp voor.",
     "Meer besmettingen via kinderen in gezinnen en bij leraren; meer uitval van leraren.",
     {Z: (5, 3, 4, "Leerachterstanden, vooral bij kinderen uit kwetsbare gezinnen; meer zorgen over veiligheid thuis.",
          "Ouders werken minder; productieverlies.")},
     {"Scholieren en studenten met onderwijsachterstanden": ("maatregel", 5, "lang", "De achterstand loopt jaren door."),
      "Jongeren met mentale problemen": ("beide", 4, "lang", "Minder structuur en contact met leeftijdgenoten."),
      "Jongeren": ("maatregel", 3, "lang", "Minder contact met leeftijdgenoten, examens onder druk."),
      "Mensen met een kwetsbare sociaaleconomische positie": ("maatregel", 4, "lang", "Geen laptop, geen rustige plek.")},
     [("praktijk", "Signalen van schoolleiders en leerplichtambtenaren", "PO-Raad en VO-raad", ""),
      ("literatuur-internationaal", "Learning loss during school closures (review)", "", "https://www.oecd.org/")],
     [("dilemma", "De gezondheid van kwetsbare ouderen tegenover de ontwikkeling van kinderen."),
      ("uitruil", "Scholen langer open houden kan met strengere maatregelen elders.")]),
    ("Sluiting van de horeca", "verplichtend", "sectoraal", "ondernemen, ontmoeting",
     "Cafés en restaurants sluiten; afhalen mag.",
     "Je kunt niet meer uit eten of naar het café. Voor veel ondernemers valt de omzet weg.",
     "Meer besmettingen in de avond, vooral onder jongeren.",
     {Z: (3, 5, 3, "Minder ontmoeting; jongeren wijken uit naar huisfeesten.", "Grote omzetdaling; faillissementen en schulden.")},
     {"Ondernemers en zzp'ers met schulden": ("maatregel", 5, "lang", "Opgebouwde schulden uit eerdere sluitingen."),
      "Jongeren": ("maatregel", 3, "kort", "Bijbaan valt weg.")},
     [("expert", "Gesprek over schulden bij ondernemers", "Koninklijke Horeca Nederland", "")],
     [("keuzemogelijkheid", "Sluiten om 22.00 uur in plaats van helemaal.")]),
    ("Avondklok", "verplichtend", "noodrem", "vrijheid, veiligheid",
     "Tussen 21.00 en 4.30 uur niet buiten zonder geldige reden.",
     "Je mag 's avonds niet naar buiten. Dat voelt voor veel mensen als een grote inbreuk.",
     "Meer bezoek bij elkaar thuis in de avond.",
     {Z: (4, 2, 3, "Onrust en rellen in sommige steden; minder vertrouwen in de overheid.", "Beperkte economische schade.")},
     {"Jongeren": ("maatregel", 4, "kort", "Sociaal leven valt stil."),
      "Mensen met psychische klachten": ("maatregel", 3, "kort", "Minder mogelijkheden om te ontspannen.")},
     [("literatuur-nationaal", "Draagvlak en naleving van de avondklok", "Gedragsunit RIVM", "https://www.rivm.nl/")],
     [("dilemma", "Vrijheid van beweging tegenover het terugdringen van contacten."),
      ("onzekerheid", "De bijdrage aan minder besmettingen is niet goed bekend.")]),
    ("Mondkapjesplicht in het openbaar vervoer", "verplichtend", "interventie", "mobiliteit",
     "Een mondkapje in trein, tram, bus en metro.",
     "Wie met het ov reist, draagt een mondkapje. Voor de meeste mensen is dat een klein ongemak.",
     "Meer besmettingen onder reizigers en personeel.",
     {L: (1, 1, 2, "Klein ongemak.", "Geen kosten van betekenis."), Z: (1, 1, 2, "Klein ongemak.", "Geen kosten van betekenis.")},
     {"Mensen met een beperking of chronische ziekte": ("maatregel", 2, "kort", "Sommigen kunnen geen mondkapje dragen.")},
     [], []),
    ("Coronatoegangsbewijs voor evenementen", "verplichtend", "sectoraal", "cultuur, sport",
     "Toegang tot evenementen alleen met een bewijs van vaccinatie, herstel of een negatieve test.",
     "Naar een concert of wedstrijd kan alleen met een bewijs. Wie dat niet heeft, blijft thuis.",
     "Evenementen gaan niet door, of met meer besmettingen.",
     {L: (3, 2, 2, "Tweedeling tussen wie wel en niet een bewijs heeft.", "Organisatoren maken extra kosten."),
      Z: (3, 3, 3, "Tweedeling; spanning bij de ingang.", "Minder bezoekers.")},
     {"Mensen met een kwetsbare sociaaleconomische positie": ("maatregel", 2, "kort", "Testen kost tijd en moeite.")},
     [("praktijk", "Ervaringen van organisatoren", "Vereniging van evenementenmakers", "")],
     [("dilemma", "Meer vrijheid voor velen tegenover uitsluiting van sommigen.")]),
    ("Bezoekbeperking in verpleeghuizen", "verplichtend", "interventie", "zorg, ouderen",
     "Bewoners van verpleeghuizen mogen één vaste bezoeker ontvangen.",
     "Bewoners zien hun familie veel minder. Veel ouderen voelen zich eenzaam en verdrietig.",
     "Meer besmettingen en sterfte onder bewoners.",
     {Z: (5, 1, 4, "Eenzaamheid en achteruitgang van bewoners; verdriet bij familie.", "Geen economische schade van betekenis.")},
     {"Mensen in instellingen": ("beide", 5, "lang", "Kwetsbaar voor het virus én voor isolement."),
      "Mantelzorgers": ("maatregel", 4, "kort", "Kunnen hun naaste niet meer verzorgen.")},
     [("expert", "Gesprek met een specialist ouderengeneeskunde", "Verenso", "")],
     [("dilemma", "Bescherming tegen het virus tegenover het recht op familieleven (EVRM art. 8).")]),
    ("Advies om drukte te mijden en afstand te houden", "vrijwillig", "overig", "gedrag",
     "Houd 1,5 meter afstand en mijd drukke plekken.",
     "Je houdt afstand en gaat niet naar drukke plekken. Dat kan bijna iedereen.",
     "Meer besmettingen op drukke plekken.",
     {L: (1, 1, 2, "Nauwelijks merkbaar.", "Nauwelijks kosten."), Z: (1, 1, 2, "Nauwelijks merkbaar.", "Nauwelijks kosten.")},
     {}, [], []),
    ("Sluiting van buurthuizen en ontmoetingsplekken", "verplichtend", "interventie", "ontmoeting, welzijn",
     "Buurthuizen, wijkcentra en inloopplekken sluiten; de voedselbank blijft open.",
     "De koffieochtend en het taalcafé gaan niet door. Wie alleen is, heeft minder plekken om mensen te zien.",
     "Meer besmettingen bij activiteiten met ouderen.",
     {Z: (4, 1, 2, "Eenzaamheid en minder steun voor kwetsbare bewoners.", "Weinig economische schade.")},
     {"Ouderen": ("beide", 4, "lang", "Vaste bezoekers komen niet meer terug."),
      "Mensen met een kwetsbare sociaaleconomische positie": ("maatregel", 3, "kort", "Minder hulp in de wijk.")},
     [("praktijk", "Signalen uit de wijkteams", "Welzijn Voorbeeldstad", "")],
     [("keuzemogelijkheid", "Open voor kleine groepen op afspraak.")]),
    ("Uitstel van niet-acute zorg", "verplichtend", "noodrem", "zorg",
     "Ziekenhuizen stellen planbare zorg uit om plaats te maken voor coronapatiënten.",
     "Een operatie of behandeling die niet spoedig is, gaat later. Wachten kan veel zorgen geven.",
     "De zorg loopt vast; ook acute zorg komt in gevaar.",
     {Z: (4, 3, 4, "Gezondheidsschade door uitstel; zorgen en pijn bij patiënten.", "Uitval van werkenden die op zorg wachten.")},
     {"Patiënten met uitgestelde zorg": ("maatregel", 5, "lang", "Gezondheidsschade die niet altijd herstelt."),
      "Mensen met een kwetsbare gezondheid": ("beide", 4, "lang", "Durven niet voluit mee te doen."),
      "Zorgprofessionals": ("crisis", 3, "lang", "Hoge werkdruk en uitval.")},
     [("data", "Monitor toegankelijkheid van zorg", "Nederlandse Zorgautoriteit", "https://www.nza.nl/")],
     [("uitruil", "Meer ic-capaciteit tegenover uitstel van planbare zorg.")]),
]

PACKAGES = [
    ("pakket", "Zwaar pakket najaar", "Wat in het zwaarder scenario samen kan worden genomen.",
     ["Scholen op afstand", "Sluiting van de horeca", "Avondklok", "Bezoekbeperking in verpleeghuizen", "Uitstel van niet-acute zorg"]),
    ("cluster", "Cluster ontmoeting", "Maatregelen die plekken van ontmoeting sluiten of beperken.",
     ["Sluiting van de horeca", "Coronatoegangsbewijs voor evenementen", "Sluiting van buurthuizen en ontmoetingsplekken"]),
]

INDICATORS = """indicator;periode;groep;regio;waarde;eenheid;bron
{rows}"""
SERIES = {
    ("Ziekteverzuim", "%", ""): [("2022-K1", 6.1), ("2022-K2", 5.2), ("2022-K3", 4.8), ("2022-K4", 5.6), ("2023-K1", 5.8), ("2023-K2", 4.9),
                                 ("2023-K3", 4.5), ("2023-K4", 5.2)],
    ("Ziekteverzuim", "%", "Zorgprofessionals"): [("2022-K1", 8.0), ("2022-K2", 7.1), ("2022-K3", 6.7), ("2022-K4", 7.6),
                                                  ("2023-K1", 7.3), ("2023-K2", 6.6), ("2023-K3", 6.2), ("2023-K4", 6.9)],
    ("Werkloosheid jongeren", "%", "Jongeren"): [(f"2023-{m:02d}", v) for m, v in enumerate(
        [8.4, 8.2, 8.0, 8.1, 7.9, 8.3, 8.6, 8.5, 8.2, 8.0, 8.1, 8.4], start=1)],
    ("Werkloosheid jongeren", "%", ""): [(f"2023-{m:02d}", v) for m, v in enumerate(
        [3.6, 3.5, 3.5, 3.5, 3.5, 3.5, 3.6, 3.7, 3.6, 3.6, 3.6, 3.7], start=1)],
    ("Bereidheid om maatregelen na te leven", "%", ""): [(f"2023-{m:02d}", v) for m, v in enumerate(
        [78, 76, 75, 73, 72, 70, 69, 70, 72, 74, 73, 71], start=1)],
    ("Bereidheid om maatregelen na te leven", "%", "Jongeren"): [(f"2023-{m:02d}", v) for m, v in enumerate(
        [66, 63, 61, 58, 57, 55, 54, 56, 59, 60, 58, 57], start=1)],
}
INDICATOR_FIELDS = {
    "Ziekteverzuim": {"category": "ziekteverzuim", "direction": "lager-beter", "frequency": "kwartaal", "coverage": "nationaal",
                      "source": "CBS, Ziekteverzuim volgens werkgevers (cijfers verzonnen voor de demo)",
                      "explanation": "De daling in 2022 volgt op het einde van de omikrongolf; verklarend onderzoek naar de rol van long covid loopt."},
    "Werkloosheid jongeren": {"category": "werkgelegenheid", "direction": "lager-beter", "frequency": "maandelijks", "coverage": "nationaal",
                              "source": "CBS, Arbeidsdeelname en werkloosheid per maand (cijfers verzonnen voor de demo)",
                              "data_gap": "Geen cijfers per regio per maand; het MIT adviseert een aanvulling op de Enquête Beroepsbevolking."},
    "Bereidheid om maatregelen na te leven": {
        "category": "bereidheid", "direction": "hoger-beter", "frequency": "maandelijks", "coverage": "nationaal", "research_basis": "kwantitatief",
        "source": "Gedragsunit RIVM, peilingen (cijfers verzonnen voor de demo)"},
}
WEIGHTS = {
    "Effectiviteit": (3, "Het epidemiologisch advies weegt zwaar in het zwaarder scenario."),
    "Maatschappelijke impact": (3, "Even zwaar als de effectiviteit: het integrale afwegingskader."),
    "Rechtvaardigheid": (2, "Lasten moeten evenredig zijn en eerlijk verdeeld."),
    "Solidariteit": (1, "Telt mee, maar overlapt met gelijke kansen."),
    "Gelijke kansen": (2, "Achterstanden van kinderen en kwetsbare groepen mogen niet groeien."),
    "Toekomstige generaties": (2, "Gevolgen voor jongeren werken jaren door."),
}
# Scores of the values (1 = slecht voor deze waarde, 5 = goed), per measure in the weighing.
VALUE_SCORES = {
    "Scholen op afstand": {"Rechtvaardigheid": 2, "Solidariteit": 3, "Gelijke kansen": 1, "Toekomstige generaties": 1},
    "Sluiting van de horeca": {"Rechtvaardigheid": 2, "Solidariteit": 3, "Gelijke kansen": 3, "Toekomstige generaties": 3},
    "Avondklok": {"Rechtvaardigheid": 2, "Solidariteit": 3, "Gelijke kansen": 3, "Toekomstige generaties": 3},
    "Bezoekbeperking in verpleeghuizen": {"Rechtvaardigheid": 3, "Solidariteit": 4, "Gelijke kansen": 3, "Toekomstige generaties": 4},
    "Uitstel van niet-acute zorg": {"Rechtvaardigheid": 3, "Solidariteit": 4, "Gelijke kansen": 2, "Toekomstige generaties": 3},
    "Thuiswerkadvies": {"Rechtvaardigheid": 4, "Solidariteit": 4, "Gelijke kansen": 3, "Toekomstige generaties": 4},
}


def find_demo() -> Workspace | None:
    return Workspace.objects.filter(uid=DEMO_UID).first()


def load_measures_demo() -> str:
    """Build the demo workspace once; returns a line for ``loaddemo`` to print."""
    existing = find_demo()
    if existing is not None:
        return f"Demo impactteam bestaat al: werkruimte {existing.pk} (niets gewijzigd)."
    from django.contrib.auth import get_user_model

    with transaction.atomic():
        organisation, _created = Organisation.objects.get_or_create(name=ORGANISATION)
        user = get_user_model().objects.filter(username="demo").first()
        workspace = _build(organisation, user)
    return f"Demo impactteam aangemaakt: werkruimte {workspace.pk} ‘{workspace.name}’ (/impactteam/{workspace.pk}/)."


def _build(organisation, user) -> Workspace:
    workspace = actions.create_workspace(
        user, organisation, NAME, crisis="Coronavirus en andere pandemieën",
        description="Een voorbeeld van het werk van een maatschappelijk impact team. Maatregelen, niveaus en cijfers zijn verzonnen.",
        uid=DEMO_UID,
    )
    scenarios = {s.name: s for s in workspace.scenarios.all()}
    actions.update_scenario(scenarios[Z], name=Z, description=scenarios[Z].description,
                            consulted="Praktijkkringen jongeren en ondernemers; de vaste experts van SCP, CPB en de Gedragsunit RIVM.")
    groups = {g.name: g for g in workspace.groups.all()}
    measures = {}
    for title, nature, kind, themes, description, meaning, not_taken, per_scenario, hits, sources, considerations in MEASURES:
        measure = actions.create_measure(workspace, title=title, nature=nature, kind=kind, themes=themes, description=description,
                                         meaning_for_people=meaning, impact_if_not_taken=not_taken,
                                         scenarios=[scenarios[name] for name in per_scenario])
        measures[title] = measure
        for impact in measure.scenario_impacts.select_related("scenario"):
            social, economic, effectiveness, social_text, economic_text = per_scenario[impact.scenario.name]
            actions.update_measure_scenario(impact, social_level=social, economic_level=economic, effectiveness_level=effectiveness,
                                            social_text=social_text, economic_text=economic_text,
                                            effectiveness_source="Epidemiologisch advies (verzonnen voor de demo)")
        for group_name, (vulnerable_to, severity, duration, note) in hits.items():
            actions.set_group_impact(measure, groups[group_name], vulnerable_to=vulnerable_to, severity=severity, duration=duration,
                                     explanation=note)
        for source_kind, source_title, organisation_name, link in sources:
            actions.add_source(measure, kind=source_kind, title=source_title, organisation=organisation_name, url=link)
        for consideration_kind, text in considerations:
            actions.add_consideration(measure, kind=consideration_kind, text=text)
    for title in ("Thuiswerkadvies", "Mondkapjesplicht in het openbaar vervoer"):
        actions.set_status(measures[title], "vastgesteld", note="Vastgesteld in de MIT-vergadering (demo).", user=user)
    actions.set_status(measures["Scholen op afstand"], "ter-bespreking", note="Voor de subcommissie fiches.", user=user)
    _link_the_demo_mia(measures["Sluiting van buurthuizen en ontmoetingsplekken"], user)

    for kind, name, description, titles in PACKAGES:
        actions.create_package(workspace, kind=kind, name=name, description=description, measures=[measures[t] for t in titles])
    cluster = workspace.packages.get(name="Cluster ontmoeting")
    actions.set_package_level(cluster, scenarios[Z], social_level=4, economic_level=5, effectiveness_level=3,
                              explanation="Samen zwaarder dan elk apart: ontmoeten kan bijna nergens meer.")

    rows = "\n".join(f"{name};{period};{group};;{str(value).replace('.', ',')};{unit};"
                     for (name, unit, group), points in SERIES.items() for period, value in points)
    parsed = parse_indicator_table(read_table(INDICATORS.format(rows=rows).encode("utf-8"), name="demo.csv"))
    actions.import_observations(workspace, parsed.rows)
    for indicator in workspace.indicators.all():
        fields = dict(INDICATOR_FIELDS[indicator.name])
        if indicator.name == "Bereidheid om maatregelen na te leven":
            fields["measure"] = measures["Advies om drukte te mijden en afstand te houden"]
        actions.update_indicator(indicator, name=indicator.name, **fields)
    for example in content()["context_examples"]:
        actions.add_development(workspace, title=example["title"], period="2022")

    chosen = [measures[t] for t in VALUE_SCORES]
    weighing = actions.create_weighing(workspace, scenario=scenarios[Z], name="Afweging zwaarder scenario, najaar", occasion="gevraagd",
                                       description="Welke maatregelen passen het best als de epidemiologische situatie verslechtert?",
                                       measures=chosen)
    criteria = {c.name: c for c in weighing.criteria.all()}
    actions.set_weights(weighing, {criteria[name].pk: weight for name, (weight, _why) in WEIGHTS.items()})
    for name, (_weight, why) in WEIGHTS.items():
        c = criteria[name]
        actions.update_criterion(c, name=c.name, direction=c.direction, justification=why, legal_basis=c.legal_basis)
    actions.set_scores(weighing, {(criteria[value].pk, measures[title].pk): score
                                  for title, scores in VALUE_SCORES.items() for value, score in scores.items()})
    actions.update_weighing(weighing, name=weighing.name, occasion=weighing.occasion, description=weighing.description,
                            citizen_perspective="In een burgerdialoog vonden deelnemers het openhouden van scholen het belangrijkst; "
                                                "de afweging is getoetst in de praktijkkring jongeren (demo).",
                            measures=chosen, samples=10_000, seed=2023)
    return workspace


def _link_the_demo_mia(measure, user) -> None:
    """The MIA of the demo (closing neighbourhood centres) shows on the fiche of a comparable measure."""
    from mia.demo.mia_example import find_demo as find_demo_mia

    assessment = find_demo_mia()
    if assessment is not None and user is not None and actions.linkable_assessments(user, measure.workspace).filter(pk=assessment.pk).exists():
        actions.link_assessment(measure, assessment, user)


# The name the demo's registry of examples uses on main (``mia.demo.examples.EXAMPLES``: one ``load`` per example).
load = load_measures_demo
