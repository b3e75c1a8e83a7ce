"""The greedy LEGACY draw, for comparison with LEXIMIN."""

from __future__ import annotations

import random

import pytest

from mia.panels.selection import build_problem, read_pool, read_quotas, select_panel
from mia.panels.selection.legacy import estimate_legacy_probabilities, legacy_draw
from mia.panels.selection.problem import panel_meets_quotas

from .conftest import make_pool, make_quotas


def test_a_legacy_panel_meets_the_quotas():
    pool = make_pool([("m", "a")] * 5 + [("v", "b")] * 5 + [("v", "a")] * 2, ["g", "h"])
    quotas = make_quotas({"g": {"m": (2, 3), "v": (2, 3)}, "h": {"a": (2, 4), "b": (1, 3)}})
    problem = build_problem(pool, quotas, 5)
    panel, _ = legacy_draw(problem, random.Random(1))
    assert panel_meets_quotas(problem, panel)


def test_legacy_reproduces_the_papers_unfairness_on_example_small_20(sortition_data):
    """The paper: LEGACY gives the one conservative woman about 1% (sample 0.96%); LEXIMIN gives 10%."""
    quotas = read_quotas(sortition_data / "example_small_20" / "categories.csv")
    pool = read_pool(sortition_data / "example_small_20" / "respondents.csv", quotas)
    estimate = estimate_legacy_probabilities(build_problem(pool, quotas, 20), 1000, seed=1)
    assert estimate.probabilities.min() < 0.025
    assert estimate.probabilities.sum() == pytest.approx(20)
    assert select_panel(pool, quotas, 20, seed=1).min_probability == pytest.approx(0.1, abs=1e-6)


def test_legacy_result_has_estimated_probabilities_and_no_lottery():
    pool = make_pool([("m",)] * 4 + [("v",)] * 4, ["g"])
    quotas = make_quotas({"g": {"m": (2, 2), "v": (2, 2)}})
    result = select_panel(pool, quotas, 4, algorithm="legacy", seed=3, legacy_draws=200)
    assert result.algorithm == "legacy" and result.lottery == []
    assert sum(result.probabilities.values()) == pytest.approx(4)
    assert any("geschat" in w for w in result.warnings)
    assert len(result.panel) == 4


def test_forced_people_and_households_in_legacy():
    rows = [("m",), ("m",), ("v",), ("v",), ("m",), ("v",)]
    contact = [{"adres": "x"}, {"adres": "x"}, {"adres": "y"}, {"adres": "z"}, {"adres": "w"}, {"adres": "v"}]
    pool = make_pool(rows, ["g"], contact)
    quotas = make_quotas({"g": {"m": (1, 2), "v": (1, 2)}})
    for seed in range(20):
        result = select_panel(
            pool,
            quotas,
            3,
            algorithm="legacy",
            seed=seed,
            legacy_draws=0,
            forced_ids=["p0"],
            household_columns=["adres"],
        )
        assert "p0" in result.panel and "p1" not in result.panel
