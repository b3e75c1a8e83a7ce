"""`mia export_advice_structure ID --output FILE [--personal-data]`: a structure as JSON."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mia.advice.exports import structure_json
from mia.advice.models import Structure


class Command(BaseCommand):
    help = "Exporteer een adviesstructuur (organen, leden, stromen, experts, praktijkkringen) als JSON."

    def add_arguments(self, parser) -> None:
        parser.add_argument("structure", type=int)
        parser.add_argument("--output", required=True)
        parser.add_argument("--personal-data", action="store_true", help="met de namen van leden en experts")

    def handle(self, *args, **options) -> None:
        s = Structure.objects.filter(pk=options["structure"]).first()
        if s is None:
            raise CommandError(f"Er is geen adviesstructuur met id {options['structure']}.")
        data = structure_json(s, personal_data=options["personal_data"])
        if options["output"] == "-":
            self.stdout.write(data)
            return
        try:
            Path(options["output"]).write_text(data, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Kon {options['output']} niet schrijven: {error.strerror}.") from error
