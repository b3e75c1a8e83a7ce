"""The gap matrix and its heat map: pure logic (no database)."""

from __future__ import annotations

from xml.etree import ElementTree

from mia.programmes import heatmap, matrix

TOPICS = matrix.Axis.of("Onderwerp", [("pm", "Prestatiemaatschappij"), ("sm", "Sociale media")])
GROUPS = matrix.Axis.of("Doelgroep", [("o", "Ouders"), ("j", "Jeugdigen")])
REACHES = matrix.Axis.of("Reikwijdte", [("lokaal", "Lokaal"), ("nationaal", "Nationaal")])
THEMES = matrix.Axis.of("Thema", [("t1", "Online omgangsvormen"), ("t2", "Beter een goede buur dan een online vriend")])


def item(name, topics=(), groups=(), reaches=(), themes=(), category=None):
    return matrix.Item(name=name, topics=frozenset(topics), target_groups=frozenset(groups), reaches=frozenset(reaches),
                       themes=frozenset(themes), category=category)


ITEMS = [
    item("A", ["pm"], ["o", "j"], ["lokaal", "nationaal"], ["t1"], category="c1"),
    item("B", ["pm", "sm"], ["j"], ["nationaal"], ["t1", "t2"], category="c2"),
    item("C", [], ["j"], ["lokaal"]),  # no topic: in no cell of the topic grid
]


def test_an_initiative_counts_once_in_every_combination_it_has():
    cells = {(c["onderwerp"], c["doelgroep"], c["reikwijdte"]): c for c in matrix.cube(ITEMS, TOPICS, GROUPS, REACHES)}
    assert len(cells) == 2 * 2 * 2
    assert cells[("Prestatiemaatschappij", "Jeugdigen", "Nationaal")]["initiatives"] == ["A", "B"]
    assert cells[("Prestatiemaatschappij", "Ouders", "Lokaal")]["count"] == 1
    assert cells[("Sociale media", "Jeugdigen", "Nationaal")]["initiatives"] == ["B"]
    assert cells[("Sociale media", "Ouders", "Lokaal")] == {"onderwerp": "Sociale media", "doelgroep": "Ouders",
                                                             "reikwijdte": "Lokaal", "count": 0, "initiatives": []}


def test_the_two_way_table_counts_distinct_initiatives_and_marks_gaps():
    grid = matrix.topic_by_target_group(ITEMS, TOPICS, GROUPS)
    assert [[c.count for c in r] for r in grid.cells] == [[1, 2], [0, 1]]
    assert [(g.row, g.column) for g in grid.gaps] == [("sm", "o")]
    assert [i.name for i in grid.outside] == ["C"]
    assert grid.row_totals() == [2, 1]
    assert grid.column_totals() == [1, 2]


def test_filters_choose_by_any_reach_and_by_category():
    assert [i.name for i in matrix.select(ITEMS, reaches=["lokaal"])] == ["A", "C"]
    assert [i.name for i in matrix.select(ITEMS, categories=["c2"])] == ["B"]
    assert [i.name for i in matrix.select(ITEMS, reaches=["nationaal"], categories=["c1"])] == ["A"]


def test_theme_by_reach():
    grid = matrix.theme_by_reach(ITEMS, THEMES, REACHES)
    assert [[c.count for c in r] for r in grid.cells] == [[1, 2], [0, 1]]


def test_the_heat_map_is_valid_svg_with_every_number_and_the_gaps_marked():
    grid = matrix.topic_by_target_group(ITEMS, TOPICS, GROUPS)
    svg = heatmap.heatmap_svg(grid, title="Onderwerp × doelgroep <test>", element_id="t")
    root = ElementTree.fromstring(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    for number in ("1", "2", "0"):
        assert number in texts
    assert texts.count("leemte") == 1
    assert "Prestatiemaatschappij" in texts and "Jeugdigen" in texts
    assert root.get("role") == "img"
    assert "&lt;test&gt;" in svg
    assert "1 leemtes: Sociale media bij Ouders." in root.find("{http://www.w3.org/2000/svg}desc").text


def test_long_labels_wrap_and_the_width_follows_the_columns():
    grid = matrix.theme_by_reach(ITEMS, THEMES, REACHES)
    svg = heatmap.heatmap_svg(grid, title="t", element_id="t")
    root = ElementTree.fromstring(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "Beter een goede buur dan een" in texts
    assert int(root.get("width")) < 600


def test_an_empty_grid_still_draws():
    grid = matrix.topic_by_target_group([], TOPICS, GROUPS)
    svg = heatmap.heatmap_svg(grid, title="leeg")
    assert svg.count(">leemte<") == 4
