"""``mia worker``: the job queue's worker (huey's consumer with MIA's defaults)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the worker that carries out long tasks (themes, panel selection, large imports and PDFs)."

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=2, help="tasks at the same time (default 2)")

    def handle(self, *args, workers, **options):
        # Threads: a job spends its time in numpy, scikit-learn or HiGHS, which release the GIL,
        # and one process is one thing to stop (a killed worker takes its jobs with it; the
        # next worker finds them by their stale heartbeat and starts them again).
        call_command("run_huey", workers=workers, worker_type="thread", periodic=True)
