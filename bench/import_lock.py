#!/usr/bin/env python
"""How long a large JSON import of an MIA keeps a phone's card waiting (SQLite's one write lock).

Makes an MIA with a dialogue, exports it, blows its cards up to --cards, and imports that file
into a fresh database (a temporary SQLite file, or DATABASE_URL) while a second thread writes one
card every --interval seconds into another MIA, as a phone in a live session would. Prints one
JSON object per mode: the import's seconds and the writer's waits (max, p95, median), so the
longest time a card waited for the import's lock is visible.

Modes: ``batched`` is how ``mia.reports.exchange.import_assessment`` writes (cards in batches of
``CARD_BATCH_SIZE``, each in its own short transaction); ``one_transaction`` wraps the same import in
one transaction, as it was before (issue 11, item 18).

    .venv/bin/python bench/import_lock.py [--cards 75000] [--modes batched,one_transaction]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=75_000)
    parser.add_argument("--interval", type=float, default=0.02, help="seconds between the phone's card writes")
    parser.add_argument("--modes", default="batched,one_transaction")
    args = parser.parse_args()
    os.environ.setdefault("MIA_DATA_DIR", tempfile.mkdtemp(prefix="mia-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "mia.settings"
    os.environ.setdefault("MIA_JOB_QUEUE", "immediate")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from mia.dialogues.models import ConclusionCard
    from mia.instrument.loader import load_content_file
    from mia.reports import exchange
    from mia.tests.factories import make_assessment, make_dialogue, make_user

    load_content_file()
    user = make_user("bench", role="kernteam")
    source = make_assessment(user, title="Bron")
    make_dialogue(source, participants=8, questions=2)
    phone_session = make_dialogue(make_assessment(user, title="Live"), participants=2, questions=1)
    phone_round = phone_session.rounds.first()
    data = exchange.export_assessment(source, personal_data=True)
    rounds = [r for s in data["sessions"] for r in s["rounds"]]
    template = next(c for r in rounds for c in r["cards"])
    per_round = -(-args.cards // len(rounds))
    for r in rounds:
        r["cards"] = [{**template, "text": f"Kaartje {i}: de bus rijdt te weinig in de wijk."} for i in range(per_round)]
    total_cards = per_round * len(rounds)

    results: dict = {"database": connection.vendor, "cards": total_cards,
                     "card_batch_size": exchange.CARD_BATCH_SIZE, "modes": {}}
    for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
        waits: list[float] = []
        errors: list[str] = []
        stop = threading.Event()

        def phone(stop=stop, waits=waits, errors=errors) -> None:
            from django.db import OperationalError
            from django.db import connection as thread_connection

            try:
                while not stop.is_set():
                    start = time.perf_counter()
                    try:
                        with transaction.atomic():
                            ConclusionCard.objects.create(round=phone_round, kind=phone_round.card_kinds[0], text="Telefoon")
                    except OperationalError as error:  # "database is locked" after SQLite's 20 s timeout
                        errors.append(str(error))
                    waits.append(time.perf_counter() - start)
                    time.sleep(args.interval)
            finally:
                thread_connection.close()

        writer = threading.Thread(target=phone, daemon=True)
        writer.start()
        time.sleep(0.5)  # the phone writes before the import starts too
        start, cpu = time.perf_counter(), time.process_time()
        if mode == "one_transaction":
            with transaction.atomic():
                imported = exchange.import_assessment(data, user)
        elif mode == "batched":
            imported = exchange.import_assessment(data, user)
        else:
            raise SystemExit(f"unknown mode {mode!r}")
        seconds = time.perf_counter() - start
        cpu_seconds = time.process_time() - cpu
        time.sleep(0.5)
        stop.set()
        writer.join()
        stored = ConclusionCard.objects.filter(round__session__assessment=imported).count()
        assert stored == total_cards, (stored, total_cards)
        results["modes"][mode] = {
            "import_seconds": round(seconds, 2), "import_cpu_seconds": round(cpu_seconds, 2),
            "phone_writes": len(waits), "phone_write_errors": len(errors), "phone_wait_max_seconds": round(max(waits), 3),
            "phone_wait_p95_seconds": round(percentile(waits, 0.95), 3),
            "phone_wait_median_seconds": round(statistics.median(waits), 4),
        }
        imported.delete()
    results["load_average"] = round(os.getloadavg()[0], 2)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
