"""LEXIMIN lottery by column generation over *group counts*, with HiGHS.

Flanigan et al. (Nature 2021): maximise the smallest selection probability, then the next smallest,
and so on. Each stage solves, by column generation, the dual LP

    minimise   ŷ - sum_{g fixed} f_g * y_g
    subject to sum_g a_gP * y_g <= ŷ        for every feasible panel P   (one row per known panel)
               sum_{g not fixed} y_g = 1,   y >= 0

where a_gP = (members of group g in P) / (size of g) is the chance that a member of g sits on P when
the members are drawn uniformly within the group. The pricing problem "which panel violates a row
most" is a small MIP over group counts (PanelSearch). When no panel violates, the optimum z of the
stage is the best possible minimum among the groups not yet fixed, and every group whose dual y_g is
positive must get exactly z in every optimal lottery (complementary slackness) — those are fixed.
Because members of a group are interchangeable, the leximin optimum gives them equal chances, so
working with groups loses nothing and is exact.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

import numpy as np

from . import _highs
from .errors import InfeasibleQuotasError, SelectionError
from .problem import PanelSearch, SelectionProblem, SwapSearch

# A panel must beat the current dual bound by this much to count as new information. Smaller values
# chase rounding noise; larger ones stop early. 1e-9 keeps the result within 1e-8 of the optimum.
PRICING_TOLERANCE = 1e-9
# A dual value above this is treated as positive when deciding which groups to fix.
FIXING_TOLERANCE = 1e-9
# Fixed probabilities are lowered by this much so the next stage stays feasible despite rounding.
FIXING_SAFETY = 1e-10
# Known panels from which swap search starts in each round; each may yield one new column.
STARTS_PER_ROUND = 5


log = logging.getLogger(__name__)


@dataclass
class GroupLottery:
    """A lottery over panel *compositions*: how many members of each group, with what probability.

    The panel itself is drawn by picking a composition, then members uniformly within each group.
    """

    compositions: np.ndarray  # (panels, groups) integer counts
    probabilities: np.ndarray  # (panels,) summing to 1
    group_probability: np.ndarray  # (groups,) each member's chance of selection
    stages: int = 0
    panels_generated: int = 0
    warnings: list[str] = field(default_factory=list)


def leximin(problem: SelectionProblem, *, time_limit: float | None = None) -> GroupLottery:
    started = time.perf_counter()
    search = PanelSearch(problem)
    panels, reachable = initial_panels(problem, search)
    sizes = problem.group_sizes()
    # Groups whose chance is decided in advance: forced ones (always 1) and unreachable ones (0).
    decided = ~reachable | np.array([group.forced for group in problem.groups])
    dual = _DualStage(sizes, decided, panels)
    store = PanelStore(panels)
    swaps = SwapSearch(problem)
    fixed = np.full(len(sizes), np.nan)
    warnings: list[str] = []
    stages = 0
    while np.isnan(fixed[~decided]).any():
        stages += 1
        z, y = dual.solve_with_columns(search, swaps, store)
        newly = [g for g in np.flatnonzero(np.isnan(fixed) & ~decided) if y[g] > FIXING_TOLERANCE]
        if not newly:  # only through rounding trouble: fix the group with the largest dual, keep going
            candidates = np.flatnonzero(np.isnan(fixed) & ~decided)
            newly = [int(candidates[np.argmax(y[candidates])])]
        for g in newly:
            fixed[g] = max(0.0, z - FIXING_SAFETY)
            dual.fix(int(g), fixed[g])
        log.debug("stage %d: z=%.6f fixed %d (+%d) of %d groups, %d panels, %.2f s", stages, z,
                  int((~np.isnan(fixed)).sum()), len(newly), int((~decided).sum()), store.count, time.perf_counter() - started)
        if time_limit is not None and time.perf_counter() - started > time_limit:
            # Still a valid lottery: the minimum is already optimal after stage 1; only the tie-breaking
            # between higher probabilities is cut short.
            rest = np.isnan(fixed) & ~decided
            fixed[rest] = max(0.0, z - FIXING_SAFETY)
            warnings.append(
                f"Tijdslimiet van {time_limit:g} s bereikt na {stages} stappen: de laagste kans is optimaal, "
                "de verdeling daarboven is niet volledig verfijnd."
            )
            break
    fixed[decided] = 0.0
    compositions = store.panels().copy()
    probabilities = final_panel_probabilities(compositions, sizes, fixed, decided)
    keep = probabilities > 1e-12
    compositions, probabilities = compositions[keep], probabilities[keep] / probabilities[keep].sum()
    group_probability = (probabilities @ compositions) / sizes
    return GroupLottery(compositions, probabilities, group_probability, stages, store.count, warnings)


def initial_panels(problem: SelectionProblem, search: PanelSearch) -> tuple[list[np.ndarray], np.ndarray]:
    """Panels that together contain every group that can be on any panel at all.

    Each round asks for the panel with the most members from groups not seen yet; when that number
    is zero, the remaining groups cannot be selected under these quotas (their chance is 0).
    """
    first = search.any_panel()
    if first is None:
        from .infeasible import explain_infeasibility

        raise InfeasibleQuotasError(explain_infeasibility(problem))
    panels = [first]
    covered = first > 0
    while not covered.all():
        counts = search.best((~covered).astype(float))
        if counts is None or not (counts[~covered] > 0).any():
            break
        panels.append(counts)
        covered |= counts > 0
    return panels, covered


class _DualStage:
    """The dual LP of a leximin stage, kept in one HiGHS instance so each solve starts warm."""

    def __init__(self, sizes: np.ndarray, decided: np.ndarray, panels: list[np.ndarray]) -> None:
        self.sizes = sizes
        self.num_groups = len(sizes)
        self.cap = self.num_groups  # column index of ŷ
        self.highs = _highs.new_highs()
        rows = _highs.Rows()
        open_groups = np.flatnonzero(~decided)
        rows.add(open_groups.tolist(), [1.0] * len(open_groups), 1.0, 1.0)  # sum of open y = 1
        for counts in panels:
            self._panel_row(rows, counts)
        upper = np.where(decided, 0.0, _highs.INF)  # decided groups need no dual weight
        _highs.pass_model(
            self.highs,
            cost=np.r_[np.zeros(self.num_groups), 1.0],
            lower=np.r_[np.zeros(self.num_groups), -_highs.INF],
            upper=np.r_[upper, _highs.INF],
            rows=rows,
        )
        self.fixed: dict[int, float] = {}

    def _panel_row(self, rows: _highs.Rows, counts: np.ndarray) -> None:
        groups = np.flatnonzero(counts)
        rows.add([*groups.tolist(), self.cap], [*(counts[groups] / self.sizes[groups]).tolist(), -1.0], -_highs.INF, 0.0)

    def add_panel(self, counts: np.ndarray) -> None:
        groups = np.flatnonzero(counts)
        indices = np.r_[groups, self.cap].astype(np.int32)
        values = np.r_[counts[groups] / self.sizes[groups], -1.0]
        self.highs.addRow(-_highs.INF, 0.0, len(indices), indices, values)

    def fix(self, g: int, probability: float) -> None:
        self.fixed[g] = probability
        self.highs.changeColCost(g, -probability)
        self.highs.changeCoeff(0, g, 0.0)

    def solve(self) -> tuple[float, float, np.ndarray]:
        for attempt in range(8):
            self.highs.run()
            if _highs.is_optimal(self.highs):
                values = _highs.column_values(self.highs)
                return self.highs.getInfo().objective_function_value, values[self.cap], values[: self.num_groups]
            # The fixed probabilities are (by rounding) slightly out of reach: lower them a little.
            for g, probability in self.fixed.items():
                self.fix(g, max(0.0, probability - 1e-7 * 10**attempt))
        raise SelectionError("De LP-oplosser vond geen oplossing (numeriek probleem). Probeer het opnieuw of meld dit.")

    def solve_with_columns(self, search: PanelSearch, swaps: SwapSearch, store: PanelStore) -> tuple[float, np.ndarray]:
        """Column generation until no panel improves the stage; returns (stage optimum z, duals y).

        Swap search proposes improving panels cheaply; the exact MIP runs only when it finds none.
        """
        while True:
            z, cap, y = self.solve()
            weights = y / self.sizes
            found = False
            for start in store.best(weights, STARTS_PER_ROUND):
                counts = swaps.improve(start, weights)
                if float(weights @ counts) > cap + PRICING_TOLERANCE and store.add(counts):
                    self.add_panel(counts)
                    found = True
            if found:
                continue
            counts = search.best(weights)
            log.debug("  MIP pricing: value %.9f vs bound %.9f (z=%.6f, %d panels)", float(weights @ counts) if counts is not None else -1, cap, z, store.count)
            if counts is None or float(weights @ counts) <= cap + PRICING_TOLERANCE:
                return z, y
            if not store.add(counts):  # the MIP returned a panel we have: we are at the rounding floor
                return z, y
            self.add_panel(counts)


class PanelStore:
    """Known panels (group counts) as rows of a growing matrix, to score them all at once."""

    def __init__(self, panels: list[np.ndarray]) -> None:
        self.matrix = np.zeros((max(64, 2 * len(panels)), len(panels[0])), dtype=np.int64)
        self.count = 0
        self.keys: set[bytes] = set()
        for counts in panels:
            self.add(counts)

    def add(self, counts: np.ndarray) -> bool:
        key = counts.astype(np.int64).tobytes()
        if key in self.keys:
            return False
        self.keys.add(key)
        if self.count == len(self.matrix):
            self.matrix = np.vstack([self.matrix, np.zeros_like(self.matrix)])
        self.matrix[self.count] = counts
        self.count += 1
        return True

    def panels(self) -> np.ndarray:
        return self.matrix[: self.count]

    def best(self, weights: np.ndarray, how_many: int) -> list[np.ndarray]:
        scores = self.panels() @ weights
        order = np.argsort(-scores)[:how_many]
        return [self.matrix[i] for i in order]


def final_panel_probabilities(
    compositions: np.ndarray, sizes: np.ndarray, fixed: np.ndarray, decided: np.ndarray
) -> np.ndarray:
    """Probabilities per composition that realise the fixed group chances (within the smallest ε).

    minimise ε  s.t.  sum_P x_P = 1,  sum_P a_gP x_P + ε >= f_g  for open groups,  x, ε >= 0
    """
    num_panels = len(compositions)
    highs = _highs.new_highs()
    rows = _highs.Rows()
    rows.add(range(num_panels), [1.0] * num_panels, 1.0, 1.0)
    share = compositions / sizes  # (panels, groups)
    for g in np.flatnonzero(~decided):
        panels_with_g = np.flatnonzero(share[:, g])
        rows.add([*panels_with_g.tolist(), num_panels], [*share[panels_with_g, g].tolist(), 1.0], fixed[g], _highs.INF)
    _highs.pass_model(
        highs,
        cost=np.r_[np.zeros(num_panels), 1.0],
        lower=np.zeros(num_panels + 1),
        upper=np.r_[np.full(num_panels, 1.0), _highs.INF],
        rows=rows,
    )
    highs.run()
    if not _highs.is_optimal(highs):
        raise SelectionError("De loting kon niet worden samengesteld (numeriek probleem). Meld dit alstublieft.")
    x = np.clip(_highs.column_values(highs)[:num_panels], 0.0, 1.0)
    return x / x.sum()
