from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mia.consultations import exports
from mia.consultations.models import Series


class Command(BaseCommand):
    help = "Export the final report of a consultation series as PDF (tagged, A4), DOCX, HTML or JSON (no contact data)."

    def add_arguments(self, parser):
        parser.add_argument("id", type=int, help="id of the series")
        parser.add_argument("--format", choices=["pdf", "docx", "html", "json"], required=True)
        parser.add_argument("--output", required=True, help="file to write ('-' for standard output, HTML and JSON only)")

    def handle(self, *args, id: int, format: str, output: str, **options):
        series = Series.objects.select_related("organisation").filter(pk=id).first()
        if series is None:
            raise CommandError(f"Er is geen raadplegingsreeks met id {id}.")
        if format == "pdf":
            data = exports.report_pdf(series)
        elif format == "docx":
            data = exports.report_docx(series)
        elif format == "html":
            data = exports.report_html(series).encode("utf-8")
        else:
            data = exports.series_json_bytes(series)
        if output == "-":
            if format not in ("html", "json"):
                raise CommandError("Alleen HTML en JSON kunnen naar het scherm; geef voor PDF en DOCX een bestand op met --output.")
            self.stdout.write(data.decode("utf-8"))
            return
        try:
            Path(output).write_bytes(data)
        except OSError as error:
            raise CommandError(f"Kon {output} niet schrijven: {error.strerror or error}.") from error
        self.stdout.write(f"Reeks {series.pk} ‘{series.title}’ geschreven naar {output} ({len(data)} bytes).")
