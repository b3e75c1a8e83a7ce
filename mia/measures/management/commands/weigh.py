"""`mia weigh --input FILE.json --json OUT [--samples N --seed S]`: the weighing of issue 15 on a file.

Input ``{"criteria": [{"name", "weight", "direction"}], "alternatives": [{"name", "scores"}]}``;
output ``{"ranking", "stability", "rank_acceptability"}`` (see ``mia.measures.weighing``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mia.measures.jsonfile import JsonFileError, load_json
from mia.measures.weighing import DEFAULT_SAMPLES, MAX_SAMPLES, WeighingError, parse_input, weigh


class Command(BaseCommand):
    help = "Weeg alternatieven op gewogen criteria (min–max genormaliseerd) en schrijf ranglijst, stabiliteit en rangkansen als JSON."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--input", required=True, help="JSON-bestand met 'criteria' en 'alternatives'; '-' voor standaardinvoer.")
        parser.add_argument("--json", required=True, help="Uitvoerbestand; '-' voor standaarduitvoer.")
        parser.add_argument("--samples", type=int, default=DEFAULT_SAMPLES,
                            help=f"Aantal willekeurige gewichtenvectoren voor de rangkansen (standaard {DEFAULT_SAMPLES}).")
        parser.add_argument("--seed", type=int, default=0, help="Startgetal van de trekking (standaard 0: dezelfde invoer geeft dezelfde uitvoer).")

    def handle(self, *args, **options) -> None:
        samples = options["samples"]
        if not 1 <= samples <= MAX_SAMPLES:
            raise CommandError(f"--samples moet tussen 1 en {MAX_SAMPLES} liggen (nu {samples}).")
        if options["seed"] < 0:
            raise CommandError("--seed moet 0 of groter zijn.")
        source = options["input"]
        try:
            raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
        except OSError as error:
            raise CommandError(f"Kon {source} niet lezen: {error.strerror}.") from error
        try:
            criteria, alternatives = parse_input(load_json(raw, what="Het invoerbestand"))
            result = weigh(criteria, alternatives, samples=samples, seed=options["seed"])
        except JsonFileError as error:
            raise CommandError(str(error)) from error
        except WeighingError as error:
            raise CommandError("De invoer kan niet worden gewogen:\n- " + "\n- ".join(error.issues)) from error
        text = json.dumps(result.as_dict(), ensure_ascii=False, indent=2)
        if options["json"] == "-":
            self.stdout.write(text)
            return
        try:
            Path(options["json"]).write_text(text + "\n", encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Kon {options['json']} niet schrijven: {error.strerror}.") from error
        top = result.top
        self.stderr.write(f"Gewogen: {len(alternatives)} alternatieven op {len(criteria)} criteria; eerste: {top.name} ({top.score:.3f}).")
