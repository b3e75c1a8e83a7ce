"""The selection problem in solver form: interchangeable groups of volunteers and quota rows.

Why groups: two volunteers with the same value on every feature are interchangeable for every
quota, so the fair (leximin) lottery gives them the same chance. A pool of 2,000 often has only a
handful of distinct profiles; solving over profile *counts* instead of over people makes every
LP and MIP orders of magnitude smaller. People who break the symmetry (who must be selected, or
share a household with another volunteer) become groups of their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from mia.core.tables import normalise_key

from . import _highs
from .errors import SelectionError
from .pool import Pool, Quota, Quotas


@dataclass(frozen=True)
class Group:
    """Interchangeable volunteers: same category on every feature, no special constraints."""

    members: tuple[int, ...]  # indexes into pool.people, in pool order
    categories: tuple[int, ...]  # index into SelectionProblem.categories, one per feature
    forced: bool = False

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass
class SelectionProblem:
    pool: Pool
    quotas: Quotas
    k: int
    categories: list[Quota]  # flat: every (feature, value) with its bounds
    groups: list[Group]
    households: list[list[int]]  # lists of group indexes of which at most one may be selected
    forced: list[int]  # person indexes that must be in every panel

    @property
    def n(self) -> int:
        return len(self.pool.people)

    def group_sizes(self) -> np.ndarray:
        return np.array([group.size for group in self.groups], dtype=float)

    def group_lower(self) -> np.ndarray:
        return np.array([group.size if group.forced else 0 for group in self.groups], dtype=float)

    def category_groups(self) -> list[list[int]]:
        """For every category, the groups whose members have it."""
        members: list[list[int]] = [[] for _ in self.categories]
        for g, group in enumerate(self.groups):
            for c in group.categories:
                members[c].append(g)
        return members

    def person_categories(self) -> np.ndarray:
        """(n, features) matrix of category indexes, for the person-level algorithms."""
        index = {(q.feature, q.value): c for c, q in enumerate(self.categories)}
        features = self.quotas.feature_names()
        return np.array(
            [[index[(f, person.features[f])] for f in features] for person in self.pool.people], dtype=np.int64
        ).reshape(self.n, len(features))

    def group_of_person(self) -> np.ndarray:
        owner = np.empty(self.n, dtype=np.int64)
        for g, group in enumerate(self.groups):
            owner[list(group.members)] = g
        return owner

    def household_of_person(self) -> np.ndarray:
        """Household number per person, -1 for people who live alone in the pool."""
        owner = np.full(self.n, -1, dtype=np.int64)
        for h, household in enumerate(self.households):
            for g in household:
                owner[list(self.groups[g].members)] = h
        return owner

    def category_label(self, c: int) -> str:
        quota = self.categories[c]
        return f"{quota.feature} = {quota.value}"

    def profile(self, g: int) -> dict[str, str]:
        return {self.categories[c].feature: self.categories[c].value for c in self.groups[g].categories}


def build_problem(
    pool: Pool,
    quotas: Quotas,
    k: int,
    *,
    forced_ids: Iterable[str] = (),
    household_columns: Sequence[str] = (),
) -> SelectionProblem:
    _check_size(pool, k)
    categories = list(quotas.items)
    category_index = {(q.feature, q.value): c for c, q in enumerate(categories)}
    features = quotas.feature_names()
    forced = _forced_indexes(pool, forced_ids)
    household_of = _household_keys(pool, household_columns)
    sharing = _people_sharing_household(household_of)

    groups: list[Group] = []
    by_profile: dict[tuple[int, ...], list[int]] = {}
    singles: list[tuple[int, tuple[int, ...], bool]] = []
    for i, person in enumerate(pool.people):
        profile = tuple(category_index[(f, person.features[f])] for f in features)
        if i in forced or i in sharing:
            singles.append((i, profile, i in forced))
        else:
            by_profile.setdefault(profile, []).append(i)
    for profile, members in by_profile.items():
        groups.append(Group(tuple(members), profile))
    group_of_single: dict[int, int] = {}
    for i, profile, is_forced in singles:
        group_of_single[i] = len(groups)
        groups.append(Group((i,), profile, forced=is_forced))

    households: dict[tuple[str, ...], list[int]] = {}
    for i in sharing:
        households.setdefault(household_of[i], []).append(group_of_single[i])
    return SelectionProblem(pool, quotas, k, categories, groups, list(households.values()), sorted(forced))


def _check_size(pool: Pool, k: int) -> None:
    if k < 1:
        raise SelectionError(f"De panelgrootte moet minstens 1 zijn (gekregen: {k}).")
    if k > len(pool.people):
        raise SelectionError(f"De panelgrootte ({k}) is groter dan het aantal mensen in de pool ({len(pool.people)}).")


def _forced_indexes(pool: Pool, forced_ids: Iterable[str]) -> set[int]:
    position = {person.id: i for i, person in enumerate(pool.people)}
    forced_ids = list(forced_ids)
    unknown = [person_id for person_id in forced_ids if person_id not in position]
    if unknown:
        raise SelectionError("Deze verplichte deelnemers staan niet in de pool: " + ", ".join(unknown) + ".")
    return {position[person_id] for person_id in forced_ids}


def _household_keys(pool: Pool, columns: Sequence[str]) -> list[tuple[str, ...] | None]:
    """Normalised address per person; None when the address is empty (then nobody shares it)."""
    if not columns:
        return [None] * len(pool.people)
    available = {normalise_key(c): c for c in [*pool.contact_columns, *pool.feature_names]}
    resolved = []
    for column in columns:
        if normalise_key(column) not in available:
            raise SelectionError(f"De huishoudkolom '{column}' staat niet in het deelnemersbestand.")
        resolved.append(available[normalise_key(column)])
    keys: list[tuple[str, ...] | None] = []
    for person in pool.people:
        parts = tuple(normalise_key(person.contact.get(c, person.features.get(c, ""))) for c in resolved)
        keys.append(parts if any(parts) else None)
    return keys


def _people_sharing_household(household_of: list[tuple[str, ...] | None]) -> set[int]:
    count: dict[tuple[str, ...], int] = {}
    for key in household_of:
        if key is not None:
            count[key] = count.get(key, 0) + 1
    return {i for i, key in enumerate(household_of) if key is not None and count[key] > 1}


class PanelSearch:
    """The MIP 'find a panel that meets every quota', over group counts, reused with new objectives.

    Variables c_g in [forced size, group size], integer; sum c_g = k; per category
    min <= sum of its groups' c_g <= max; per household sum <= 1.
    """

    def __init__(
        self, problem: SelectionProblem, *, quota_bounds: dict[int, tuple[float, float]] | None = None
    ) -> None:
        self.problem = problem
        # Tight gaps: the pricing MIP's optimum is what proves a leximin stage optimal.
        self.highs = _highs.new_highs(mip_rel_gap=1e-9, mip_abs_gap=1e-12)
        num_groups = len(problem.groups)
        rows = _highs.Rows()
        rows.add(range(num_groups), [1.0] * num_groups, problem.k, problem.k)
        for c, groups in enumerate(problem.category_groups()):
            low, high = (quota_bounds or {}).get(c, (problem.categories[c].min, problem.categories[c].max))
            rows.add(groups, [1.0] * len(groups), low, high)
        for household in problem.households:
            rows.add(household, [1.0] * len(household), -_highs.INF, 1.0)
        _highs.pass_model(
            self.highs,
            cost=np.zeros(num_groups),
            lower=problem.group_lower(),
            upper=problem.group_sizes(),
            rows=rows,
            integer=[True] * num_groups,
            maximise=True,
        )

    def best(self, weights: np.ndarray) -> np.ndarray | None:
        """Counts per group of a panel maximising sum(weights * counts), or None if no panel exists."""
        num_groups = len(self.problem.groups)
        self.highs.changeColsCost(num_groups, np.arange(num_groups, dtype=np.int32), np.asarray(weights, dtype=float))
        self.highs.run()
        if not _highs.is_optimal(self.highs):
            return None
        return np.rint(_highs.column_values(self.highs)).astype(np.int64)

    def improving(self, weights: np.ndarray, threshold: float) -> list[np.ndarray]:
        """The best panel if it is worth more than `threshold`, else nothing."""
        best = self.best(weights)
        return [best] if best is not None and float(weights @ best) > threshold else []

    def any_panel(self) -> np.ndarray | None:
        return self.best(np.zeros(len(self.problem.groups)))


def panel_meets_quotas(problem: SelectionProblem, person_indexes: Sequence[int]) -> bool:
    """Check a concrete panel against size, quotas, forced people and households (used by tests and reserves)."""
    chosen = list(person_indexes)
    if len(chosen) != problem.k or len(set(chosen)) != len(chosen):
        return False
    if not set(problem.forced) <= set(chosen):
        return False
    categories = problem.person_categories()
    totals = np.zeros(len(problem.categories), dtype=np.int64)
    for i in chosen:
        totals[categories[i]] += 1
    if any(totals[c] < q.min or totals[c] > q.max for c, q in enumerate(problem.categories)):
        return False
    households = problem.household_of_person()[chosen]
    households = households[households >= 0]
    return len(households) == len(set(households.tolist()))


class SwapSearch:
    """Cheap pricing heuristic: improve a known panel by swapping one member for another.

    Column generation needs *a* panel that beats the dual bound; the exact MIP is only needed to
    prove that none exists. Swaps (one member of group a out, one of group b in, quotas and
    households kept) usually find such a panel far faster than the MIP.
    """

    # Only the most valuable groups are considered to swap in: keeps a move O(k * TOP * features).
    TOP_CANDIDATES = 64

    def __init__(self, problem: SelectionProblem) -> None:
        self.categories = np.array([group.categories for group in problem.groups], dtype=np.int64)
        self.lower = problem.group_lower().astype(np.int64)
        self.upper = problem.group_sizes().astype(np.int64)
        self.quota_min = np.array([q.min for q in problem.categories], dtype=np.int64)
        self.quota_max = np.array([q.max for q in problem.categories], dtype=np.int64)
        self.household = np.full(len(problem.groups), -1, dtype=np.int64)
        for h, household in enumerate(problem.households):
            self.household[household] = h
        self.has_households = bool(problem.households)
        self.num_categories = len(problem.categories)

    def improve(self, counts: np.ndarray, weights: np.ndarray, max_moves: int = 200) -> np.ndarray:
        """Steepest ascent over single swaps, from `counts`, until no swap gains."""
        counts = counts.copy()
        totals = self.totals(counts)
        for _ in range(max_moves):
            move = self._improving_swap(counts, totals, weights)
            if move is None:
                break
            out, into = move
            counts[out] -= 1
            counts[into] += 1
            totals[self.categories[out]] -= 1  # one category per feature: no repeated indexes
            totals[self.categories[into]] += 1
        return counts

    def totals(self, counts: np.ndarray) -> np.ndarray:
        features = self.categories.shape[1]
        return np.bincount(
            self.categories.ravel(), weights=np.repeat(counts, features), minlength=self.num_categories
        ).astype(np.int64)

    def _improving_swap(self, counts, totals, weights) -> tuple[int, int] | None:
        """The swap with the largest gain among the TOP most valuable groups that could come in."""
        removable = np.flatnonzero(counts > self.lower)
        if len(removable) == 0:
            return None
        cheapest = weights[removable].min()
        addable = np.flatnonzero((counts < self.upper) & (weights > cheapest + 1e-12))
        if len(addable) == 0:
            return None
        if len(addable) > self.TOP_CANDIDATES:
            addable = addable[np.argpartition(-weights[addable], self.TOP_CANDIDATES)[: self.TOP_CANDIDATES]]
        cat_out, cat_in = self.categories[removable], self.categories[addable]
        spare_out = totals[cat_out] > self.quota_min[cat_out]  # (A, F): may lose one
        room_in = totals[cat_in] < self.quota_max[cat_in]  # (B, F): may gain one
        allowed = ((cat_out[:, None, :] == cat_in[None, :, :]) | (spare_out[:, None, :] & room_in[None, :, :])).all(
            axis=2
        )
        if self.has_households:
            allowed &= self._household_allows(counts, removable, addable)
        gain = np.where(allowed, weights[addable][None, :] - weights[removable][:, None], -np.inf)
        best = np.unravel_index(np.argmax(gain), gain.shape)
        if gain[best] <= 1e-12:
            return None
        return int(removable[best[0]]), int(addable[best[1]])

    def _household_allows(self, counts, removable, addable) -> np.ndarray:
        """Someone may come in if their household has nobody on the panel, or only the one going out."""
        houses = self.household[(counts > 0) & (self.household >= 0)]
        house_in = self.household[addable]
        occupied = (house_in >= 0) & np.isin(house_in, houses)
        same_house = (house_in[None, :] >= 0) & (self.household[removable][:, None] == house_in[None, :])
        return ~occupied[None, :] | same_house
