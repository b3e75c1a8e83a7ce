"""Stacking in packages, the impact ladder, the matrix and the weighted ladder: the pure logic by hand,
then through the pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mia.measures import actions
from mia.measures.ladder import Placement, derived_level, quadrant, rungs, weighted_ladder
from mia.measures.models import Package, PackageLevel
from mia.measures.placements import ladder_context
from mia.measures.stacking import Hit, stack


def test_stacking_puts_the_most_hit_group_first_and_flags_it():
    hits = [Hit("M1", "Jongeren", 4), Hit("M2", "Jongeren", 5), Hit("M3", "Jongeren", 2, long_term=True),
            Hit("M1", "Ouderen", 3), Hit("M9", "Ouderen", 5), Hit("M2", "Mantelzorgers", 2)]
    result = stack(["M1", "M2", "M3"], ["Ouderen", "Jongeren", "Mantelzorgers", "Zorgprofessionals"], hits)
    assert [g.group for g in result.groups] == ["Jongeren", "Ouderen", "Mantelzorgers"]  # M9 is not in the package
    young = result.groups[0]
    assert (young.count, young.total, young.highest, young.long_term) == (3, 11, 5, 1)
    assert result.row(young) == [4, 5, 2] and result.row(result.groups[1]) == [3, 0, 0]
    assert result.standout == {"Jongeren"}  # hit by 3 of 3; Ouderen only by one measure here


def test_two_heavy_hits_stand_out_in_a_large_package():
    measures = [f"M{i}" for i in range(1, 9)]
    result = stack(measures, ["A", "B"], [Hit("M1", "A", 4), Hit("M2", "A", 4), Hit("M3", "B", 3), Hit("M4", "B", 2)])
    assert result.standout == {"A"}  # 2 of 8 measures, but together 8


@pytest.mark.parametrize(("eff", "imp", "key"), [
    (4, 2, "effectief-weinig-impact"), (5, 3, "effectief-veel-impact"), (3, 1, "weinig-effectief-weinig-impact"),
    (1, 5, "weinig-effectief-veel-impact"), (None, 3, None), (4, None, None),
])
def test_quadrants_with_the_default_thresholds(eff, imp, key):
    assert quadrant(eff, imp, effective_from=4, high_impact_from=3) == key


def test_the_ladder_and_the_weighted_ladder():
    placed = [Placement("M1", "Thuiswerken", 2, 2, 3), Placement("M2", "Scholen dicht", 5, 3, 4), Placement("M3", "Avondklok", 4, 2, 2),
              Placement("M4", "Mondkapjes", 1, 1, 4), Placement("C1", "Lockdown", 5, 3, 4, True, True), Placement("M5", "Nieuw", None, None, None)]
    social = dict(rungs(placed, "social"))
    assert [p.code for p in social[5]] == ["M2", "C1"] and [p.code for p in social[1]] == ["M4"] and social[3] == []
    order = {"effectief-weinig-impact": 1, "effectief-veel-impact": 2, "weinig-effectief-weinig-impact": 3, "weinig-effectief-veel-impact": 4}
    weighted = weighted_ladder(placed, 4, 3, order)
    assert [(p.code, key) for p, key in weighted] == [
        ("M4", "effectief-weinig-impact"), ("C1", "effectief-veel-impact"), ("M2", "effectief-veel-impact"),
        ("M1", "weinig-effectief-weinig-impact"), ("M3", "weinig-effectief-veel-impact"),
    ]


def test_a_group_is_as_heavy_as_its_heaviest_measure():
    assert derived_level([2, None, 4, 3]) == 4 and derived_level([None]) is None


@pytest.mark.django_db
def test_a_package_page_shows_the_stacking_as_heat_map_and_table(member_client, workspace, filled):
    package = filled["package"]
    page = member_client.get(reverse("measures:package", args=[workspace.pk, package.pk])).content.decode()
    assert "Stapeling per kwetsbare groep" in page and "heat-5" in page and "<svg" in page
    assert "Scholieren en studenten met onderwijsachterstanden" in page and "stapeling valt op" in page


@pytest.mark.django_db
def test_a_package_is_made_and_changed_through_the_pages(member_client, workspace, filled):
    m1, m2, m3 = filled["measures"]
    response = member_client.post(reverse("measures:package_create", args=[workspace.pk]), {
        "kind": "cluster", "name": "Onderwijscluster", "description": "", "measures": [m2.pk, m3.pk]})
    assert response.status_code == 302
    cluster = Package.objects.get(name="Onderwijscluster")
    assert set(cluster.measures.all()) == {m2, m3}
    response = member_client.post(reverse("measures:package_create", args=[workspace.pk]), {"kind": "pakket", "name": "Onderwijscluster"})
    assert response.status_code == 400 and "Er is al een cluster of pakket met deze naam" in response.content.decode()
    member_client.post(reverse("measures:package_update", args=[workspace.pk, cluster.pk]), {
        "kind": "cluster", "name": "Onderwijscluster", "measures": [m1.pk]})
    assert list(cluster.measures.all()) == [m1]


@pytest.mark.django_db
def test_clusters_sit_on_the_ladder_derived_or_placed_by_the_team(member_client, workspace, filled):
    heavy, package = filled["heavy"], filled["package"]
    context = ladder_context(workspace, heavy)
    derived = next(p for p in context["placements"] if p.is_group)
    assert (derived.social, derived.economic, derived.effectiveness, derived.derived) == (5, 3, 4, True)
    response = member_client.post(reverse("measures:package_level_set", args=[workspace.pk, package.pk, heavy.pk]), {
        f"pl{heavy.pk}-social_level": "4", f"pl{heavy.pk}-economic_level": "", f"pl{heavy.pk}-effectiveness_level": "5",
        f"pl{heavy.pk}-explanation": "Samen effectiever."})
    assert response.status_code == 302
    own = next(p for p in ladder_context(workspace, heavy)["placements"] if p.is_group)
    assert (own.social, own.economic, own.effectiveness, own.derived) == (4, None, 5, False)
    member_client.post(reverse("measures:package_level_set", args=[workspace.pk, package.pk, heavy.pk]), {})
    assert not PackageLevel.objects.exists()


@pytest.mark.django_db
def test_placing_measures_on_the_ladder_updates_the_matrix(member_client, workspace, filled):
    light = filled["light"]
    m1, m2, _m3 = filled["measures"]
    page = member_client.get(reverse("measures:scenario_ladder", args=[workspace.pk, light.pk])).content.decode()
    assert "Nog geen maatregel heeft zowel" in page
    response = member_client.post(reverse("measures:place", args=[workspace.pk, light.pk]), {
        f"social_level_{m1.pk}": "1", f"economic_level_{m1.pk}": "1", f"effectiveness_level_{m1.pk}": "4",
        f"social_level_{m2.pk}": "4", f"economic_level_{m2.pk}": "3", f"effectiveness_level_{m2.pk}": "2",
    })
    assert response.status_code == 302
    assert light.measure_impacts.count() == 2  # M2 joined the lighter scenario by getting a level
    page = member_client.get(reverse("measures:scenario_ladder", args=[workspace.pk, light.pk])).content.decode()
    assert "effectief, weinig impact" in page and "weinig effectief, veel impact" in page
    assert 'role="img"' in page and "M1: effectiviteit 4, maatschappelijke impact 1." in page


@pytest.mark.django_db
def test_a_wrong_level_on_the_ladder_keeps_the_form(member_client, workspace, filled):
    m1 = filled["measures"][0]
    response = member_client.post(reverse("measures:place", args=[workspace.pk, filled["light"].pk]), {
        f"social_level_{m1.pk}": "6", f"effectiveness_level_{m1.pk}": "3"})
    assert response.status_code == 400 and "Kies een niveau van 1 tot en met 5" in response.content.decode()


@pytest.mark.django_db
def test_the_beheerder_changes_the_ladder_and_the_matrix(client, beheerder, workspace, filled):
    client.force_login(beheerder)
    level = workspace.scale_levels.get(scale="impact", level=5)
    quadrant_row = workspace.quadrants.get(key="effectief-veel-impact")
    data = {"effective_from": "3", "high_impact_from": "4"}
    for lv in workspace.scale_levels.all():
        data[f"l{lv.pk}_label"], data[f"l{lv.pk}_description"] = lv.label, lv.description
    for q in workspace.quadrants.all():
        data[f"q{q.pk}_label"], data[f"q{q.pk}_advice"] = q.label, q.advice
    data[f"l{level.pk}_label"] = "ontwrichtend"
    data[f"q{quadrant_row.pk}_label"] = "werkt, maar doet pijn"
    response = client.post(reverse("measures:scales_update", args=[workspace.pk]), data)
    assert response.status_code == 302
    workspace.refresh_from_db()
    assert (workspace.effective_from, workspace.high_impact_from) == (3, 4)
    page = client.get(reverse("measures:scenario_ladder", args=[workspace.pk, filled["heavy"].pk])).content.decode()
    assert "ontwrichtend" in page and "werkt, maar doet pijn" in page
    data["effective_from"] = "1"
    response = client.post(reverse("measures:scales_update", args=[workspace.pk]), data)
    assert response.status_code == 400 and "Kies 2 tot en met 5" in response.content.decode()
    data["effective_from"], data[f"l{level.pk}_label"] = "3", ""
    assert client.post(reverse("measures:scales_update", args=[workspace.pk]), data).status_code == 400
    with pytest.raises(actions.MeasuresError):
        actions.update_scales(workspace, effective_from=9, high_impact_from=3, levels={}, quadrants={})
