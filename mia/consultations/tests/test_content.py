"""Fidelity: the seed's texts appear verbatim in the data file (the expected strings are copied
here from burgerconsultaties-methode.txt, with its line breaks joined, so the test runs without
the seed folder)."""

from __future__ import annotations

import json

import pytest

from mia.consultations import content
from mia.consultations.characteristics import characteristics

SEED = {
    ("parts", 0, "text"): "Via beeldende of theatrale werkvormen werd een thema verkend vanuit persoonlijke ervaringen. Zo ontstond ruimte voor verhalen die anders moeilijk boven komen.",
    ("parts", 1, "text"): "In kleine groepen reflecteerden deelnemers op wat zij zagen en voelden, en formuleerden zij ontwerpvragen.",
    ("parts", 2, "text"): "Deelnemers werkten aan concrete producten, zoals voorbeeldregels of ontmoetingsplek-ontwerpen, die hun inzichten tastbaar en overdraagbaar maakten.",
    ("parts", 3, "label"): "Advies aan beleidsmakers",
    ("validation",): "Na elke sessie volgde een online validatiemoment waarin deelnemers het conceptverslag konden aanvullen, corrigeren of verdiepen.",
    ("recruitment", "phase_1"): "In de eerste fase werd een breed en divers deelnemersbestand opgebouwd via onder meer sleutelpersonen, flyers, bestaande netwerken, Facebookgroepen, lokale buurtkranten en WhatsApp.",
    ("recruitment", "phase_2"): "In fase twee werd een gerichte selectie gemaakt op basis van spreiding in leeftijd, gender, opleidingsniveau, herkomst en woonomgeving.",
    ("example_questions", 2): "Wat betekent wederkerigheid en wat vraagt dit van ons als inwoners?",
    ("closing", 0, "recommendation"): "Ontwikkel een doorlopende infrastructuur voor burgerparticipatie, zoals periodieke burgerpanels, thematische dialoogtafels of wijkraden.",
    ("closing", 0, "goal"): "Continu en representatief ophalen van ervaringen, signalen en behoeften uit de samenleving.",
    ("closing", 5, "title"): "Diversiteit binnen overheidsstructuren versterken",
    ("features", 2, "seed_labels", 0): "Praktisch opgeleid (vmbo, mbo)",
}


def pick(document, path):
    for key in path:
        document = document[key]
    return document


@pytest.mark.parametrize("path,text", SEED.items())
def test_seed_text_is_verbatim(path, text):
    assert text in pick(content.method(), path)


def test_four_parts_in_order_and_four_and_a_half_hours():
    parts = content.method()["parts"]
    assert [p["label"] for p in parts] == ["De diepte in", "Betekenis geven en keuzes maken", "Werkplaats", "Advies aan beleidsmakers"]
    assert sum(p["minutes"] for p in parts) == 4.5 * 60


def test_six_closing_recommendations_each_with_aanbeveling_and_doel():
    closing = content.method()["closing"]
    assert len(closing) == 6 and all(c["recommendation"] and c["goal"] for c in closing)


def test_bijlage_2_percentages_come_out_as_in_the_report():
    totals = content.method()["characteristics_totals"]
    people = []
    for feature in ("Leeftijd", "Geslacht", "Opleiding", "Migratieachtergrond", "Woonomgeving"):
        assert sum(totals[feature].values()) == totals["total"]
    # Rebuild 130 people consistent with every marginal by sorting each feature independently.
    columns = {f: [c for c, n in totals[f].items() for _ in range(n)] for f in totals if f != "total"}
    people = [{f: columns[f][i] for f in columns} for i in range(totals["total"])]
    table = characteristics(people, [(f["name"], f["categories"]) for f in content.default_features()])
    shown = {(f.feature, c.category): (c.shown_count, c.shown_percentage) for f in table.features for c in f.cells}
    assert shown[("Leeftijd", "18-30")] == ("33", "25,4%")
    assert shown[("Opleiding", "Praktisch opgeleid")] == ("21", "16,2%")
    assert shown[("Migratieachtergrond", "Tweede generatie")] == ("12", "9,2%")
    assert shown[("Woonomgeving", "Landelijk")] == ("38", "29,2%")
    assert shown[("Geslacht", "Non-binair/anders")] == ("0", "0,0%")


def test_the_file_is_valid_json_with_a_version():
    data = json.loads(content.DATA.read_text(encoding="utf-8"))
    assert data["version"] == "1"
