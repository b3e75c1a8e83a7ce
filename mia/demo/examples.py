"""Every worked example of the demo, in the order ``loaddemo`` builds them.

Each entry is a ``load()`` function: it builds its example idempotently (a fixed uid or name;
nothing changes when it exists), writes only through its app's actions, and returns the one
Dutch line ``loaddemo`` prints about it. The MIA example comes first: it makes the organisation
and the users the other examples use. To add an example, add its ``load`` here (one line).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import transaction
from django.utils import translation

from mia.demo import (
    advice_example,
    consultations_example,
    inclusion_example,
    measures_example,
    mia_example,
    programmes_example,
)

EXAMPLES: list[Callable[[], str]] = [
    mia_example.load,
    measures_example.load,
    inclusion_example.load,
    programmes_example.load,
    consultations_example.load,
    advice_example.load,  # issue 16
]


def load_all() -> list[str]:
    """Build every example in one transaction: when one fails, none is left half-built.

    In the site's language (Dutch), whatever language is active: texts the actions store (a default
    session name) and the rules' messages must match the Dutch of the data files."""
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        return [load() for load in EXAMPLES]
