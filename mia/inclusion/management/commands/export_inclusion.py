from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mia.inclusion import exports
from mia.inclusion.exchange import export_trajectory
from mia.inclusion.models import Trajectory


class Command(BaseCommand):
    help = "Export an inclusion trajectory as PDF (tagged, A4), DOCX or JSON."

    def add_arguments(self, parser):
        parser.add_argument("id", type=int, help="id of the trajectory")
        parser.add_argument("--format", choices=["pdf", "docx", "json"], required=True)
        parser.add_argument("--output", required=True, help="file to write ('-' for standard output, JSON only)")
        parser.add_argument("--personal-data", action="store_true",
                            help="include names of working-group members and task owners (internal use only)")

    def handle(self, *args, id: int, format: str, output: str, personal_data: bool, **options):
        trajectory = Trajectory.objects.select_related("organisation", "content_version").filter(pk=id).first()
        if trajectory is None:
            raise CommandError(f"Er is geen inclusietraject met id {id}.")
        if format == "pdf":
            data = exports.trajectory_pdf(trajectory, personal_data=personal_data)
        elif format == "docx":
            data = exports.trajectory_docx(trajectory, personal_data=personal_data)
        else:
            data = exports.json_bytes(export_trajectory(trajectory, personal_data=personal_data))
        if output == "-":
            if format != "json":
                raise CommandError("Alleen JSON kan naar het scherm; geef voor PDF en DOCX een bestand op met --output.")
            self.stdout.write(data.decode("utf-8"))
            return
        try:
            Path(output).write_bytes(data)
        except OSError as error:
            raise CommandError(f"Kon {output} niet schrijven: {error.strerror or error}.") from error
        self.stdout.write(f"Traject {trajectory.pk} ‘{trajectory.title}’ geschreven naar {output} ({len(data)} bytes).")
