import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string

from mia.assessments.models import Assessment
from mia.reports.context import report_context
from mia.reports.docx_report import build_docx
from mia.reports.exchange import export_assessment
from mia.reports.views import report_pdf_bytes


class Command(BaseCommand):
    help = "Export an assessment as JSON, PDF, DOCX or HTML."

    def add_arguments(self, parser):
        parser.add_argument("id", type=int)
        parser.add_argument("--format", choices=["json", "pdf", "docx", "html"], default="json")
        parser.add_argument("--output", required=True, help="file to write ('-' for standard output, json/html only)")
        parser.add_argument(
            "--personal-data", action="store_true", help="JSON: include participants' names and contact data"
        )

    def handle(self, *args, **options):
        assessment = Assessment.objects.filter(pk=options["id"]).first()
        if assessment is None:
            raise CommandError(f"Er is geen MIA met id {options['id']}.")
        fmt = options["format"]
        if fmt == "json":
            data = json.dumps(export_assessment(assessment, personal_data=options["personal_data"]), ensure_ascii=False, indent=2)
        elif fmt == "html":
            data = render_to_string("reports/report_print.html", report_context(assessment))
        elif fmt == "pdf":
            from mia.core.pdf_process import DocumentTooLarge

            try:
                data = report_pdf_bytes(assessment)
            except DocumentTooLarge as error:
                raise CommandError(str(error)) from None
        else:
            data = build_docx(report_context(assessment))
        output = options["output"]
        if output == "-":
            if isinstance(data, bytes):
                raise CommandError("PDF en DOCX kunnen niet naar standaarduitvoer; geef een bestandsnaam.")
            self.stdout.write(data)
            return
        path = Path(output)
        try:
            path.write_bytes(data) if isinstance(data, bytes) else path.write_text(data, encoding="utf-8")
        except OSError as exc:
            raise CommandError(f"Kon {path} niet schrijven: {exc.strerror}") from exc
        self.stderr.write(f"MIA {assessment.pk} geschreven naar {path} ({fmt}).")
