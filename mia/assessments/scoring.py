"""MIA-score: how the kernteam's ratings of the four MIA-Chart statements combine.

Pure logic, no Django: each statement gets the median of the members' scores
(1 = helemaal mee oneens … 5 = helemaal mee eens), the spread (highest minus
lowest), and a disagreement flag when two members differ by two points or more —
the cue for the kernteam to talk it through before the score is reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

DISAGREEMENT_POINTS = 2
SCALE_MIN, SCALE_MAX = 1, 5


@dataclass(frozen=True)
class StatementScore:
    statement: int
    scores: tuple[int, ...]
    median: float | None
    spread: int | None
    disagreement: bool

    @property
    def count(self) -> int:
        return len(self.scores)


def score_statement(statement: int, scores: list[int | None]) -> StatementScore:
    given = tuple(sorted(s for s in scores if s is not None))
    for s in given:
        if not SCALE_MIN <= s <= SCALE_MAX:
            raise ValueError(f"score {s} outside {SCALE_MIN}..{SCALE_MAX}")
    if not given:
        return StatementScore(statement, given, None, None, False)
    spread = given[-1] - given[0]
    return StatementScore(statement, given, float(median(given)), spread, spread >= DISAGREEMENT_POINTS)


def mia_score(ratings: dict[int, list[int | None]]) -> list[StatementScore]:
    """``ratings`` maps statement number → the members' scores (None = not yet rated)."""
    return [score_statement(number, scores) for number, scores in sorted(ratings.items())]
