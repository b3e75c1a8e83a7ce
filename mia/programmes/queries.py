"""Read-side helpers: the inventory as matrix items, the axes, the gap matrix (no writes)."""

from __future__ import annotations

from collections import defaultdict

from mia.programmes import matrix
from mia.programmes.models import Initiative, Programme, Reach, TermKind


def axes(programme: Programme) -> dict[str, matrix.Axis]:
    all_terms = list(programme.terms.all())
    return {
        "topics": matrix.Axis.of("Onderwerp", [(t.pk, t.label) for t in all_terms if t.kind == TermKind.TOPIC]),
        "target_groups": matrix.Axis.of("Doelgroep", [(t.pk, t.label) for t in all_terms if t.kind == TermKind.TARGET_GROUP]),
        "reaches": matrix.Axis.of("Reikwijdte", [(code, str(label)) for code, label in Reach.choices]),
        "themes": matrix.Axis.of("Thema", [(t.pk, t.title) for t in programme.themes.all()]),
    }


def matrix_items(programme: Programme) -> list[matrix.Item]:
    """Every initiative with the keys of its values, in four queries whatever the size."""
    links: dict[str, dict[int, set]] = {"topics": defaultdict(set), "target_groups": defaultdict(set), "themes": defaultdict(set)}
    for name, through, column in (
        ("topics", Initiative.topics.through, "term_id"),
        ("target_groups", Initiative.target_groups.through, "term_id"),
        ("themes", Initiative.themes.through, "theme_id"),
    ):
        for initiative_id, value in through.objects.filter(initiative__programme=programme).values_list("initiative_id", column):
            links[name][initiative_id].add(value)
    items = []
    rows = programme.initiatives.order_by("name", "pk").values_list(
        "pk", "name", "category_id", "is_local", "is_regional", "is_national"
    )
    for pk, name, category, local, regional, national in rows:
        reaches = frozenset(code for code, on in (("lokaal", local), ("regionaal", regional), ("nationaal", national)) if on)
        items.append(matrix.Item(
            name=name, id=pk, category=category, reaches=reaches, topics=frozenset(links["topics"][pk]),
            target_groups=frozenset(links["target_groups"][pk]), themes=frozenset(links["themes"][pk]),
        ))
    return items


def gap_matrix(programme: Programme) -> dict:
    """The CLI's and API's shape: one cell for every topic × target group × reach."""
    a = axes(programme)
    return {"cells": matrix.cube(matrix_items(programme), a["topics"], a["target_groups"], a["reaches"])}
