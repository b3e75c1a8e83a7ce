import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mia.programmes.models import Programme
from mia.programmes.queries import gap_matrix


class Command(BaseCommand):
    help = ('Write the gap matrix of a programme as JSON: {"cells": [{"onderwerp", "doelgroep", "reikwijdte", "count", '
            '"initiatives"}, ...]}, one cell for every topic × target group × reach (count 0 for gaps).')

    def add_arguments(self, parser):
        parser.add_argument("--programme", type=int, required=True, help="id of the programme")
        parser.add_argument("--json", required=True, metavar="OUT", help="file to write ('-' for standard output)")

    def handle(self, *args, **options):
        programme = Programme.objects.filter(pk=options["programme"]).first()
        if programme is None:
            raise CommandError(f"Er is geen programma met id {options['programme']}.")
        text = json.dumps(gap_matrix(programme), ensure_ascii=False, indent=2)
        if options["json"] == "-":
            sys.stdout.write(text + "\n")
            return
        try:
            Path(options["json"]).write_text(text + "\n", encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Kon {options['json']} niet schrijven: {error.strerror}") from error
        cells = json.loads(text)["cells"]
        gaps = sum(1 for c in cells if c["count"] == 0)
        self.stderr.write(f"{len(cells)} cellen geschreven naar {options['json']}, waarvan {gaps} leemtes.")
