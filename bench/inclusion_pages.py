#!/usr/bin/env python
"""Response times of the inclusion pages and exports: the demo trajectory, and a large one.

Runs in-process through Django's test client on a fresh SQLite database (or DATABASE_URL) in a
temporary data folder, and prints one JSON object: per page the median and p95 milliseconds over
--repeat requests and the number of SQL queries one request makes. The large trajectory has the
most the app allows of what makes exports long (50 indicators with --measurements each, 60
members, 50 vlechtwerk checks of 12 factors), to see whether exports need the job queue.

    .venv/bin/python bench/inclusion_pages.py [--repeat 5] [--measurements 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def build_large(user, organisation, measurements: int):
    from mia.inclusion import actions
    from mia.instrument.factors import load_lens

    t = actions.create_trajectory(user, organisation, title="Groot traject", municipality="Gemeente Groot")
    codes = load_lens().codes
    for n in range(50):
        check = actions.create_check(t, name=f"Beleid {n}")
        actions.save_factor_answers(check, {c: {"anders": f"Tekst {n} {c} " * 10, "aanpak": "Aanpak " * 20} for c in codes})
    for n in range(60):
        actions.add_member(t.working_group, name=f"Lid {n}", role="adviseur", perspectives=list(codes[n % 12: n % 12 + 2]))
    plan = t.monitoring
    for n in range(50):
        indicator = actions.add_indicator(plan, name=f"Indicator {n}", unit="%", direction="hoger", target=Decimal("60"))
        for m in range(measurements):
            actions.add_measurement(indicator, measured_on=dt.date(2000 + m, 1, 1), value=Decimal(30 + (m * 7 + n) % 40), note="Duiding " * 5)
    return t


def measure(client, url, repeat):
    from django.db import connection, reset_queries

    times = []
    for _i in range(repeat):
        reset_queries()
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(connection.queries)
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1),
        "queries": queries,
        "bytes": len(response.content),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--measurements", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("MIA_DATA_DIR", tempfile.mkdtemp(prefix="mia-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "mia.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from mia.demo.inclusion_example import find_demo

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("loaddemo", stdout=open(os.devnull, "w"))
    user = get_user_model().objects.get(username="demo")
    demo = find_demo()
    start = time.perf_counter()
    large = build_large(user, demo.organisation, args.measurements)
    build_seconds = round(time.perf_counter() - start, 1)
    client = Client()
    client.force_login(user)
    settings.DEBUG = True  # to count queries
    results = {}
    for label, t in (("demo", demo), ("large", large)):
        pages = {
            "stappenplan": reverse("inclusion:trajectory", args=[t.pk]),
            "stap_1_verkenning": reverse("inclusion:step", args=[t.pk, 1]),
            "stap_5_monitoring": reverse("inclusion:step", args=[t.pk, 5]),
            "werkgroep": reverse("inclusion:precondition", args=[t.pk, 2]),
            "wie_ontbreekt": reverse("inclusion:coverage", args=[t.pk]),
            "overzicht": reverse("inclusion:summary", args=[t.pk]),
            "pdf": reverse("inclusion:export_pdf", args=[t.pk]),
            "docx": reverse("inclusion:export_docx", args=[t.pk]),
            "json": reverse("inclusion:export_json", args=[t.pk]),
        }
        results[label] = {name: measure(client, url, args.repeat) for name, url in pages.items()}
    print(json.dumps({
        "database": connection.vendor,
        "repeat": args.repeat,
        "large": {"checks": 50, "members": 60, "indicators": 50, "measurements_each": args.measurements, "build_s": build_seconds},
        "pages": results,
    }, indent=2))


if __name__ == "__main__":
    main()
