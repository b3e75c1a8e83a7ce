"""An MIA linked to a fiche: its MIA-Chart medians and main conclusions, and the proposal they make
for the fiche's social impact.

The proposal: the conclusions (in order) as the text, and as the level on the impact ladder
``6 - median of statement 1`` ("de beleidskeuze heeft een positieve impact op maatschappelijke
stabiliteit"), rounded half up: a kernteam that fully disagrees that the impact is positive (1)
proposes level 5 (zeer ernstig), full agreement (5) proposes 1 (verwaarloosbaar). It is only a
proposal: the team adopts it per scenario, and can change it afterwards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass
class MiaSummary:
    assessment: object
    chart: dict  # mia.assessments.chart.chart_summary: score_rows, scores, svg
    conclusions: list[str]
    proposed_level: int | None
    proposed_text: str


def proposed_level(median_positive_impact: float | None) -> int | None:
    if median_positive_impact is None:
        return None
    return max(1, min(5, math.floor(6 - median_positive_impact + 0.5)))


def mia_summary(assessment) -> MiaSummary:
    from mia.assessments.chart import chart_summary

    chart = chart_summary(assessment)
    conclusions = [c.text.strip() for c in assessment.conclusions.all() if c.text.strip()]
    first = next((s for s in chart["scores"] if s.statement == 1), None)
    level = proposed_level(first.median if first else None)
    text = "\n".join(f"- {c}" for c in conclusions)
    if text:
        text = f"Uit de MIA ‘{assessment.title}’:\n{text}"
    return MiaSummary(assessment, chart, conclusions, level, text[:5000])
