"""Charts of the impact team as SVG: the stacking heat map, the matrix, small multiples of indicators,
and the weighing's score bars. Pure string building (no Django), every text escaped, so a chart goes
into HTML, PDF and (as PNG) DOCX alike. Each has a ``<title>`` and a ``<desc>`` that says what it
shows; the numbers always stand beside it in a table on the page.
"""

from __future__ import annotations

from html import escape

FONT = 'font-family="DejaVu Sans, sans-serif"'
INK = "#1b1b1b"
MUTED = "#4a4a4a"
LINE = "#b8c0cc"
BRAND = "#154273"
# Severity 0..5: white, then light to dark. Text on 4 and 5 is white (contrast ≥ 4.5:1 both ways).
HEAT = ["#ffffff", "#fdebdc", "#f8c39b", "#ee9360", "#a8411b", "#6e2410"]
HEAT_TEXT = [INK, INK, INK, INK, "#ffffff", "#ffffff"]
SERIES = ["#154273", "#8a3b00", "#1d6b2f", "#6b2e83", "#00677f", "#7a5c00", "#a8203a", "#38518c"]


def _open(width: int, height: int, svg_id: str, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{svg_id}-title {svg_id}-desc" {FONT} font-size="12">',
        f'<title id="{svg_id}-title">{escape(title)}</title>',
        f'<desc id="{svg_id}-desc">{escape(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fmt(value: float, decimals: int = 1) -> str:
    text = f"{value:,.{decimals}f}".replace(",", "\u2009").replace(".", ",")
    if decimals and text.endswith("," + "0" * decimals):
        text = text[: -(decimals + 1)]
    return text


def heatmap_svg(rows: list[str], columns: list[str], values: list[list[int]], *, svg_id: str, title: str,
                standout: set[str] | None = None) -> str:
    """Groups (rows) × measures (columns, by code), each cell the severity 0..5 with its number in it."""
    standout = standout or set()
    cell, label_w, top = 34, 260, 70
    width = label_w + cell * max(1, len(columns)) + 70
    height = top + cell * max(1, len(rows)) + 30
    hit_counts = [sum(1 for v in row if v) for row in values]
    desc = " ".join(
        f"{name}: geraakt door {count} maatregel(en), samen {sum(row)}{' (valt op)' if name in standout else ''}."
        for name, row, count in zip(rows, values, hit_counts, strict=True)
    ) or "Geen enkele groep wordt geraakt."
    parts = _open(width, height, svg_id, title, desc)
    for j, code in enumerate(columns):
        x = label_w + j * cell + cell / 2
        parts.append(f'<text x="{x:.0f}" y="{top - 10}" text-anchor="middle" fill="{INK}" font-weight="bold">{escape(code)}</text>')
    parts.append(f'<text x="{label_w + cell * len(columns) + 8}" y="{top - 10}" fill="{INK}" font-weight="bold">Samen</text>')
    for i, (name, row) in enumerate(zip(rows, values, strict=True)):
        y = top + i * cell
        weight = ' font-weight="bold"' if name in standout else ""
        marker = "▲ " if name in standout else ""
        parts.append(f'<text x="4" y="{y + cell / 2 + 4:.0f}" fill="{INK}"{weight}>{escape(_clip(marker + name, 40))}</text>')
        for j, value in enumerate(row):
            x = label_w + j * cell
            level = max(0, min(5, int(value)))
            parts.append(f'<rect x="{x}" y="{y}" width="{cell - 2}" height="{cell - 2}" fill="{HEAT[level]}" stroke="{LINE}"/>')
            if level:
                parts.append(f'<text x="{x + cell / 2 - 1:.0f}" y="{y + cell / 2 + 4:.0f}" text-anchor="middle" fill="{HEAT_TEXT[level]}">{level}</text>')
        parts.append(f'<text x="{label_w + cell * len(columns) + 8}" y="{y + cell / 2 + 4:.0f}" fill="{INK}"{weight}>{sum(row)}</text>')
    parts.append(f'<text x="4" y="{height - 8}" font-size="11" fill="{MUTED}">Getal: hoe hard de maatregel de groep raakt (1–5). ▲: stapeling valt op.</text>')
    parts.append("</svg>")
    return "".join(parts)


def matrix_svg(points: list[tuple[str, int, int]], *, effective_from: int, high_impact_from: int, quadrant_labels: dict[str, str],
               svg_id: str, title: str) -> str:
    """Effectiveness (x, 1..5) against social impact (y, 1..5); each point a code (M3, P1). The quadrants are
    split at the workspace's thresholds and named in their corners."""
    size, left, top = 64, 70, 40
    width, height = left + 5 * size + 20, top + 5 * size + 70

    def x_of(level: float) -> float:
        return left + (level - 0.5) * size

    def y_of(level: float) -> float:
        return top + (5.5 - level) * size

    desc = " ".join(f"{code}: effectiviteit {eff}, maatschappelijke impact {imp}." for code, eff, imp in points) or "Nog geen maatregelen geplaatst."
    parts = _open(width, height, svg_id, title, desc)
    split_x = left + (effective_from - 1) * size
    split_y = top + (5 - high_impact_from + 1) * size
    # Quadrant shading: high impact and ineffective is the one to avoid.
    parts.append(f'<rect x="{left}" y="{top}" width="{split_x - left}" height="{split_y - top}" fill="#fbe3d6"/>')
    parts.append(f'<rect x="{split_x}" y="{split_y}" width="{left + 5 * size - split_x}" height="{top + 5 * size - split_y}" fill="#e2f0e5"/>')
    for i in range(6):
        parts.append(f'<line x1="{left + i * size}" y1="{top}" x2="{left + i * size}" y2="{top + 5 * size}" stroke="{LINE}"/>')
        parts.append(f'<line x1="{left}" y1="{top + i * size}" x2="{left + 5 * size}" y2="{top + i * size}" stroke="{LINE}"/>')
    parts.append(f'<line x1="{split_x}" y1="{top}" x2="{split_x}" y2="{top + 5 * size}" stroke="{INK}" stroke-width="2"/>')
    parts.append(f'<line x1="{left}" y1="{split_y}" x2="{left + 5 * size}" y2="{split_y}" stroke="{INK}" stroke-width="2"/>')
    for level in range(1, 6):
        parts.append(f'<text x="{x_of(level):.0f}" y="{top + 5 * size + 16}" text-anchor="middle" fill="{INK}">{level}</text>')
        parts.append(f'<text x="{left - 8}" y="{y_of(level) + 4:.0f}" text-anchor="end" fill="{INK}">{level}</text>')
    parts.append(f'<text x="{left + 2.5 * size:.0f}" y="{top + 5 * size + 34}" text-anchor="middle" fill="{INK}" font-weight="bold">Effectiviteit →</text>')
    parts.append(f'<text x="14" y="{top + 2.5 * size:.0f}" text-anchor="middle" fill="{INK}" font-weight="bold" '
                 f'transform="rotate(-90 14 {top + 2.5 * size:.0f})">Maatschappelijke impact →</text>')
    corners = [
        ("weinig-effectief-veel-impact", left + 4, top + 13, "start"),
        ("effectief-veel-impact", left + 5 * size - 4, top + 13, "end"),
        ("weinig-effectief-weinig-impact", left + 4, top + 5 * size - 6, "start"),
        ("effectief-weinig-impact", left + 5 * size - 4, top + 5 * size - 6, "end"),
    ]
    for key, cx, cy, anchor in corners:
        parts.append(f'<text x="{cx}" y="{cy}" text-anchor="{anchor}" font-size="10" fill="{MUTED}">{escape(_clip(quadrant_labels.get(key, key), 32))}</text>')
    by_cell: dict[tuple[int, int], list[str]] = {}
    for code, eff, imp in points:
        by_cell.setdefault((eff, imp), []).append(code)
    for (eff, imp), codes in by_cell.items():
        shown = codes[:6]
        for k, code in enumerate(shown):
            dx = ((k % 2) - 0.5) * 28 if len(shown) > 1 else 0
            dy = (k // 2 - (len(shown) - 1) // 4) * 17 - (0 if len(shown) < 3 else 8)
            cx, cy = x_of(eff) + dx, y_of(imp) + dy
            parts.append(f'<rect x="{cx - 14:.0f}" y="{cy - 8:.0f}" width="28" height="16" rx="3" fill="{BRAND}"/>')
            parts.append(f'<text x="{cx:.0f}" y="{cy + 4:.0f}" text-anchor="middle" font-size="10" fill="#ffffff">{escape(_clip(code, 5))}</text>')
        if len(codes) > len(shown):
            parts.append(f'<text x="{x_of(eff):.0f}" y="{y_of(imp) + 30:.0f}" text-anchor="middle" font-size="10" fill="{INK}">+{len(codes) - len(shown)}</text>')
    parts.append(f'<text x="{left}" y="{height - 6}" font-size="11" fill="{MUTED}">Dikke lijnen: effectief vanaf {effective_from}, veel impact vanaf {high_impact_from}.</text>')
    parts.append("</svg>")
    return "".join(parts)


def series_svg(series: list[tuple[str, list[tuple[str, float]]]], *, unit: str, svg_id: str, title: str) -> str:
    """A small multiple: one or more lines (a series per group/region) of (period label, value), oldest first."""
    width, height, left, right, top, bottom = 320, 150, 48, 12, 14, 36
    values = [v for _name, points in series for _label, v in points]
    if not values:
        parts = _open(width, 40, svg_id, title, "Nog geen cijfers.")
        parts.append(f'<text x="4" y="24" fill="{MUTED}">Nog geen cijfers.</text></svg>')
        return "".join(parts)
    low, high = min(values), max(values)
    if high == low:
        low, high = low - 1, high + 1
    longest = max(len(points) for _name, points in series)
    plot_w, plot_h = width - left - right, height - top - bottom

    def x_of(i: int) -> float:
        return left + (plot_w * i / (longest - 1) if longest > 1 else plot_w / 2)

    def y_of(v: float) -> float:
        return top + plot_h * (1 - (v - low) / (high - low))

    descs = []
    for name, points in series:
        if points:
            descs.append(f"{name or 'Iedereen'}: van {_fmt(points[0][1])} ({points[0][0]}) naar {_fmt(points[-1][1])} ({points[-1][0]}) {unit}.")
    parts = _open(width, height, svg_id, title, " ".join(descs))
    parts.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="{LINE}"/>')
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{LINE}"/>')
    parts.append(f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" font-size="10" fill="{INK}">{escape(_fmt(high))}</text>')
    parts.append(f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end" font-size="10" fill="{INK}">{escape(_fmt(low))}</text>')
    first_label = series[0][1][0][0] if series[0][1] else ""
    last_label = series[0][1][-1][0] if series[0][1] else ""
    parts.append(f'<text x="{left}" y="{height - 20}" font-size="10" fill="{INK}">{escape(first_label)}</text>')
    parts.append(f'<text x="{left + plot_w}" y="{height - 20}" text-anchor="end" font-size="10" fill="{INK}">{escape(last_label)}</text>')
    for k, (_name, points) in enumerate(series[: len(SERIES)]):
        colour = SERIES[k % len(SERIES)]
        coords = " ".join(f"{x_of(i):.1f},{y_of(v):.1f}" for i, (_label, v) in enumerate(points))
        dash = "" if k == 0 else f' stroke-dasharray="{2 + 2 * k} 3"'
        parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        last_i, (_l, last_v) = len(points) - 1, points[-1]
        parts.append(f'<circle cx="{x_of(last_i):.1f}" cy="{y_of(last_v):.1f}" r="3.5" fill="{colour}"/>')
    if len(series) > 1:
        legend = " · ".join(_clip(name or "Iedereen", 18) for name, _p in series[:3]) + (" …" if len(series) > 3 else "")
        parts.append(f'<text x="{left}" y="{height - 6}" font-size="10" fill="{MUTED}">{escape(legend)}</text>')
    elif unit:
        parts.append(f'<text x="{left}" y="{height - 6}" font-size="10" fill="{MUTED}">{escape(_clip(unit, 40))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def score_bars_svg(rows: list[tuple[str, list[float]]], criteria: list[str], *, svg_id: str, title: str) -> str:
    """The weighing's scores as stacked bars: each measure's score split into what each criterion contributes."""
    label_w, bar_w, row_h, top = 220, 360, 26, 16
    legend_rows = (len(criteria) + 2) // 3
    width = label_w + bar_w + 60
    height = top + row_h * len(rows) + 18 * legend_rows + 24
    desc = " ".join(f"{name}: score {_fmt(sum(parts), 3)}." for name, parts in rows)
    parts_svg = _open(width, height, svg_id, title, desc)
    for i, (name, contributions) in enumerate(rows):
        y = top + i * row_h
        parts_svg.append(f'<text x="4" y="{y + 15}" fill="{INK}">{escape(_clip(name, 32))}</text>')
        x = label_w
        for k, value in enumerate(contributions):
            w = bar_w * max(0.0, value)
            if w > 0.2:
                parts_svg.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="16" fill="{SERIES[k % len(SERIES)]}"/>')
            x += w
        parts_svg.append(f'<text x="{x + 6:.1f}" y="{y + 15}" fill="{INK}">{_fmt(sum(contributions), 3)}</text>')
    for k, name in enumerate(criteria):
        lx = 4 + (k % 3) * 200
        ly = top + row_h * len(rows) + 14 + (k // 3) * 18
        parts_svg.append(f'<rect x="{lx}" y="{ly - 10}" width="12" height="12" fill="{SERIES[k % len(SERIES)]}"/>')
        parts_svg.append(f'<text x="{lx + 16}" y="{ly}" font-size="11" fill="{INK}">{escape(_clip(name, 26))}</text>')
    parts_svg.append("</svg>")
    return "".join(parts_svg)
