"""A matrix of counts as an SVG heat map with the number in every cell (no Django).

Escaped string building, so the same SVG goes into the page, the PDF and (as a
picture) the DOCX. The page always shows the same numbers beside it in a table.
Gaps (0) get their own pattern and the word "leemte", so they are not told apart
by colour alone (WCAG 1.4.1).
"""

from __future__ import annotations

import textwrap
from html import escape

from mia.programmes.matrix import Grid

CELL_W = 112
CELL_H = 46
LINE_H = 14
LABEL_CHARS = 30
HEADER_CHARS = 15
# From light to dark blue (the Rijkshuisstijl's lintblauw at the end); text turns white on the dark half.
SCALE = ["#e8eef6", "#c6d5ea", "#94b2d6", "#5b87bd", "#2d5f9c", "#154273"]
GAP_FILL = "#fff4e5"
GAP_STROKE = "#a34700"
TEXT = "#1b1b1b"


def _lines(text: str, width: int, max_lines: int = 3) -> list[str]:
    lines = textwrap.wrap(text, width=width, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1] + "…"
    return lines


def _fill(count: int, maximum: int) -> tuple[str, str]:
    if count == 0:
        return GAP_FILL, TEXT
    step = 1 if maximum <= 1 else 1 + round((count - 1) / (maximum - 1) * (len(SCALE) - 2))
    colour = SCALE[min(step, len(SCALE) - 1)]
    return colour, "#ffffff" if step >= 3 else TEXT


def heatmap_svg(grid: Grid, *, title: str, element_id: str = "heatmap") -> str:
    row_labels = [_lines(label, LABEL_CHARS) for label in grid.rows.labels]
    column_labels = [_lines(label, HEADER_CHARS) for label in grid.columns.labels]
    label_w = 14 + 7 * max((len(line) for lines in row_labels for line in lines), default=10)
    label_w = max(120, min(label_w, 230))
    header_h = 16 + LINE_H * max((len(lines) for lines in column_labels), default=1) + 8
    row_h = [max(CELL_H, 12 + LINE_H * len(lines)) for lines in row_labels]
    width = label_w + CELL_W * len(grid.columns.entries) + 8
    height = 26 + header_h + sum(row_h) + 44
    maximum = grid.max_count
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="heatmap" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="{element_id}-title {element_id}-desc" '
        f'font-family="DejaVu Sans, sans-serif" font-size="12">',
        f'<title id="{element_id}-title">{escape(title)}</title>',
        f'<desc id="{element_id}-desc">{escape(_description(grid))}</desc>',
        "<defs>"
        f'<pattern id="{element_id}-gap" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="8" height="8" fill="{GAP_FILL}"/><line x1="0" y1="0" x2="0" y2="8" stroke="#f3c98b" stroke-width="3"/>'
        "</pattern></defs>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="4" y="16" font-weight="bold" fill="{TEXT}">{escape(grid.rows.title)} × {escape(grid.columns.title)}</text>',
    ]
    top = 26
    for c, lines in enumerate(column_labels):
        x = label_w + c * CELL_W + CELL_W / 2
        for n, line in enumerate(lines):
            parts.append(
                f'<text x="{x:.0f}" y="{top + 14 + n * LINE_H}" text-anchor="middle" font-weight="bold" fill="{TEXT}">{escape(line)}</text>'
            )
    y = top + header_h
    for r, lines in enumerate(row_labels):
        h = row_h[r]
        first = y + h / 2 - (len(lines) - 1) * LINE_H / 2 + 4
        for n, line in enumerate(lines):
            parts.append(f'<text x="4" y="{first + n * LINE_H:.0f}" fill="{TEXT}">{escape(line)}</text>')
        for c, cell in enumerate(grid.cells[r]):
            x = label_w + c * CELL_W
            if cell.is_gap:
                parts.append(
                    f'<rect x="{x + 2}" y="{y + 2}" width="{CELL_W - 4}" height="{h - 4}" fill="url(#{element_id}-gap)" '
                    f'stroke="{GAP_STROKE}" stroke-width="1.5" stroke-dasharray="4 3"/>'
                )
                parts.append(f'<text x="{x + CELL_W / 2:.0f}" y="{y + h / 2 - 1:.0f}" text-anchor="middle" font-weight="bold" fill="{TEXT}">0</text>')
                parts.append(f'<text x="{x + CELL_W / 2:.0f}" y="{y + h / 2 + 13:.0f}" text-anchor="middle" font-size="10" fill="{TEXT}">leemte</text>')
            else:
                fill, ink = _fill(cell.count, maximum)
                parts.append(f'<rect x="{x + 2}" y="{y + 2}" width="{CELL_W - 4}" height="{h - 4}" fill="{fill}"/>')
                parts.append(
                    f'<text x="{x + CELL_W / 2:.0f}" y="{y + h / 2 + 5:.0f}" text-anchor="middle" font-size="15" font-weight="bold" fill="{ink}">{cell.count}</text>'
                )
        y += h
    parts.append(
        f'<text x="4" y="{height - 24}" font-size="11" fill="{TEXT}">Getal: aantal initiatieven in de cel. '
        "Donkerder: meer initiatieven.</text>"
    )
    parts.append(f'<text x="4" y="{height - 10}" font-size="11" fill="{TEXT}">Gestreept met ‘leemte’: geen enkel initiatief.</text>')
    parts.append("</svg>")
    return "".join(parts)


def _description(grid: Grid) -> str:
    gaps = [f"{grid.rows.labels[r]} bij {grid.columns.labels[c]}" for r, row in enumerate(grid.cells)
            for c, cell in enumerate(row) if cell.is_gap]
    lines = [f"{len(grid.rows.entries)} rijen ({grid.rows.title}) en {len(grid.columns.entries)} kolommen ({grid.columns.title})."]
    if gaps:
        lines.append(f"{len(gaps)} leemtes: " + "; ".join(gaps) + ".")
    else:
        lines.append("Geen leemtes.")
    lines.append("De tabel naast de figuur geeft alle aantallen.")
    return " ".join(lines)
