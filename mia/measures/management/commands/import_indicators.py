"""`mia import_indicators WORKSPACE FILE`: indicator values from a CSV or XLSX table into a workspace."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from mia.core.tables import TableError, read_table
from mia.measures import actions
from mia.measures.indicators import parse_indicator_table
from mia.measures.models import Workspace


class Command(BaseCommand):
    help = "Lees indicatoren in (kolommen indicator, periode, groep, regio, waarde, eenheid, bron) in een werkruimte."

    def add_arguments(self, parser) -> None:
        parser.add_argument("workspace", type=int)
        parser.add_argument("file")

    def handle(self, *args, **options) -> None:
        workspace = Workspace.objects.filter(pk=options["workspace"]).first()
        if workspace is None:
            raise CommandError(f"Er is geen werkruimte met id {options['workspace']}.")
        try:
            parsed = parse_indicator_table(read_table(options["file"]))
            counts = actions.import_observations(workspace, parsed.rows)
        except TableError as error:
            raise CommandError(str(error)) from error
        except actions.MeasuresError as error:
            raise CommandError(str(error)) from error
        for warning in parsed.warnings:
            self.stderr.write(f"Let op: {warning}")
        self.stdout.write(f"{counts['new']} nieuwe, {counts['changed']} gewijzigde en {counts['unchanged']} ongewijzigde waarden "
                          f"voor {counts['indicators']} indicator(en).")
