"""Drawing one panel from the lottery with a recorded seed, ordered reserves, and replacing dropouts.

Reproducibility: everything random goes through `random.Random(seed)`, whose sequence for a given
integer seed is stable across Python versions and platforms. Anyone with the same pool, quotas,
lottery and seed gets the same panel and the same reserve list.
"""

from __future__ import annotations

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


def expand_lottery(problem: SelectionProblem, lottery: GroupLottery, max_panels: int = 10_000) -> list[tuple[list[int], float]] | None:
    """The same lottery written out as concrete panels (person indexes) with probabilities, if small.

    Within a composition, group g with m members and count c is covered by m/gcd(c, m) rotating
    windows of c members that each member falls in equally often; the windows of different groups
    are aligned on [0, 1) by quantiles, so every member keeps exactly the chance c/m. Returns None
    when this would take more than `max_panels` panels.
    """
    panels: list[tuple[list[int], float]] = []
    for composition, probability in zip(lottery.compositions, lottery.probabilities):
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
    for low, high in zip(bounds, bounds[1:]):
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
        self.totals = np.zeros(len(self.problem.categories), dtype=np.int64)
        for i in self.panel:
            self.totals[self.categories[i]] += 1

    def can_replace(self, out: int, into: int) -> bool:
        cat_out, cat_in = self.categories[out], self.categories[into]
        changed = cat_out != cat_in
        if (self.totals[cat_out[changed]] - 1 < self.quota_min[cat_out[changed]]).any():
            return False
        if (self.totals[cat_in[changed]] + 1 > self.quota_max[cat_in[changed]]).any():
            return False
        house = self.households[into]
        if house >= 0 and house != self.households[out]:
            return not any(self.households[i] == house for i in self.panel if i != out)
        return True

    def replace(self, out: int, into: int) -> None:
        self.totals[self.categories[out]] -= 1
        self.totals[self.categories[into]] += 1
        self.panel = [into if i == out else i for i in self.panel]


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
        i for i in range(problem.n)
        if i not in on_panel and eligible[i] and state.households[i] not in blocked_houses
    ]
    random.Random(f"{seed}-reserves").shuffle(candidates)
    replaceable = [i for i in panel if i not in forced]
    covered: set[int] = set()
    reserves: list[int] = []
    rest: list[int] = []
    for candidate in candidates:
        replaces = [member for member in replaceable if state.can_replace(member, candidate)]
        if not replaces:
            continue
        if set(replaces) - covered:
            covered.update(replaces)
            reserves.append(candidate)
        else:
            rest.append(candidate)
        if len(reserves) >= how_many or len(covered) == len(replaceable):
            break
    reserves.extend(rest[: max(0, how_many - len(reserves))])
    if len(reserves) < how_many:
        reserves.extend(c for c in candidates if c not in reserves and any(state.can_replace(m, c) for m in replaceable))
    return reserves[:how_many]


def replace_dropouts(problem: SelectionProblem, panel: list[int], reserves: list[int], dropouts: list[int]) -> tuple[list[int], list[int], list[int]]:
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
