"""The impact ladder, the matrix effectiveness × social impact, and the "meer gewogen maatregelenladder".

Pure logic, no Django. Levels run 1..5 on both scales (see ``data/impactteam-v1.json``). A measure
is *effective* from level ``effective_from`` of effectiveness, and has *much* social impact from
level ``high_impact_from`` of the impact ladder; both thresholds belong to the workspace. The
defaults (4 and 3) lean to caution on both sides: a measure only counts as effective when the
epidemiological advice calls it "hoog", and its impact counts as large from "aanzienlijk".

The weighted ladder orders measures by quadrant (in the workspace's order: effective with little
impact first, little effect with much impact last), then by effectiveness (high first), then by
social and economic impact (low first), then by name — so the cabinet reads it top-down.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = (1, 2, 3, 4, 5)
EFFECTIVE_LOW_IMPACT = "effectief-weinig-impact"
EFFECTIVE_HIGH_IMPACT = "effectief-veel-impact"
INEFFECTIVE_LOW_IMPACT = "weinig-effectief-weinig-impact"
INEFFECTIVE_HIGH_IMPACT = "weinig-effectief-veel-impact"


@dataclass(frozen=True)
class Placement:
    code: str  # "M3" for a measure, "P1" for a cluster or package
    name: str
    social: int | None
    economic: int | None
    effectiveness: int | None
    is_group: bool = False  # a cluster or package
    derived: bool = False  # a group's levels derived from its measures


def quadrant(effectiveness: int | None, impact: int | None, effective_from: int, high_impact_from: int) -> str | None:
    if effectiveness is None or impact is None:
        return None
    effective = effectiveness >= effective_from
    high = impact >= high_impact_from
    if effective:
        return EFFECTIVE_HIGH_IMPACT if high else EFFECTIVE_LOW_IMPACT
    return INEFFECTIVE_HIGH_IMPACT if high else INEFFECTIVE_LOW_IMPACT


def rungs(placements: list[Placement], attribute: str) -> list[tuple[int, list[Placement]]]:
    """The ladder on one scale ("social", "economic" or "effectiveness"): level 5 at the top, each rung's
    placements by name; placements without a level on this scale are left off (see ``unplaced``)."""
    by_level: dict[int, list[Placement]] = {level: [] for level in LEVELS}
    for p in placements:
        level = getattr(p, attribute)
        if level is not None:
            by_level[level].append(p)
    return [(level, sorted(by_level[level], key=lambda p: (p.is_group, p.name.casefold()))) for level in reversed(LEVELS)]


def unplaced(placements: list[Placement], attribute: str) -> list[Placement]:
    return [p for p in placements if getattr(p, attribute) is None]


def weighted_ladder(
    placements: list[Placement], effective_from: int, high_impact_from: int, quadrant_order: dict[str, int]
) -> list[tuple[Placement, str]]:
    """Placements with effectiveness and social impact, in the order of the weighted ladder, each with its quadrant."""
    placed = []
    for p in placements:
        key = quadrant(p.effectiveness, p.social, effective_from, high_impact_from)
        if key is not None:
            placed.append((p, key))

    def order(item):
        p, key = item
        return (quadrant_order.get(key, 99), -p.effectiveness, p.social, p.economic if p.economic is not None else 6,
                p.name.casefold())

    return sorted(placed, key=order)


def derived_level(levels: list[int | None]) -> int | None:
    """A cluster or package is at least as heavy as its heaviest measure (and at least as effective as
    its most effective one): the highest level among its measures, until the team sets its own."""
    given = [level for level in levels if level is not None]
    return max(given) if given else None
