"""Why no panel meets the quotas, and the smallest change to the quotas that fixes it.

Three layers, from plain to precise:
1. arithmetic checks anyone can verify by hand (minimums adding up to more than the panel size,
   fewer volunteers in a category than its minimum, ...);
2. an irreducible conflicting set of quota bounds: these bounds together admit no panel, and
   dropping any single one of them would (a deletion filter over the quota rows of the MIP);
3. the smallest relaxation: integer slack on every minimum and maximum, minimising the total
   number of places the quotas move (within min_flex/max_flex when the quota file gives them).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from . import _highs
from .problem import PanelSearch, SelectionProblem

# The deletion filter solves one small MIP per quota bound; stop refining after this long.
CONFLICT_TIME_BUDGET = 20.0


@dataclass(frozen=True)
class QuotaBound:
    feature: str
    value: str
    side: str  # "min" or "max"
    number: int

    def text(self) -> str:
        word = "minimaal" if self.side == "min" else "maximaal"
        return f"{self.feature} = {self.value}: {word} {self.number}"


@dataclass(frozen=True)
class QuotaChange:
    feature: str
    value: str
    old_min: int
    old_max: int
    new_min: int
    new_max: int

    def text(self) -> str:
        parts = []
        if self.new_min != self.old_min:
            parts.append(f"minimum van {self.old_min} naar {self.new_min}")
        if self.new_max != self.old_max:
            parts.append(f"maximum van {self.old_max} naar {self.new_max}")
        return f"{self.feature} = {self.value}: " + " en ".join(parts)


@dataclass
class Explanation:
    k: int
    findings: list[str] = field(default_factory=list)  # arithmetic checks, in Dutch
    conflict: list[QuotaBound] = field(default_factory=list)
    conflict_is_minimal: bool = True
    relaxation: list[QuotaChange] = field(default_factory=list)
    relaxation_note: str = ""

    @property
    def total_change(self) -> int:
        return sum(abs(c.new_min - c.old_min) + abs(c.new_max - c.old_max) for c in self.relaxation)

    def text(self) -> str:
        lines = [f"Er is geen panel van {self.k} mensen mogelijk dat aan alle quota voldoet."]
        if self.findings:
            lines.append("Oorzaak:")
            lines += [f"- {finding}" for finding in self.findings]
        if self.conflict:
            head = "Deze grenzen kunnen niet tegelijk gelden" + (
                " (laat u er één los, dan kan het wel):" if self.conflict_is_minimal else ":"
            )
            lines.append(head)
            lines += [f"- {bound.text()}" for bound in self.conflict]
        if self.relaxation:
            places = "plaats" if self.total_change == 1 else "plaatsen"
            lines.append(f"Kleinste aanpassing waarmee het wel kan (in totaal {self.total_change} {places}):")
            lines += [f"- {change.text()}" for change in self.relaxation]
        if self.relaxation_note:
            lines.append(self.relaxation_note)
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {
            "message": self.text(),
            "findings": list(self.findings),
            "conflict": [vars(bound) for bound in self.conflict],
            "relaxation": [vars(change) for change in self.relaxation],
        }


def explain_infeasibility(problem: SelectionProblem) -> Explanation:
    explanation = Explanation(problem.k, findings=arithmetic_findings(problem))
    explanation.conflict, explanation.conflict_is_minimal = conflicting_bounds(problem)
    explanation.relaxation, explanation.relaxation_note = smallest_relaxation(problem)
    return explanation


# --- 1. arithmetic -------------------------------------------------------------------------------


def arithmetic_findings(problem: SelectionProblem) -> list[str]:
    k = problem.k
    findings = []
    pool_count = _pool_counts(problem)
    forced_count = _forced_counts(problem)
    if len(problem.forced) > k:
        findings.append(f"Er zijn {len(problem.forced)} verplichte deelnemers, meer dan de panelgrootte {k}.")
    for feature, quotas in problem.quotas.features().items():
        total_min = sum(q.min for q in quotas)
        total_max = sum(q.max for q in quotas)
        if total_min > k:
            findings.append(f"Bij '{feature}' tellen de minima op tot {total_min}, meer dan de panelgrootte {k}.")
        if total_max < k:
            findings.append(f"Bij '{feature}' tellen de maxima op tot {total_max}, minder dan de panelgrootte {k}.")
    for c, quota in enumerate(problem.categories):
        if pool_count[c] < quota.min:
            findings.append(
                f"Er {'is' if pool_count[c] == 1 else 'zijn'} maar {pool_count[c]} "
                f"{'persoon' if pool_count[c] == 1 else 'mensen'} met {quota.feature} = {quota.value} in de pool; "
                f"het minimum is {quota.min}."
            )
        if forced_count[c] > quota.max:
            findings.append(
                f"Er zijn {forced_count[c]} verplichte deelnemers met {quota.feature} = {quota.value}; "
                f"het maximum is {quota.max}."
            )
    findings += _household_findings(problem)
    return findings


def _pool_counts(problem: SelectionProblem) -> np.ndarray:
    counts = np.zeros(len(problem.categories), dtype=np.int64)
    for group in problem.groups:
        counts[list(group.categories)] += group.size
    return counts


def _forced_counts(problem: SelectionProblem) -> np.ndarray:
    counts = np.zeros(len(problem.categories), dtype=np.int64)
    for group in problem.groups:
        if group.forced:
            counts[list(group.categories)] += group.size
    return counts


def _household_findings(problem: SelectionProblem) -> list[str]:
    if not problem.households:
        return []
    findings = []
    shared = sum(len(household) for household in problem.households)
    units = problem.n - shared + len(problem.households)
    if units < problem.k:
        findings.append(
            f"Met één persoon per huishouden zijn er maar {units} huishoudens om uit te kiezen, "
            f"minder dan de panelgrootte {problem.k}."
        )
    for household in problem.households:
        forced = [problem.groups[g] for g in household if problem.groups[g].forced]
        if len(forced) > 1:
            ids = ", ".join(problem.pool.people[group.members[0]].id for group in forced)
            findings.append(f"De verplichte deelnemers {ids} wonen op hetzelfde adres (maximaal één per huishouden).")
    return findings


# --- 2. conflicting bounds -----------------------------------------------------------------------


def _meaningful_bounds(problem: SelectionProblem) -> list[tuple[int, str]]:
    """Bounds that restrict anything: a minimum above 0, a maximum below both k and the pool count."""
    pool_count = _pool_counts(problem)
    bounds = []
    for c, quota in enumerate(problem.categories):
        if quota.min > 0:
            bounds.append((c, "min"))
        if quota.max < min(problem.k, pool_count[c]):
            bounds.append((c, "max"))
    return bounds


def conflicting_bounds(problem: SelectionProblem) -> tuple[list[QuotaBound], bool]:
    """Deletion filter: drop each bound in turn and keep it dropped if the rest stays infeasible."""
    started = time.perf_counter()
    search = PanelSearch(problem)
    active = _meaningful_bounds(problem)
    _apply(search, problem, set(active))
    if search.any_panel() is not None:
        return [], True  # infeasible only through rounding or not at all
    if not active or _infeasible_without_quotas(search, problem):
        return [], True  # the conflict is panel size vs. households/forced people: see the findings
    needed = list(active)
    minimal = True
    for bound in list(active):
        if time.perf_counter() - started > CONFLICT_TIME_BUDGET:
            minimal = False
            break
        trial = set(needed) - {bound}
        _apply(search, problem, trial)
        if search.any_panel() is None:
            needed.remove(bound)
    quota_bounds = [
        QuotaBound(
            problem.categories[c].feature,
            problem.categories[c].value,
            side,
            problem.categories[c].min if side == "min" else problem.categories[c].max,
        )
        for c, side in needed
    ]
    return quota_bounds, minimal


def _apply(search: PanelSearch, problem: SelectionProblem, active: set[tuple[int, str]]) -> None:
    """Set category rows to their quota where active, to the trivial bound where not."""
    for c, quota in enumerate(problem.categories):
        low = quota.min if (c, "min") in active else 0
        high = quota.max if (c, "max") in active else problem.k
        search.highs.changeRowBounds(1 + c, low, high)  # row 0 is the panel size


def _infeasible_without_quotas(search: PanelSearch, problem: SelectionProblem) -> bool:
    _apply(search, problem, set())
    infeasible = search.any_panel() is None
    return infeasible


# --- 3. smallest relaxation ----------------------------------------------------------------------


def smallest_relaxation(problem: SelectionProblem) -> tuple[list[QuotaChange], str]:
    changes = _solve_relaxation(problem, respect_flex=True)
    if changes is not None:
        return changes, ""
    has_flex = any(q.min_flex is not None or q.max_flex is not None for q in problem.categories)
    if has_flex:
        changes = _solve_relaxation(problem, respect_flex=False)
        if changes is not None:
            return changes, "Dit gaat verder dan de kolommen min_flex/max_flex toestaan."
    return [], "Ook door de quota aan te passen is geen panel mogelijk; zie de oorzaak hierboven."


def _solve_relaxation(problem: SelectionProblem, *, respect_flex: bool) -> list[QuotaChange] | None:
    """min sum(lower_min + raise_max)  s.t. a panel exists with min - lower_min <= count <= max + raise_max."""
    num_groups, num_categories = len(problem.groups), len(problem.categories)
    lower_col = num_groups  # first 'lower the minimum' column
    raise_col = num_groups + num_categories  # first 'raise the maximum' column
    rows = _highs.Rows()
    rows.add(range(num_groups), [1.0] * num_groups, problem.k, problem.k)
    for c, groups in enumerate(problem.category_groups()):
        quota = problem.categories[c]
        rows.add([*groups, lower_col + c], [1.0] * len(groups) + [1.0], quota.min, _highs.INF)
        rows.add([*groups, raise_col + c], [1.0] * len(groups) + [-1.0], -_highs.INF, quota.max)
    for household in problem.households:
        rows.add(household, [1.0] * len(household), -_highs.INF, 1.0)
    max_lower, max_raise = [], []
    for quota in problem.categories:
        flex_min = quota.min_flex if respect_flex and quota.min_flex is not None else 0
        flex_max = quota.max_flex if respect_flex and quota.max_flex is not None else problem.k
        max_lower.append(max(0, quota.min - flex_min))
        max_raise.append(max(0, flex_max - quota.max))
    highs = _highs.new_highs()
    _highs.pass_model(
        highs,
        cost=np.r_[np.zeros(num_groups), np.ones(2 * num_categories)],
        lower=np.r_[problem.group_lower(), np.zeros(2 * num_categories)],
        upper=np.r_[problem.group_sizes(), max_lower, max_raise],
        rows=rows,
        integer=[True] * (num_groups + 2 * num_categories),
    )
    highs.run()
    if not _highs.is_optimal(highs):
        return None
    values = np.rint(_highs.column_values(highs)).astype(int)
    changes = []
    for c, quota in enumerate(problem.categories):
        lowered, raised = values[lower_col + c], values[raise_col + c]
        if lowered or raised:
            changes.append(
                QuotaChange(
                    quota.feature, quota.value, quota.min, quota.max, int(quota.min - lowered), int(quota.max + raised)
                )
            )
    return changes
