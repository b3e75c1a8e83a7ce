import json

from django.core.management.base import BaseCommand

from mia.assessments.models import Assessment


class Command(BaseCommand):
    help = "List all assessments (id, title, status)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print a JSON list")

    def handle(self, *args, **options):
        rows = [
            {
                "id": a.pk,
                "uid": str(a.uid),
                "title": a.title,
                "status": a.status,
                "content_version": a.content_version.version,
                "updated_at": a.updated_at.isoformat(),
            }
            for a in Assessment.objects.select_related("content_version").order_by("pk")
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            self.stdout.write(f"{row['id']:>5}  {row['status']:<12} {row['title']}")
