"""The entry point: from pool, quotas and panel size to a drawn panel with its lottery and reserves."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .errors import InfeasibleQuotasError, SelectionError
from .infeasible import explain_infeasibility
from .legacy import estimate_legacy_probabilities, legacy_draw
from .leximin import GroupLottery, leximin
from .lottery import MAX_SEED, draw_panel, expand_lottery, new_seed, order_reserves, replace_dropouts
from .pool import Pool, Quotas
from .problem import PanelSearch, SelectionProblem, build_problem

ALGORITHMS = ("leximin", "legacy")
DEFAULT_LEGACY_DRAWS = 1000
# Above this many concrete panels the lottery is only given as compositions (see expand_lottery).
DEFAULT_MAX_LOTTERY_PANELS = 1000


@dataclass
class Composition:
    """One entry of the lottery: with `probability`, draw `count` members uniformly from each group."""

    probability: float
    counts: dict[int, int]  # group index -> members drawn


@dataclass
class ProfileGroup:
    """Volunteers with the same profile (or one person alone, if forced or sharing a household)."""

    ids: list[str]
    profile: dict[str, str]


@dataclass
class SelectionResult:
    algorithm: str
    seed: int
    k: int
    panel: list[str]
    probabilities: dict[str, float]
    min_probability: float
    seconds: float
    reserves: list[str] = field(default_factory=list)
    # Concrete panels (ids, probability), exact; empty when it would be too long (see compositions).
    lottery: list[tuple[list[str], float]] = field(default_factory=list)
    compositions: list[Composition] = field(default_factory=list)
    groups: list[ProfileGroup] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stages: int = 0
    complete: bool = True


def select_panel(
    pool: Pool,
    quotas: Quotas,
    k: int,
    algorithm: str = "leximin",
    seed: int | None = None,
    *,
    forced_ids: Iterable[str] = (),
    household_columns: Sequence[str] = (),
    reserves: int | None = None,
    time_limit: float | None = None,
    legacy_draws: int = DEFAULT_LEGACY_DRAWS,
    max_lottery_panels: int = DEFAULT_MAX_LOTTERY_PANELS,
    progress: Callable[[float], None] | None = None,
) -> SelectionResult:
    """Select a panel of `k` people meeting every quota.

    leximin: the fairest lottery (Flanigan et al. 2021), then one panel drawn from it with `seed`.
    legacy:  the older greedy draw with `seed`; its probabilities are estimated from `legacy_draws`
             further draws.
    Raises InfeasibleQuotasError (with an explanation) when no panel meets the quotas, and
    SelectionError for unusable settings. `progress(fraction)` follows LEXIMIN's stages.
    """
    if algorithm not in ALGORITHMS:
        raise SelectionError(f"Onbekende methode '{algorithm}'; kies uit: {', '.join(ALGORITHMS)}.")
    seed = _check_seed(seed)
    started = time.perf_counter()
    problem = build_problem(pool, quotas, k, forced_ids=forced_ids, household_columns=household_columns)
    if algorithm == "leximin":
        result = _select_leximin(problem, seed, time_limit, max_lottery_panels, progress)
    else:
        result = _select_legacy(problem, seed, legacy_draws)
    chances = np.array([result.probabilities[person.id] for person in pool.people])
    eligible = chances > 0 if algorithm == "leximin" else np.ones(problem.n, dtype=bool)
    panel_indexes = _indexes(pool, result.panel)
    result.reserves = [pool.people[i].id for i in order_reserves(problem, panel_indexes, eligible, seed, reserves)]
    result.warnings = list(pool.warnings) + list(quotas.warnings) + result.warnings
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def _check_seed(seed: int | None) -> int:
    if seed is None:
        return new_seed()
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= int(seed) <= MAX_SEED:
        raise SelectionError(f"De seed moet een geheel getal tussen 0 en {MAX_SEED} zijn (gekregen: {seed}).")
    return int(seed)


def _indexes(pool: Pool, ids: list[str]) -> list[int]:
    position = {person.id: i for i, person in enumerate(pool.people)}
    return [position[person_id] for person_id in ids]


def _select_leximin(
    problem: SelectionProblem, seed: int, time_limit: float | None, max_lottery_panels: int, progress=None
) -> SelectionResult:
    lottery = leximin(problem, time_limit=time_limit, progress=progress)
    ids = [person.id for person in problem.pool.people]
    per_person = np.empty(problem.n)
    for g, group in enumerate(problem.groups):
        per_person[list(group.members)] = lottery.group_probability[g]
    panel = draw_panel(problem, lottery, seed)
    warnings = list(lottery.warnings)
    concrete = expand_lottery(problem, lottery, max_lottery_panels)
    if concrete is None:
        concrete = []
        warnings.append(
            f"Er zijn meer dan {max_lottery_panels} mogelijke panels. We tonen ze daarom per groep: hoeveel mensen "
            "met dezelfde kenmerken erin komen. Binnen zo'n groep heeft iedereen dezelfde kans."
        )
    return SelectionResult(
        algorithm="leximin",
        seed=seed,
        k=problem.k,
        panel=[ids[i] for i in panel],
        probabilities={ids[i]: float(per_person[i]) for i in range(problem.n)},
        min_probability=float(per_person.min()),
        seconds=0.0,
        lottery=[([ids[i] for i in members], float(p)) for members, p in concrete],
        compositions=_compositions(lottery),
        groups=[ProfileGroup([ids[i] for i in g.members], problem.profile(gi)) for gi, g in enumerate(problem.groups)],
        warnings=warnings,
        stages=lottery.stages,
        complete=lottery.complete,
    )


def _compositions(lottery: GroupLottery) -> list[Composition]:
    return [
        Composition(float(p), {int(g): int(c) for g, c in enumerate(counts) if c})
        for counts, p in zip(lottery.compositions, lottery.probabilities, strict=True)
    ]


def _select_legacy(problem: SelectionProblem, seed: int, draws: int) -> SelectionResult:
    if PanelSearch(problem).any_panel() is None:
        raise InfeasibleQuotasError(explain_infeasibility(problem))
    panel, _ = legacy_draw(problem, random.Random(seed))
    if panel is None:
        raise SelectionError(
            "De snelle manier vond na 100 pogingen geen panel met de goede aantallen per groep, maar zo'n panel "
            "bestaat wel. Kies de manier ‘Zo eerlijk mogelijk’."
        )
    ids = [person.id for person in problem.pool.people]
    warnings = []
    if draws > 0:
        estimate = estimate_legacy_probabilities(problem, draws, seed)
        per_person = estimate.probabilities
        warnings.append(
            f"LEGACY heeft geen expliciete loting: de kansen zijn geschat uit {estimate.draws} trekkingen "
            "en dus onnauwkeurig (vooral kleine kansen)."
        )
    else:
        per_person = np.full(problem.n, problem.k / problem.n)
        warnings.append("LEGACY: kansen niet geschat (0 trekkingen); gemiddelde kans k/n ingevuld.")
    return SelectionResult(
        algorithm="legacy",
        seed=seed,
        k=problem.k,
        panel=[ids[i] for i in panel],
        probabilities={ids[i]: float(per_person[i]) for i in range(problem.n)},
        min_probability=float(per_person.min()),
        seconds=0.0,
        warnings=warnings,
    )


def replace_dropouts_by_id(
    pool: Pool,
    quotas: Quotas,
    result: SelectionResult,
    dropout_ids: Sequence[str],
    *,
    forced_ids: Iterable[str] = (),
    household_columns: Sequence[str] = (),
) -> tuple[list[str], list[str], list[str]]:
    """Replace dropouts by the first reserves that keep every quota.

    Returns (new panel ids, reserves used, dropouts nobody could replace).
    """
    problem = build_problem(pool, quotas, result.k, forced_ids=forced_ids, household_columns=household_columns)
    unknown = [d for d in dropout_ids if d not in result.panel]
    if unknown:
        raise SelectionError("Deze afmelders zitten niet in het panel: " + ", ".join(unknown) + ".")
    panel, used, unresolved = replace_dropouts(
        problem, _indexes(pool, result.panel), _indexes(pool, result.reserves), _indexes(pool, list(dropout_ids))
    )
    ids = [person.id for person in pool.people]
    return [ids[i] for i in panel], [ids[i] for i in used], [ids[i] for i in unresolved]


# --- JSON ----------------------------------------------------------------------------------------


def result_to_dict(result: SelectionResult) -> dict:
    return {
        "algorithm": result.algorithm,
        "seed": result.seed,
        "k": result.k,
        "panel": result.panel,
        "probabilities": result.probabilities,
        "min_probability": result.min_probability,
        "seconds": result.seconds,
        "reserves": result.reserves,
        "lottery": [{"panel": ids, "probability": p} for ids, p in result.lottery],
        "compositions": [
            {"probability": c.probability, "counts": [{"group": g, "count": n} for g, n in c.counts.items()]}
            for c in result.compositions
        ],
        "groups": [{"group": i, "profile": g.profile, "ids": g.ids} for i, g in enumerate(result.groups)],
        "stages": result.stages,
        "complete": result.complete,
        "warnings": result.warnings,
    }


def result_to_json(result: SelectionResult, *, indent: int | None = 2) -> str:
    """JSON text; <, > and & are escaped so the text is also safe inside an HTML <script> block."""
    text = json.dumps(result_to_dict(result), ensure_ascii=False, indent=indent)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
