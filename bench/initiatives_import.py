#!/usr/bin/env python
"""Time and memory of importing an inventory of initiatives, and of the gap matrix over it.

Makes a CSV of --rows initiatives with multi-valued cells (topics, target groups, reaches, themes)
and imports it into a fresh programme on a fresh SQLite database (or DATABASE_URL) in a temporary
data folder: first as new rows, then the same file again (nothing changes), then a file in which
every row changed. Prints one JSON object with the seconds of every step (wall and CPU) and the
process's peak resident memory after it; ``--tracemalloc`` adds the peak of
Python allocations. The load average is printed too: on a shared machine wall time follows it.

    .venv/bin/python bench/initiatives_import.py [--rows 10000] [--tracemalloc]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TOPICS = ["Prestatiemaatschappij", "Sociale media", "Verbinding/sociale cohesie", "Algehele mentale gezondheid"]
GROUPS = ["Professionals", "Burgers algemeen", "Ouders", "Jeugdigen"]
REACHES = ["Lokaal", "Regionaal", "Nationaal"]
THEMES = ["Online omgangsvormen", "Opgroeimaatjes", "Iedereen heeft talent"]
CATEGORIES = ["Campagnes", "Spel- en lesmateriaal", "Informele/laagdrempelige hulp", "Platforms"]


def rows(n: int, variant: str = "") -> list[list[str]]:
    result = []
    for i in range(n):
        result.append([
            f"Initiatief {i}", f"https://www.voorbeeld.nl/{i}", f"Organisatie {i % 97}", CATEGORIES[i % 4],
            f"Doel van initiatief {i}{variant}: jongeren en ouders met elkaar in gesprek brengen over opgroeien.",
            "Bijeenkomsten in de wijk. Lesmateriaal. Een podcast.",
            "; ".join(TOPICS[j] for j in range(4) if (i >> j) & 1) or TOPICS[i % 4],
            "; ".join(GROUPS[j] for j in range(4) if (i >> (j + 1)) & 1) or GROUPS[i % 4],
            "; ".join(REACHES[j] for j in range(3) if (i >> (j + 2)) & 1) or REACHES[i % 3],
            THEMES[i % 3] if not variant else THEMES[(i + 1) % 3],
        ])
    return result


def csv_bytes(table: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["naam", "link", "eigenaar", "categorie", "doel", "aanpak", "onderwerp", "doelgroep", "reikwijdte", "thema"])
    writer.writerows(table)
    return buffer.getvalue().encode("utf-8")


TRACE = False


def measure(label: str, results: dict, func):
    """Wall and CPU seconds, and the process's peak resident memory after the step. With --tracemalloc also
    the peak of Python allocations (tracing slows Python down several times, so then the seconds are not comparable)."""
    if TRACE:
        tracemalloc.start()
    start, cpu = time.perf_counter(), time.process_time()
    value = func()
    results[label] = {"seconds": round(time.perf_counter() - start, 3), "cpu_seconds": round(time.process_time() - cpu, 3),
                      "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}
    if TRACE:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        results[label]["peak_python_mb"] = round(peak / 1024 / 1024, 1)
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--tracemalloc", action="store_true", help="also the peak of Python allocations (slower)")
    args = parser.parse_args()
    global TRACE
    TRACE = args.tracemalloc
    os.environ.setdefault("MIA_DATA_DIR", tempfile.mkdtemp(prefix="mia-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "mia.settings"
    os.environ.setdefault("MIA_JOB_QUEUE", "immediate")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from mia.programmes import actions, queries
    from mia.tests.factories import make_user

    user = make_user("bench")
    programme = actions.create_programme(user, "Benchmark")
    first, changed = csv_bytes(rows(args.rows)), csv_bytes(rows(args.rows, variant=" (bijgewerkt)"))
    results: dict = {"rows": args.rows, "file_mb": round(len(first) / 1024 / 1024, 2), "database": connection.vendor}

    def run(data):
        record = actions.start_inventory_import(programme, data, "bench.csv", user, inline=True)
        assert record.status == "klaar", record.issues[:3]
        return record

    record = measure("import_new", results, lambda: run(first))
    results["import_new"]["created"] = record.created_count
    record = measure("import_same_again", results, lambda: run(first))
    results["import_same_again"]["unchanged"] = record.unchanged_count
    record = measure("import_all_changed", results, lambda: run(changed))
    results["import_all_changed"]["updated"] = record.updated_count
    cells = measure("gap_matrix", results, lambda: queries.gap_matrix(programme)["cells"])
    results["gap_matrix"]["cells"] = len(cells)
    results["load_average"] = round(os.getloadavg()[0], 2)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
