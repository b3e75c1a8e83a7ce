"""`mia refresh_cbs [--due] [--feed ID]`: fetch CBS StatLine tables into their workspaces (as jobs)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from mia.measures import actions
from mia.measures.models import CbsFeed


class Command(BaseCommand):
    help = "Ververs de cijfers uit CBS StatLine: alle tabellen, alleen die aan de beurt zijn (--due), of één (--feed)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--due", action="store_true", help="alleen tabellen waarvan de verversingstijd voorbij is")
        parser.add_argument("--feed", type=int, help="id van één CBS-tabel")

    def handle(self, *args, **options) -> None:
        if options["due"]:
            started = actions.refresh_due_feeds()
        else:
            feeds = CbsFeed.objects.all()
            if options["feed"] is not None:
                feeds = feeds.filter(pk=options["feed"])
                if not feeds.exists():
                    raise CommandError(f"Er is geen CBS-tabel met id {options['feed']}.")
            started = [actions.start_cbs_refresh(feed).pk for feed in feeds]
        self.stdout.write(f"{len(started)} taak/taken gestart: {', '.join(map(str, started)) or '–'}. Volg ze met `mia jobs`.")
