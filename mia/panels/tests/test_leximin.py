"""LEXIMIN selection: reference instances, exactness on small cases, forced people and households."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from mia.panels.selection import _highs, build_problem, read_pool, read_quotas, select_panel
from mia.panels.selection.leximin import leximin
from mia.panels.selection.problem import panel_meets_quotas

from .conftest import make_pool, make_quotas, reference_leximin_minimum


def check_lottery(result, pool, quotas, k):
    assert sum(result.probabilities.values()) == pytest.approx(k, abs=1e-6)
    assert sum(c.probability for c in result.compositions) == pytest.approx(1.0)
    for composition in result.compositions:
        assert composition_meets_quotas_of(composition, result, quotas, k)


def composition_meets_quotas_of(composition, result, quotas, k) -> bool:
    totals = {(q.feature, q.value): 0 for q in quotas.items}
    size = 0
    for group, count in composition.counts.items():
        assert 0 < count <= len(result.groups[group].ids)
        size += count
        for feature, value in result.groups[group].profile.items():
            totals[(feature, value)] += count
    return size == k and all(q.min <= totals[(q.feature, q.value)] <= q.max for q in quotas.items)


# --- reference instances ------------------------------------------------------------------------


@pytest.mark.parametrize("instance, k", [("example_small_20", 20), ("example_large_200", 200)])
def test_it_reaches_the_papers_leximin_minimum(sortition_data, instance, k):
    quotas = read_quotas(sortition_data / instance / "categories.csv")
    pool = read_pool(sortition_data / instance / "respondents.csv", quotas)
    result = select_panel(pool, quotas, k, seed=1)
    reference = reference_leximin_minimum(sortition_data, instance)
    assert result.min_probability >= reference - 1e-4  # the paper rounds to 0.1%
    assert result.min_probability == pytest.approx(k / len(pool), abs=1e-6)  # here everyone gets k/n
    check_lottery(result, pool, quotas, k)


def test_it_reaches_the_reference_minimum_on_the_sortition_algorithms_fixture(sortition_data):
    folder = sortition_data / "sortition-algorithms-fixture"
    quotas = read_quotas(folder / "features.csv")
    pool = read_pool(folder / "candidates.csv", quotas, id_column="nationbuilder_id")
    result = select_panel(pool, quotas, 22, seed=5)
    # README: sortition-algorithms' MAXIMIN reaches 9.09% (= 1/11); LEXIMIN's minimum equals MAXIMIN's.
    assert result.min_probability == pytest.approx(1 / 11, abs=1e-6)
    check_lottery(result, pool, quotas, 22)
    assert len(result.panel) == 22 and len(set(result.panel)) == 22


def test_the_converted_fixture_gives_the_same_minimum(sortition_data):
    folder = sortition_data / "safixture_22"
    quotas = read_quotas(folder / "categories.csv")
    pool = read_pool(folder / "respondents.csv", quotas)
    result = select_panel(pool, quotas, 22, seed=5)
    assert result.min_probability == pytest.approx(1 / 11, abs=1e-6)


# --- exactness against brute force ---------------------------------------------------------------


def brute_force_maximin(problem) -> float:
    """Max-min probability over *all* feasible panels of people (tiny pools only)."""
    panels = [p for p in itertools.combinations(range(problem.n), problem.k) if panel_meets_quotas(problem, p)]
    highs = _highs.new_highs()
    rows = _highs.Rows()
    for i in range(problem.n):
        containing = [j for j, p in enumerate(panels) if i in p]
        rows.add([*containing, len(panels)], [1.0] * len(containing) + [-1.0], 0.0, _highs.INF)
    rows.add(range(len(panels)), [1.0] * len(panels), 1.0, 1.0)
    _highs.pass_model(
        highs,
        cost=[0.0] * len(panels) + [1.0],
        lower=[0.0] * (len(panels) + 1),
        upper=[1.0] * (len(panels) + 1),
        rows=rows,
        maximise=True,
    )
    highs.run()
    return highs.getInfo().objective_function_value


def test_the_minimum_equals_brute_force_on_a_small_pool():
    rows = [
        ("m", "jong"),
        ("m", "jong"),
        ("m", "oud"),
        ("v", "oud"),
        ("v", "oud"),
        ("v", "oud"),
        ("v", "jong"),
        ("m", "oud"),
    ]
    pool = make_pool(rows, ["g", "l"])
    quotas = make_quotas({"g": {"m": (2, 2), "v": (2, 3)}, "l": {"jong": (2, 2), "oud": (1, 3)}})
    problem = build_problem(pool, quotas, 4)
    lottery = leximin(problem)
    ours = min(lottery.group_probability[g] for g, group in enumerate(problem.groups))
    assert ours == pytest.approx(brute_force_maximin(problem), abs=1e-7)


def test_people_with_the_same_profile_get_the_same_chance():
    rows = [("m",)] * 7 + [("v",)] * 3
    pool = make_pool(rows, ["g"])
    quotas = make_quotas({"g": {"m": (2, 2), "v": (2, 2)}})
    result = select_panel(pool, quotas, 4, seed=3)
    assert {round(result.probabilities[f"p{i}"], 9) for i in range(7)} == {round(2 / 7, 9)}
    assert {round(result.probabilities[f"p{i}"], 9) for i in range(7, 10)} == {round(2 / 3, 9)}
    assert result.min_probability == pytest.approx(2 / 7)


# --- forced people, households, unreachable people ---------------------------------------------


def test_forced_people_are_on_every_panel():
    rows = [("m",), ("m",), ("m",), ("v",), ("v",), ("v",)]
    pool = make_pool(rows, ["g"])
    quotas = make_quotas({"g": {"m": (1, 2), "v": (1, 2)}})
    result = select_panel(pool, quotas, 3, seed=9, forced_ids=["p4"])
    assert result.probabilities["p4"] == pytest.approx(1.0)
    assert "p4" in result.panel
    assert all("p4" in panel for panel, _ in result.lottery)
    assert sum(result.probabilities.values()) == pytest.approx(3)


def test_at_most_one_person_per_household():
    rows = [("m",), ("v",), ("m",), ("v",), ("m",), ("v",)]
    contact = [
        {"adres": "Dorpsstraat 1"},
        {"adres": "dorpsstraat 1 "},
        {"adres": "Kerkweg 2"},
        {"adres": "Kerkweg 2"},
        {"adres": ""},
        {"adres": ""},
    ]
    pool = make_pool(rows, ["g"], contact)
    quotas = make_quotas({"g": {"m": (0, 3), "v": (0, 3)}})
    result = select_panel(pool, quotas, 3, seed=2, household_columns=["adres"])
    for panel, _ in result.lottery:
        assert not {"p0", "p1"} <= set(panel) and not {"p2", "p3"} <= set(panel)
    # Empty addresses are not one big household.
    assert result.probabilities["p4"] > 0 and result.probabilities["p5"] > 0
    assert sum(result.probabilities.values()) == pytest.approx(3)


def test_people_who_fit_on_no_panel_get_chance_zero_and_the_rest_is_still_fair():
    rows = [("kind",), ("volw",), ("volw",), ("volw",), ("volw",)]
    pool = make_pool(rows, ["leeftijd"])
    quotas = make_quotas({"leeftijd": {"kind": (0, 0), "volw": (2, 2)}})
    result = select_panel(pool, quotas, 2, seed=4)
    assert result.probabilities["p0"] == 0
    assert result.probabilities["p1"] == pytest.approx(0.5)
    assert "p0" not in result.reserves


def test_a_time_limit_keeps_the_optimal_minimum(sortition_data):
    folder = sortition_data / "sortition-algorithms-fixture"
    quotas = read_quotas(folder / "features.csv")
    pool = read_pool(folder / "candidates.csv", quotas, id_column="nationbuilder_id")
    result = select_panel(pool, quotas, 22, seed=5, time_limit=0.0)
    assert result.min_probability == pytest.approx(1 / 11, abs=1e-6)
    assert not result.complete and any("De tijd was om" in w for w in result.warnings)
    assert sum(result.probabilities.values()) == pytest.approx(22)


def test_the_concrete_lottery_gives_exactly_the_reported_chances():
    rows = [("m", "a")] * 5 + [("v", "a")] * 3 + [("v", "b")] * 4
    pool = make_pool(rows, ["g", "h"])
    quotas = make_quotas({"g": {"m": (2, 3), "v": (2, 3)}, "h": {"a": (1, 4), "b": (1, 2)}})
    result = select_panel(pool, quotas, 5, seed=1)
    assert result.lottery, "small enough to write out"
    chance = dict.fromkeys(pool.ids, 0.0)
    for panel, probability in result.lottery:
        for person in panel:
            chance[person] += probability
        assert len(panel) == 5
    for person in pool.ids:
        assert chance[person] == pytest.approx(result.probabilities[person], abs=1e-9)
    assert np.isclose(sum(p for _, p in result.lottery), 1.0)
