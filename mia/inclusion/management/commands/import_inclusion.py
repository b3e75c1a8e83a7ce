from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from mia.accounts.models import Organisation
from mia.inclusion.exchange import ExchangeError, import_trajectory


class Command(BaseCommand):
    help = "Import an inclusion trajectory from a JSON export; it always becomes a new trajectory."

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON file made by export_inclusion or the web export")
        parser.add_argument("--organisation", required=True, help="name of the organisation it belongs to")
        parser.add_argument("--user", help="username recorded as its maker")

    def handle(self, *args, file: str, organisation: str, user: str | None, **options):
        org = Organisation.objects.filter(name=organisation).first()
        if org is None:
            raise CommandError(f"Er is geen organisatie ‘{organisation}’.")
        maker = None
        if user:
            maker = get_user_model().objects.filter(username=user).first()
            if maker is None:
                raise CommandError(f"Er is geen gebruiker ‘{user}’.")
        try:
            raw = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Kon {file} niet lezen: {error.strerror or error}.") from error
        try:
            trajectory = import_trajectory(raw, user=maker, organisation=org)
        except ExchangeError as error:
            raise CommandError("Het bestand is niet ingelezen:\n- " + "\n- ".join(error.messages)) from error
        self.stdout.write(f"Ingelezen als traject {trajectory.pk} ‘{trajectory.title}’.")
