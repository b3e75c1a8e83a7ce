"""Which affected groups from the MIA-scan are represented among the participants.

Pure logic: the kernteam ticks groups in the scan; for each participant they
record which of those groups the person can speak for. Groups that nobody
represents are the warning the instrument asks for ("wie ontbreekt er?").
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class GroupCoverage:
    group: Hashable
    participants: tuple[Hashable, ...]

    @property
    def represented(self) -> bool:
        return bool(self.participants)


def group_coverage(
    affected_groups: Iterable[Hashable], participant_groups: Mapping[Hashable, Iterable[Hashable]]
) -> list[GroupCoverage]:
    """``participant_groups`` maps a participant → the groups they represent."""
    coverage = []
    for group in affected_groups:
        who = tuple(p for p, groups in participant_groups.items() if group in set(groups))
        coverage.append(GroupCoverage(group, who))
    return coverage


def missing_groups(coverage: Iterable[GroupCoverage]) -> list[Hashable]:
    return [c.group for c in coverage if not c.represented]
