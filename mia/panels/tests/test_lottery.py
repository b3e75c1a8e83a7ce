"""The draw with a seed, reserves that keep the quotas, replacing dropouts."""

from __future__ import annotations

import pytest

from mia.panels.selection import SelectionError, build_problem, replace_dropouts_by_id, select_panel
from mia.panels.selection.problem import panel_meets_quotas

from .conftest import make_pool, make_quotas

ROWS = [("m", "jong")] * 6 + [("v", "jong")] * 6 + [("m", "oud")] * 6 + [("v", "oud")] * 6
QUOTAS = {"g": {"m": (3, 3), "v": (3, 3)}, "l": {"jong": (2, 4), "oud": (2, 4)}}


def setup():
    return make_pool(ROWS, ["g", "l"]), make_quotas(QUOTAS)


def indexes(pool, ids):
    position = {p.id: i for i, p in enumerate(pool.people)}
    return [position[i] for i in ids]


def test_the_seed_is_recorded_and_repeats_the_draw():
    pool, quotas = setup()
    first = select_panel(pool, quotas, 6)
    assert isinstance(first.seed, int) and first.seed > 0
    again = select_panel(pool, quotas, 6, seed=first.seed)
    assert again.panel == first.panel and again.reserves == first.reserves


def test_different_seeds_draw_different_panels():
    pool, quotas = setup()
    panels = {tuple(select_panel(pool, quotas, 6, seed=seed).panel) for seed in range(8)}
    assert len(panels) > 1


def test_a_bad_seed_is_refused_in_dutch():
    pool, quotas = setup()
    with pytest.raises(SelectionError, match="seed moet een geheel getal"):
        select_panel(pool, quotas, 6, seed=-1)


def test_draws_follow_the_probabilities():
    pool, quotas = setup()
    counts = dict.fromkeys(pool.ids, 0)
    draws = 400
    for seed in range(draws):
        for person in select_panel(pool, quotas, 6, seed=seed, reserves=0).panel:
            counts[person] += 1
    expected = select_panel(pool, quotas, 6, seed=0).probabilities
    for person in pool.ids:  # 6/24 = 0.25 each; 400 draws give a standard error of about 0.022
        assert abs(counts[person] / draws - expected[person]) < 0.1


def test_reserves_can_replace_any_panel_member():
    pool, quotas = setup()
    result = select_panel(pool, quotas, 6, seed=3)
    problem = build_problem(pool, quotas, 6)
    assert not set(result.reserves) & set(result.panel)
    assert len(result.reserves) == 5  # default: max(5, k/4)
    for dropout in result.panel:
        panel, used, unresolved = replace_dropouts_by_id(pool, quotas, result, [dropout])
        assert unresolved == [] and len(used) == 1
        assert panel_meets_quotas(problem, indexes(pool, panel))


def test_several_dropouts_are_replaced_in_order():
    pool, quotas = setup()
    result = select_panel(pool, quotas, 6, seed=5, reserves=8)
    problem = build_problem(pool, quotas, 6)
    panel, used, unresolved = replace_dropouts_by_id(pool, quotas, result, result.panel[:3])
    assert len(used) + len(unresolved) == 3
    assert used == [r for r in result.reserves if r in used]  # taken in reserve order
    if not unresolved:
        assert panel_meets_quotas(problem, indexes(pool, panel))


def test_unknown_dropouts_are_refused():
    pool, quotas = setup()
    result = select_panel(pool, quotas, 6, seed=5)
    with pytest.raises(SelectionError, match="niet in het panel"):
        replace_dropouts_by_id(pool, quotas, result, ["nobody"])


def test_reserves_skip_housemates_of_the_panel():
    rows = [("m",), ("m",), ("v",), ("v",), ("m",), ("v",)]
    contact = [{"adres": str(i // 2)} for i in range(6)]  # three households of two
    pool = make_pool(rows, ["g"], contact)
    quotas = make_quotas({"g": {"m": (0, 2), "v": (0, 2)}})
    result = select_panel(pool, quotas, 2, seed=4, household_columns=["adres"])
    taken = {pool.by_id()[i].contact["adres"] for i in result.panel}
    assert all(pool.by_id()[r].contact["adres"] not in taken for r in result.reserves)
