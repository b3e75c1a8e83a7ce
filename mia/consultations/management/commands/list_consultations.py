import json

from django.core.management.base import BaseCommand

from mia.consultations.models import Series


class Command(BaseCommand):
    help = "List the consultation series (id, title, organisation, sessions, sign-ups)."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options):
        rows = [
            {"id": s.pk, "title": s.title, "organisation": s.organisation.name, "sessions": s.sessions.count(),
             "signups": s.signups.count()}
            for s in Series.objects.select_related("organisation").order_by("pk")
        ]
        if options.get("json"):
            self.stdout.write(_dumps(rows))
            return
        for row in rows:
            self.stdout.write(f"{row['id']}\t{row['title']}\t{row['organisation']}\t{row['sessions']} sessies\t{row['signups']} aanmeldingen")


def _dumps(rows) -> str:
    return json.dumps(rows, ensure_ascii=False)
