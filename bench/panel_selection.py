"""Benchmark: our LEXIMIN (HiGHS, group counts) against `sortition-algorithms` from PyPI.

Usage (from the repository root, with the project's virtualenv):

    nice .venv/bin/python bench/panel_selection.py --small            # 3 generated instances, quick
    nice .venv/bin/python bench/panel_selection.py --timeout 600      # the full generated set
    nice .venv/bin/python bench/panel_selection.py --examples         # ours on the paper's instances

`sortition-algorithms` is a bench-only dependency (pip install sortition-algorithms; not in
pyproject). Its LEXIMIN needs Gurobi; without it we call its MAXIMIN with the HiGHS backend, the
nearest open-solver method (LEXIMIN's minimum probability equals MAXIMIN's, so min_probability is
comparable). The reference runs in a child process with a wall-clock --timeout, one solver at a
time. Every instance prints one JSON line; a summary line ends the run.

Generated instances: pools of 200-2,000 volunteers with 4-8 features, self-selected (volunteers
lean towards some categories, and features correlate through a shared latent trait), panels of
20-170, quotas from population shares: tight (floor/ceil of share * k) on half of the features,
loose (±25%) on the others, widened by one where needed until a panel exists.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mia.panels.selection import Pool, Quota, Quotas, build_problem, read_pool, read_quotas  # noqa: E402
from mia.panels.selection.leximin import leximin  # noqa: E402
from mia.panels.selection.problem import PanelSearch  # noqa: E402

DATA = ROOT / ".." / "shared" / "data" / "sortition"

FEATURES = [
    ("leeftijd", ["18-29", "30-44", "45-64", "65+"]),
    ("geslacht", ["man", "vrouw", "anders"]),
    ("opleiding", ["praktisch", "middelbaar", "theoretisch"]),
    ("migratieachtergrond", ["geen", "eerste generatie", "tweede generatie"]),
    ("woonomgeving", ["stedelijk", "landelijk"]),
    ("regio", ["noord", "oost", "zuid", "west", "randstad"]),
    ("inkomen", ["laag", "midden", "hoog"]),
    ("werk", ["werkend", "werkzoekend", "student", "gepensioneerd", "anders"]),
]

# (seed, pool size, panel size, features)
FULL_SET = [
    (1, 200, 20, 4),
    (2, 300, 30, 5),
    (3, 500, 40, 6),
    (4, 600, 50, 8),
    (5, 800, 60, 5),
    (6, 1000, 80, 6),
    (7, 1200, 100, 7),
    (8, 1500, 110, 6),
    (9, 2000, 150, 8),
    (10, 2000, 170, 4),
]
SMALL_SET = [(1, 200, 20, 4), (2, 300, 30, 5), (11, 400, 35, 4)]


@dataclass
class Instance:
    name: str
    people: list[dict[str, str]]
    quotas: list[tuple[str, str, int, int]]
    k: int

    @property
    def features(self) -> list[str]:
        return list(dict.fromkeys(q[0] for q in self.quotas))

    def pool_and_quotas(self) -> tuple[Pool, Quotas]:
        return Pool.from_records(self.people, self.features), Quotas([Quota(*q) for q in self.quotas])

    def features_csv(self) -> str:
        return _csv([["feature", "value", "min", "max"], *[list(q) for q in self.quotas]])

    def people_csv(self) -> str:
        columns = ["id", *self.features]
        return _csv([columns, *[[person[c] for c in columns] for person in self.people]])


def _csv(rows: list[list]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


# --- instance generation -------------------------------------------------------------------------


def generate(seed: int, n: int, k: int, num_features: int) -> Instance:
    rng = np.random.default_rng(seed)
    features = FEATURES[:num_features]
    trait = rng.normal(0.6, 1.0, n)  # e.g. civic engagement: volunteers are not a random sample
    columns: dict[str, list[str]] = {}
    shares: dict[str, np.ndarray] = {}
    for name, values in features:
        share = np.array([0.49, 0.49, 0.02]) if name == "geslacht" else rng.dirichlet(np.full(len(values), 4.0))
        bias = rng.normal(0, 0.8, len(values))
        logits = np.log(share)[None, :] + bias[None, :] * trait[:, None]
        chance = np.exp(logits - logits.max(axis=1, keepdims=True))
        chance /= chance.sum(axis=1, keepdims=True)
        picks = (chance.cumsum(axis=1) > rng.random(n)[:, None]).argmax(axis=1)
        columns[name] = [values[p] for p in picks]
        shares[name] = share
    people = [{"id": f"v{i:04d}", **{name: columns[name][i] for name, _ in features}} for i in range(n)]
    quotas = _feasible_quotas(people, features, shares, k)
    return Instance(f"gen-s{seed}-n{n}-k{k}-f{num_features}", people, quotas, k)


def _feasible_quotas(people, features, shares, k) -> list[tuple[str, str, int, int]]:
    widen = 0
    while True:
        quotas = []
        for index, (name, values) in enumerate(features):
            tight = index % 2 == 0
            for value, share in zip(values, shares[name], strict=False):
                target = share * k
                low, high = (
                    (math.floor(target), math.ceil(target))
                    if tight
                    else (math.floor(0.75 * target), math.ceil(1.25 * target))
                )
                quotas.append((name, value, max(0, low - widen), min(k, high + widen)))
        instance = Instance("check", people, quotas, k)
        pool, quota_set = instance.pool_and_quotas()
        if PanelSearch(build_problem(pool, quota_set, k)).any_panel() is not None:
            return quotas
        widen += 1


def paper_instance(
    folder: str,
    k: int,
    id_column: str | None = None,
    people_file: str = "respondents.csv",
    features_file: str = "categories.csv",
) -> tuple[str, Pool, Quotas, int]:
    quotas = read_quotas(DATA / folder / features_file)
    pool = read_pool(DATA / folder / people_file, quotas, id_column=id_column)
    return folder, pool, quotas, k


# --- solving -------------------------------------------------------------------------------------


def solve_ours(pool: Pool, quotas: Quotas, k: int, time_limit: float | None) -> dict:
    """Time to the full lottery: grouping, LEXIMIN stages and the final LP (like the reference's call)."""
    started = time.perf_counter()
    problem = build_problem(pool, quotas, k)
    solve_started = time.perf_counter()
    lottery = leximin(problem, time_limit=time_limit)
    seconds = time.perf_counter() - started
    lottery_seconds = time.perf_counter() - solve_started
    return {
        "min_probability": round(float(lottery.group_probability.min()), 6),
        "seconds": round(seconds, 3),
        "minimum_seconds": round(lottery.minimum_seconds + (seconds - lottery_seconds), 3),
        "groups": len(problem.groups),
        "stages": lottery.stages,
        "complete": lottery.complete,
    }


def solve_reference(instance: Instance, timeout: float) -> dict:
    """sortition-algorithms' MAXIMIN (HiGHS) in a child process, killed after `timeout` seconds."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump({"features": instance.features_csv(), "people": instance.people_csv(), "k": instance.k}, handle)
        path = handle.name
    try:
        completed = subprocess.run(
            [sys.executable, __file__, "--reference-worker", path],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"ref_min_probability": None, "ref_seconds": None, "ref_status": f"timeout after {timeout:g} s"}
    finally:
        Path(path).unlink(missing_ok=True)
    if completed.returncode != 0:
        return {
            "ref_min_probability": None,
            "ref_seconds": None,
            "ref_status": "error: " + completed.stderr.strip()[-300:],
        }
    return json.loads(completed.stdout.strip().splitlines()[-1])


def reference_worker(path: str) -> None:
    """Runs inside the child process: read the instance, solve with sortition-algorithms, print JSON."""
    import logging

    logging.disable(logging.CRITICAL)  # the package logs every iteration
    from importlib.metadata import version

    from sortition_algorithms import CSVStringDataSource, SelectionData, Settings
    from sortition_algorithms.committee_generation import (
        GUROBI_AVAILABLE,
        find_distribution_leximin,
        find_distribution_maximin,
    )

    spec = json.loads(Path(path).read_text())
    data = SelectionData(CSVStringDataSource(spec["features"], spec["people"]))
    features, _ = data.load_features(spec["k"])
    people, _ = data.load_people(Settings(id_column="id", columns_to_keep=[]), features)
    method = "leximin (gurobi)" if GUROBI_AVAILABLE else "maximin (highspy)"
    started = time.perf_counter()
    if GUROBI_AVAILABLE:
        committees, probabilities, _ = find_distribution_leximin(features, people, spec["k"], [])
    else:
        committees, probabilities, _ = find_distribution_maximin(features, people, spec["k"], [], "highspy")
    seconds = time.perf_counter() - started
    chance = dict.fromkeys(people, 0.0)
    for committee, probability in zip(committees, probabilities, strict=False):
        for person in committee:
            chance[person] += probability
    print(
        json.dumps(
            {
                "ref_min_probability": round(min(chance.values()), 6),
                "ref_seconds": round(seconds, 3),
                "ref_method": f"sortition-algorithms {version('sortition-algorithms')} {method}",
            }
        )
    )


# --- runs ----------------------------------------------------------------------------------------


def run_generated(specs, timeout: float, time_limit: float | None, with_reference: bool) -> None:
    ratios, bounds, timeouts = [], [], 0
    for seed, n, k, num_features in specs:
        instance = generate(seed, n, k, num_features)
        pool, quotas = instance.pool_and_quotas()
        row = {"name": instance.name, "n": n, "k": k, **solve_ours(pool, quotas, k, time_limit)}
        if with_reference:
            row.update(solve_reference(instance, timeout))
            if row.get("ref_seconds"):
                ratios.append(row["ref_seconds"] / max(row["seconds"], 1e-3))
                bounds.append(ratios[-1])
                row["speedup"] = round(ratios[-1], 1)
                row["min_probability_gap"] = round(row["min_probability"] - row["ref_min_probability"], 6)
            else:
                timeouts += 1
                bounds.append(timeout / max(row["seconds"], 1e-3))  # the reference took at least `timeout`
                row["speedup_at_least"] = round(bounds[-1], 1)
        print(json.dumps(row), flush=True)
    if with_reference:
        summary = {
            "summary": "generated",
            "instances": len(specs),
            "reference_timeouts": timeouts,
            "geomean_speedup_where_both_finished": _geomean(ratios),
            "geomean_speedup_lower_bound_all": _geomean(bounds),
            "our_time_limit": time_limit,
            "reference_timeout": timeout,
        }
        print(json.dumps(summary), flush=True)


def _geomean(values: list[float]) -> float | None:
    return round(math.exp(sum(map(math.log, values)) / len(values)), 2) if values else None


def run_examples(time_limit: float | None) -> None:
    instances = [
        paper_instance("example_small_20", 20),
        paper_instance("example_large_200", 200),
        paper_instance("sortition-algorithms-fixture", 22, "nationbuilder_id", "candidates.csv", "features.csv"),
    ]
    for name, pool, quotas, k in instances:
        print(json.dumps({"name": name, "n": len(pool), "k": k, **solve_ours(pool, quotas, k, time_limit)}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", action="store_true", help="a quick run on three small generated instances")
    parser.add_argument(
        "--examples", action="store_true", help="ours on example_small_20, example_large_200 and the fixture"
    )
    parser.add_argument("--timeout", type=float, default=600.0, help="wall-clock limit per reference solve (s)")
    parser.add_argument("--time-limit", type=float, default=None, help="our limit for refining the higher chances (s)")
    parser.add_argument("--no-reference", action="store_true", help="skip sortition-algorithms")
    parser.add_argument("--seeds", help="only the generated instances with these seeds, e.g. 9,10")
    parser.add_argument("--reference-worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.reference_worker:
        reference_worker(args.reference_worker)
    elif args.examples:
        run_examples(args.time_limit)
    else:
        specs = SMALL_SET if args.small else FULL_SET
        if args.seeds:
            wanted = {int(seed) for seed in args.seeds.split(",")}
            specs = [spec for spec in FULL_SET + SMALL_SET if spec[0] in wanted]
        run_generated(specs, args.timeout, args.time_limit, not args.no_reference)


if __name__ == "__main__":
    main()
