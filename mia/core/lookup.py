import re

from django.http import Http404
from django.shortcuts import get_object_or_404

# The largest id any database column holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(value) -> int | None:
    """A record id typed into a form or URL, or None: ASCII digits only ('²' and '٣' are digits to
    ``str.isdigit`` but no number), and no larger than a database column holds (a 30-digit number
    would make the database itself fail)."""
    text = str(value).strip() if value is not None else ""
    if not _ASCII_DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def parse_ids(values) -> list[int]:
    """The ids among these posted values (the others are left out, as a form would)."""
    return [number for number in (parse_id(value) for value in values) if number is not None]


def get_posted(queryset_or_model, value, **filters):
    """``get_object_or_404`` for an id that came from a form: anything that is not
    a whole number a database can hold is a 404 too, never a server error."""
    pk = parse_id(value)
    if pk is None:
        raise Http404("bad id")
    return get_object_or_404(queryset_or_model, pk=pk, **filters)
