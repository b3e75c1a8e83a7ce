from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mia.consultations import actions
from mia.consultations.models import Series


class Command(BaseCommand):
    help = ("Read sign-ups (CSV or XLSX) into the pool of a consultation series. Columns: naam, telefoon, email, "
            "one per selection feature, optionally hoe_gehoord and sessies. Nothing is stored when a row is wrong.")

    def add_arguments(self, parser):
        parser.add_argument("id", type=int, help="id of the series")
        parser.add_argument("file", help="CSV or XLSX file")

    def handle(self, *args, id: int, file: str, **options):
        series = Series.objects.filter(pk=id).first()
        if series is None:
            raise CommandError(f"Er is geen raadplegingsreeks met id {id}.")
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Kon {file} niet lezen: {error.strerror or error}.") from error
        try:
            count = actions.import_signups(series, data, name=path.name)
        except actions.ConsultationError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{count} aanmeldingen ingelezen in ‘{series.title}’.")
