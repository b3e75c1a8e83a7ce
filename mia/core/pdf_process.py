"""HTML → PDF in a child process with a time and a memory limit.

WeasyPrint lays out the whole document in memory: an MIA with 75,000 imported cards took over four
minutes and 4 GB before the server was restarted. ``render_pdf_limited`` runs ``render_pdf`` in a
fresh Python process (``python -m mia.core.pdf_process``) whose address space is capped with
``RLIMIT_AS`` and which is killed when the time is up (``mia.core.limits``), so a document that is too large fails with
a Dutch message and the web process or job worker that asked for it carries on.

No Django in the child: it gets the HTML on stdin and writes the PDF to stdout.
"""

from __future__ import annotations

import os
import sys

from mia.core.limits import ChildLimitExceeded, limit_child, run_limited

DEFAULT_SECONDS = int(os.environ.get("MIA_PDF_TIME_LIMIT_SECONDS", "120"))
DEFAULT_MEMORY_MB = int(os.environ.get("MIA_PDF_MEMORY_MB", "1536"))


class DocumentTooLarge(Exception):
    """The PDF could not be made within the limits; the message is Dutch and shown as it is."""


def render_pdf_limited(html: str, *, seconds: int | None = None, memory_mb: int | None = None) -> bytes:
    seconds = seconds or DEFAULT_SECONDS
    memory_mb = memory_mb or DEFAULT_MEMORY_MB
    try:
        pdf = run_limited("mia.core.pdf_process", html.encode("utf-8"), seconds=seconds, memory_mb=memory_mb)
    except ChildLimitExceeded as error:
        if error.reason == "time":
            raise DocumentTooLarge(
                f"Het maken van de PDF duurde langer dan {seconds} seconden en is gestopt. Het document is te groot; "
                "download de kaartjes als CSV, of maak een kortere versie."
            ) from None
        pdf = b""
    if not pdf.startswith(b"%PDF"):
        raise DocumentTooLarge(
            "De PDF kon niet worden gemaakt: het document is te groot voor het geheugen dat daarvoor is. "
            "Download de kaartjes als CSV, of maak een kortere versie."
        )
    return pdf


def _child(memory_mb: int, cpu_seconds: int | None = None) -> None:
    limit_child(memory_mb, cpu_seconds)
    from mia.core.documents import render_pdf

    html = sys.stdin.buffer.read().decode("utf-8")
    try:
        pdf = render_pdf(html)
    except MemoryError:
        sys.exit(3)
    sys.stdout.buffer.write(pdf)


if __name__ == "__main__":
    _child(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else None)
