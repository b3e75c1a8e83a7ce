"""Putting a job on the queue, and finding jobs the queue lost."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from huey.contrib.djhuey import HUEY

from mia.jobs import runner
from mia.jobs.models import Job
from mia.jobs.registry import get_kind


def enqueue(job: Job) -> None:
    if HUEY.immediate:
        # Tests and one-off scripts: run now, in this process (no heartbeat thread: it would
        # need a second connection beside the caller's open transaction).
        runner.run(job.pk, heartbeat=False)
        job.refresh_from_db()
        return
    # After the commit, or the worker might look for a row it cannot see yet.
    transaction.on_commit(lambda: _run_job_task()(job.pk))


def recover(now=None) -> dict:
    """Jobs whose worker died are started again (up to their kind's attempts), or marked failed
    with a Dutch message; queued jobs that the broker lost (e.g. Redis restarted) are queued again."""
    now = now or timezone.now()
    restarted, failed = [], []
    for job in runner.stalled_jobs(now):
        kind = get_kind(job.kind)
        if kind is not None and job.attempts < kind.max_attempts:
            Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
                status=Job.Status.QUEUED, step=_("Opnieuw gestart na een onderbreking"), heartbeat_at=None
            )
            restarted.append(job.pk)
        else:
            Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
                status=Job.Status.FAILED, message=_(runner.INTERRUPTED), finished_at=now
            )
            failed.append(job.pk)
    pending = {task.args[0] for task in HUEY.pending() if task.name.endswith("run_job") and task.args}
    lost = list(Job.objects.filter(status=Job.Status.QUEUED).exclude(pk__in=pending).values_list("pk", flat=True))
    for pk in lost:
        _run_job_task()(pk)
    return {"restarted": restarted, "failed": failed, "requeued": [pk for pk in lost if pk not in restarted]}


def _run_job_task():
    from mia.jobs.tasks import run_job  # the tasks module registers with the broker on import

    return run_job
