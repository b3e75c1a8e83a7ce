from django.core.management.base import BaseCommand, CommandError

from mia.inclusion.content import ContentError
from mia.inclusion.loader import load_stappenplan_file


class Command(BaseCommand):
    help = "Load the Stappenplan Inclusief Beleid content (default: the bundled version) and make it active."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="JSON content file (default: mia/inclusion/data/stappenplan-v1.json)")
        parser.add_argument("--inactive", action="store_true", help="load without making it the active version")

    def handle(self, *args, path=None, inactive=False, **options):
        try:
            version = load_stappenplan_file(path, activate=not inactive)
        except ContentError as error:
            raise CommandError(f"Kon de inhoud niet laden: {error}") from error
        self.stdout.write(f"Stappenplan versie {version.version} geladen{'' if inactive else ' en actief'}.")
