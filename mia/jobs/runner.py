"""Running one job: claim it, keep its heartbeat, call its handler, record the outcome.

The handler computes outside any transaction and writes its result in one short
transaction of its own, so a long computation never holds the database's write lock.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.jobs.models import Job
from mia.jobs.registry import JobFailed, get_kind

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5
PROGRESS_WRITE_SECONDS = 0.5

INTERRUPTED = "De taak is onderbroken, omdat de server opnieuw is gestart. Start haar opnieuw."
CRASHED = "De taak is onverwacht gestopt. Probeer het opnieuw. Blijft het misgaan, neem dan contact op met de beheerder."


class JobContext:
    """What a handler gets: the job's parameters and a way to report progress."""

    def __init__(self, job: Job):
        self.job = job
        self.params = job.params
        self._last_write = 0.0

    def progress(self, fraction: float, step: str = "") -> None:
        now = time.monotonic()
        if now - self._last_write < PROGRESS_WRITE_SECONDS and fraction < 1:
            return
        self._last_write = now
        Job.objects.filter(pk=self.job.pk).update(
            progress=max(0.0, min(1.0, float(fraction))), step=str(step)[:200], heartbeat_at=timezone.now()
        )


class Heartbeat:
    """Renews the job's heartbeat from a thread of its own while the handler runs
    (a solver can compute for minutes without reporting progress)."""

    def __init__(self, job_id: int):
        self.job_id = job_id
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._beat, name=f"job-{job_id}-heartbeat", daemon=True)

    def _beat(self) -> None:
        # Beat well within the stale limit, or a healthy job would look as if its worker died.
        interval = min(HEARTBEAT_SECONDS, settings.MIA_JOB_STALE_SECONDS / 3)
        try:
            while not self._stop.wait(interval):
                Job.objects.filter(pk=self.job_id, status=Job.Status.RUNNING).update(heartbeat_at=timezone.now())
        finally:
            connection.close()  # this thread's own connection

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def run(job_id: int, *, heartbeat: bool = True) -> None:
    now = timezone.now()
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.QUEUED).update(
        status=Job.Status.RUNNING, attempts=F("attempts") + 1, started_at=now, heartbeat_at=now, message=""
    )
    if not claimed:  # a duplicate delivery, or the job was already finished
        return
    job = Job.objects.get(pk=job_id)
    kind = get_kind(job.kind)
    if kind is None:
        _finish(job_id, Job.Status.FAILED, message=_("Deze soort taak kennen we niet (meer)."))
        return
    try:
        if heartbeat:
            with Heartbeat(job_id):
                result = kind.handler(JobContext(job))
        else:
            result = kind.handler(JobContext(job))
    except JobFailed as error:
        _finish(job_id, Job.Status.FAILED, message=str(error), result=error.result)
    except Exception:  # a crash must end as a visible failure, never as a job that spins for ever
        log.exception("job %s (%s) failed", job_id, job.kind)
        _finish(job_id, Job.Status.FAILED, message=_(CRASHED))
    else:
        _finish(job_id, Job.Status.DONE, progress=1.0, step="", result=result or {})


def _finish(job_id: int, status: str, **fields) -> None:
    Job.objects.filter(pk=job_id).update(status=status, finished_at=timezone.now(), **fields)


def stalled_jobs(now=None):
    now = now or timezone.now()
    # A running job whose heartbeat is older than this lost its worker.
    stale_after = timedelta(seconds=settings.MIA_JOB_STALE_SECONDS)
    return Job.objects.filter(status=Job.Status.RUNNING).filter(heartbeat_at__lt=now - stale_after)
