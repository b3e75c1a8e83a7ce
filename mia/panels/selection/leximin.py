"""LEXIMIN lottery by column generation over *group counts*, with HiGHS.

Flanigan et al. (Nature 2021): maximise the smallest selection probability, then the next smallest,
and so on. Each stage solves, by column generation, the LP over lotteries x of known panels P

    maximise   z
    subject to sum_P a_gP x_P >= z      for every group g not yet fixed
               sum_P a_gP x_P >= f_g    for every group g fixed in an earlier stage
               sum_P x_P = 1,  x >= 0

where a_gP = (members of group g on P) / (size of g): the chance that a given member of g sits on
P when members are drawn uniformly within the group. With duals y_g and ŷ, a panel improves the
lottery if sum_g y_g a_gP > ŷ; finding the best one is a small MIP over group counts (PanelSearch),
helped by a cheap swap heuristic (SwapSearch). When no panel improves, z is the best possible
minimum among the open groups, and every open group with a positive dual must get exactly z in
every optimal lottery (complementary slackness): those are fixed, and the next stage begins.

Members of a group are interchangeable, so the leximin optimum gives them equal chances: working
with groups instead of people is exact, and much smaller when profiles repeat.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import highspy
import numpy as np

from . import _highs
from .errors import InfeasibleQuotasError, SelectionError
from .problem import PanelSearch, SelectionProblem, SwapSearch

# A panel must beat the dual bound by this much to count: smaller chases rounding noise.
PRICING_TOLERANCE = 1e-9
# A dual above this counts as positive when deciding which groups to fix.
FIXING_TOLERANCE = 1e-9
# Fixed chances are lowered by this much so the next stage stays feasible despite rounding.
FIXING_SAFETY = 1e-10
# Bounds on the number of heuristic panels added per LP solve.
MIN_BATCH, MAX_BATCH = 3, 40
MAX_BATCH_MISSES = 3
# When the LP has more than PURGE_ABOVE columns per row, unused columns are dropped down to PURGE_TO.
PURGE_ABOVE, PURGE_TO = 1.5, 1.1
BATCH_DAMPING = 0.5

log = logging.getLogger(__name__)


@dataclass
class GroupLottery:
    """A lottery over panel *compositions*: how many members of each group, with what probability.

    A panel is drawn by picking a composition, then members uniformly within each group.
    """

    compositions: np.ndarray  # (panels, groups) integer counts
    probabilities: np.ndarray  # (panels,) summing to 1
    group_probability: np.ndarray  # (groups,) each member's chance of selection
    stages: int = 0
    panels_generated: int = 0
    complete: bool = True  # False when the time limit cut the refinement short
    minimum_seconds: float = 0.0  # time until the minimum probability was proven optimal (stage 1)
    warnings: list[str] = field(default_factory=list)


def leximin(
    problem: SelectionProblem, *, time_limit: float | None = None, progress: Callable[[float], None] | None = None
) -> GroupLottery:
    """The fairest lottery over panels. ``progress(fraction)`` is called after every stage with the
    share of groups whose chance is settled (the number of stages is not known in advance)."""
    started = time.perf_counter()
    search = PanelSearch(problem)
    panels, reachable = initial_panels(problem, search)
    log.debug("initial panels: %d, %.2f s", len(panels), time.perf_counter() - started)
    sizes = problem.group_sizes()
    # Chances decided in advance: forced groups always 1, unreachable groups 0.
    decided = ~reachable | np.array([group.forced for group in problem.groups])
    store = PanelStore(panels)
    master = _Master(sizes, decided, store.panels())
    swaps = SwapSearch(problem)
    fixed = np.full(len(sizes), np.nan)
    warnings: list[str] = _unreachable_warning(sizes, reachable)
    stages = 0
    complete = True
    minimum_seconds = 0.0
    while np.isnan(fixed[~decided]).any():
        stages += 1
        # Stage 1 (the minimum probability, the fairness guarantee) always runs to the end; the time
        # limit only cuts short the refinement of the higher probabilities.
        deadline = started + time_limit if time_limit is not None and stages > 1 else None
        z, y, converged = master.solve_with_columns(search, swaps, store, deadline)
        open_now = np.flatnonzero(np.isnan(fixed) & ~decided)
        if not converged:
            # Every open group already has at least z in the current lottery: fixing them there is safe.
            fixed[open_now] = max(0.0, z - FIXING_SAFETY)
            complete = False
            stages -= 1  # count finished stages only
            warnings.append(
                f"De tijd was om na {time_limit:g} seconden ({stages} stappen). De kleinste kans is zo groot als "
                "mogelijk. De hogere kansen zijn nog niet helemaal zo eerlijk mogelijk verdeeld."
            )
            break
        if stages == 1:
            minimum_seconds = time.perf_counter() - started
        newly = _binding_groups(open_now, y)
        fixed[newly] = max(0.0, z - FIXING_SAFETY)
        for g in newly:
            master.fix(int(g), fixed[g])
        if progress is not None:
            progress(float((~np.isnan(fixed[~decided])).mean()))
        log.debug(
            "stage %d: z=%.6f fixed %d (+%d) of %d groups, %d panels, %.2f s",
            stages,
            z,
            int((~np.isnan(fixed)).sum()),
            len(newly),
            int((~decided).sum()),
            store.count,
            time.perf_counter() - started,
        )
    fixed[decided] = 0.0
    compositions = store.panels().copy()
    probabilities = final_panel_probabilities(compositions, sizes, fixed, decided)
    keep = probabilities > 1e-12
    compositions, probabilities = compositions[keep], probabilities[keep] / probabilities[keep].sum()
    group_probability = (probabilities @ compositions) / sizes
    return GroupLottery(
        compositions, probabilities, group_probability, stages, store.count, complete, minimum_seconds, warnings
    )


def _unreachable_warning(sizes: np.ndarray, reachable: np.ndarray) -> list[str]:
    people = int(sizes[~reachable].sum())
    if not people:
        return []
    return [
        f"{people} {'persoon past' if people == 1 else 'mensen passen'} in geen enkel panel met de goede aantallen "
        f"per groep (bijvoorbeeld door een maximum van 0). {'Deze persoon heeft' if people == 1 else 'Zij hebben'} daarom geen kans."
    ]


def _binding_groups(open_groups: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Open groups that get exactly the stage optimum in every optimal lottery (positive dual).

    (Interior-point duals, which Flanigan et al. use to fix more groups per stage, fixed no more
    groups than these simplex duals on our test instances, so we do without.)
    """
    binding = y[open_groups] > FIXING_TOLERANCE
    if not binding.any():  # only through rounding trouble: in theory the largest dual is positive
        binding[np.argmax(y[open_groups])] = True
    return open_groups[binding]


