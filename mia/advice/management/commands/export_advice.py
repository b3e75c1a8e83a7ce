"""`mia export_advice ID --format pdf|docx|json --output FILE`: one advice (trajectory id)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mia.advice import exports
from mia.advice.models import Trajectory


class Command(BaseCommand):
    help = "Exporteer een advies (het adviesdocument van een adviestraject) als PDF, DOCX of JSON."

    def add_arguments(self, parser) -> None:
        parser.add_argument("trajectory", type=int, help="id van het adviestraject")
        parser.add_argument("--format", dest="fmt", choices=["pdf", "docx", "json"], default="pdf")
        parser.add_argument("--output", required=True, help="bestand om te schrijven ('-': standaarduitvoer, alleen json)")

    def handle(self, *args, **options) -> None:
        t = Trajectory.objects.select_related("structure__organisation", "body", "receiver").filter(pk=options["trajectory"]).first()
        if t is None:
            raise CommandError(f"Er is geen adviestraject met id {options['trajectory']}.")
        fmt = options["fmt"]
        data = {"pdf": exports.advice_pdf, "docx": exports.advice_docx, "json": exports.advice_json}[fmt](t)
        output = options["output"]
        if output == "-":
            if isinstance(data, bytes):
                raise CommandError("PDF en DOCX kunnen niet naar standaarduitvoer; geef een bestandsnaam.")
            self.stdout.write(data)
            return
        try:
            Path(output).write_bytes(data) if isinstance(data, bytes) else Path(output).write_text(data, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Kon {output} niet schrijven: {error.strerror}.") from error
        self.stderr.write(f"Advies {t.code} geschreven naar {output} ({fmt}).")
