"""Opportunities and gaps (fase A): how many initiatives sit in each cell (no Django).

An initiative with several topics, target groups or reaches counts once in every
combination it has. A cell with no initiative is a gap (leemte).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Item:
    """What the matrix needs of an initiative: its name and the keys of its values."""

    name: str
    topics: frozenset = frozenset()
    target_groups: frozenset = frozenset()
    reaches: frozenset = frozenset()
    themes: frozenset = frozenset()
    category: object | None = None
    id: object | None = None


@dataclass(frozen=True)
class Axis:
    """One dimension of a matrix: (key, label) pairs in display order."""

    title: str
    entries: tuple[tuple[object, str], ...]

    @classmethod
    def of(cls, title: str, entries: Iterable[tuple[object, str]]) -> Axis:
        return cls(title, tuple(entries))

    @property
    def keys(self) -> list:
        return [key for key, _label in self.entries]

    @property
    def labels(self) -> list[str]:
        return [label for _key, label in self.entries]


@dataclass
class Cell:
    row: object
    column: object
    items: list[Item] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def is_gap(self) -> bool:
        return not self.items

    @property
    def names(self) -> list[str]:
        return [item.name for item in self.items]


@dataclass
class Grid:
    rows: Axis
    columns: Axis
    cells: list[list[Cell]]
    # Initiatives that fall in no cell (no topic or no target group, say): listed, never lost.
    outside: list[Item] = field(default_factory=list)

    def cell(self, row, column) -> Cell:
        r = self.rows.keys.index(row)
        c = self.columns.keys.index(column)
        return self.cells[r][c]

    @property
    def gaps(self) -> list[Cell]:
        return [cell for row in self.cells for cell in row if cell.is_gap]

    @property
    def max_count(self) -> int:
        return max((cell.count for row in self.cells for cell in row), default=0)

    def row_totals(self) -> list[int]:
        return [len({item.name for cell in row for item in cell.items}) for row in self.cells]

    def column_totals(self) -> list[int]:
        return [
            len({item.name for row in self.cells for item in row[c].items}) for c in range(len(self.columns.entries))
        ]


def select(items: Iterable[Item], *, reaches: Sequence = (), categories: Sequence = ()) -> list[Item]:
    """Filter: initiatives with at least one of the chosen reaches and one of the chosen categories."""
    wanted_reaches, wanted_categories = set(reaches), set(categories)
    return [
        item for item in items
        if (not wanted_reaches or item.reaches & wanted_reaches)
        and (not wanted_categories or item.category in wanted_categories)
    ]


def grid(items: Iterable[Item], rows: Axis, columns: Axis, row_of: Callable[[Item], frozenset],
         column_of: Callable[[Item], frozenset]) -> Grid:
    """A two-way table; an item goes into every (row, column) it has, once per cell."""
    row_index = {key: i for i, key in enumerate(rows.keys)}
    column_index = {key: i for i, key in enumerate(columns.keys)}
    cells = [[Cell(r, c) for c in columns.keys] for r in rows.keys]
    outside = []
    for item in items:
        placed = False
        for r in row_of(item):
            for c in column_of(item):
                if r in row_index and c in column_index:
                    cells[row_index[r]][column_index[c]].items.append(item)
                    placed = True
        if not placed:
            outside.append(item)
    return Grid(rows, columns, cells, outside)


def topic_by_target_group(items: Iterable[Item], topics: Axis, target_groups: Axis) -> Grid:
    return grid(items, topics, target_groups, lambda i: i.topics, lambda i: i.target_groups)


def theme_by_reach(items: Iterable[Item], themes: Axis, reaches: Axis) -> Grid:
    return grid(items, themes, reaches, lambda i: i.themes, lambda i: i.reaches)


def cube(items: Iterable[Item], topics: Axis, target_groups: Axis, reaches: Axis) -> list[dict]:
    """Every combination of topic, target group and reach, gaps included (count 0), in axis order:
    ``[{"onderwerp", "doelgroep", "reikwijdte", "count", "initiatives": [names]}, …]``."""
    buckets: dict[tuple, list[str]] = {
        (t, g, r): [] for t in topics.keys for g in target_groups.keys for r in reaches.keys
    }
    for item in items:
        for t in item.topics:
            for g in item.target_groups:
                for r in item.reaches:
                    names = buckets.get((t, g, r))
                    if names is not None:
                        names.append(item.name)
    topic_label, group_label, reach_label = dict(topics.entries), dict(target_groups.entries), dict(reaches.entries)
    return [
        {
            "onderwerp": topic_label[t], "doelgroep": group_label[g], "reikwijdte": reach_label[r],
            "count": len(names), "initiatives": names,
        }
        for (t, g, r), names in buckets.items()
    ]
