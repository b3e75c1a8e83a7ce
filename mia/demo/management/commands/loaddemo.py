from django.core.management.base import BaseCommand

from mia.demo import mia_example as demo
from mia.demo import programmes_example


class Command(BaseCommand):
    help = "Load the demo: organisation, users and one fully worked MIA (idempotent, safe on every start)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="the port the server runs on (for the address printed)")

    def handle(self, *args, port: int, **options):
        result = demo.load_demo()
        self.stdout.write(programmes_example.load(demo.ORGANISATION))
        a = result.assessment
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"Demo aangemaakt: MIA {a.pk} ‘{a.title}’."))
        else:
            self.stdout.write(f"Demo bestaat al: MIA {a.pk} ‘{a.title}’ (niets gewijzigd).")
        self.stdout.write(f"Demo-login: gebruiker demo, wachtwoord {demo.PASSWORD}")
        self.stdout.write(f"http://127.0.0.1:{port}/")
