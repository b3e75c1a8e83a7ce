import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from mia.demo import examples, mia_example
from mia.demo.datafile import DemoDataError


class Command(BaseCommand):
    help = "Load the demo: organisation, users and the worked examples (idempotent, safe on every start)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="the port the server runs on (for the address printed)")
        parser.add_argument(
            "--yes-i-know", action="store_true", dest="yes_i_know",
            help="load the demo also with production settings; its users then get a new random password",
        )

    def handle(self, *args, port: int, yes_i_know: bool = False, **options):
        # mia.settings_production sets it (not DEBUG: the test runner turns DEBUG off everywhere).
        production = getattr(settings, "MIA_PRODUCTION", False)
        if production and not yes_i_know:
            # The demo's password is in the README, and its user is a superuser.
            raise CommandError(
                "De demo hoort niet op een productieserver: het wachtwoord van de demogebruiker staat in de README. "
                "Wilt u hem toch laden, gebruik dan --yes-i-know; de demogebruikers krijgen dan een nieuw, willekeurig wachtwoord."
            )
        try:
            lines = examples.load_all()
            username, password = mia_example.login()
        except DemoDataError as exc:
            raise CommandError(str(exc)) from exc
        if production:
            password = self._replace_published_password(password)
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(f"Demo-login: gebruiker {username}, wachtwoord {password}")
        self.stdout.write(f"http://127.0.0.1:{port}/")

    @staticmethod
    def _replace_published_password(published: str) -> str:
        """Every user who still has the README's password gets one generated here (printed once)."""
        fresh = secrets.token_urlsafe(18)
        with transaction.atomic():
            for user in get_user_model().objects.filter(username__in=mia_example.demo_usernames()):
                if user.check_password(published):
                    user.set_password(fresh)
                    user.save(update_fields=["password"])
        return fresh
