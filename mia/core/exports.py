"""Helpers for files people open in spreadsheet programs."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: str) -> str:
    """Spreadsheet programs run cells that start with = + - @ as formulas (CSV injection).
    A leading apostrophe makes them plain text."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value