def initial_panels(problem: SelectionProblem, search: PanelSearch) -> tuple[list[np.ndarray], np.ndarray]:
    """Panels that together contain every group that can be on any panel at all.

    Each round asks for the panel with the most members from groups not seen yet; when that is
    zero, the remaining groups cannot be selected under these quotas (their chance is 0).
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


def _key(counts: np.ndarray) -> bytes:
    return np.asarray(counts, dtype=np.int64).tobytes()


class PanelStore:
    """Known panels (group counts) as rows of a growing matrix, to score them all at once."""

    def __init__(self, panels: list[np.ndarray]) -> None:
        self.matrix = np.zeros((max(64, 2 * len(panels)), len(panels[0])), dtype=np.int64)
        self.count = 0
        self.keys: set[bytes] = set()
        for counts in panels:
            self.add(counts)

    def add(self, counts: np.ndarray) -> bool:
        """Remember a panel; False if it was known already."""
        key = _key(counts)
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


class _Master:
    """The stage LP over known panels, kept in one HiGHS instance so that each solve starts warm.

    Column 0 is z; column 1 + i is panel i. Row r(g) belongs to group g, the last row is sum x = 1.
    Groups whose chance is decided in advance (forced, unreachable) have no row.
    """

    def __init__(self, sizes: np.ndarray, decided: np.ndarray, panels: np.ndarray) -> None:
        self.sizes = sizes
        self.num_groups = len(sizes)
        self.row_of = np.full(self.num_groups, -1, dtype=np.int64)
        self.groups_with_row = np.flatnonzero(~decided)
        self.row_of[self.groups_with_row] = np.arange(len(self.groups_with_row))
        self.convexity_row = len(self.groups_with_row)
        # Primal simplex: adding a panel keeps the basis primal feasible, so it restarts from there.
        # (Measured: about half the iterations of dual simplex on this very degenerate LP.)
        self.highs = _highs.new_highs(simplex_strategy=4)
        rows = _highs.Rows()
        for _ in self.groups_with_row:
            rows.add([0], [-1.0], 0.0, _highs.INF)  # share of g - z >= 0
        rows.add([], [], 1.0, 1.0)
        _highs.pass_model(self.highs, cost=[1.0], lower=[-_highs.INF], upper=[1.0], rows=rows, maximise=True)
        self.fixed: dict[int, float] = {}
        self.columns: list[bytes] = []  # panel key per column 1, 2, ...
        self.in_master: set[bytes] = set()
        # Columns per LP solve: a few for small problems, more when many groups must be covered.
        self.batch_size = int(np.clip(len(self.groups_with_row) // 20, MIN_BATCH, MAX_BATCH))
        for counts in panels:
            self.add_panel(counts)

    def offer(self, counts: np.ndarray, store: PanelStore) -> bool:
        """Add an improving panel as a column unless it is one already; True if added."""
        store.add(counts)
        if _key(counts) in self.in_master:
            return False
        self.add_panel(counts)
        return True

    def add_panel(self, counts: np.ndarray) -> None:
        key = _key(counts)
        self.columns.append(key)
        self.in_master.add(key)
        groups = np.flatnonzero(counts)
        groups = groups[self.row_of[groups] >= 0]
        rows = np.r_[self.row_of[groups], self.convexity_row].astype(np.int32)
        values = np.r_[counts[groups] / self.sizes[groups], 1.0]
        self.highs.addCol(0.0, 0.0, _highs.INF, len(rows), rows, values)

    def purge_if_large(self) -> None:
        """Drop the least promising unused columns when the LP has grown far beyond its rows.

        An optimal basis uses at most one column per row; columns at zero whose reduced cost is far
        from entering only slow every simplex iteration down. Dropped panels stay in the store and
        come back through `offer` if pricing finds them again.
        """
        num_rows = self.convexity_row + 1
        if len(self.columns) <= PURGE_ABOVE * num_rows:
            return
        basis = self.highs.getBasis().col_status
        reduced = np.asarray(self.highs.getSolution().col_dual, dtype=float)
        nonbasic = [j for j in range(1, len(self.columns) + 1) if basis[j] != highspy.HighsBasisStatus.kBasic]
        surplus = len(self.columns) - int(PURGE_TO * num_rows)
        drop = sorted(nonbasic, key=lambda j: reduced[j])[: max(0, surplus)]  # most negative: least promising
        if not drop:
            return
        drop.sort()
        self.highs.deleteCols(len(drop), np.array(drop, dtype=np.int32))
        dropped = {j - 1 for j in drop}
        for j in dropped:
            self.in_master.discard(self.columns[j])
        self.columns = [key for i, key in enumerate(self.columns) if i not in dropped]

    def fix(self, g: int, probability: float) -> None:
        """From now on group g needs at least `probability`, and no longer takes part in z."""
        self.fixed[g] = probability
        row = int(self.row_of[g])
        self.highs.changeCoeff(row, 0, 0.0)
        self.highs.changeRowBounds(row, probability, _highs.INF)

    def solve(self) -> tuple[float, float, np.ndarray]:
        """Returns (z, ŷ, y per group)."""
        for attempt in range(8):
            self.highs.run()
            if _highs.is_optimal(self.highs):
                return self._duals(self.highs)
            # Fixed chances are (by rounding) slightly out of reach: lower them a little and retry.
            for g, probability in list(self.fixed.items()):
                self.fix(g, max(0.0, probability - 1e-7 * 10**attempt))
        raise SelectionError("De LP-oplosser vond geen oplossing (numeriek probleem). Probeer het opnieuw of meld dit.")

    def _duals(self, highs) -> tuple[float, float, np.ndarray]:
        # HiGHS reports duals of >= rows in a maximisation as negative numbers.
        row_dual = np.asarray(highs.getSolution().row_dual, dtype=float)
        y = np.zeros(self.num_groups)
        y[self.groups_with_row] = -row_dual[: self.convexity_row]
        return highs.getInfo().objective_function_value, float(row_dual[self.convexity_row]), y

    def solve_with_columns(
        self, search: PanelSearch, swaps: SwapSearch, store: PanelStore, deadline: float | None = None
    ) -> tuple[float, np.ndarray, bool]:
        """Column generation until no panel improves the stage.

        Returns (z, y, converged): the value over known panels, its duals, and whether it is proven
        optimal: the exact pricing MIP finds no improving panel.
        """
        rounds = 0
        while True:
            z, cap, y = self.solve()
            rounds += 1
            if rounds % 50 == 0:
                log.debug("  round %d: z=%.6f, %d panels", rounds, z, store.count)
            if deadline is not None and time.perf_counter() > deadline:
                return z, y, False
            weights = y / self.sizes
            # The exact MIP's panel (the most improving one) moves z much further per round than
            # heuristic panels alone (measured: stages converge 2-4x faster); the swap heuristic then
            # adds a batch of further improving panels for the same LP solve.
            added = [self.offer(counts, store) for counts in search.improving(weights, cap + PRICING_TOLERANCE)]
            if not any(added):  # none, or only panels already in the LP: optimal up to rounding
                return z, y, True
            self._add_swap_panels(swaps, store, weights, cap)
            self.purge_if_large()

    def _add_swap_panels(self, swaps: SwapSearch, store: PanelStore, weights: np.ndarray, cap: float) -> int:
        """Several improving panels per LP solve, found by swaps under progressively damped weights.

        After each panel, the weights of its members are scaled down so that the next panel brings in
        others (like the heuristic in sortition-algorithms' maximin); a panel is kept if it improves on
        the *undamped* duals. One LP solve then yields a batch of diverse columns, which matters when
        hundreds of groups must be covered.
        """
        damped = weights.copy()
        found = misses = 0
        for _ in range(self.batch_size):
            counts = swaps.improve(store.best(damped, 1)[0], damped)
            if float(weights @ counts) > cap + PRICING_TOLERANCE and self.offer(counts, store):
                found += 1
            else:
                misses += 1
                if misses >= MAX_BATCH_MISSES:
                    break
            members = counts > 0
            damped[members] *= BATCH_DAMPING
        return found


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
