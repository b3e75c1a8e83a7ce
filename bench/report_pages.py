#!/usr/bin/env python
"""Response times of the assessment pages and report downloads with the demo data.

Runs in-process through Django's test client on a fresh SQLite database (or
DATABASE_URL) in a temporary data folder, and prints one JSON object:
per page the median and p95 milliseconds over --repeat requests, plus the
number of SQL queries one request makes.

    .venv/bin/python bench/report_pages.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("MIA_DATA_DIR", tempfile.mkdtemp(prefix="mia-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "mia.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("loaddemo", stdout=open(os.devnull, "w"))
    from django.contrib.auth import get_user_model

    from mia.assessments.models import Assessment

    user = get_user_model().objects.get(username="demo")
    assessment = Assessment.objects.filter(memberships__user=user).first()
    client = Client()
    client.force_login(user)
    pages = {
        "overview": reverse("assessments:detail", args=[assessment.pk]),
        "scan": reverse("assessments:scan", args=[assessment.pk]),
        "questions": reverse("assessments:questions", args=[assessment.pk]),
        "chart": reverse("assessments:chart", args=[assessment.pk]),
        "report_html": reverse("reports:report", args=[assessment.pk]),
        "report_pdf": reverse("reports:pdf", args=[assessment.pk]),
        "report_docx": reverse("reports:docx", args=[assessment.pk]),
        "export_json": reverse("reports:json", args=[assessment.pk]),
    }
    settings.DEBUG = True  # to count queries
    results = {}
    for name, url in pages.items():
        times = []
        for _i in range(args.repeat):
            reset_queries()
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (name, response.status_code)
            queries = len(connection.queries)
        times.sort()
        results[name] = {
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1),
            "queries": queries,
            "bytes": len(response.content),
        }
    cards = sum(r.cards.count() for s in assessment.sessions.all() for r in s.rounds.all())
    print(json.dumps({
        "database": connection.vendor,
        "repeat": args.repeat,
        "demo_cards": cards,
        "pages": results,
        "ratio_pdf_to_html": round(results["report_pdf"]["median_ms"] / results["report_html"]["median_ms"], 1),
    }, indent=2))


if __name__ == "__main__":
    main()
