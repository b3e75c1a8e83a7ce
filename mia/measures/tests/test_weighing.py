"""The weighing method against cases computed by hand, and its stability intervals as a property."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mia.measures.weighing import (
    Alternative,
    Criterion,
    WeighingError,
    parse_input,
    raw_weight_bounds,
    weigh,
)


def alt(name, **scores):
    return Alternative(name, scores)


# Hand computation (case A): weights 1 and 3 → 0.25 and 0.75.
#   cost (min): A 10, B 20, C 15 → normalised 0, 1, 0.5 → turned round: 1, 0, 0.5
#   benefit (max): A 5, B 9, C 7 → 0, 1, 0.5
#   scores: A = 0.25·1 = 0.25; B = 0.75·1 = 0.75; C = 0.25·0.5 + 0.75·0.5 = 0.5
# Stability of cost (t = its weight, benefit gets 1 - t): A = t, B = 1 - t, C = 0.5 → B first for t ≤ 0.5.
# Stability of benefit: A = 1 - t, B = t, C = 0.5 → B first for t ≥ 0.5.
CASE_A = (
    [Criterion("kosten", 1, "min"), Criterion("baten", 3, "max")],
    [alt("A", kosten=10, baten=5), alt("B", kosten=20, baten=9), alt("C", kosten=15, baten=7)],
)


def test_it_computes_the_hand_case_with_a_min_criterion():
    result = weigh(*CASE_A, samples=100, seed=1)
    assert [(r.name, r.rank) for r in result.ranking] == [("B", 1), ("C", 2), ("A", 3)]
    assert [round(r.score, 12) for r in result.ranking] == [0.75, 0.5, 0.25]
    assert result.weights.tolist() == [0.25, 0.75]
    assert result.normalised.tolist() == [[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]]
    # Every number that goes into a score is there: contributions add up to the score.
    assert result.contributions.sum(axis=1).tolist() == pytest.approx(result.scores.tolist())


def test_it_finds_the_stability_intervals_of_the_hand_case():
    result = weigh(*CASE_A, samples=100, seed=1)
    cost, benefit = result.stability
    assert (cost.criterion, cost.weight, cost.low, cost.high) == ("kosten", 0.25, 0.0, pytest.approx(0.5))
    assert (benefit.criterion, benefit.weight, benefit.low, benefit.high) == ("baten", 0.75, pytest.approx(0.5), 1.0)


def test_the_interval_in_raw_weights_keeps_the_other_weights():
    # cost may rise from 1 to 3 (benefit stays 3): then t = 3 / 6 = 0.5.
    assert raw_weight_bounds([1, 3], 0, 0.0, 0.5) == (0.0, pytest.approx(3.0))
    # benefit may fall to 1 (cost stays 1) and rise without limit.
    assert raw_weight_bounds([1, 3], 1, 0.5, 1.0) == (pytest.approx(1.0), None)


def test_ties_share_a_rank_and_keep_the_input_order():
    criteria = [Criterion("x", 1), Criterion("y", 1)]
    result = weigh(criteria, [alt("P", x=1, y=0), alt("Q", x=0, y=1), alt("R", x=0, y=0)], samples=10, seed=1)
    # P = Q = 0.5, R = 0
    assert [(r.name, r.rank, r.score) for r in result.ranking] == [("P", 1, 0.5), ("Q", 1, 0.5), ("R", 3, 0.0)]
    # With a tie at the top, any move of x's weight away from 0.5 down lets Q pass P: P stays first for t >= 0.5.
    x, y = result.stability
    assert (x.low, x.high) == (pytest.approx(0.5), 1.0)
    assert (y.low, y.high) == (0.0, pytest.approx(0.5))


def test_a_criterion_with_equal_scores_gives_zero_to_everyone_and_cannot_change_the_top():
    criteria = [Criterion("gelijk", 5), Criterion("baten", 5)]
    result = weigh(criteria, [alt("A", gelijk=7, baten=1), alt("B", gelijk=7, baten=3)], samples=10, seed=1)
    assert result.normalised[:, 0].tolist() == [0.0, 0.0]
    assert [(r.name, r.score) for r in result.ranking] == [("B", 0.5), ("A", 0.0)]
    equal = result.stability[0]
    assert (equal.low, equal.high) == (0.0, 1.0)


def test_a_zero_weight_counts_for_nothing_but_has_an_interval():
    criteria = [Criterion("kosten", 0, "min"), Criterion("baten", 2)]
    result = weigh(criteria, CASE_A[1], samples=10, seed=1)
    assert result.weights.tolist() == [0.0, 1.0]
    assert [(r.name, r.score) for r in result.ranking] == [("B", 1.0), ("C", 0.5), ("A", 0.0)]
    cost = result.stability[0]
    assert (cost.weight, cost.low, cost.high) == (0.0, 0.0, pytest.approx(0.5))


def test_a_single_min_criterion_puts_the_lowest_first():
    result = weigh([Criterion("kosten", 1, "min")], [alt("duur", kosten=30), alt("goedkoop", kosten=10)], samples=10, seed=1)
    assert [(r.name, r.score) for r in result.ranking] == [("goedkoop", 1.0), ("duur", 0.0)]
    assert result.rank_acceptability == {"duur": [0.0, 1.0], "goedkoop": [1.0, 0.0]}


def test_rank_acceptability_matches_the_geometry():
    # Two criteria, A best on one, B on the other: A first exactly when its weight exceeds 1/2,
    # which under uniform weights on the simplex happens half the time.
    result = weigh([Criterion("x", 1), Criterion("y", 1)], [alt("A", x=1, y=0), alt("B", x=0, y=1)], samples=40_000, seed=3)
    assert result.rank_acceptability["A"][0] == pytest.approx(0.5, abs=0.01)
    shares = result.rank_acceptability
    for rank in range(2):
        assert sum(shares[name][rank] for name in shares) == pytest.approx(1.0)
    # Three criteria, one alternative best on all: first in every draw.
    dominant = weigh(
        [Criterion("x", 1), Criterion("y", 2), Criterion("z", 3)],
        [alt("sterk", x=9, y=9, z=9), alt("zwak", x=1, y=1, z=1), alt("midden", x=5, y=2, z=8)], samples=5000, seed=4,
    )
    assert dominant.rank_acceptability["sterk"] == [1.0, 0.0, 0.0]
    assert dominant.rank_acceptability["zwak"] == [0.0, 0.0, 1.0]


def test_the_same_seed_gives_the_same_draws():
    first = weigh(*CASE_A, samples=1000, seed=42).rank_acceptability
    assert weigh(*CASE_A, samples=1000, seed=42).rank_acceptability == first


def test_the_output_has_exactly_the_issues_shape():
    data = weigh(*CASE_A, samples=50, seed=1).as_dict()
    assert set(data) == {"ranking", "stability", "rank_acceptability"}
    assert set(data["ranking"][0]) == {"name", "score", "rank"}
    assert set(data["stability"][0]) == {"criterion", "weight", "low", "high"}
    assert len(data["rank_acceptability"]["A"]) == 3


# --- input and its Dutch errors ----------------------------------------------------------------------


def test_it_reads_valid_input():
    criteria, alternatives = parse_input({
        "criteria": [{"name": "kosten", "weight": 2, "direction": "min"}, {"name": "baten", "weight": 1.5}],
        "alternatives": [{"name": "A", "scores": {"kosten": 1, "baten": 2}}, {"name": "B", "scores": {"kosten": 3, "baten": 4}}],
    })
    assert criteria == [Criterion("kosten", 2.0, "min"), Criterion("baten", 1.5, "max")]
    assert alternatives[1] == Alternative("B", {"kosten": 3.0, "baten": 4.0})


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"criteria": [{"name": "k", "weight": 1}], "alternatives": [{"name": "A", "scores": {}}, {"name": "B", "scores": {"k": 1}}]},
         "alternatives[0].scores: de score voor criterium 'k' ontbreekt."),
        ({"criteria": [{"name": "k", "weight": -1}], "alternatives": [{"name": "A", "scores": {"k": 1}}, {"name": "B", "scores": {"k": 2}}]},
         "criteria[0].weight: het gewicht mag niet negatief zijn (nu -1)."),
        ({"criteria": [{"name": "k", "weight": 1}], "alternatives": [{"name": "A", "scores": {"k": 1, "snelheid": 2}}, {"name": "B", "scores": {"k": 2}}]},
         "alternatives[0].scores.snelheid: dit criterium bestaat niet (bekende criteria: k)."),
        ({"criteria": [{"name": "k", "weight": 1}], "alternatives": [{"name": "A", "scores": {"k": 1}}]},
         "alternatives: er zijn ten minste twee alternatieven nodig om af te wegen (nu 1)."),
        ({"criteria": [{"name": "k", "weight": 0}], "alternatives": [{"name": "A", "scores": {"k": 1}}, {"name": "B", "scores": {"k": 2}}]},
         "criteria: alle gewichten zijn 0; geef ten minste één criterium een gewicht groter dan 0."),
        ({"criteria": [{"name": "k", "weight": 1, "direction": "hoog"}], "alternatives": []},
         "criteria[0].direction: kies 'max' (hoger is beter) of 'min' (lager is beter), niet 'hoog'."),
        ({"criteria": [{"name": "k", "weight": 10**400}], "alternatives": []}, "criteria[0].weight: dit getal is te groot (hoogstens 1e+09)."),
        ({"criteria": [{"name": "k", "weight": 1}], "alternatives": [{"name": "A", "scores": {"k": 1e300}}, {"name": "B", "scores": {"k": "=1+1"}}]},
         "alternatives[0].scores.k: dit getal is te groot (hoogstens 1e+12)."),
        ({"criteria": [{"name": "k", "weight": 1}], "alternatives": [{"name": "A", "scores": {"k": 1}}, {"name": "B", "scores": {"k": "=1+1"}}]},
         "alternatives[1].scores.k: de score moet een getal zijn (nu '=1+1')."),
        ({"criteria": [{"name": "k", "weight": True}], "alternatives": []}, "criteria[0].weight: het gewicht moet een getal zijn (nu True)."),
        ({"criteria": [{"name": "k", "weight": 1}, {"name": "k", "weight": 1}], "alternatives": []},
         "criteria[1].name: het criterium 'k' komt twee keer voor."),
        ({"criteria": [{"name": "", "weight": 1}], "alternatives": []}, "criteria[0].name: geef een naam (tekst)."),
        ({"criteria": [], "alternatives": []}, "criteria: geef een lijst met ten minste één criterium."),
        ({"criteria": [{"name": "k", "weight": 1}], "alternatives": [{"name": "A", "scores": [[[[1]]]]}, {"name": "B", "scores": {"k": 1}}]},
         "alternatives[0].scores: geef de scores als object {criterium: getal}."),
        ({"criteria": [{"name": "k", "weight": 1}], "alternatief": []}, "alternatief: dit onderdeel kennen we niet; gebruik alleen 'criteria' en 'alternatives'."),
    ],
)
def test_it_refuses_bad_input_in_dutch(data, expected):
    with pytest.raises(WeighingError) as error:
        parse_input(data)
    assert expected in error.value.issues


def test_it_refuses_a_list_instead_of_an_object():
    with pytest.raises(WeighingError, match="JSON-object"):
        parse_input([1, 2, 3])


def test_it_reports_every_problem_at_once():
    with pytest.raises(WeighingError) as error:
        parse_input({"criteria": [{"name": "k", "weight": -2}, {"weight": 1}], "alternatives": [{"name": "A", "scores": {}}]})
    assert len(error.value.issues) >= 3


def test_weigh_itself_refuses_missing_scores_and_too_few_alternatives():
    with pytest.raises(WeighingError, match="ontbreken scores: 'A' op 'k'"):
        weigh([Criterion("k", 1)], [alt("A"), alt("B", k=1)])
    with pytest.raises(WeighingError, match="ten minste twee"):
        weigh([Criterion("k", 1)], [alt("A", k=1)])
    with pytest.raises(WeighingError, match="negatief"):
        weigh([Criterion("k", -1)], [alt("A", k=1), alt("B", k=2)])


# --- the property: inside the interval the top stays first, just outside it does not -------------------


def _top_is_first(criteria, alternatives, weights, top_name) -> bool:
    moved = [Criterion(c.name, float(w), c.direction) for c, w in zip(criteria, weights, strict=True)]
    result = weigh(moved, alternatives, samples=1, seed=0)
    scores = {r.name: r.score for r in result.ranking}
    return scores[top_name] >= max(scores.values()) - 1e-9


def _moved(weights, j, t):
    total = sum(weights)
    w = [x / total for x in weights]
    rest = 1 - w[j]
    if rest > 1e-9:
        out = [x * (1 - t) / rest for x in w]
    else:
        out = [(1 - t) / (len(w) - 1)] * len(w)
    out[j] = t
    return out


@st.composite
def problems(draw):
    m = draw(st.integers(2, 4))
    n = draw(st.integers(2, 5))
    weights = draw(st.lists(st.integers(0, 10), min_size=m, max_size=m).filter(lambda ws: sum(ws) > 0))
    directions = draw(st.lists(st.sampled_from(["max", "min"]), min_size=m, max_size=m))
    rows = draw(st.lists(st.lists(st.integers(0, 10), min_size=m, max_size=m), min_size=n, max_size=n))
    criteria = [Criterion(f"c{j}", w, d) for j, (w, d) in enumerate(zip(weights, directions, strict=True))]
    alternatives = [Alternative(f"a{i}", {f"c{j}": v for j, v in enumerate(row)}) for i, row in enumerate(rows)]
    return criteria, alternatives


@settings(max_examples=150, deadline=None)
@given(problems(), st.data())
def test_the_top_stays_first_inside_the_interval_and_not_just_outside(problem, data):
    criteria, alternatives = problem
    result = weigh(criteria, alternatives, samples=1, seed=0)
    top = result.top.name
    weights = [c.weight for c in criteria]
    delta = 1e-6
    for j, s in enumerate(result.stability):
        assert s.low <= s.weight <= s.high
        for t in (s.low, s.high, (s.low + s.high) / 2, data.draw(st.floats(s.low, s.high))):
            assert _top_is_first(criteria, alternatives, _moved(weights, j, t), top), (j, t, s)
        if s.low > delta:
            assert not _top_is_first(criteria, alternatives, _moved(weights, j, s.low - delta), top), (j, s)
        if s.high < 1 - delta:
            assert not _top_is_first(criteria, alternatives, _moved(weights, j, s.high + delta), top), (j, s)


def test_identical_alternatives_tie_in_every_draw_and_the_earlier_ranks_first():
    criteria = [Criterion("x", 1), Criterion("y", 1)]
    result = weigh(criteria, [alt("A", x=1, y=0), alt("B", x=0, y=1), alt("A2", x=1, y=0)], samples=20_000, seed=5)
    shares = result.rank_acceptability
    # A first (x weighs more): A, A2, B. B first: B, A, A2. Each about half of the draws.
    assert shares["A"][2] == 0.0 and shares["A2"][0] == 0.0 and shares["B"][1] == 0.0
    assert shares["A"][0] == pytest.approx(0.5, abs=0.02)
    assert shares["A"][0] + shares["A"][1] == pytest.approx(1.0)
    assert shares["A2"][1] == pytest.approx(shares["A"][0])
    assert [r.name for r in result.ranking] == ["A", "B", "A2"] and [r.rank for r in result.ranking] == [1, 1, 1]
