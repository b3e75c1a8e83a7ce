"""`mia select_panel`: select a panel from a pool file and a quota file, write the result as JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mia.panels.selection import (
    ALGORITHMS,
    InfeasibleQuotasError,
    PanelSelectionError,
    read_pool,
    read_quotas,
    result_to_json,
    select_panel,
)


class Command(BaseCommand):
    help = (
        "Selecteer een eerlijk panel uit een pool van vrijwilligers met quota per kenmerk "
        "(LEXIMIN, of de oudere LEGACY-methode) en schrijf het resultaat als JSON."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--people", required=True, help="Deelnemersbestand (CSV of XLSX), één rij per persoon.")
        parser.add_argument(
            "--features",
            required=True,
            help="Quotabestand (CSV of XLSX) met kolommen feature,value,min,max (of category,feature,min,max).",
        )
        parser.add_argument("--size", "-k", type=int, required=True, help="Panelgrootte.")
        parser.add_argument(
            "--seed", type=int, default=None, help="Seed van de trekking (leeg: een nieuwe, die wordt vastgelegd)."
        )
        parser.add_argument(
            "--algorithm", choices=ALGORITHMS, default="leximin", help="Selectiemethode (standaard leximin)."
        )
        parser.add_argument(
            "--id-column", default=None, help="Kolom met het id (standaard 'id', anders het rijnummer)."
        )
        parser.add_argument(
            "--json", required=True, help="Uitvoerbestand voor het resultaat; '-' voor standaarduitvoer."
        )
        parser.add_argument(
            "--household-column",
            action="append",
            default=[],
            help="Kolom(men) die samen een huishouden bepalen (bijv. adres, postcode); maximaal één per huishouden.",
        )
        parser.add_argument(
            "--forced", action="append", default=[], help="Id van iemand die zeker in het panel komt (herhaalbaar)."
        )
        parser.add_argument(
            "--reserves",
            type=int,
            default=None,
            help="Aantal reserves (standaard een kwart van het panel, minstens 5).",
        )
        parser.add_argument(
            "--time-limit",
            type=float,
            default=None,
            help="Tijdslimiet in seconden voor het verfijnen van de hogere kansen.",
        )
        parser.add_argument(
            "--legacy-draws", type=int, default=1000, help="Aantal trekkingen om de kansen van LEGACY te schatten."
        )

    def handle(self, *args, **options) -> None:
        try:
            quotas = read_quotas(options["features"])
            pool = read_pool(options["people"], quotas, id_column=options["id_column"])
            result = select_panel(
                pool,
                quotas,
                options["size"],
                algorithm=options["algorithm"],
                seed=options["seed"],
                forced_ids=[i for value in options["forced"] for i in value.split(",") if i],
                household_columns=options["household_column"],
                reserves=options["reserves"],
                time_limit=options["time_limit"],
                legacy_draws=options["legacy_draws"],
            )
        except InfeasibleQuotasError as error:
            self._write(
                options["json"],
                json.dumps({"error": "infeasible", **error.explanation.to_dict()}, ensure_ascii=False, indent=2),
            )
            raise CommandError(str(error)) from None
        except PanelSelectionError as error:
            raise CommandError(str(error)) from None
        self._write(options["json"], result_to_json(result))
        self._summary(result, options["json"])

    def _write(self, target: str, text: str) -> None:
        if target == "-":
            sys.stdout.write(text + "\n")
            return
        try:
            Path(target).write_text(text + "\n", encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Kan het uitvoerbestand '{target}' niet schrijven: {error.strerror}.") from None

    def _summary(self, result, target: str) -> None:
        out = self.stderr if target == "-" else self.stdout  # keep stdout clean for the JSON
        out.write(
            f"Panel van {len(result.panel)} mensen gekozen met {result.algorithm} (seed {result.seed}) "
            f"in {result.seconds:.2f} s; laagste selectiekans {100 * result.min_probability:.2f}%."
        )
        for warning in result.warnings:
            out.write(f"Let op: {warning}")
        if target != "-":
            out.write(f"Resultaat geschreven naar {target}.")
