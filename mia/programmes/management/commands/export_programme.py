import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mia.programmes import documents, exchange
from mia.programmes.models import Programme


class Command(BaseCommand):
    help = "Export a dialogue programme as JSON, PDF or DOCX."

    def add_arguments(self, parser):
        parser.add_argument("programme", type=int)
        parser.add_argument("--format", choices=["json", "pdf", "docx"], default="json")
        parser.add_argument("--output", required=True)

    def handle(self, *args, **options):
        programme = Programme.objects.filter(pk=options["programme"]).first()
        if programme is None:
            raise CommandError(f"Er is geen programma met id {options['programme']}.")
        if options["format"] == "json":
            data = json.dumps(exchange.export_programme(programme), ensure_ascii=False, indent=2).encode("utf-8")
        elif options["format"] == "pdf":
            data = documents.programme_pdf(programme)
        else:
            data = documents.programme_docx(programme)
        try:
            Path(options["output"]).write_bytes(data)
        except OSError as error:
            raise CommandError(f"Kon {options['output']} niet schrijven: {error.strerror}") from error
        self.stdout.write(f"Geschreven: {options['output']}")
