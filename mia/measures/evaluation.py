"""A weighing as stored, evaluated: every number that goes into every score, and the result.

Reads the criteria, the team's scores and (for the criteria from the fiches) the levels of the
weighing's scenario, and runs ``weighing.weigh``. Nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mia.measures.charts import score_bars_svg
from mia.measures.models import FICHE_CRITERIA, Consideration, Criterion, CriterionScore, Measure, MeasureScenario, Weighing
from mia.measures.weighing import Alternative, WeighingError, WeighingResult, raw_weight_bounds, weigh
from mia.measures.weighing import Criterion as Crit


@dataclass
class Cell:
    value: float | None
    origin: str  # "fiche", "team" or "" (missing)
    note: str = ""


@dataclass
class Evaluation:
    weighing: Weighing
    criteria: list[Criterion]
    measures: list[Measure]
    cells: dict[tuple[int, int], Cell]
    missing: list[tuple[Criterion, Measure]] = field(default_factory=list)
    result: WeighingResult | None = None
    problem: str = ""

    def cell(self, criterion: Criterion, measure: Measure) -> Cell:
        return self.cells[(criterion.pk, measure.pk)]

    def score_table(self) -> list[tuple[Measure, list[Cell]]]:
        """Per measure, its cell for each criterion (in order): the scores as entered or read from the fiche."""
        return [(m, [self.cells[(c.pk, m.pk)] for c in self.criteria]) for m in self.measures]

    @property
    def name_of(self) -> dict[int, str]:
        return {m.pk: alternative_name(m) for m in self.measures}

    def rows(self) -> list[dict]:
        """Per measure in ranking order: rank, score, and per criterion raw score, normalised value, contribution."""
        if self.result is None:
            return []
        by_name = {alternative_name(m): m for m in self.measures}
        out = []
        contributions = self.result.contributions
        for ranked in self.result.ranking:
            measure = by_name[ranked.name]
            i = ranked.index
            out.append({
                "measure": measure, "rank": ranked.rank, "score": ranked.score,
                "acceptability": self.result.rank_acceptability[ranked.name],
                "terms": [
                    {"criterion": c, "raw": self.cell(c, measure).value, "origin": self.cell(c, measure).origin,
                     "normalised": float(self.result.normalised[i, j]), "weight": float(self.result.weights[j]),
                     "contribution": float(contributions[i, j])}
                    for j, c in enumerate(self.criteria)
                ],
            })
        return out

    def stability_rows(self) -> list[dict]:
        if self.result is None:
            return []
        raw = [c.weight for c in self.criteria]
        rows = []
        for j, (criterion, s) in enumerate(zip(self.criteria, self.result.stability, strict=True)):
            low_raw, high_raw = raw_weight_bounds(raw, j, s.low, s.high)
            lo, hi = self.result.ranges[j]
            rows.append({"criterion": criterion, "raw_weight": criterion.weight, "weight": s.weight, "low": s.low, "high": s.high,
                         "low_raw": low_raw, "high_raw": high_raw, "min": lo, "max": hi,
                         "robust": s.low <= 1e-9 and s.high >= 1 - 1e-9})
        return rows


def alternative_name(measure: Measure) -> str:
    return f"{measure.code} {measure.title}"


def evaluate(weighing: Weighing, *, samples: int | None = None) -> Evaluation:
    criteria = list(weighing.criteria.select_related("value", "indicator"))
    measures = list(weighing.measures.order_by("number"))
    team = {(s.criterion_id, s.measure_id): s for s in CriterionScore.objects.filter(criterion__in=criteria, measure__in=measures)}
    levels = {mi.measure_id: mi for mi in MeasureScenario.objects.filter(scenario=weighing.scenario, measure__in=measures)}
    cells: dict[tuple[int, int], Cell] = {}
    missing = []
    for c in criteria:
        for m in measures:
            if c.kind in FICHE_CRITERIA:
                impact = levels.get(m.pk)
                level = getattr(impact, FICHE_CRITERIA[c.kind]) if impact else None
                cell = Cell(float(level) if level is not None else None, "fiche" if level is not None else "")
            else:
                score = team.get((c.pk, m.pk))
                cell = Cell(score.score if score else None, "team" if score else "", score.note if score else "")
            cells[(c.pk, m.pk)] = cell
            if cell.value is None:
                missing.append((c, m))
    evaluation = Evaluation(weighing, criteria, measures, cells, missing)
    if len(measures) < 2:
        evaluation.problem = "Kies ten minste twee maatregelen om af te wegen."
    elif not criteria:
        evaluation.problem = "Voeg ten minste één criterium toe."
    elif sum(c.weight for c in criteria) <= 0:
        evaluation.problem = "Alle gewichten zijn 0. Geef ten minste één criterium een gewicht groter dan 0."
    elif missing:
        evaluation.problem = f"Er ontbreken nog {len(missing)} score(s). Vul ze in; dan verschijnt de ranglijst."
    if evaluation.problem:
        return evaluation
    try:
        evaluation.result = weigh(
            [Crit(c.name, c.weight, c.direction) for c in criteria],
            [Alternative(alternative_name(m), {c.name: cells[(c.pk, m.pk)].value for c in criteria}) for m in measures],
            samples=samples or weighing.samples, seed=weighing.seed,
        )
    except WeighingError as error:
        evaluation.problem = str(error)
    return evaluation


def weighing_context(weighing: Weighing) -> dict:
    """Everything the page and the annex show (read-only)."""
    evaluation = evaluate(weighing)
    rows = evaluation.rows()
    svg = ""
    if evaluation.result is not None:
        svg = score_bars_svg([(r["measure"].code + " " + r["measure"].title, [t["contribution"] for t in r["terms"]]) for r in rows],
                             [c.name for c in evaluation.criteria], svg_id=f"afweging-{weighing.pk}", title=f"Scores: {weighing.name}")
    considerations = Consideration.objects.filter(measure__in=evaluation.measures).select_related("measure").order_by("measure__number", "kind")
    total = sum(c.weight for c in evaluation.criteria) or 1
    return {
        "weighing": weighing, "evaluation": evaluation, "rows": rows, "stability": evaluation.stability_rows(),
        "score_svg": svg, "considerations": considerations, "ranks": list(range(1, len(evaluation.measures) + 1)),
        "criteria_rows": [(c, c.weight / total) for c in evaluation.criteria],
    }
