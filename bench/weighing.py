"""Benchmark: the weighing of issue 15 (mia.measures.weighing.weigh) at the size the issue names.

Usage (from the repository root, with the project's virtualenv):

    nice .venv/bin/python bench/weighing.py                         # 200 measures × 30 criteria, 100,000 samples
    nice .venv/bin/python bench/weighing.py --alternatives 20 --criteria 6 --samples 10000 --repeat 5

Random scores (0–10, seed 1) and weights (0–5, a third of the criteria "min"). Prints one JSON line:
wall time per run (min and median of --repeat runs), the split between the ranking + stability and
the rank acceptability, the peak of Python allocations during one run (tracemalloc, which also sees
numpy's buffers) and the process's maximum resident set size. The goal in the issue: under 2 s.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mia.measures.weighing import Alternative, Criterion, normalise_scores, normalise_weights, rank_acceptability, weigh  # noqa: E402


def problem(n: int, m: int, seed: int = 1):
    rng = np.random.default_rng(seed)
    criteria = [Criterion(f"c{j}", float(rng.integers(0, 6)) or 1.0, "min" if j % 3 == 2 else "max") for j in range(m)]
    scores = rng.integers(0, 11, size=(n, m))
    alternatives = [Alternative(f"m{i}", {f"c{j}": float(scores[i, j]) for j in range(m)}) for i in range(n)]
    return criteria, alternatives


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alternatives", type=int, default=200)
    parser.add_argument("--criteria", type=int, default=30)
    parser.add_argument("--samples", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    criteria, alternatives = problem(args.alternatives, args.criteria)

    times = []
    for run in range(args.repeat):
        start = time.perf_counter()
        result = weigh(criteria, alternatives, samples=args.samples, seed=run)
        times.append(time.perf_counter() - start)

    # The rank acceptability alone (the sampling), to see where the time goes.
    values, _ranges = normalise_scores(criteria, alternatives)
    start = time.perf_counter()
    rank_acceptability(values, args.samples, 0)
    sampling = time.perf_counter() - start
    normalise_weights(criteria)

    tracemalloc.start()
    weigh(criteria, alternatives, samples=args.samples, seed=0)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(json.dumps({
        "bench": "weighing",
        "alternatives": args.alternatives, "criteria": args.criteria, "samples": args.samples, "repeat": args.repeat,
        "seconds_min": round(min(times), 3), "seconds_median": round(statistics.median(times), 3),
        "seconds_rank_acceptability": round(sampling, 3),
        "peak_traced_mb": round(peak / 1e6, 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "top": result.top.name, "goal_seconds": 2.0, "within_goal": min(times) < 2.0,
    }))


if __name__ == "__main__":
    main()
