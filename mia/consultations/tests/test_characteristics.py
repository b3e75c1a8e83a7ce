"""The characteristics table (Bijlage 2): attendees only, small cells suppressed, no percentage
that would reveal them; and "wie ontbreekt"."""

from __future__ import annotations

import pytest

from mia.consultations.characteristics import SUPPRESSED, WITHHELD, characteristics, under_represented

FEATURES = [("Leeftijd", ["18-30", "30-50", "50-65", "65+"]), ("Woonomgeving", ["Stedelijk", "Landelijk"])]


def people(spec):
    out = []
    for age, place, n in spec:
        out += [{"Leeftijd": age, "Woonomgeving": place}] * n
    return out


def shown(table, feature):
    return {c.category: (c.shown_count, c.shown_percentage) for c in next(f for f in table.features if f.feature == feature).cells}


def test_bijlage_2_percentages_when_every_cell_is_large():
    # The report's totals: 33/50/30/17 of 130 people.
    table = characteristics(people([("18-30", "Stedelijk", 33), ("30-50", "Stedelijk", 50), ("50-65", "Landelijk", 30), ("65+", "Stedelijk", 17)]), FEATURES)
    assert table.shown_total == "130"
    assert shown(table, "Leeftijd") == {"18-30": ("33", "25,4%"), "30-50": ("50", "38,5%"), "50-65": ("30", "23,1%"), "65+": ("17", "13,1%")}


def test_a_cell_of_one_to_four_is_never_shown_nor_derivable():
    table = characteristics(people([("18-30", "Stedelijk", 10), ("30-50", "Stedelijk", 8), ("50-65", "Landelijk", 6), ("65+", "Landelijk", 2)]), FEATURES)
    ages = shown(table, "Leeftijd")
    assert ages["65+"] == (SUPPRESSED, "")
    # One more cell is suppressed so that 26 − (10 + 8 + 6) cannot give the small one back.
    assert [count for count, _p in ages.values()].count(WITHHELD) == 1
    assert ages["50-65"] == (WITHHELD, "")
    assert all(p == "" for _c, p in ages.values())
    for feature in table.features:
        for cell in feature.cells:
            assert cell.shown_count in (SUPPRESSED, WITHHELD, "0") or int(cell.shown_count) >= 5


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_a_tiny_session_shows_nothing_exact(n):
    table = characteristics(people([("18-30", "Stedelijk", n)]), FEATURES)
    assert table.shown_total == SUPPRESSED
    for feature in table.features:
        for cell in feature.cells:
            assert cell.shown_count in (SUPPRESSED, "0") and cell.shown_percentage == ""


def test_zero_is_shown_and_unknown_values_are_counted_apart():
    table = characteristics(people([("18-30", "Stedelijk", 6), ("onbekend", "Stedelijk", 6)]), FEATURES)
    ages = shown(table, "Leeftijd")
    assert ages["30-50"][0] == "0" and ages["anders/onbekend"][0] == "6"


def test_who_is_missing_lists_empty_and_scarce_categories_first():
    gaps = under_represented(people([("18-30", "Stedelijk", 18), ("30-50", "Stedelijk", 1), ("50-65", "Stedelijk", 5)]), FEATURES)
    assert gaps[0]["level"] == "ontbreekt"
    missing = {(g["feature"], g["category"]) for g in gaps if g["level"] == "ontbreekt"}
    assert missing == {("Leeftijd", "65+"), ("Woonomgeving", "Landelijk")}
    assert ("Leeftijd", "30-50") in {(g["feature"], g["category"]) for g in gaps}
    assert all("count" not in g for g in gaps)
