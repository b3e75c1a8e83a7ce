from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from mia.reports.exchange import ImportFailed, import_assessment, read_import_file


class Command(BaseCommand):
    help = "Import an assessment from a JSON file made by export_assessment (always as a new assessment)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", help="username that becomes kernteam member (default: the first superuser)")

    def handle(self, *args, **options):
        User = get_user_model()
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Er is geen gebruiker {options['user']!r}.")
        else:
            user = User.objects.filter(is_superuser=True).order_by("pk").first()
            if user is None:
                raise CommandError("Er is nog geen beheerder. Geef --user op of maak eerst een gebruiker.")
        try:
            raw = Path(options["file"]).read_bytes()
            assessment = import_assessment(read_import_file(raw), user)
        except OSError as exc:
            raise CommandError(f"Kon {options['file']} niet lezen: {exc.strerror}") from exc
        except ImportFailed as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Geïmporteerd als MIA {assessment.pk}: {assessment.title}")
