#!/usr/bin/env python
"""CPU of one card PUT (and of a facilitator's step) in the Django process: where the milliseconds go.

Runs N card PUTs (and N long-poll state reads) through Django's own request handler in this
process (middleware, django-ninja, the ORM, the database driver; no HTTP server, no network),
against a fresh database: SQLite in a temporary folder, or a fresh PostgreSQL database
(``--db postgresql``). Half of the PUTs create a card, half update one. Prints JSON with the
CPU milliseconds per request (``time.process_time``: this process only; PostgreSQL's own CPU is
not in it) and, with ``--profile``, the functions with the most cumulative time under cProfile.
The facilitator's side is measured too: a step (``open_round``, alternating between two rounds,
as at a round change), the wall refresh of the projector and its page, each with its queries.

    .venv/bin/python bench/card_put_profile.py --requests 2000
    .venv/bin/python bench/card_put_profile.py --db postgresql --requests 2000 --profile 25
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import secrets
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--profile", type=int, default=0, help="print this many functions of the PUT profile")
    args = parser.parse_args(argv)

    data_dir = tempfile.mkdtemp(prefix="mia-put-profile-")
    pg_name = ""
    os.environ.update({"DJANGO_SETTINGS_MODULE": "mia.settings", "MIA_DEBUG": "false", "MIA_DATA_DIR": data_dir,
                       "MIA_SECRET_KEY": secrets.token_urlsafe(48), "MIA_ALLOWED_HOSTS": "testserver",
                       "MIA_LOG_LEVEL": "WARNING"})
    os.environ.pop("DATABASE_URL", None)
    if args.db == "postgresql":
        import psycopg

        pg_name = f"mia_put_profile_{os.getpid()}"
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{pg_name}"')
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{pg_name}"
    try:
        print(json.dumps(run(args), indent=2))
    finally:
        if pg_name:
            from django.db import connections

            connections.close_all()
            import psycopg

            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')


def run(args) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from mia.assessments.actions import choose_bank_question
    from mia.dialogues.actions import create_session
    from mia.instrument.loader import load_content_file
    from mia.instrument.models import BankQuestion
    from mia.live import actions
    from mia.tests.factories import make_assessment, make_user

    call_command("migrate", verbosity=0)
    load_content_file()
    user = make_user("profiel")
    assessment = make_assessment(user, title="Profiel van een kaartje")
    for bank_question in BankQuestion.objects.filter(version=assessment.content_version)[:2]:
        choose_bank_question(assessment, bank_question)
    session = actions.start_live(create_session(assessment))
    tokens = [actions.join_by_code(session, accept=True).invite_token for _ in range(args.participants)]
    round_ = actions.next_round(session)
    client = Client()
    kinds = ["conclusie", "idee"]

    def put(i: int):
        token = tokens[i % len(tokens)]
        body = {"round": round_.pk, "kind": kinds[(i // len(tokens)) % 2], "text": f"De bus rijdt te weinig, kaartje {i}."}
        return client.put(f"/api/live/deelnemer/{token}/cards/{uuid.uuid4()}", data=json.dumps(body),
                          content_type="application/json")

    def state(i: int):
        return client.get(f"/api/live/deelnemer/{tokens[i % len(tokens)]}/state")

    for i in range(50):  # warm up: imports, caches, the first connection
        assert put(i).status_code == 200
        assert state(i).status_code == 200
    results = {"db": args.db, "requests": args.requests}
    for name, request in (("put", put), ("state", state)):
        started_cpu, started = time.process_time(), time.perf_counter()
        for i in range(args.requests):
            response = request(i)
            assert response.status_code == 200, (response.status_code, response.content[:300])
        cpu, wall = time.process_time() - started_cpu, time.perf_counter() - started
        results[f"{name}_cpu_ms_per_request"] = round(1000 * cpu / args.requests, 3)
        results[f"{name}_wall_ms_per_request"] = round(1000 * wall / args.requests, 3)
    results.update(facilitator_costs(user, session, args.requests // 10 or 1))
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for i in range(args.requests):
            put(i)
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(args.profile)
        results["put_profile_cumulative"] = [line for line in out.getvalue().splitlines() if line.strip()][:args.profile + 8]
    return results


def facilitator_costs(user, session, requests: int) -> dict:
    """CPU and queries of the facilitator's step and wall refresh, through the full middleware."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    rounds = list(session.rounds.filter(question__isnull=False).values_list("pk", flat=True)[:2])

    def steer(i: int):
        return client.post(f"/api/live/sessies/{session.pk}/stappen",
                           data=json.dumps({"action": "open_round", "round": rounds[i % 2]}),
                           content_type="application/json")

    def wall(i: int):
        return client.get(f"/api/live/sessies/{session.pk}")

    def page(i: int):  # the projector reloads it when the round changes
        return client.get(f"/mia/{session.assessment_id}/stap-3/live/{session.pk}/")

    results = {}
    for name, request in (("steer", steer), ("wall", wall), ("page", page)):
        for i in range(5):
            assert request(i).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            request(0)
        results[f"{name}_queries"] = len(queries)
        started_cpu = time.process_time()
        for i in range(requests):
            response = request(i)
            assert response.status_code == 200, (response.status_code, response.content[:300])
        results[f"{name}_cpu_ms_per_request"] = round(1000 * (time.process_time() - started_cpu) / requests, 3)
    return results


if __name__ == "__main__":
    main()
