from django.core.management.base import BaseCommand

from mia.core import demo


class Command(BaseCommand):
    help = "Load the demo: organisation, users and one fully worked MIA (idempotent, safe on every start)."

    def handle(self, *args, **options):
        result = demo.load_demo()
        a = result.assessment
        if result.created:
            self.stdout.write(self.style.SUCCESS(f"Demo aangemaakt: MIA {a.pk} ‘{a.title}’."))
        else:
            self.stdout.write(f"Demo bestaat al: MIA {a.pk} ‘{a.title}’ (niets gewijzigd).")
        self.stdout.write(f"Demo-login: gebruiker demo, wachtwoord {demo.PASSWORD}")
        self.stdout.write(demo.URL)
