from django.core.management.base import BaseCommand, CommandError

from mia.demo import examples, mia_example
from mia.demo.datafile import DemoDataError


class Command(BaseCommand):
    help = "Load the demo: organisation, users and the worked examples (idempotent, safe on every start)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="the port the server runs on (for the address printed)")

    def handle(self, *args, port: int, **options):
        try:
            lines = examples.load_all()
            username, password = mia_example.login()
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(f"Demo-login: gebruiker {username}, wachtwoord {password}")
        self.stdout.write(f"http://127.0.0.1:{port}/")
