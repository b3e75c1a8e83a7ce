#!/usr/bin/env python
"""Response times of the advice pages and exports: the demo impact team, and a large structure.

In-process through Django's test client on a fresh SQLite database (or DATABASE_URL) in a temporary
data folder; prints one JSON object: per page the median and p95 milliseconds over --repeat requests,
the number of SQL queries of one request and the response size. The large structure has --items items
on its timeline, a body of 40 voting members who all vote, 30 expert inputs, all 11 practice circles
and 20 stories in one trajectory — to see whether the timeline needs paging and exports the job queue.
Also the pure vote count (``voting.decide``) for 10,000 members.

    .venv/bin/python bench/advice_pages.py [--repeat 5] [--items 2000]
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def build_large(user, organisation, items: int):
    from mia.advice import actions

    s = actions.create_structure(user, organisation, "Groot", template_key="impactteam")
    mit, szw = s.bodies.get(key="mit"), s.bodies.get(key="szw")
    people = [actions.add_member(mit, name=f"Lid {n}", role="voorzitter" if n == 0 else "lid") for n in range(40)]
    day = dt.date(2020, 1, 1)
    for n in range(items):
        actions.send_item(s, user, sender=szw, receiver=mit, kind="adviesvraag", title=f"Vraag {n}", text="Tekst " * 30,
                          sent_on=day + dt.timedelta(days=n % 1500))
    t = actions.create_trajectory(s, body=mit, title="Groot advies", receiver=szw)
    for n in range(30):
        e = actions.add_expert(s, kind="pool", organisation=f"Instituut {n}", area="zorg")
        actions.record_expert_input(t, expert=e, summary="Inbreng " * 60)
    for c in s.circles.all():
        actions.record_circle_input(t, user, circle=c, summary="Inbreng " * 60)
    for n in range(20):
        actions.add_story(t, title=f"Verhaal {n}", text="Verhaal " * 100, consent=True)
    actions.write_advice(t, summary="Kort. " * 20, advice_text="Advies. " * 2000, considerations="Overweging. " * 300)
    votes = {p.pk: {"choice": "voor"} for p in people}
    votes[people[-1].pk] = {"choice": "tegen", "reason": "Nee.", "minority_opinion": "Anders " * 50, "in_advice": True}
    actions.record_decision(t, user, held_on=day, present=people, votes=votes)
    return s, t


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
    return {"median_ms": round(statistics.median(times), 1), "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1),
            "queries": queries, "bytes": len(response.content)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--items", type=int, default=2000)
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

    from mia.advice import voting
    from mia.advice.models import Structure
    from mia.demo.advice_example import MIT_UID

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("loaddemo", stdout=open(os.devnull, "w"))
    user = get_user_model().objects.get(username="demo")
    demo = Structure.objects.get(uid=MIT_UID)
    start = time.perf_counter()
    large, large_t = build_large(user, demo.organisation, args.items)
    build_seconds = round(time.perf_counter() - start, 1)
    client = Client()
    client.force_login(user)
    settings.DEBUG = True
    results = {}
    for label, s, t in (("demo", demo, demo.trajectories.get()), ("large", large, large_t)):
        pages = {
            "structuur": reverse("advice:structure", args=[s.pk]),
            "tijdlijn": reverse("advice:items", args=[s.pk]),
            "traject": reverse("advice:trajectory", args=[s.pk, t.pk]),
            "stemming": reverse("advice:decision", args=[s.pk, t.pk]),
            "register": reverse("advice:register", args=[s.uid]),
            "pdf": reverse("advice:advice_pdf", args=[s.pk, t.pk]),
            "docx": reverse("advice:advice_docx", args=[s.pk, t.pk]),
            "json": reverse("advice:advice_json", args=[s.pk, t.pk]),
        }
        results[label] = {name: measure(client, url, args.repeat) for name, url in pages.items()}
    members = list(range(10_000))
    votes = {m: ("voor" if m % 3 else "tegen") for m in members}
    start = time.perf_counter()
    outcome = voting.decide(votes, members=members, present=members)
    decide_ms = round((time.perf_counter() - start) * 1000, 2)
    print(json.dumps({"bench": "advice_pages", "database": connection.vendor, "repeat": args.repeat,
                      "large": {"items": args.items, "members": 40, "expert_inputs": 30, "circles": 11, "stories": 20,
                                "build_s": build_seconds},
                      "pages": results, "decide_10000_members_ms": decide_ms, "decide_result": outcome.result}, indent=2))


if __name__ == "__main__":
    main()
