"""Stacking ("stapeling") of measures in a package: which measures hit each vulnerable group, how hard.

Pure logic, no Django. A group *stands out* when at least two measures of the package hit it and
either at least half of the package's measures do, or their severities add up to
``STANDOUT_TOTAL`` or more (two "ernstig" hits) — the groups the issue wants to see first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

STANDOUT_TOTAL = 8


@dataclass(frozen=True)
class Hit:
    measure: str  # the measure's code (M3)
    group: str
    severity: int  # 1..5
    vulnerable_to: str = ""  # crisis / maatregel / beide
    long_term: bool = False


@dataclass
class GroupStack:
    group: str
    severities: dict[str, int] = field(default_factory=dict)  # measure code → severity
    long_term: int = 0

    @property
    def count(self) -> int:
        return len(self.severities)

    @property
    def total(self) -> int:
        return sum(self.severities.values())

    @property
    def highest(self) -> int:
        return max(self.severities.values(), default=0)


@dataclass
class Stacking:
    measures: list[str]
    groups: list[GroupStack]
    standout: set[str]

    def row(self, stack: GroupStack) -> list[int]:
        """The heat map's row of a group: the severity per measure, 0 where it is not hit."""
        return [stack.severities.get(code, 0) for code in self.measures]


def stack(measures: list[str], groups: list[str], hits: list[Hit]) -> Stacking:
    """``groups`` in their list order; the result lists the most stacked groups first (only groups hit at all)."""
    stacks = {name: GroupStack(name) for name in groups}
    in_package = set(measures)
    for hit in hits:
        if hit.measure not in in_package or hit.group not in stacks:
            continue
        stacks[hit.group].severities[hit.measure] = hit.severity
        stacks[hit.group].long_term += 1 if hit.long_term else 0
    order = {name: i for i, name in enumerate(groups)}
    hit_groups = sorted((s for s in stacks.values() if s.count), key=lambda s: (-s.total, -s.count, order[s.group]))
    half = math.ceil(len(measures) / 2)
    standout = {s.group for s in hit_groups if s.count >= 2 and (s.count >= half or s.total >= STANDOUT_TOTAL)}
    return Stacking(list(measures), hit_groups, standout)
