from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mia.accounts.models import Organisation
from mia.programmes import exchange
from mia.programmes.management.commands._users import acting_user


class Command(BaseCommand):
    help = "Import a dialogue programme from a JSON file made by export_programme (always as a new programme)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", help="username (default: the first superuser)")
        parser.add_argument("--organisation", help="organisation to import into (default: the user's first)")

    def handle(self, *args, **options):
        user = acting_user(options["user"])
        organisation = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(name=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"Er is geen organisatie {options['organisation']!r}.")
        try:
            data = exchange.read_programme_file(Path(options["file"]).read_bytes())
            programme, notes = exchange.import_programme(data, user, organisation, operator=True)
        except OSError as error:
            raise CommandError(f"Kon {options['file']} niet lezen: {error.strerror}") from error
        except exchange.ImportFailed as error:
            raise CommandError(str(error)) from error
        for note in notes:
            self.stderr.write(note)
        self.stdout.write(f"Geïmporteerd als programma {programme.pk}: {programme.title}")
