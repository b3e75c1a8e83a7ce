"""What the dashboard shows (read-only): per indicator its series (one per group and region), the
latest value with its change, a small multiple (SVG) and the numbers; composite indicators computed
from their parts."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from mia.measures.charts import series_svg
from mia.measures.indicators import Point, SeriesSummary, composite, summarise
from mia.measures.models import Frequency, Indicator, Observation, Workspace

EXPORT_HEADER = ["indicator", "periode", "groep", "regio", "waarde", "eenheid", "bron"]
MAX_LINES = 6
TABLE_PERIODS = 12
# A series is stale when its latest value is older than this many days for its frequency.
STALE_AFTER_DAYS = {Frequency.DAILY: 7, Frequency.WEEKLY: 21, Frequency.MONTHLY: 70, Frequency.QUARTERLY: 200, Frequency.YEARLY: 500}


@dataclass
class Series:
    group: str
    region: str
    points: list[Point]
    summary: SeriesSummary

    @property
    def label(self) -> str:
        parts = [self.group or "Iedereen"]
        if self.region:
            parts.append(self.region)
        return ", ".join(parts)


@dataclass
class IndicatorView:
    indicator: Indicator
    series: list[Series]
    svg: str
    is_composite: bool = False
    components: list = field(default_factory=list)
    last_import: object = None

    @property
    def main(self) -> Series | None:
        return self.series[0] if self.series else None

    @property
    def table_periods(self) -> list[str]:
        labels = sorted({(p.start, p.label) for s in self.series[:MAX_LINES] for p in s.points})
        return [label for _start, label in labels][-TABLE_PERIODS:]

    def table_rows(self):
        periods = self.table_periods
        rows = []
        for s in self.series[:MAX_LINES]:
            values = {p.label: p.value for p in s.points}
            rows.append((s, [values.get(label) for label in periods]))
        return rows

    @property
    def assessment(self) -> str:
        return self.main.summary.assessment(self.indicator.direction) if self.main else ""

    @property
    def stale(self) -> bool:
        days = STALE_AFTER_DAYS.get(self.indicator.frequency)
        if days is None or self.main is None or self.main.summary.latest is None:
            return False
        return (timezone.localdate() - self.main.summary.latest.start).days > days


def _series_of(observations) -> list[Series]:
    by_key: dict[tuple[str, str], list[Point]] = {}
    for o in observations:
        by_key.setdefault((o.group, o.region), []).append(Point(o.period, o.period_start, o.value))
    # Everyone first (no group), then national (no region), then by name.
    keys = sorted(by_key, key=lambda k: (k[0] != "", k[1] != "", k[0].casefold(), k[1].casefold()))
    return [Series(g, r, sorted(by_key[(g, r)], key=lambda p: p.start), summarise(by_key[(g, r)])) for g, r in keys]


def indicator_views(workspace: Workspace) -> list[IndicatorView]:
    indicators = list(workspace.indicators.prefetch_related("components__component"))
    observations: dict[int, list] = {}
    for o in Observation.objects.filter(indicator__workspace=workspace).only(
        "indicator_id", "period", "period_start", "group", "region", "value"
    ).order_by("period_start"):
        observations.setdefault(o.indicator_id, []).append(o)
    views = []
    for indicator in indicators:
        components = list(indicator.components.all())
        if components:
            parts = []
            for c in components:
                everyone = [Point(o.period, o.period_start, o.value) for o in observations.get(c.component_id, []) if not o.group and not o.region]
                parts.append((c.weight, c.component.direction, everyone))
            points = composite(parts)
            series = [Series("", "", points, summarise(points))] if points else []
        else:
            series = _series_of(observations.get(indicator.pk, []))
        lines = [(s.label, [(p.label, p.value) for p in s.points]) for s in series[:MAX_LINES]]
        svg = series_svg(lines, unit=indicator.unit, svg_id=f"indicator-{indicator.pk}", title=indicator.name)
        views.append(IndicatorView(indicator, series, svg, bool(components), components))
    return views


def export_rows(workspace: Workspace):
    """Every value of the workspace, in the columns an upload uses (so an export can be read in again)."""
    for o in Observation.objects.filter(indicator__workspace=workspace).select_related("indicator").order_by(
        "indicator__position", "indicator__name", "group", "region", "period_start"
    ):
        yield [o.indicator.name, o.period, o.group, o.region, o.value, o.indicator.unit, o.source]
