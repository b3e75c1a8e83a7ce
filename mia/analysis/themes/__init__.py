"""Themes in free text, for Dutch: pure Python, no Django.

    from mia.analysis.themes import find_themes, result_to_json
    result = find_themes(["De huur is te hoog.", ...], ids=[...], groups=[...], seed=0)
    for theme in result.themes:
        print(theme.label, theme.size, [q.text for q in theme.quotes])

See ``core.find_themes`` for the options and ``vectors`` for the methods.
"""

from .core import METHODS, find_themes
from .errors import ThemeInputError
from .result import OTHER_LABEL, Quote, Theme, ThemeResult, result_to_json

__all__ = [
    "METHODS",
    "OTHER_LABEL",
    "Quote",
    "Theme",
    "ThemeInputError",
    "ThemeResult",
    "find_themes",
    "result_to_json",
]
