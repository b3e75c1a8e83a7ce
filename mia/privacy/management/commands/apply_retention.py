from django.conf import settings
from django.core.management.base import BaseCommand

from mia.privacy.retention import apply_retention


class Command(BaseCommand):
    help = "Erase personal data past the retention period (participants, volunteer contacts, join attempts). Run daily."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.MIA_RETENTION_DAYS)

    def handle(self, *args, days, **options):
        erased = apply_retention(days)
        self.stdout.write(f"Persoonsgegevens van {erased['participants']} deelnemer(s) gewist (bewaartermijn {days} dagen).")
        self.stdout.write(f"Contactgegevens van {erased['pools']} pool(s) van vrijwilligers gewist.")
        self.stdout.write(f"{erased['join_attempts']} oude pogingen om mee te doen met een sessiecode verwijderd.")
        # issue 11 (item 8)
        self.stdout.write(f"{erased['panel_pools']} pool(s) van vrijwilligers met hun kenmerken verwijderd.")
        self.stdout.write(f"{erased['response_uploads']} ingelezen bestand(en) met reacties verwijderd.")
