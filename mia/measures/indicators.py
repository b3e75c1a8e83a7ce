"""Indicator series: reading the upload table, and what the dashboard shows of a series.

Pure logic, no Django. The table (read by ``mia.core.tables.read_table``) has the columns
``indicator, periode, groep, regio, waarde, eenheid, bron`` (the first three and ``waarde``
are needed; the others may be missing or empty). Numbers are read the Dutch way too
("3,5", "1.234,5", "12%").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from mia.core.tables import Issue, Table, TableError
from mia.measures.periods import PeriodError, parse_period

COLUMNS = ["indicator", "periode", "groep", "regio", "waarde", "eenheid", "bron"]
REQUIRED = ["indicator", "periode", "waarde"]
LIMITS = {"indicator": 200, "groep": 200, "regio": 200, "eenheid": 50, "bron": 300}
MAX_ABS_VALUE = 1e15
def strip_control_chars(value: str) -> str:
    """Control characters (except tab and newline) break exports and PDFs; the same rule as mia.core.forms."""
    return "".join(ch for ch in value if ch in "\n\t" or ch >= " " and ch != "\x7f")


_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$")


@dataclass(frozen=True)
class Row:
    line: int
    indicator: str
    period: str
    period_start: object  # datetime.date
    period_kind: str
    group: str
    region: str
    value: float
    unit: str
    source: str


@dataclass
class ParsedTable:
    rows: list[Row]
    warnings: list[str] = field(default_factory=list)

    @property
    def indicators(self) -> list[str]:
        return list(dict.fromkeys(r.indicator for r in self.rows))


def parse_number(text: str) -> float:
    """'3,5' → 3.5; '1.234,5' → 1234.5; '1,234.5' → 1234.5; '12%' → 12. Raises ValueError."""
    raw = text.strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if "," in raw and "." in raw:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        raw = raw.replace(thousands, "")
    if not _NUMBER.match(raw):
        raise ValueError(text)
    value = float(raw.replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def parse_indicator_table(table: Table) -> ParsedTable:
    """Rows of the table, checked; raises TableError with every problem (Dutch, per row) at once."""
    index = {name: table.column_index(name) for name in COLUMNS}
    missing = [name for name in REQUIRED if index[name] is None]
    if missing:
        raise TableError(
            f"De kolom(men) {', '.join(missing)} ontbreken. Nodig zijn de kolommen indicator, periode en waarde; "
            "groep, regio, eenheid en bron mogen erbij.", source=table.name,
        )
    unknown = [h for h in table.header if h and h.strip().casefold() not in COLUMNS]
    warnings = list(table.warnings)
    if unknown:
        warnings.append(f"Deze kolommen zijn niet gebruikt: {', '.join(unknown[:10])}.")
    issues: list[Issue] = []
    rows: list[Row] = []
    seen: dict[tuple, int] = {}
    units: dict[str, tuple[str, int]] = {}

    def cell(cells: list[str], name: str) -> str:
        i = index[name]
        return strip_control_chars(cells[i]).strip() if i is not None else ""

    for line, cells in table.rows:
        values = {name: cell(cells, name) for name in COLUMNS}
        bad = False
        for name, limit in LIMITS.items():
            if len(values[name]) > limit:
                issues.append(Issue(f"Rij {line}: {name} is te lang (hoogstens {limit} tekens).", row=line, column=name))
                bad = True
        if not values["indicator"]:
            issues.append(Issue(f"Rij {line}: de naam van de indicator ontbreekt.", row=line, column="indicator"))
            bad = True
        try:
            period = parse_period(values["periode"])
        except PeriodError as error:
            issues.append(Issue(f"Rij {line}: {error}", row=line, column="periode"))
            bad = True
            period = None
        if not values["waarde"]:
            issues.append(Issue(f"Rij {line}: de waarde ontbreekt.", row=line, column="waarde"))
            bad = True
            value = None
        else:
            try:
                value = parse_number(values["waarde"])
            except ValueError:
                shown = values["waarde"][:40]
                issues.append(Issue(f"Rij {line}: de waarde '{shown}' is geen getal.", row=line, column="waarde"))
                bad, value = True, None
            else:
                if abs(value) > MAX_ABS_VALUE:
                    issues.append(Issue(f"Rij {line}: de waarde is te groot (hoogstens 10^15).", row=line, column="waarde"))
                    bad = True
        if bad:
            continue
        key = (values["indicator"].casefold(), period.label, values["groep"].casefold(), values["regio"].casefold())
        if key in seen:
            issues.append(Issue(
                f"Rij {line}: dezelfde indicator, periode, groep en regio staan ook in rij {seen[key]}. Houd één van beide.",
                row=line,
            ))
            continue
        seen[key] = line
        unit_key = values["indicator"].casefold()
        if values["eenheid"]:
            if unit_key in units and units[unit_key][0] != values["eenheid"]:
                first_unit, first_line = units[unit_key]
                issues.append(Issue(
                    f"Rij {line}: de eenheid '{values['eenheid']}' verschilt van '{first_unit}' in rij {first_line} "
                    "voor dezelfde indicator.", row=line, column="eenheid",
                ))
                continue
            units.setdefault(unit_key, (values["eenheid"], line))
        rows.append(Row(line, values["indicator"], period.label, period.start, period.kind, values["groep"],
                        values["regio"], value, values["eenheid"], values["bron"]))
    if issues:
        raise TableError(issues, source=table.name)
    if not rows:
        raise TableError("Het bestand heeft geen rijen met waarden.", source=table.name)
    return ParsedTable(rows, warnings)


# --- what the dashboard shows of one series -------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    label: str
    start: object  # datetime.date
    value: float


@dataclass(frozen=True)
class SeriesSummary:
    latest: Point | None
    previous: Point | None

    @property
    def change(self) -> float | None:
        if self.latest is None or self.previous is None:
            return None
        return self.latest.value - self.previous.value

    def assessment(self, direction: str) -> str:
        """'beter', 'slechter', 'gelijk' or '' (no direction, or no change known)."""
        change = self.change
        if change is None or direction == "neutraal":
            return ""
        if abs(change) < 1e-12:
            return "gelijk"
        better = change > 0 if direction == "hoger-beter" else change < 0
        return "beter" if better else "slechter"


def summarise(points: list[Point]) -> SeriesSummary:
    ordered = sorted(points, key=lambda p: p.start)
    return SeriesSummary(ordered[-1] if ordered else None, ordered[-2] if len(ordered) > 1 else None)


def composite(components: list[tuple[float, str, list[Point]]]) -> list[Point]:
    """A composite indicator ("kernwaarde", 0–100) from ``(weight, direction, points)`` per component.

    Each component is min–max normalised over its own history (turned round when lower is better;
    a component without direction counts as higher is better), and the weighted mean of those is
    taken for every period in which all components have a value. 100 means: in this period every
    component was at its best value of the history shown."""
    usable = [(w, d, pts) for w, d, pts in components if w > 0 and pts]
    if not usable:
        return []
    total = sum(w for w, _d, _p in usable)
    normalised: list[dict[str, tuple[object, float]]] = []
    for _weight, direction, points in usable:
        values = [p.value for p in points]
        low, high = min(values), max(values)
        span = high - low
        series = {}
        for p in points:
            x = (p.value - low) / span if span > 0 else 0.5
            series[p.label] = (p.start, 1 - x if direction == "lager-beter" else x)
        normalised.append(series)
    common = set(normalised[0]).intersection(*normalised[1:])
    out = []
    for label in common:
        start = normalised[0][label][0]
        value = sum(w * series[label][1] for (w, _d, _p), series in zip(usable, normalised, strict=True)) / total
        out.append(Point(label, start, round(100 * value, 6)))
    return sorted(out, key=lambda p: p.start)
