"""Reading what the ladder, the matrix and the stacking need from the database (nothing is written).

Measures are placed with their own levels in a scenario; a cluster or package with the team's own
placement (``PackageLevel``) if there is one, else with levels derived from its measures
(``ladder.derived_level``)."""

from __future__ import annotations

from mia.measures.charts import heatmap_svg, matrix_svg
from mia.measures.ladder import Placement, derived_level, quadrant, rungs, unplaced, weighted_ladder
from mia.measures.models import Duration, GroupImpact, MeasureScenario, Package, PackageLevel, Scenario, Workspace
from mia.measures.stacking import Hit, stack


def package_code(package: Package) -> str:
    return f"{'C' if package.kind == 'cluster' else 'P'}{package.pk}"


def placements(workspace: Workspace, scenario: Scenario) -> list[Placement]:
    impacts = {mi.measure_id: mi for mi in MeasureScenario.objects.filter(scenario=scenario)}
    out = []
    for m in workspace.measures.all():
        mi = impacts.get(m.pk)
        if mi is not None:
            out.append(Placement(m.code, m.title, mi.social_level, mi.economic_level, mi.effectiveness_level))
    own = {pl.package_id: pl for pl in PackageLevel.objects.filter(scenario=scenario)}
    for p in workspace.packages.prefetch_related("measures"):
        members = [impacts[m.pk] for m in p.measures.all() if m.pk in impacts]
        level = own.get(p.pk)
        if level is not None:
            out.append(Placement(package_code(p), p.name, level.social_level, level.economic_level, level.effectiveness_level, True))
        elif members:
            out.append(Placement(
                package_code(p), p.name, derived_level([x.social_level for x in members]),
                derived_level([x.economic_level for x in members]), derived_level([x.effectiveness_level for x in members]),
                True, derived=True,
            ))
    return out


def ladder_context(workspace: Workspace, scenario: Scenario) -> dict:
    placed = placements(workspace, scenario)
    quadrants = {q.key: q for q in workspace.quadrants.all()}
    order = {key: q.order for key, q in quadrants.items()}
    weighted = weighted_ladder(placed, workspace.effective_from, workspace.high_impact_from, order)
    points = [(p.code, p.effectiveness, p.social) for p, _key in weighted]
    svg = matrix_svg(points, effective_from=workspace.effective_from, high_impact_from=workspace.high_impact_from,
                     quadrant_labels={k: q.label for k, q in quadrants.items()}, svg_id=f"matrix-{scenario.pk}",
                     title=f"Matrix effectiviteit × maatschappelijke impact, {scenario.name}")
    return {
        "placements": placed,
        "social_rungs": rungs(placed, "social"), "economic_rungs": rungs(placed, "economic"),
        "effectiveness_rungs": rungs(placed, "effectiveness"),
        "unplaced": unplaced(placed, "social"),
        "weighted": [(p, quadrants[key]) for p, key in weighted],
        "matrix_svg": svg, "quadrants": list(quadrants.values()),
    }


def quadrant_of(workspace: Workspace, effectiveness, social):
    key = quadrant(effectiveness, social, workspace.effective_from, workspace.high_impact_from)
    return workspace.quadrants.filter(key=key).first() if key else None


def stacking_context(package: Package) -> dict:
    measures = list(package.measures.order_by("number"))
    groups = list(package.workspace.groups.all())
    impacts = GroupImpact.objects.filter(measure__in=measures).select_related("group", "measure")
    hits = [Hit(gi.measure.code, gi.group.name, gi.severity, gi.vulnerable_to, gi.duration == Duration.LONG) for gi in impacts]
    result = stack([m.code for m in measures], [g.name for g in groups], hits)
    rows = [(s, result.row(s), s.group in result.standout) for s in result.groups]
    svg = heatmap_svg([s.group for s in result.groups], result.measures, [result.row(s) for s in result.groups],
                      svg_id=f"stapeling-{package.pk}", title=f"Stapeling per kwetsbare groep: {package.name}", standout=result.standout)
    return {"stack_measures": measures, "stack_rows": rows, "stacking": result, "heatmap_svg": svg}
