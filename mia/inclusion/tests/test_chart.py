"""The indicator chart: an SVG with the numbers in it and in words, escaped, for HTML, PDF and DOCX."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from xml.etree import ElementTree

from mia.inclusion.chart import describe, format_number, indicator_chart

POINTS = [(dt.date(2026, 3, 1), Decimal("52")), (dt.date(2024, 3, 1), Decimal("41")), (dt.date(2025, 3, 1), Decimal("46.5"))]


def test_it_is_valid_svg_with_a_title_a_description_and_every_value():
    svg = indicator_chart("Voelt zich welkom", POINTS, unit="%", target=Decimal("60"), chart_id="i1")
    root = ElementTree.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "i1-title i1-desc"
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert {"41", "46,5", "52", "01-03-2024", "01-03-2026", "streefwaarde 60"} <= set(texts)
    assert len(list(root.iter("{http://www.w3.org/2000/svg}circle"))) == 3


def test_the_description_reads_the_points_in_time_order():
    assert describe(sorted((d, float(v)) for d, v in POINTS), unit="%", target=60) == (
        "Metingen: 01-03-2024: 41 %; 01-03-2025: 46,5 %; 01-03-2026: 52 %. Streefwaarde 60 %."
    )


def test_text_is_escaped_and_an_empty_chart_says_so():
    svg = indicator_chart("<script>x</script>", [], unit="&")
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "Nog geen metingen." in svg
    ElementTree.fromstring(svg)


def test_one_point_and_negative_values_fit():
    ElementTree.fromstring(indicator_chart("Eén meting", [(dt.date(2026, 1, 1), 5)]))
    ElementTree.fromstring(indicator_chart("Saldo", [(dt.date(2025, 1, 1), -3), (dt.date(2026, 1, 1), 4)]))


def test_dutch_numbers():
    assert [format_number(v) for v in (Decimal("12.500"), 40, 0.125, Decimal("1234.5"), None)] == ["12,5", "40", "0,125", "1234,5", "–"]
