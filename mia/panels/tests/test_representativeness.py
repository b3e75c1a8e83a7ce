"""Representativeness report and coverage of the twelve diversity-weave factors."""

from __future__ import annotations

import pytest

from mia.panels.selection import DIVERSITY_FACTORS, representativeness_report, select_panel
from mia.panels.selection.pool import Quota, Quotas
from mia.panels.selection.representativeness import factors_for_feature

from .conftest import make_pool


def test_counts_percentages_quota_and_population_per_category():
    pool = make_pool([("man",)] * 6 + [("vrouw",)] * 4, ["geslacht"])
    quotas = Quotas([Quota("geslacht", "man", 1, 3, population_share=0.49), Quota("geslacht", "vrouw", 1, 3)])
    report = representativeness_report(pool, quotas, ["p0", "p1", "p6", "p7"], population={("geslacht", "vrouw"): 0.51})
    man, vrouw = report.rows
    assert (man.pool_count, man.pool_percentage, man.panel_count, man.panel_percentage) == (6, 60.0, 2, 50.0)
    assert (man.quota_min, man.quota_max, man.within_quota) == (1, 3, True)
    assert man.population_percentage == 49.0 and vrouw.population_percentage == 51.0
    assert report.to_dict()["rows"][1]["panel_count"] == 2


def test_expected_counts_come_from_the_lottery():
    pool = make_pool([("man",)] * 6 + [("vrouw",)] * 4, ["geslacht"])
    quotas = Quotas([Quota("geslacht", "man", 2, 2), Quota("geslacht", "vrouw", 2, 2)])
    result = select_panel(pool, quotas, 4, seed=1)
    report = representativeness_report(pool, quotas, result.panel, probabilities=result.probabilities)
    assert [row.expected_count for row in report.rows] == [pytest.approx(2), pytest.approx(2)]


@pytest.mark.parametrize(
    "feature, factor",
    [
        ("leeftijd", "leeftijd"),
        ("age_bracket", "leeftijd"),
        ("Leeftijdsgroep", "leeftijd"),
        ("geslacht", "gender & sekse"),
        ("Gender", "gender & sekse"),
        ("opleiding", "educatie"),
        ("edu_level", "educatie"),
        ("opleidingsniveau", "educatie"),
        ("migratieachtergrond", "sociaal-culturele achtergrond"),
        ("inkomen", "financiële situatie"),
        ("werk", "(arbeids)participatie"),
        ("religie", "religie & levensbeschouwing"),
        ("taalniveau", "taal & geletterdheid"),
        ("seksuele oriëntatie", "seksuele oriëntatie"),
        ("gezondheid", "gezondheid"),
        ("beperking", "gezondheid"),
    ],
)
def test_feature_names_map_to_weave_factors(feature, factor):
    assert factor in factors_for_feature(feature)


def test_short_keywords_do_not_match_inside_other_words():
    assert factors_for_feature("language") == ["taal & geletterdheid"]  # contains 'age', is not age
    assert factors_for_feature("percentage") == []
    assert factors_for_feature("woonomgeving") == []


def test_it_lists_the_factors_the_features_do_not_cover():
    names = ["leeftijd", "geslacht", "opleiding", "migratieachtergrond", "woonomgeving"]
    pool = make_pool([("a", "b", "c", "d", "e")], names)
    quotas = Quotas([Quota(name, value, 0, 1) for name, value in zip(names, "abcde", strict=False)])
    report = representativeness_report(pool, quotas, ["p0"])
    assert report.missing_factors == [
        f
        for f in DIVERSITY_FACTORS
        if f not in {"leeftijd", "gender & sekse", "educatie", "sociaal-culturele achtergrond"}
    ]
    assert report.features_outside_weave == ["woonomgeving"]
    assert "financiële situatie" in report.missing_factors_text()


def test_the_report_holds_no_contact_data():
    pool = make_pool([("man",)], ["geslacht"], [{"email": "geheim@example.nl"}])
    quotas = Quotas([Quota("geslacht", "man", 0, 1)])
    assert "geheim" not in str(representativeness_report(pool, quotas, ["p0"]).to_dict())
