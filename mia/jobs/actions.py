"""Starting and restarting jobs: the only writes of the jobs app outside the runner."""

from __future__ import annotations

from django.utils.translation import gettext as _

from mia.jobs import queue
from mia.jobs.models import Job
from mia.jobs.registry import get_kind


class JobError(Exception):
    """A job cannot be started or restarted; the message is Dutch."""


def start_job(kind: str, *, subject: str, params: dict | None = None, user=None) -> Job:
    if get_kind(kind) is None:
        raise JobError(_("Deze soort taak kennen we niet."))
    job = Job.objects.create(kind=kind, subject=subject, params=params or {}, created_by=user)
    queue.enqueue(job)
    return job


def retry_job(job: Job) -> Job:
    """Start a failed job again, from the beginning, with the same parameters."""
    if job.status != Job.Status.FAILED:
        raise JobError(_("Alleen een mislukte taak kan opnieuw worden gestart."))
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.QUEUED, attempts=0, progress=0.0, step="", message="", result={}, finished_at=None
    )
    job.refresh_from_db()
    queue.enqueue(job)
    return job


def active_job(kind: str, subject: str) -> Job | None:
    """The queued or running job of this kind on this subject, if any."""
    return Job.objects.filter(kind=kind, subject=subject, status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).first()
