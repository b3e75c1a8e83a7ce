"""Pydantic validation errors as Dutch messages with a readable path (no Django).

The people who edit content files and move trajectories between installations are policy
officers and beheerders: they get "traject › werkgroep › leden › nr. 3 › naam: ontbreekt",
not "working_group.members.2.name: Field required".
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import ValidationError

MAX_MESSAGES = 25

_MESSAGES = {
    "missing": "ontbreekt",
    "extra_forbidden": "is een onbekend veld",
    "string_type": "moet tekst zijn",
    "string_too_short": "is leeg of te kort",
    "string_too_long": "is te lang (hoogstens {max_length} tekens)",
    "string_pattern_mismatch": "heeft niet de goede vorm",
    "int_type": "moet een geheel getal zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "float_type": "moet een getal zijn",
    "float_parsing": "moet een getal zijn",
    "decimal_type": "moet een getal zijn",
    "decimal_parsing": "moet een getal zijn",
    "decimal_max_digits": "is een te groot getal",
    "decimal_max_places": "heeft te veel cijfers achter de komma",
    "finite_number": "moet een gewoon getal zijn",
    "bool_type": "moet waar of onwaar (true/false) zijn",
    "bool_parsing": "moet waar of onwaar (true/false) zijn",
    "literal_error": "moet een van deze waarden zijn: {expected}",
    "enum": "moet een van deze waarden zijn: {expected}",
    "list_type": "moet een lijst zijn",
    "too_short": "heeft te weinig onderdelen (minstens {min_length})",
    "too_long": "heeft te veel onderdelen (hoogstens {max_length})",
    "dict_type": "moet een object zijn ({…})",
    "model_type": "moet een object zijn ({…})",
    "model_attributes_type": "moet een object zijn ({…})",
    "date_type": "moet een datum zijn (JJJJ-MM-DD)",
    "date_parsing": "is geen geldige datum (JJJJ-MM-DD)",
    "date_from_datetime_parsing": "is geen geldige datum (JJJJ-MM-DD)",
    "date_from_datetime_inexact": "is geen geldige datum (JJJJ-MM-DD)",
    "datetime_type": "moet een datum en tijd zijn",
    "datetime_parsing": "is geen geldige datum en tijd",
    "datetime_from_date_parsing": "is geen geldige datum en tijd",
    "greater_than": "moet groter zijn dan {gt}",
    "greater_than_equal": "moet minstens {ge} zijn",
    "less_than": "moet kleiner zijn dan {lt}",
    "less_than_equal": "mag hoogstens {le} zijn",
    "uuid_parsing": "is geen geldige uid",
    "uuid_type": "is geen geldige uid",
    "recursion_loop": "is te diep genest",
}


def dutch_messages(error: ValidationError, labels: Mapping[str, str] | None = None, root: str = "") -> list[str]:
    """One Dutch line per problem: the place in the file, then what is wrong."""
    labels = labels or {}
    lines = []
    for item in error.errors(include_url=False):
        lines.append(f"{_path(item.get('loc', ()), labels, root)}: {_message(item)}")
    if len(lines) > MAX_MESSAGES:
        hidden = len(lines) - MAX_MESSAGES
        lines = lines[:MAX_MESSAGES] + [f"… en nog {hidden} andere meldingen."]
    return lines


def _path(loc, labels: Mapping[str, str], root: str) -> str:
    parts = [root] if root else []
    for part in loc:
        if isinstance(part, int):
            parts.append(f"nr. {part + 1}")
        else:
            parts.append(labels.get(str(part), str(part)))
    return " › ".join(parts) or "het bestand"


def _message(item: dict) -> str:
    kind = item.get("type", "")
    context = dict(item.get("ctx") or {})
    if kind == "value_error":
        # Our own validators raise ValueError with a Dutch message.
        return str(context.get("error", item.get("msg", ""))).removeprefix("Value error, ")
    template = _MESSAGES.get(kind)
    if template is None:
        return item.get("msg", "is niet geldig")
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return template
