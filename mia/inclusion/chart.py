"""An indicator over time as an SVG line chart: one line, a dot and its value at every
measurement, the target as a dashed line. Pure string building (no Django), escaped, so it goes
into HTML, PDF and (as a picture) DOCX alike. The numbers always sit beside it in a table.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import escape

WIDTH = 640
HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 40, 56
INK, MUTED, LINE, BRAND, ACCENT = "#1b1b1b", "#4a4a4a", "#b8c0cc", "#154273", "#8a3b00"


def format_number(value: float | Decimal | None) -> str:
    """Dutch notation: comma for decimals, no trailing zeros (12,5; 40; 0,125)."""
    if value is None:
        return "–"
    text = f"{Decimal(str(value)).normalize():f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") or "0"


def format_date(day: dt.date) -> str:
    return day.strftime("%d-%m-%Y")


def indicator_chart(
    title: str,
    points: list[tuple[dt.date, float | Decimal]],
    *,
    unit: str = "",
    target: float | Decimal | None = None,
    chart_id: str = "chart",
) -> str:
    """``points`` are (date, value), in any order; an empty list gives a chart that says so."""
    points = sorted((day, float(value)) for day, value in points)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="DejaVu Sans, sans-serif" font-size="12">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(describe(points, unit=unit, target=target))}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    if not points:
        parts.append(f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle" fill="{MUTED}">Nog geen metingen.</text></svg>')
        return "".join(parts)
    low, high = _value_range([v for _d, v in points] + ([float(target)] if target is not None else []), unit)
    first, last = points[0][0], points[-1][0]
    span = max((last - first).days, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: dt.date) -> float:
        if first == last:
            return LEFT + plot_w / 2
        return LEFT + (day - first).days / span * plot_w

    def y(value: float) -> float:
        return TOP + (high - value) / (high - low) * plot_h

    for tick in _ticks(low, high):
        ty = y(tick)
        parts.append(f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" stroke="{LINE}" stroke-width="1"/>')
        parts.append(f'<text x="{LEFT - 8}" y="{ty + 4:.1f}" text-anchor="end" fill="{INK}">{escape(format_number(tick))}</text>')
    if unit:
        parts.append(f'<text x="{LEFT - 8}" y="{TOP - 16}" text-anchor="end" fill="{MUTED}">{escape(unit)}</text>')
    if target is not None:
        ty = y(float(target))
        parts.append(
            f'<line x1="{LEFT}" y1="{ty:.1f}" x2="{WIDTH - RIGHT}" y2="{ty:.1f}" stroke="{ACCENT}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
        parts.append(
            f'<text x="{WIDTH - RIGHT}" y="{ty - 6:.1f}" text-anchor="end" fill="{ACCENT}">streefwaarde {escape(format_number(target))}</text>'
        )
    path = " ".join(f"{'M' if i == 0 else 'L'}{x(d):.1f},{y(v):.1f}" for i, (d, v) in enumerate(points))
    parts.append(f'<path d="{path}" fill="none" stroke="{BRAND}" stroke-width="3"/>')
    for day, value in points:
        px, py = x(day), y(value)
        parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="5" fill="#ffffff" stroke="{BRAND}" stroke-width="3"/>')
        parts.append(f'<text x="{px:.1f}" y="{py - 12:.1f}" text-anchor="middle" fill="{INK}" font-weight="bold">{escape(format_number(value))}</text>')
        parts.append(f'<text x="{px:.1f}" y="{HEIGHT - BOTTOM + 20}" text-anchor="middle" fill="{INK}">{escape(format_date(day))}</text>')
    parts.append(
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" stroke="{INK}" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def describe(points, *, unit: str = "", target=None) -> str:
    """The chart in words, for screen readers (the table beside it has the same numbers)."""
    if not points:
        return "Nog geen metingen."
    suffix = f" {unit}" if unit else ""
    text = "; ".join(f"{format_date(d)}: {format_number(v)}{suffix}" for d, v in points)
    if target is not None:
        text += f". Streefwaarde {format_number(target)}{suffix}"
    return f"Metingen: {text}."


def _value_range(values: list[float], unit: str) -> tuple[float, float]:
    low, high = min(values), max(values)
    if unit.strip() == "%" and 0 <= low and high <= 100:
        return 0.0, 100.0
    if 0 <= low <= (high - low):  # start at zero when that does not squash the line
        low = 0.0
    if high == low:
        high, low = high + 1, low - 1
    padding = (high - low) * 0.1
    return (low - padding if low != 0 else 0.0), high + padding


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    raw = (high - low) / (count - 1)
    magnitude = 10 ** len(str(int(abs(raw)))) / 10 if raw >= 1 else 1.0
    while raw < magnitude and magnitude > 1e-6:
        magnitude /= 10
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = (low // step) * step
    ticks = []
    value = start
    while value <= high + 1e-9 and len(ticks) < 12:
        if value >= low - 1e-9:
            ticks.append(round(value, 6))
        value += step
    return ticks
