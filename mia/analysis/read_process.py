"""Reading an uploaded file of responses in a child process with a time and a memory limit.

The job of a large file (``analysis.responses``) reads it here (``mia.core.limits``, as for PDFs and
panel pools), so a spreadsheet that takes too long or unpacks to too much fails with a Dutch message
and the worker carries on. The child (``python -m mia.analysis.read_process``) has no Django: it gets
a JSON line with the file's name and columns followed by the file on stdin, and writes the texts, ids
and groups (or the Dutch message) as JSON.
"""

from __future__ import annotations

import json
import logging
import os
import sys

from mia.analysis.themes.errors import ThemeInputError
from mia.analysis.themes.tables import Table
from mia.core.limits import ChildLimitExceeded, limit_child, run_limited

log = logging.getLogger(__name__)

DEFAULT_SECONDS = int(os.environ.get("MIA_RESPONSES_READ_SECONDS", "120"))
DEFAULT_MEMORY_MB = int(os.environ.get("MIA_RESPONSES_READ_MEMORY_MB", "1024"))


def read_responses_limited(data: bytes, name: str, columns: dict, *, seconds: int | None = None,
                           memory_mb: int | None = None) -> Table:
    """Raises ``ThemeInputError`` (Dutch) for a file that cannot be used or passes the limits."""
    seconds = seconds or DEFAULT_SECONDS
    header = json.dumps({"name": name, "columns": columns}).encode("utf-8")
    try:
        out = run_limited("mia.analysis.read_process", header + b"\n" + data, seconds=seconds,
                          memory_mb=memory_mb or DEFAULT_MEMORY_MB)
    except ChildLimitExceeded as error:
        if error.reason != "time":
            log.warning("reading responses failed in the child process: %s", error.detail[-500:])
        raise ThemeInputError(error.reading_message(seconds)) from None
    answer = json.loads(out)
    if "error" in answer:
        raise ThemeInputError(answer["error"])
    return Table(answer["texts"], answer["ids"], answer["groups"], answer["columns"], answer["warnings"])


def _child(memory_mb: int, cpu_seconds: int) -> None:
    limit_child(memory_mb, cpu_seconds)
    from mia.analysis.themes.tables import read_table

    stdin = sys.stdin.buffer
    header = json.loads(stdin.readline())
    data = stdin.read()
    columns = header["columns"]
    try:
        table = read_table(data, columns["text"], columns["id"] or None, [columns["group"]] if columns["group"] else [],
                           name=header["name"])
    except ThemeInputError as error:
        answer = {"error": str(error)}
    else:
        answer = {"texts": table.texts, "ids": table.ids, "groups": table.groups, "columns": table.columns,
                  "warnings": table.warnings}
    sys.stdout.buffer.write(json.dumps(answer, ensure_ascii=False).encode("utf-8"))


if __name__ == "__main__":
    _child(int(sys.argv[1]), int(sys.argv[2]))
