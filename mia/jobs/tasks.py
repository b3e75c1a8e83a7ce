"""The queue's tasks: one generic task runs any job by id; a periodic one recovers lost jobs."""

from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from mia.jobs import queue, runner


@db_task()
def run_job(job_id: int) -> None:
    runner.run(job_id)


@db_periodic_task(crontab(minute="*"))
def recover_jobs() -> None:
    queue.recover()


@HUEY.on_startup()
def recover_on_startup() -> None:
    # A worker that starts finds what its predecessor left half done.
    from django.db import close_old_connections

    queue.recover()
    close_old_connections()
