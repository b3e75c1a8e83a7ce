"""`mia export_measures WORKSPACE --what workspace|fiche|package|weighing|indicators [--id N] --format ... --output FILE`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mia.measures.models import Workspace

FORMATS = {
    "workspace": ("json",),
    "fiche": ("pdf", "docx", "json"),
    "fiches": ("pdf",),
    "package": ("pdf", "docx"),
    "weighing": ("pdf", "docx", "json"),
    "indicators": ("csv", "xlsx"),
}


class Command(BaseCommand):
    help = "Exporteer (een deel van) een werkruimte van het impactteam: werkruimte (JSON), fiche, pakket, afweging (bijlage) of indicatoren."

    def add_arguments(self, parser) -> None:
        parser.add_argument("workspace", type=int, help="id van de werkruimte")
        parser.add_argument("--what", choices=sorted(FORMATS), default="workspace")
        parser.add_argument("--id", type=int, help="nummer van de fiche, of id van het pakket of de afweging")
        parser.add_argument("--format", dest="fmt", default=None, help="json, pdf, docx, csv of xlsx (wat past bij --what)")
        parser.add_argument("--output", required=True, help="bestand om te schrijven ('-': standaarduitvoer, alleen json en csv)")
        parser.add_argument("--personal-data", action="store_true", help="werkruimte: met de namen van experts in de bronnen")

    def handle(self, *args, **options) -> None:
        workspace = Workspace.objects.select_related("organisation").filter(pk=options["workspace"]).first()
        if workspace is None:
            raise CommandError(f"Er is geen werkruimte met id {options['workspace']}.")
        what = options["what"]
        fmt = options["fmt"] or FORMATS[what][0]
        if fmt not in FORMATS[what]:
            raise CommandError(f"--what {what} kan als {', '.join(FORMATS[what])}, niet als {fmt}.")
        data = self._build(workspace, what, fmt, options)
        output = options["output"]
        if output == "-":
            if isinstance(data, bytes):
                raise CommandError("PDF, DOCX en XLSX kunnen niet naar standaarduitvoer; geef een bestandsnaam.")
            self.stdout.write(data)
            return
        try:
            Path(output).write_bytes(data) if isinstance(data, bytes) else Path(output).write_text(data, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Kon {output} niet schrijven: {error.strerror}.") from error
        self.stderr.write(f"{what} van werkruimte {workspace.pk} geschreven naar {output} ({fmt}).")

    def _object(self, queryset, pk, what):
        if pk is None:
            raise CommandError(f"Geef met --id aan welke {what}.")
        obj = queryset.filter(**({"number": pk} if what == "fiche" else {"pk": pk})).first()
        if obj is None:
            raise CommandError(f"Er is geen {what} {pk} in deze werkruimte.")
        return obj

    def _build(self, workspace, what, fmt, options):
        from mia.measures import documents
        from mia.measures.exchange import export_workspace, measure_document

        if what == "workspace":
            return json.dumps(export_workspace(workspace, personal_data=options["personal_data"]), ensure_ascii=False, indent=2)
        if what == "fiches":
            return documents.fiches_pdf(workspace)
        if what == "indicators":
            from mia.core.exports import neutralise_formula, xlsx_bytes
            from mia.measures.dashboard import EXPORT_HEADER, export_rows

            rows = list(export_rows(workspace))
            if fmt == "xlsx":
                return xlsx_bytes({"Indicatoren": (EXPORT_HEADER, rows)})
            buffer = io.StringIO()
            writer = csv.writer(buffer, delimiter=";")
            writer.writerow(EXPORT_HEADER)
            writer.writerows([[neutralise_formula(v) for v in row] for row in rows])
            return buffer.getvalue()
        if what == "fiche":
            measure = self._object(workspace.measures, options["id"], "fiche")
            if fmt == "json":
                return json.dumps(measure_document(measure, personal_data=options["personal_data"]), ensure_ascii=False, indent=2)
            return documents.fiche_pdf(measure) if fmt == "pdf" else documents.fiche_docx(measure)
        if what == "package":
            package = self._object(workspace.packages, options["id"], "pakket")
            return documents.package_pdf(package) if fmt == "pdf" else documents.package_docx(package)
        weighing = self._object(workspace.weighings, options["id"], "afweging")
        if fmt == "json":
            from mia.measures.evaluation import evaluate

            evaluation = evaluate(weighing)
            if evaluation.result is None:
                raise CommandError(evaluation.problem)
            return json.dumps(evaluation.result.as_dict(), ensure_ascii=False, indent=2)
        return documents.annex_pdf(weighing) if fmt == "pdf" else documents.annex_docx(weighing)
