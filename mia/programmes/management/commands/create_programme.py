import json

from django.core.management.base import BaseCommand, CommandError

from mia.accounts.models import Organisation
from mia.programmes import actions
from mia.programmes.management.commands._users import acting_user


class Command(BaseCommand):
    help = "Create a dialogue programme with the seed's themes and vocabularies; --json prints {\"id\": N}."

    def add_arguments(self, parser):
        parser.add_argument("title")
        parser.add_argument("--json", action="store_true", help='print {"id": N} and nothing else')
        parser.add_argument("--organisation", help="name of the organisation (default: the user's first with kernteam role)")
        parser.add_argument("--user", help="username who creates it (default: the first superuser)")
        parser.add_argument("--description", default="")

    def handle(self, *args, **options):
        user = acting_user(options["user"])
        allowed = actions.organisations_for(user, operator=True)
        if options["organisation"]:
            organisation = Organisation.objects.filter(name=options["organisation"]).first()
            if organisation is None:
                raise CommandError(f"Er is geen organisatie {options['organisation']!r}.")
        elif allowed.count() > 1:
            names = ", ".join(allowed.values_list("name", flat=True)[:10])
            raise CommandError(f"Kies een organisatie met --organisation (bijvoorbeeld: {names}).")
        else:
            organisation = allowed.first()
        try:
            programme = actions.create_programme(user, options["title"], options["description"], organisation, operator=True)
        except actions.ProgrammeError as error:
            raise CommandError(str(error)) from error
        if options["json"]:
            self.stdout.write(json.dumps({"id": programme.pk}))
        else:
            self.stdout.write(f"Programma {programme.pk} gemaakt: {programme.title} ({programme.organisation})")
