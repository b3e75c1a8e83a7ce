"""`mia import_measures FILE --organisation NAME [--user NAME]`: a workspace from its JSON export (always a new one)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from mia.accounts.models import Organisation
from mia.measures import actions
from mia.measures.jsonfile import JsonFileError, load_json
from mia.measures.schema import DocumentError, parse_document


class Command(BaseCommand):
    help = "Importeer een werkruimte van het impactteam uit een JSON-export (altijd als nieuwe werkruimte)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--organisation", required=True, help="naam van de organisatie die de werkruimte krijgt")
        parser.add_argument("--user", help="gebruiker die als maker wordt vastgelegd")

    def handle(self, *args, **options) -> None:
        organisation = Organisation.objects.filter(name=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"Er is geen organisatie {options['organisation']!r}.")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Er is geen gebruiker {options['user']!r}.")
        try:
            document = parse_document(load_json(Path(options["file"]).read_bytes()))
            workspace = actions.import_workspace(document, organisation, user)
        except OSError as error:
            raise CommandError(f"Kon {options['file']} niet lezen: {error.strerror}.") from error
        except JsonFileError as error:
            raise CommandError(str(error)) from error
        except DocumentError as error:
            raise CommandError("Het bestand kan niet worden geïmporteerd:\n- " + "\n- ".join(error.issues)) from error
        except actions.MeasuresError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Geïmporteerd als werkruimte {workspace.pk}: {workspace.name}")
