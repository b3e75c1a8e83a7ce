from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from mia.accounts.models import Organisation
from mia.consultations.schema import ImportError_, import_series


class Command(BaseCommand):
    help = "Import a consultation series from its JSON export; always makes a new series."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="username of a kernteam member of the organisation")
        parser.add_argument("--organisation", help="name of the organisation (default: the user's first)")

    def handle(self, *args, file: str, user: str, organisation: str | None = None, **options):
        account = get_user_model().objects.filter(username=user).first()
        if account is None:
            raise CommandError(f"Er is geen gebruiker ‘{user}’.")
        org = (Organisation.objects.filter(name=organisation).first() if organisation
               else Organisation.objects.filter(memberships__user=account).first())
        if org is None:
            raise CommandError("Geen organisatie gevonden voor deze gebruiker.")
        try:
            series = import_series(Path(file).read_bytes(), account, org)
        except OSError as error:
            raise CommandError(f"Kon {file} niet lezen: {error.strerror or error}.") from error
        except ImportError_ as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f'{{"id": {series.pk}}}')
