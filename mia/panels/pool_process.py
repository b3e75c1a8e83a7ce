"""Reading an uploaded pool and its quotas in a child process with a time and a memory limit.

A list of volunteers can be a spreadsheet of 100,000 rows, or a small XLSX that unpacks to far more;
``read_table`` caps rows and cells while it reads, and this module caps the time and memory of the
whole reading and checking (``mia.core.limits``, as for PDFs), so a hostile or unlucky file fails
with a Dutch message and the job worker carries on.

The child (``python -m mia.panels.pool_process``) has no Django: it gets a JSON line with the file
names and sizes followed by both files on stdin, reports its progress every
``PROGRESS_EVERY_ROWS`` rows, and writes the pool and quotas (or every issue found) as JSON.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable

from mia.core.limits import ChildLimitExceeded, limit_child, report_progress, run_limited
from mia.panels.selection.errors import Issue, PanelInputError
from mia.panels.selection.pool import Person, Pool, Quota, Quotas

log = logging.getLogger(__name__)

DEFAULT_SECONDS = int(os.environ.get("MIA_PANEL_READ_SECONDS", "120"))
DEFAULT_MEMORY_MB = int(os.environ.get("MIA_PANEL_READ_MEMORY_MB", "1024"))


class PoolTooLarge(Exception):
    """The files could not be read within the limits; the message is Dutch and shown as it is."""


def read_pool_files(
    people: bytes, people_name: str, quotas: bytes, quotas_name: str, *, id_column: str | None = None,
    progress: Callable[[float], None] | None = None, seconds: int | None = None, memory_mb: int | None = None,
) -> tuple[Quotas, Pool]:
    """Both files read and checked in the child. Raises ``PanelInputError`` (every issue, Dutch) for a
    file that cannot be used and ``PoolTooLarge`` when the limits are passed."""
    seconds = seconds or DEFAULT_SECONDS
    header = json.dumps({
        "people_name": people_name, "quotas_name": quotas_name, "id_column": id_column,
        "people_size": len(people), "quotas_size": len(quotas),
    }).encode("utf-8")
    try:
        out = run_limited(
            "mia.panels.pool_process", header + b"\n" + quotas + people, seconds=seconds,
            memory_mb=memory_mb or DEFAULT_MEMORY_MB, on_progress=progress,
        )
    except ChildLimitExceeded as error:
        if error.reason != "time":
            log.warning("reading a pool failed in the child process: %s", error.detail[-500:])
        raise PoolTooLarge(error.reading_message(seconds)) from None
    answer = json.loads(out)
    if "issues" in answer:
        raise PanelInputError([Issue(**issue) for issue in answer["issues"]], source=answer["source"])
    q = answer["quotas"]
    quotas_read = Quotas([Quota(**item) for item in q["items"]], q["warnings"])
    p = answer["pool"]
    pool = Pool([Person(*person) for person in p["people"]], p["feature_names"], p["contact_columns"], p["warnings"])
    return quotas_read, pool


def _child(memory_mb: int, cpu_seconds: int) -> None:
    limit_child(memory_mb, cpu_seconds)
    from dataclasses import asdict

    from mia.panels.selection.pool import read_pool, read_quotas

    stdin = sys.stdin.buffer
    header = json.loads(stdin.readline())
    quotas_data = stdin.read(header["quotas_size"])
    people_data = stdin.read(header["people_size"])
    try:
        quotas = read_quotas(quotas_data, name=header["quotas_name"])
        report_progress(0.05)
        pool = read_pool(people_data, quotas, id_column=header["id_column"], name=header["people_name"],
                         progress=lambda fraction: report_progress(0.05 + 0.95 * fraction))
    except PanelInputError as error:
        answer = {"source": error.source, "issues": [asdict(issue) for issue in error.issues]}
    else:
        answer = {
            "quotas": {"items": [asdict(q) for q in quotas.items], "warnings": quotas.warnings},
            "pool": {
                "people": [[p.id, p.features, p.contact, p.row] for p in pool.people],
                "feature_names": pool.feature_names, "contact_columns": pool.contact_columns, "warnings": pool.warnings,
            },
        }
    sys.stdout.buffer.write(json.dumps(answer, ensure_ascii=False).encode("utf-8"))


if __name__ == "__main__":
    _child(int(sys.argv[1]), int(sys.argv[2]))
