"""Reading a JSON file that a person made or edited: size, encoding and syntax errors in Dutch.

Plain module (no Django), used by ``mia weigh``, the workspace import and the CBS importer.
"""

from __future__ import annotations

import json

MAX_JSON_BYTES = 50 * 1024 * 1024


class JsonFileError(ValueError):
    """The bytes are not usable JSON; the message is Dutch."""


def load_json(data: bytes, *, what: str = "Het bestand", max_bytes: int = MAX_JSON_BYTES):
    if len(data) > max_bytes:
        raise JsonFileError(f"{what} is groter dan {max_bytes // (1024 * 1024)} MB.")
    if not data.strip():
        raise JsonFileError(f"{what} is leeg.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise JsonFileError(
            f"{what} is geen UTF-8-tekst (onleesbaar teken op positie {error.start}). Sla het op als UTF-8."
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise JsonFileError(
            f"{what} is geen geldige JSON: {_reason(error.msg)} op regel {error.lineno}, kolom {error.colno}."
        ) from None
    except RecursionError:
        raise JsonFileError(f"{what} is te diep genest om te lezen.") from None


_REASONS = {
    "Expecting value": "waarde verwacht",
    "Expecting property name enclosed in double quotes": "naam tussen dubbele aanhalingstekens verwacht",
    "Expecting ',' delimiter": "komma verwacht",
    "Expecting ':' delimiter": "dubbele punt verwacht",
    "Extra data": "er staat nog iets na het einde",
    "Unterminated string starting at": "tekst zonder afsluitend aanhalingsteken",
    "Invalid control character at": "ongeldig stuurteken",
}


def _reason(message: str) -> str:
    return _REASONS.get(message, message)
