from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mia.programmes import actions
from mia.programmes.models import InventoryImport, Programme


class Command(BaseCommand):
    help = ("Read an inventory of initiatives (CSV or XLSX with the columns naam, link, eigenaar, categorie, doel, aanpak, "
            "onderwerp, doelgroep, reikwijdte, thema) into a programme. Nothing is imported when the file has problems.")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--programme", type=int, required=True, help="id of the programme")

    def handle(self, *args, **options):
        programme = Programme.objects.filter(pk=options["programme"]).first()
        if programme is None:
            raise CommandError(f"Er is geen programma met id {options['programme']}.")
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Kon {path} niet lezen: {error.strerror}") from error
        # The command line waits anyway: read in this process, with the same checks as the web page.
        record = actions.start_inventory_import(programme, data, path.name, inline=True)
        for warning in record.warnings:
            self.stderr.write(f"Let op: {warning}")
        if record.status != InventoryImport.Status.DONE:
            raise CommandError("Het bestand is niet ingelezen:\n- " + "\n- ".join(record.issues))
        self.stdout.write(
            f"{record.row_count} rijen gelezen: {record.created_count} initiatieven toegevoegd, {record.updated_count} bijgewerkt, "
            f"{record.unchanged_count} ongewijzigd."
        )
