"""The participant characteristics table (Bijlage 2), with small cells suppressed. Pure Python.

Counts per feature and category of the people who attended. A count of 1 to 4 is shown as
"< 5"; a percentage is left out wherever it (or the other cells of the same feature) would let a
reader work the small count back out: in a feature with any suppressed cell, only the cells of
5 or more keep a count, and no percentage is printed for that feature at all when the
suppressed cells could be recovered by subtraction from the total.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

SMALL = 5
SUPPRESSED = "< 5"
# A larger cell left out only so that a small one cannot be worked back from the total.
WITHHELD = "x"


@dataclass(frozen=True)
class Cell:
    category: str
    count: int  # kept for computing; never printed when small
    shown_count: str
    shown_percentage: str


@dataclass
class FeatureRows:
    feature: str
    cells: list[Cell] = field(default_factory=list)
    unknown: int = 0


@dataclass
class CharacteristicsTable:
    total: int
    shown_total: str
    features: list[FeatureRows]

    def rows(self) -> list[list[str]]:
        """Flat rows for CSV/XLSX and documents: kenmerk, categorie, aantal, percentage."""
        out = []
        for feature in self.features:
            for cell in feature.cells:
                out.append([feature.feature, cell.category, cell.shown_count, cell.shown_percentage])
        return out

    def to_dict(self) -> dict:
        return {
            "totaal": self.shown_total,
            "kenmerken": [
                {"kenmerk": f.feature, "categorieen": [
                    {"categorie": c.category, "aantal": c.shown_count, "percentage": c.shown_percentage} for c in f.cells
                ]}
                for f in self.features
            ],
        }


def _percentage(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}%".replace(".", ",")


def characteristics(
    people: Iterable[Mapping[str, str]], features: Iterable[tuple[str, list[str]]]
) -> CharacteristicsTable:
    """``people``: one mapping feature → category per attendee; ``features``: (name, categories)
    in the order to show them. Categories outside the list are counted under "anders/onbekend"."""
    people = list(people)
    total = len(people)
    table = []
    for name, categories in features:
        counts = {c: 0 for c in categories}
        other = 0
        for person in people:
            value = (person.get(name) or "").strip()
            if value in counts:
                counts[value] += 1
            else:
                other += 1
        if other:
            counts["anders/onbekend"] = other
        small = [c for c, n in counts.items() if 0 < n < SMALL]
        # With one small cell the rest of the feature plus the total would reveal it; with the
        # total itself small, every cell would. Percentages are then left out for the feature.
        hide_percentages = bool(small) or 0 < total < SMALL
        rows = FeatureRows(name)
        for category, n in counts.items():
            is_small = 0 < n < SMALL or (0 < total < SMALL and n > 0)
            shown = SUPPRESSED if is_small else str(n)
            percentage = "" if (hide_percentages or total == 0) else _percentage(n, total)
            rows.cells.append(Cell(category, n, shown, percentage))
        if len(small) == 1 and total >= SMALL:
            # Suppress a second cell (the smallest other non-zero one) so the first cannot be
            # recovered by subtraction from the published total.
            others = sorted((c for c in rows.cells if c.shown_count != SUPPRESSED and c.count > 0), key=lambda c: c.count)
            if others:
                victim = others[0]
                rows.cells = [Cell(c.category, c.count, WITHHELD if c is victim else c.shown_count, c.shown_percentage)
                              for c in rows.cells]
        table.append(rows)
    return CharacteristicsTable(total, SUPPRESSED if 0 < total < SMALL else str(total), table)


def counts_by_feature(people: Iterable[Mapping[str, str]], feature_names: Iterable[str]) -> dict[str, dict[str, int]]:
    """Plain counts per feature and category (for the twelve-factor lens, never printed)."""
    people = list(people)
    out: dict[str, dict[str, int]] = {}
    for name in feature_names:
        bucket: dict[str, int] = {}
        for person in people:
            value = (person.get(name) or "").strip()
            if value:
                bucket[value] = bucket.get(value, 0) + 1
        out[name] = bucket
    return out


def under_represented(
    attended: Iterable[Mapping[str, str]], features: Iterable[tuple[str, list[str]]],
    targets: Mapping[tuple[str, str], float] | None = None,
) -> list[dict]:
    """"Wie ontbreekt": per feature and category, the share among attendees against a target share
    (default: an equal share of the categories), largest shortfall first. Counts are not given,
    only whether the category is missing, low or fine, so the view cannot reveal small cells."""
    attended = list(attended)
    total = len(attended)
    gaps = []
    for name, categories in features:
        if not categories:
            continue
        for category in categories:
            n = sum(1 for p in attended if (p.get(name) or "").strip() == category)
            target = (targets or {}).get((name, category), 1 / len(categories))
            share = n / total if total else 0.0
            shortfall = target - share
            if n == 0:
                level = "ontbreekt"
            elif shortfall > target / 2:
                level = "weinig"
            else:
                continue
            gaps.append({"feature": name, "category": category, "level": level, "shortfall": round(shortfall, 3)})
    gaps.sort(key=lambda g: (g["level"] != "ontbreekt", -g["shortfall"]))
    return gaps
