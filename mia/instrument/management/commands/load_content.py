from django.core.management.base import BaseCommand, CommandError

from mia.instrument.content import ContentError
from mia.instrument.loader import load_content_file


class Command(BaseCommand):
    help = "Load the MIA instrument content from a data file (default: the bundled version) and make it active."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="JSON content file (default: mia/instrument/data/mia-v1.json)")
        parser.add_argument("--inactive", action="store_true", help="load without making it the active version")

    def handle(self, *args, path=None, inactive=False, **options):
        try:
            version = load_content_file(path, activate=not inactive)
        except (OSError, ValueError, ContentError) as exc:
            raise CommandError(f"Kon de inhoud niet laden: {exc}") from exc
        self.stdout.write(f"Inhoudsversie {version.version} geladen{'' if inactive else ' en actief'}.")
