from django.conf import settings
from django.core.management.base import BaseCommand

from mia.dialogues.privacy import apply_retention
from mia.live.actions import prune_join_attempts


class Command(BaseCommand):
    help = "Erase participants' names and contact data of MIA's closed longer ago than the retention period (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.MIA_RETENTION_DAYS)

    def handle(self, *args, days, **options):
        count = apply_retention(days)
        self.stdout.write(f"Persoonsgegevens van {count} deelnemer(s) gewist (bewaartermijn {days} dagen).")
        pruned = prune_join_attempts()
        self.stdout.write(f"{pruned} oude pogingen om mee te doen met een sessiecode verwijderd.")
