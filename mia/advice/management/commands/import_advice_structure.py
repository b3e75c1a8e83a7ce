"""`mia import_advice_structure FILE --organisation NAME [--user NAME]`: always a new structure."""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from mia.accounts.models import Organisation
from mia.advice.exchange import ExchangeError, import_structure


class Command(BaseCommand):
    help = "Lees een adviesstructuur in uit JSON (maakt altijd een nieuwe)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--organisation", required=True)
        parser.add_argument("--user", default=None)

    def handle(self, *args, **options) -> None:
        org = Organisation.objects.filter(name=options["organisation"]).first()
        if org is None:
            raise CommandError(f"Er is geen organisatie {options['organisation']!r}.")
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Er is geen gebruiker {options['user']!r}.")
        try:
            raw = Path(options["file"]).read_bytes()
        except OSError as error:
            raise CommandError(f"Kon {options['file']} niet lezen: {error.strerror}.") from error
        try:
            s = import_structure(raw, user=user, organisation=org)
        except ExchangeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps({"id": s.pk}))
