"""Reading a demo's data file: JSON, checked against a pydantic model, with Dutch errors.

Every problem names the file and the place in it (``assessment.follow_up[2].domain``), so the
person who edited the file sees at once what to fix. Lists count from 0, as in JSON tools.
Any example in ``mia/demo`` can use this for its own file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from pydantic import BaseModel, ValidationError

Model = TypeVar("Model", bound=BaseModel)


class DemoDataError(Exception):
    """A demo data file that cannot be used; the message (Dutch) says where and why."""

    def __init__(self, path: Path | str, problems: Iterable[tuple[str, str]]):
        self.path = Path(path)
        self.problems = list(problems)
        lines = [f"  {where}: {message}" if where else f"  {message}" for where, message in self.problems]
        super().__init__(f"Het demobestand {display_path(self.path)} klopt niet:\n" + "\n".join(lines))


def display_path(path: Path) -> str:
    """The path from the project folder when the file is inside it (shorter to read)."""
    root = Path(settings.BASE_DIR).parent
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


def read_data_file(path: Path | str, model: type[Model]) -> Model:
    """The parsed, validated contents of ``path``; ``DemoDataError`` when it is not usable."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise DemoDataError(path, [("", "het bestand bestaat niet.")]) from None
    except OSError as exc:
        raise DemoDataError(path, [("", f"het bestand kan niet worden gelezen ({exc.strerror or exc}).")]) from None
    except UnicodeDecodeError as exc:
        raise DemoDataError(path, [("", f"het bestand is geen UTF-8 (byte {exc.start}). Sla het op als UTF-8.")]) from None
    try:
        json.loads(text, object_pairs_hook=_refuse_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise DemoDataError(path, [(f"regel {exc.lineno}, kolom {exc.colno}", f"dit is geen geldige JSON ({exc.msg}).")]) from None
    except _DuplicateKey as exc:
        raise DemoDataError(path, [("", f"de sleutel ‘{exc.key}’ staat twee keer in hetzelfde object.")]) from None
    try:
        # From the text (not the parsed dict), so strict mode still reads uuids and times from strings.
        return model.model_validate_json(text)
    except ValidationError as exc:
        raise DemoDataError(path, [(_where(e["loc"]), _message(e)) for e in exc.errors()]) from None


class _DuplicateKey(ValueError):
    def __init__(self, key: str):
        super().__init__(key)
        self.key = key


def _refuse_duplicate_keys(pairs: list[tuple[str, object]]) -> dict:
    # json.loads would silently keep the last of two equal keys: an edit that is lost without a word.
    result: dict = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def where(*parts: str | int) -> str:
    """``("assessment", "rounds", 2, "cards")`` → ``assessment.rounds[2].cards``."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _where(loc: tuple) -> str:
    return where(*loc) if loc else "het hele bestand"


def _message(error: dict) -> str:
    kind, ctx = error["type"], error.get("ctx", {})
    messages = {
        "missing": "ontbreekt.",
        "extra_forbidden": "dit veld kent de demo niet (een tikfout?).",
        "string_type": "moet tekst zijn (tussen aanhalingstekens).",
        "string_too_short": "mag niet leeg zijn.",
        "string_too_long": f"is te lang: hoogstens {ctx.get('max_length')} tekens.",
        "int_type": "moet een geheel getal zijn.",
        "int_parsing": "moet een geheel getal zijn.",
        "int_from_float": "moet een geheel getal zijn.",
        "bool_type": "moet true of false zijn.",
        "bool_parsing": "moet true of false zijn.",
        "list_type": "moet een lijst zijn ([…]).",
        "too_short": f"moet minstens {ctx.get('min_length')} onderdelen hebben.",
        "too_long": f"mag hoogstens {ctx.get('max_length')} onderdelen hebben.",
        "dict_type": "moet een object zijn ({…}).",
        "model_type": "moet een object zijn ({…}).",
        "model_attributes_type": "moet een object zijn ({…}).",
        "uuid_type": "moet een uuid zijn, zoals 6d1a0c8e-3f5b-4e7a-9c21-0de7a0000001.",
        "uuid_parsing": "moet een uuid zijn, zoals 6d1a0c8e-3f5b-4e7a-9c21-0de7a0000001.",
        "time_type": "moet een tijd zijn, zoals \"19:30\".",
        "time_parsing": "moet een tijd zijn, zoals \"19:30\".",
        "literal_error": f"moet een van deze waarden zijn: {ctx.get('expected')}.",
        "greater_than_equal": f"moet minstens {ctx.get('ge')} zijn.",
        "greater_than": f"moet groter zijn dan {ctx.get('gt')}.",
        "less_than_equal": f"mag hoogstens {ctx.get('le')} zijn.",
        "less_than": f"moet kleiner zijn dan {ctx.get('lt')}.",
    }
    if kind in messages:
        return messages[kind]
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"])
    return f"deze waarde klopt niet ({error['msg']})."
