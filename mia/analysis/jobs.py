"""Background runs of a theme analysis on an imported file, with progress the page can show.

A plain thread per job: enough for the occasional large consultation file on one
server. (A job that was running when the process stopped stays 'bezig' and is
shown as interrupted after an hour; the user starts it again.)
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.db import close_old_connections, connections

from mia.analysis.models import ResponseAnalysis
from mia.analysis.themes import ThemeInputError, find_themes, result_to_json

log = logging.getLogger(__name__)
PROGRESS_WRITE_SECONDS = 0.5


def start(job: ResponseAnalysis) -> None:
    if getattr(settings, "MIA_RUN_JOBS_INLINE", False):
        run(job.pk)
        return
    threading.Thread(target=_run_in_thread, args=(job.pk,), name=f"themes-{job.pk}", daemon=True).start()


def _run_in_thread(job_pk: int) -> None:
    # A thread gets its own database connections (thread-local); close them when done.
    close_old_connections()
    try:
        run(job_pk)
    finally:
        connections.close_all()


def run(job_pk: int) -> None:
    job = ResponseAnalysis.objects.get(pk=job_pk)
    last_write = 0.0

    def progress(fraction: float, step: str = "") -> None:
        nonlocal last_write
        now = time.monotonic()
        if now - last_write >= PROGRESS_WRITE_SECONDS:
            ResponseAnalysis.objects.filter(pk=job_pk).update(progress=float(fraction), step=str(step)[:200])
            last_write = now

    ResponseAnalysis.objects.filter(pk=job_pk).update(status=ResponseAnalysis.Status.RUNNING)
    try:
        result = find_themes(job.texts, ids=job.ids, groups=job.groups or None, seed=0, progress=progress)
    except ThemeInputError as error:
        ResponseAnalysis.objects.filter(pk=job_pk).update(status=ResponseAnalysis.Status.FAILED, message=str(error))
    except Exception:  # a crash must end as a visible failure, not a job that spins forever
        log.exception("theme job %s failed", job_pk)
        ResponseAnalysis.objects.filter(pk=job_pk).update(
            status=ResponseAnalysis.Status.FAILED, message="De analyse is onverwacht gestopt. Probeer het opnieuw."
        )
    else:
        ResponseAnalysis.objects.filter(pk=job_pk).update(
            status=ResponseAnalysis.Status.DONE, progress=1.0, result=result_to_json(result), step=""
        )
