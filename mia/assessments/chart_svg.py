"""The MIA-Chart as an SVG: one row per statement on the five-point scale.

A bar shows the median; dots show each member's score, so spread is visible.
Pure string building (no Django), escaped, so it can go into HTML, PDF and DOCX
(as a picture) alike. The numbers always sit beside it in a table.
"""

from __future__ import annotations

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
    height = TOP + ROW_H * len(scores) + 20
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
        for j, s in enumerate(score.scores):
            parts.append(
                f'<circle cx="{_x(s):.1f}" cy="{y + 42 + (j % 2) * 4}" r="4" fill="#ffffff" stroke="#1b1b1b" stroke-width="2"/>'
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
