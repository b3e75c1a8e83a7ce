"""The older greedy stratified draw ("LEGACY" in the Sortition Foundation's tools), for comparison.

One person at a time: take the category that most urgently needs people (the largest ratio of
still-needed-to-reach-minimum to people remaining), draw someone uniformly from it, remove
categories that are full. Simple and quota-respecting, but it does not equalise chances: people
in over-represented categories can get far lower chances than under LEXIMIN. Its selection
probabilities have no closed form, so we estimate them by drawing many times.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np

from .problem import SelectionProblem

MAX_ATTEMPTS = 100


class _AttemptFailed(Exception):
    """The greedy draw painted itself into a corner; the caller retries."""


@dataclass
class LegacyEstimate:
    probabilities: np.ndarray  # per person, fraction of successful draws that selected them
    draws: int
    failed_attempts: int


class _GreedyDraw:
    """State of one greedy draw over people (the algorithm works on people, not groups)."""

    def __init__(self, problem: SelectionProblem, categories: np.ndarray, households: np.ndarray) -> None:
        self.problem = problem
        self.categories = categories  # (n, features)
        self.households = households
        self.quota_min = np.array([q.min for q in problem.categories])
        self.quota_max = np.array([q.max for q in problem.categories])
        self.remaining = np.ones(problem.n, dtype=bool)
        self.remaining_count = np.bincount(categories.ravel(), minlength=len(problem.categories))
        self.selected_count = np.zeros(len(problem.categories), dtype=np.int64)
        self.selected: list[int] = []
        self.members = [np.flatnonzero((categories == c).any(axis=1)) for c in range(len(problem.categories))]

    def run(self, rng: random.Random) -> list[int]:
        for i in self.problem.forced:
            self._select(i)
        for c in np.flatnonzero(self.quota_max == 0):
            self._remove_category(c)
        while len(self.selected) < self.problem.k:
            category = self._most_urgent_category()
            members = self.members[category][self.remaining[self.members[category]]]
            person = int(members[rng.randrange(len(members))])
            self._select(person)
        if ((self.selected_count < self.quota_min) | (self.selected_count > self.quota_max)).any():
            raise _AttemptFailed
        return sorted(self.selected)

    def _most_urgent_category(self) -> int:
        shortfall = self.quota_min - self.selected_count
        if (self.remaining_count < shortfall).any():
            raise _AttemptFailed
        usable = (self.remaining_count > 0) & (self.quota_max > 0) & (self.selected_count < self.quota_max)
        if not usable.any():
            raise _AttemptFailed
        # As in the version Flanigan et al. (2021) evaluated: the ratio goes negative once a category
        # is above its minimum, which spreads the seats left after all minimums over categories.
        # (Later releases clamp it at 0; that only changes which category gets those last seats.)
        ratio = np.where(usable, shortfall / np.maximum(self.remaining_count, 1), -np.inf)
        return int(np.argmax(ratio))  # first category on ties, in quota-file order, as the original

    def _select(self, person: int) -> None:
        self._take_out(person)
        self.selected.append(person)
        self.selected_count[self.categories[person]] += 1
        house = self.households[person]
        if house >= 0:  # one per household: housemates leave the pool
            self._take_out_all(np.flatnonzero(self.households == house))
        for c in self.categories[person]:
            if self.selected_count[c] >= self.quota_max[c]:
                self._remove_category(c)

    def _take_out(self, person: int) -> None:
        if self.remaining[person]:
            self.remaining[person] = False
            self.remaining_count[self.categories[person]] -= 1

    def _take_out_all(self, people: np.ndarray) -> None:
        people = people[self.remaining[people]]
        self.remaining[people] = False
        np.subtract.at(self.remaining_count, self.categories[people].ravel(), 1)

    def _remove_category(self, category: int) -> None:
        """A full category: nobody else in it can be selected any more."""
        self._take_out_all(self.members[category])


def legacy_draw(
    problem: SelectionProblem, rng: random.Random, max_attempts: int = MAX_ATTEMPTS
) -> tuple[list[int] | None, int]:
    """One panel (person indexes) and the number of failed attempts before it; None if all failed."""
    categories = problem.person_categories()
    households = problem.household_of_person()
    for attempt in range(max_attempts):
        try:
            return _GreedyDraw(problem, categories, households).run(rng), attempt
        except _AttemptFailed:
            continue
    return None, max_attempts


def estimate_legacy_probabilities(problem: SelectionProblem, draws: int, seed: int) -> LegacyEstimate:
    """Selection probability per person as the share of `draws` independent legacy panels."""
    rng = random.Random(f"{seed}-legacy-estimate")
    counts = np.zeros(problem.n)
    successful = failed = 0
    for _ in range(draws):
        panel, failures = legacy_draw(problem, rng)
        failed += failures
        if panel is not None:
            counts[panel] += 1
            successful += 1
    probabilities = counts / successful if successful else counts
    return LegacyEstimate(probabilities, successful, failed)
