"""Infeasible quotas: explained in Dutch, with the conflicting bounds and the smallest relaxation."""

from __future__ import annotations

import pytest

from mia.panels.selection import InfeasibleQuotasError, build_problem, explain_infeasibility, select_panel
from mia.panels.selection.pool import Quota, Quotas

from .conftest import make_pool, make_quotas


def test_minimums_above_the_panel_size_are_named():
    pool = make_pool([("m",)] * 5 + [("v",)] * 5, ["geslacht"])
    quotas = make_quotas({"geslacht": {"m": (3, 5), "v": (3, 5)}})
    with pytest.raises(InfeasibleQuotasError) as caught:
        select_panel(pool, quotas, 5)
    text = str(caught.value)
    assert "Bij 'geslacht' tellen de minima op tot 6, meer dan de panelgrootte 5." in text
    assert "geslacht = m: minimaal 3" in text and "geslacht = v: minimaal 3" in text
    changes = caught.value.explanation.relaxation
    assert caught.value.explanation.total_change == 1
    assert len(changes) == 1 and changes[0].new_min == 2


def test_maximums_below_the_panel_size_are_named():
    pool = make_pool([("m",)] * 5 + [("v",)] * 5, ["geslacht"])
    quotas = make_quotas({"geslacht": {"m": (0, 2), "v": (0, 2)}})
    explanation = explain_infeasibility(build_problem(pool, quotas, 6))
    assert "Bij 'geslacht' tellen de maxima op tot 4, minder dan de panelgrootte 6." in explanation.findings
    assert explanation.total_change == 2


def test_too_few_people_in_a_category_is_named():
    pool = make_pool([("jong",)] * 2 + [("oud",)] * 8, ["leeftijd"])
    quotas = make_quotas({"leeftijd": {"jong": (3, 5), "oud": (0, 5)}})
    explanation = explain_infeasibility(build_problem(pool, quotas, 6))
    assert any("maar 2 mensen met leeftijd = jong in de pool; het minimum is 3" in f for f in explanation.findings)
    assert [(c.feature, c.value, c.new_min) for c in explanation.relaxation] == [("leeftijd", "jong", 2)]


def test_a_conflict_across_features_gives_a_minimal_set_of_bounds():
    # All young people are highly educated: 'at least 3 young' and 'at most 1 highly educated' clash,
    # while each feature on its own adds up fine.
    rows = [("jong", "hoog")] * 4 + [("oud", "laag")] * 4 + [("oud", "hoog")] * 2
    pool = make_pool(rows, ["leeftijd", "opleiding"])
    quotas = make_quotas(
        {
            "leeftijd": {"jong": (3, 4), "oud": (0, 4)},
            "opleiding": {"hoog": (0, 1), "laag": (0, 4)},
        }
    )
    explanation = explain_infeasibility(build_problem(pool, quotas, 4))
    assert explanation.findings == []
    assert {(b.feature, b.value, b.side, b.number) for b in explanation.conflict} == {
        ("leeftijd", "jong", "min", 3),
        ("opleiding", "hoog", "max", 1),
    }
    assert explanation.conflict_is_minimal
    assert explanation.total_change == 2
    text = explanation.text()
    assert "Deze grenzen kunnen niet tegelijk gelden" in text
    assert "Kleinste aanpassing waarmee het wel kan (in totaal 2 plaatsen)" in text


def test_flex_bounds_are_respected_when_possible():
    pool = make_pool([("m",)] * 5 + [("v",)] * 5, ["g"])
    quotas = Quotas([Quota("g", "m", 3, 5, min_flex=3), Quota("g", "v", 3, 5, min_flex=0)])
    explanation = explain_infeasibility(build_problem(pool, quotas, 5))
    assert [(c.value, c.new_min) for c in explanation.relaxation] == [("v", 2)]


def test_households_and_forced_people_are_explained():
    rows = [("m",), ("v",), ("m",)]
    contact = [{"adres": "a"}, {"adres": "a"}, {"adres": "b"}]
    pool = make_pool(rows, ["g"], contact)
    quotas = make_quotas({"g": {"m": (0, 3), "v": (0, 3)}})
    with pytest.raises(InfeasibleQuotasError) as caught:
        select_panel(pool, quotas, 3, household_columns=["adres"])
    assert "maar 2 huishoudens" in str(caught.value)
    with pytest.raises(InfeasibleQuotasError) as caught:
        select_panel(pool, quotas, 2, household_columns=["adres"], forced_ids=["p0", "p1"])
    assert "wonen op hetzelfde adres" in str(caught.value)


def test_forced_people_above_a_maximum_are_explained():
    pool = make_pool([("m",)] * 4 + [("v",)] * 4, ["g"])
    quotas = make_quotas({"g": {"m": (0, 1), "v": (0, 4)}})
    with pytest.raises(InfeasibleQuotasError, match="2 verplichte deelnemers met g = m; het maximum is 1"):
        select_panel(pool, quotas, 3, forced_ids=["p0", "p1"])


def test_legacy_explains_infeasibility_too():
    pool = make_pool([("m",)] * 3, ["g"])
    quotas = make_quotas({"g": {"m": (0, 1)}})
    with pytest.raises(InfeasibleQuotasError):
        select_panel(pool, quotas, 2, algorithm="legacy")


def test_explanation_to_dict_is_plain_data():
    pool = make_pool([("m",)] * 5, ["g"])
    quotas = make_quotas({"g": {"m": (0, 1)}})
    data = explain_infeasibility(build_problem(pool, quotas, 2)).to_dict()
    assert data["relaxation"] == [
        {"feature": "g", "value": "m", "old_min": 0, "old_max": 1, "new_min": 0, "new_max": 2}
    ]
    assert data["message"].startswith("Er is geen panel van 2 mensen mogelijk")
