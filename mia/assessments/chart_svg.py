"""The MIA-Chart as an SVG: one row per statement on the five-point scale.

A bar shows the median; dots show each member's score, so spread is visible.
Pure string building (no Django), escaped, so it can go into HTML, PDF and DOCX
(as a picture) alike. The numbers always sit beside it in a table.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from mia.assessments.scoring import StatementScore

WIDTH = 640
LABEL_W = 40
ROW_H = 54
TOP = 36
SCALE_LABELS = ["1", "2", "3", "4", "5"]


def _x(score: float) -> float:
    plot_w = WIDTH - LABEL_W - 30
    return LABEL_W + (score - 1) / 4 * plot_w


def chart_svg(scores: list[StatementScore], title: str = "MIA-Chart") -> str:
    height = TOP + ROW_H * len(scores) + 30
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="chart-title chart-desc" font-family="DejaVu Sans, sans-serif" font-size="13">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(_description(scores))}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    for i, label in enumerate(SCALE_LABELS, start=1):
        x = _x(i)
        parts.append(f'<line x1="{x:.1f}" y1="{TOP - 8}" x2="{x:.1f}" y2="{height - 16}" stroke="#b8c0cc" stroke-width="1"/>')
        parts.append(f'<text x="{x:.1f}" y="{TOP - 14}" text-anchor="middle" fill="#1b1b1b">{label}</text>')
    for row, score in enumerate(scores):
        y = TOP + row * ROW_H
        parts.append(f'<text x="4" y="{y + 26}" fill="#1b1b1b" font-weight="bold">{score.statement}.</text>')
        if score.median is not None:
            bar_w = _x(score.median) - LABEL_W
            colour = "#8a3b00" if score.disagreement else "#154273"
            parts.append(f'<rect x="{LABEL_W}" y="{y + 12}" width="{bar_w:.1f}" height="20" fill="{colour}"/>')
            parts.append(
                f'<text x="{_x(score.median) + 6:.1f}" y="{y + 27}" fill="#1b1b1b">{_fmt(score.median)}</text>'
            )
        for value, count in sorted(Counter(score.scores).items()):
            # One dot per score value; a number in it when several members gave that score.
            radius = 5 if count == 1 else 8
            parts.append(
                f'<circle cx="{_x(value):.1f}" cy="{y + 44}" r="{radius}" fill="#ffffff" stroke="#1b1b1b" stroke-width="2"/>'
            )
            if count > 1:
                parts.append(
                    f'<text x="{_x(value):.1f}" y="{y + 48}" text-anchor="middle" font-size="11" fill="#1b1b1b">{count}</text>'
                )
    legend_y = height - 4
    parts.append(
        f'<text x="{LABEL_W}" y="{legend_y}" font-size="11" fill="#1b1b1b">'
        "Balk: mediaan van het kernteam (oranje: meningen lopen ver uiteen). Rondje: score van een lid (met aantal).</text>"
    )
    parts.append("</svg>")
    return "".join(parts)


def _fmt(value: float) -> str:
    return f"{value:.1f}".replace(".", ",").replace(",0", "")


def _description(scores: list[StatementScore]) -> str:
    lines = []
    for s in scores:
        if s.median is None:
            lines.append(f"Stelling {s.statement}: nog geen scores.")
        else:
            flag = " De scores lopen ver uiteen." if s.disagreement else ""
            lines.append(f"Stelling {s.statement}: mediaan {_fmt(s.median)} van 5, {s.count} scores.{flag}")
    return " ".join(lines)
