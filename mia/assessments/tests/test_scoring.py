import pytest

from mia.assessments.representation import group_coverage, missing_groups
from mia.assessments.scoring import mia_score, score_statement


def test_it_takes_the_median_and_spread():
    score = score_statement(1, [2, 4, 3])
    assert score.median == 3.0
    assert score.spread == 2
    assert score.scores == (2, 3, 4)


def test_it_flags_disagreement_at_two_points():
    assert score_statement(1, [3, 5]).disagreement is True
    assert score_statement(1, [3, 4]).disagreement is False


def test_it_ignores_members_who_have_not_rated():
    score = score_statement(2, [None, 4, None])
    assert score.median == 4.0 and score.count == 1 and score.spread == 0


def test_it_handles_no_ratings():
    score = score_statement(3, [None, None])
    assert score.median is None and score.spread is None and not score.disagreement


def test_it_uses_the_mean_of_the_middle_two_for_even_counts():
    assert score_statement(1, [1, 2, 4, 5]).median == 3.0


def test_it_rejects_scores_outside_the_scale():
    with pytest.raises(ValueError):
        score_statement(1, [0, 3])


def test_it_orders_statements():
    result = mia_score({2: [3], 1: [4]})
    assert [s.statement for s in result] == [1, 2]


def test_it_reports_groups_nobody_represents():
    coverage = group_coverage(["huurders", "jongeren", "ouderen"], {"p1": ["huurders"], "p2": ["huurders", "ouderen"]})
    assert [c.participants for c in coverage] == [("p1", "p2"), (), ("p2",)]
    assert missing_groups(coverage) == ["jongeren"]


def test_the_chart_svg_shows_each_statement_and_escapes_titles():
    from mia.assessments.chart_svg import chart_svg

    svg = chart_svg(mia_score({1: [2, 2, 3], 2: [None], 3: [2, 4, 5], 4: [5]}), title="<b>MIA</b>")
    assert svg.startswith("<svg") and svg.count("<rect") == 1 + 3  # background + three medians
    assert "&lt;b&gt;MIA&lt;/b&gt;" in svg
    assert "Stelling 2: nog geen scores." in svg
    assert "De scores lopen ver uiteen." in svg
    assert ">2</text>" in svg  # two members gave statement 1 a 2
