"""Dutch messages for pydantic validation errors of imported documents, in one place.

``error_path(loc)`` writes an error's location as a reader finds it in the file
(``sessions[0].participants[1].number``); ``dutch_message(error)`` says what is wrong with it."""

from __future__ import annotations


def error_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)[:60]
    return out or "(het bestand)"


def _n(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def dutch_message(error: dict) -> str:
    kind, ctx = error["type"], error.get("ctx") or {}
    if kind in ("too_short", "too_long") and isinstance(error.get("input"), str):
        kind = f"string_{kind}"  # constraints after a BeforeValidator report the generic kind
    messages = {
        "missing": "dit veld ontbreekt",
        "extra_forbidden": "dit veld kennen we niet",
        "string_type": "moet tekst zijn",
        "string_too_short": "mag niet leeg zijn",
        "int_type": "moet een heel getal zijn",
        "int_from_float": "moet een heel getal zijn",
        "int_parsing": "moet een heel getal zijn",
        "float_type": "moet een getal zijn",
        "float_parsing": "moet een getal zijn",
        "finite_number": "moet een gewoon getal zijn, geen oneindig of NaN",
        "bool_type": "moet true of false zijn",
        "list_type": "moet een lijst zijn",
        "dict_type": "moet een object zijn",
        "model_type": "moet een object zijn",
        "model_attributes_type": "moet een object zijn",
        "none_required": "moet leeg (null) zijn",
        "recursion_loop": "is te diep genest",
    }
    if kind in messages:
        return messages[kind]
    if kind == "string_too_long":
        return f"is te lang (hoogstens {ctx.get('max_length')} tekens)"
    if kind == "too_long":
        return f"heeft te veel onderdelen (hoogstens {ctx.get('max_length')})"
    if kind == "too_short":
        return f"heeft te weinig onderdelen (ten minste {ctx.get('min_length')})"
    if kind == "greater_than_equal":
        return f"moet ten minste {_n(ctx.get('ge'))} zijn"
    if kind == "less_than_equal":
        return f"mag hoogstens {_n(ctx.get('le'))} zijn"
    if kind == "greater_than":
        return f"moet groter zijn dan {_n(ctx.get('gt'))}"
    if kind == "less_than":
        return f"moet kleiner zijn dan {_n(ctx.get('lt'))}"
    if kind in ("literal_error", "enum"):
        return f"kies een van: {ctx.get('expected', '')}".replace(" or ", " of ")
    if kind == "value_error":
        return str(ctx.get("error", "is ongeldig"))
    return "is ongeldig"
