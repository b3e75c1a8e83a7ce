#!/usr/bin/env python
"""How long the report's PDF and DOCX of an MIA take as its number of cards grows.

Makes an MIA with a dialogue, exports it, blows its cards up to each of --cards, imports that file
into a fresh database (a temporary SQLite file, or DATABASE_URL) and times, per size, the context
(``report_context``), the PDF (``report_pdf_bytes``: WeasyPrint in its child process with the time and
memory limits) and the DOCX (``report_docx_bytes``). A PDF that hits the limits is reported as
``too_large`` with the seconds it took to fail; the import of the file itself is timed too. Prints one
JSON object. The sizes at which the files take seconds decide ``mia.reports.render.INLINE_REPORT_CARDS``
and ``mia.reports.views.INLINE_IMPORT_BYTES`` (larger ones go through the job queue).

    .venv/bin/python bench/report_export.py [--cards 200,1000,3000] [--formats pdf,docx]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", default="200,1000,3000")
    parser.add_argument("--formats", default="pdf,docx")
    args = parser.parse_args()
    os.environ.setdefault("MIA_DATA_DIR", tempfile.mkdtemp(prefix="mia-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "mia.settings"
    os.environ.setdefault("MIA_JOB_QUEUE", "immediate")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from mia.core.pdf_process import DocumentTooLarge
    from mia.instrument.loader import load_content_file
    from mia.reports import exchange
    from mia.reports.context import report_context
    from mia.reports.render import report_docx_bytes, report_pdf_bytes
    from mia.tests.factories import make_assessment, make_dialogue, make_user

    load_content_file()
    user = make_user("bench", role="kernteam")
    source = make_assessment(user, title="Bron")
    make_dialogue(source, participants=8, questions=2)
    base = exchange.export_assessment(source, personal_data=True)
    base["assessment"]["report_form"] = "verslag"  # the form that prints every card
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    results: dict = {"database": connection.vendor, "sizes": []}
    for size in [int(n) for n in args.cards.split(",") if n.strip()]:
        data = json.loads(json.dumps(base))
        rounds = [r for s in data["sessions"] for r in s["rounds"]]
        template = next(c for r in rounds for c in r["cards"])
        per_round = -(-size // len(rounds))
        for r in rounds:
            r["cards"] = [{**template, "text": f"Kaartje {i}: de bus rijdt te weinig in de wijk."} for i in range(per_round)]
        raw = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")  # as "Download JSON" writes it
        start = time.perf_counter()
        assessment = exchange.import_assessment(exchange.read_import_file(raw), user)
        row: dict = {"cards": per_round * len(rounds), "json_bytes": len(raw),
                     "import_seconds": round(time.perf_counter() - start, 2)}
        start = time.perf_counter()
        report_context(assessment)
        row["context_seconds"] = round(time.perf_counter() - start, 2)
        if "pdf" in formats:
            start = time.perf_counter()
            try:
                row["pdf_bytes"] = len(report_pdf_bytes(assessment))
            except DocumentTooLarge:
                row["pdf_too_large"] = True
            row["pdf_seconds"] = round(time.perf_counter() - start, 2)
        if "docx" in formats:
            start, cpu = time.perf_counter(), time.process_time()
            row["docx_bytes"] = len(report_docx_bytes(assessment))
            row["docx_seconds"] = round(time.perf_counter() - start, 2)
            row["docx_cpu_seconds"] = round(time.process_time() - cpu, 2)  # in this process: no child, unlike the PDF
        results["sizes"].append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
        assessment.delete()
    results["load_average"] = round(os.getloadavg()[0], 2)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
