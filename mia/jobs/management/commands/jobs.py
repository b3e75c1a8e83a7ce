"""``mia jobs``: the recent jobs with their progress, or follow one until it ends."""

import json
import time

from django.core.management.base import BaseCommand, CommandError

from mia.jobs.models import Job
from mia.jobs.views import job_state


class Command(BaseCommand):
    help = "List recent jobs with their progress, or follow one job (--watch ID)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument("--watch", type=int, metavar="ID", help="follow this job until it is done or failed")
        parser.add_argument("--limit", type=int, default=20)

    def handle(self, *args, watch: int | None, limit: int, **options):
        as_json = options["json"]
        if watch is not None:
            return self._watch(watch, as_json=as_json)
        jobs = [dict(job_state(j), kind=j.kind, subject=j.subject) for j in Job.objects.all()[:limit]]
        if as_json:
            self.stdout.write(_dumps(jobs))
            return
        for j in jobs:
            self.stdout.write(f"{j['id']:>6}  {j['kind']:<24} {j['status_label']:<20} {j['percent']:>3}%  {j['step'] or j['message']}")

    def _watch(self, pk: int, as_json: bool) -> None:
        last = None
        while True:
            job = Job.objects.filter(pk=pk).first()
            if job is None:
                raise CommandError(f"Taak {pk} bestaat niet.")
            state = job_state(job)
            if state != last:
                self.stdout.write(_dumps(state) if as_json else f"{state['status_label']}: {state['percent']}% {state['step']}")
                last = state
            if not job.is_active:
                if job.status == Job.Status.FAILED:
                    raise CommandError(job.message)
                return
            time.sleep(1)


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False)
