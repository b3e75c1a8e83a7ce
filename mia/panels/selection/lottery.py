"""Drawing one panel from the lottery with a recorded seed, ordered reserves, and replacing dropouts.

Reproducibility: everything random goes through `random.Random(seed)`, whose sequence for a given
integer seed is stable across Python versions and platforms. Anyone with the same pool, quotas,
lottery and seed gets the same panel and the same reserve list.
"""

from __future__ import annotations

import itertools
import random
import secrets
from dataclasses import dataclass

import numpy as np

from .leximin import GroupLottery
from .problem import SelectionProblem

# Seeds are kept small enough to read aloud and type in at a public draw.
MAX_SEED = 2**31 - 1


def new_seed() -> int:
    return secrets.randbelow(MAX_SEED) + 1


def draw_panel(problem: SelectionProblem, lottery: GroupLottery, seed: int) -> list[int]:
    """Pick a composition with its probability, then members uniformly within each group.

    Returns person indexes in pool order.
    """
    rng = random.Random(seed)
    composition = lottery.compositions[_pick(lottery.probabilities, rng.random())]
    chosen: list[int] = []
    for g, count in enumerate(composition.tolist()):
        if count:
            chosen.extend(rng.sample(problem.groups[g].members, count))
    return sorted(chosen)


def _pick(probabilities: np.ndarray, u: float) -> int:
    cumulative = np.cumsum(probabilities)
    return min(int(np.searchsorted(cumulative, u * cumulative[-1], side="right")), len(probabilities) - 1)


def expand_lottery(
    problem: SelectionProblem, lottery: GroupLottery, max_panels: int = 10_000
) -> list[tuple[list[int], float]] | None:
    """The same lottery written out as concrete panels (person indexes) with probabilities, if small.

    Within a composition, group g with m members and count c is covered by m/gcd(c, m) rotating
    windows of c members that each member falls in equally often; the windows of different groups
    are aligned on [0, 1) by quantiles, so every member keeps exactly the chance c/m. Returns None
    when this would take more than `max_panels` panels.
    """
    panels: list[tuple[list[int], float]] = []
    for composition, probability in zip(lottery.compositions, lottery.probabilities, strict=True):
        pieces = _quantile_pieces(problem, composition)
        if len(panels) + len(pieces) > max_panels:
            return None
        panels.extend((members, probability * share) for members, share in pieces)
    return panels


def _quantile_pieces(problem: SelectionProblem, composition: np.ndarray) -> list[tuple[list[int], float]]:
    windows = {}
    cuts = {0.0, 1.0}
    for g, count in enumerate(composition.tolist()):
        size = problem.groups[g].size
        if 0 < count < size:
            rotations = size // np.gcd(count, size)
            windows[g] = rotations
            cuts.update(i / rotations for i in range(1, rotations))
    bounds = sorted(cuts)
    pieces = []
    for low, high in itertools.pairwise(bounds):
        middle = (low + high) / 2
        members: list[int] = []
        for g, count in enumerate(composition.tolist()):
            group = problem.groups[g].members
            if count == len(group):
                members.extend(group)
            elif count:
                start = int(middle * windows[g]) * count
                members.extend(group[(start + j) % len(group)] for j in range(count))
        pieces.append((sorted(members), high - low))
    return pieces


# --- reserves ------------------------------------------------------------------------------------


@dataclass
class _PanelState:
    """Category totals and occupied households of a panel, to test one-for-one replacements fast."""

    problem: SelectionProblem
    panel: list[int]

    def __post_init__(self) -> None:
        self.categories = self.problem.person_categories()
        self.households = self.problem.household_of_person()
        self.quota_min = np.array([q.min for q in self.problem.categories])
        self.quota_max = np.array([q.max for q in self.problem.categories])
        self._recount()

    def _recount(self) -> None:
        self.members = np.array(self.panel, dtype=np.int64)
        self.totals = np.bincount(self.categories[self.members].ravel(), minlength=len(self.quota_min))

    def replaceable_by(self, into: int) -> np.ndarray:
        """For every panel member: may `into` take their place without breaking a quota or household?"""
        cat_out = self.categories[self.members]  # (k, features)
        cat_in = self.categories[into]  # (features,)
        same = cat_out == cat_in
        out_ok = same | (self.totals[cat_out] - 1 >= self.quota_min[cat_out])
        in_ok = same | (self.totals[cat_in] + 1 <= self.quota_max[cat_in])[None, :]
        allowed = (out_ok & in_ok).all(axis=1)
        house = self.households[into]
        if house >= 0:
            houses = self.households[self.members]
            others_in_house = (houses == house).sum() - (houses == house)  # housemates besides the one leaving
            allowed &= others_in_house == 0
        return allowed

    def can_replace(self, out: int, into: int) -> bool:
        return bool(self.replaceable_by(into)[self.panel.index(out)])

    def replace(self, out: int, into: int) -> None:
        self.panel = [into if i == out else i for i in self.panel]
        self._recount()


def order_reserves(
    problem: SelectionProblem,
    panel: list[int],
    eligible: np.ndarray,
    seed: int,
    how_many: int | None = None,
) -> list[int]:
    """An ordered reserve list: for each panel member (where possible) someone who can take their place.

    Candidates are shuffled with a seed derived from the draw's seed; a candidate is taken when they
    can replace a panel member not yet covered, so the first reserves cover as many members as
    possible. Then the list is filled with others who can replace at least one member. People not
    `eligible` (e.g. chance 0: on no feasible panel) and housemates of panel members are left out.
    """
    how_many = how_many if how_many is not None else max(5, -(-problem.k // 4))
    state = _PanelState(problem, list(panel))
    on_panel = set(panel)
    blocked_houses = {state.households[i] for i in panel if state.households[i] >= 0}
    forced = set(problem.forced)
    candidates = [
        i for i in range(problem.n) if i not in on_panel and eligible[i] and state.households[i] not in blocked_houses
    ]
    random.Random(f"{seed}-reserves").shuffle(candidates)
    not_forced = np.array([i not in forced for i in state.panel])
    covered = np.zeros(len(state.panel), dtype=bool)
    reserves: list[int] = []
    useful_later: list[int] = []
    for candidate in candidates:
        replaces = state.replaceable_by(candidate) & not_forced
        if not replaces.any():
            continue
        if (replaces & ~covered).any():
            covered |= replaces
            reserves.append(candidate)
        elif len(useful_later) < how_many:
            useful_later.append(candidate)
        if len(reserves) >= how_many or covered[not_forced].all():
            break
    reserves.extend(useful_later[: max(0, how_many - len(reserves))])
    if len(reserves) < how_many:
        taken = set(reserves)
        for candidate in candidates:
            if len(reserves) >= how_many:
                break
            if candidate not in taken and (state.replaceable_by(candidate) & not_forced).any():
                reserves.append(candidate)
    return reserves[:how_many]


def replace_dropouts(
    problem: SelectionProblem, panel: list[int], reserves: list[int], dropouts: list[int]
) -> tuple[list[int], list[int], list[int]]:
    """Replace each dropout by the first unused reserve that keeps every quota; in dropout order.

    Returns (new panel, reserves used, dropouts that no reserve could replace).
    """
    state = _PanelState(problem, list(panel))
    unused = list(reserves)
    used: list[int] = []
    unresolved: list[int] = []
    for out in dropouts:
        replacement = next((r for r in unused if state.can_replace(out, r)), None)
        if replacement is None:
            unresolved.append(out)
            continue
        state.replace(out, replacement)
        unused.remove(replacement)
        used.append(replacement)
    return sorted(state.panel), used, unresolved
