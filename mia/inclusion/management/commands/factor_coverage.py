"""`mia factor_coverage --people FILE --json OUT`: which factors of the diversiteitsvlechtwerk the
columns and categories of a people file cover, gaps first."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mia.inclusion.coverage import people_file_coverage
from mia.instrument.factors import coverage_for_columns, load_lens
from mia.panels.selection.errors import PanelSelectionError
from mia.panels.selection.pool import read_pool, read_quotas


class Command(BaseCommand):
    help = (
        "Report per factor of the diversiteitsvlechtwerk which columns and categories of a people file cover it "
        "(any file the panel selection accepts: CSV or XLSX). Without --features every column but the id and "
        "contact data is looked at; with --features only the quota features, as the panel selection does."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", required=True, help="CSV or XLSX file with one person per row")
        parser.add_argument("--json", required=True, dest="json_out", help="file to write the report to ('-': standard output)")
        parser.add_argument("--features", help="quota file (feature,value,min,max) as for select_panel")
        parser.add_argument("--koppel", action="append", default=[], metavar="KOLOM=FACTOR",
                            help="link a column explicitly to a factor code (repeatable), e.g. --koppel lft=leeftijd")

    def handle(self, *args, people: str, json_out: str, features: str | None, koppel: list[str], **options):
        declared = self._declared(koppel)
        path = Path(people)
        if not path.is_file():
            raise CommandError(f"Bestand niet gevonden: {people}")
        if features:
            report = self._with_quotas(path, Path(features), declared)
        else:
            result, messages = people_file_coverage(path.read_bytes(), path.name, declared=declared)
            if result is None:
                raise CommandError("Het bestand kan niet worden gelezen:\n- " + "\n- ".join(messages))
            report = {"file": path.name, **result.to_dict(), "warnings": messages}
        text = json.dumps(report, ensure_ascii=False, indent=2)
        if json_out == "-":
            self.stdout.write(text)
        else:
            try:
                Path(json_out).write_text(text + "\n", encoding="utf-8")
            except OSError as error:
                raise CommandError(f"Kon {json_out} niet schrijven: {error.strerror or error}.") from error
            missing = [f["label"] for f in report["factors"] if not f["covered"]]
            self.stdout.write(
                f"{12 - len(missing)} van de 12 factoren gedekt"
                + (f"; niet gedekt: {', '.join(missing)}" if missing else "")
                + f". Rapport in {json_out}."
            )

    def _declared(self, pairs: list[str]) -> dict[str, list[str]]:
        codes = load_lens().codes
        declared: dict[str, list[str]] = {}
        for pair in pairs:
            column, sep, factor = pair.partition("=")
            if not sep or not column.strip() or factor.strip() not in codes:
                raise CommandError(f"--koppel {pair!r}: gebruik KOLOM=FACTOR met een factor uit: {', '.join(codes)}.")
            declared.setdefault(column.strip(), []).append(factor.strip())
        return declared

    def _with_quotas(self, people: Path, features: Path, declared) -> dict:
        try:
            quotas = read_quotas(features)
            pool = read_pool(people, quotas)
        except PanelSelectionError as error:
            raise CommandError(str(error)) from error
        counts = {
            feature: {q.value: sum(1 for p in pool.people if p.features[feature] == q.value) for q in items}
            for feature, items in quotas.features().items()
        }
        coverage, matches = coverage_for_columns({f: list(c) for f, c in counts.items()}, declared=declared, counts=counts)
        labels = {f.factor.code: f.factor.label for f in coverage.factors}
        return {
            "file": people.name,
            "features_file": features.name,
            **coverage.to_dict(),
            "rows": len(pool.people),
            "skipped_columns": pool.contact_columns,
            "columns": [
                {"column": m.column, "how": m.how, "group": m.group, "factors": [labels[f] for f in m.factors],
                 "factors_by_category": {labels[f]: list(v) for f, v in m.by_category.items()},
                 "categories": list(counts[m.column])}
                for m in matches
            ],
            "warnings": list(pool.warnings) + list(quotas.warnings),
        }
