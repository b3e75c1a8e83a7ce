"""The result of a theme analysis, and its JSON form."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

OTHER_LABEL = "overig"


@dataclass(frozen=True)
class Quote:
    """A representative text of a theme: ``id`` is the text's id."""

    id: Hashable
    text: str
    similarity: float


@dataclass
class Theme:
    number: int
    label: str
    key_terms: list[str]
    size: int
    member_ids: list[Hashable]
    quotes: list[Quote]
    is_other: bool = False
    # dimension ("sessie", "vraag", …) -> group -> number of texts of this theme
    spread: dict[str, dict[str, int]] = field(default_factory=dict)
    rode_draad: bool = False


@dataclass
class ThemeResult:
    themes: list[Theme]
    method: str
    seed: int
    n_texts: int
    skipped_ids: list[Hashable] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    groups: dict[str, list[str]] = field(default_factory=dict)
    k: int = 1
    silhouette: float | None = None

    @property
    def rode_draden(self) -> list[Theme]:
        """Themes that recur across groups (candidate cross-cutting threads)."""
        return [t for t in self.themes if t.rode_draad]

    def theme_of(self, text_id: Hashable) -> Theme | None:
        for theme in self.themes:
            if text_id in theme.member_ids:
                return theme
        return None


def _plain(value: Any) -> Any:
    """ids from numpy or spreadsheets as plain JSON values."""
    if hasattr(value, "item"):
        return value.item()
    return value


def result_to_json(result: ThemeResult) -> dict[str, Any]:
    """A JSON-ready dict: ``{"themes": [{"label", "size", "member_ids", "quotes", …}], …}``."""
    return {
        "themes": [
            {
                "label": theme.label,
                "size": theme.size,
                "member_ids": [_plain(i) for i in theme.member_ids],
                "quotes": [q.text for q in theme.quotes],
                "quote_ids": [_plain(q.id) for q in theme.quotes],
                "key_terms": theme.key_terms,
                "is_other": theme.is_other,
                "spread": theme.spread,
                "rode_draad": theme.rode_draad,
            }
            for theme in result.themes
        ],
        "method": result.method,
        "seed": result.seed,
        "n_texts": result.n_texts,
        "k": result.k,
        "skipped_ids": [_plain(i) for i in result.skipped_ids],
        "warnings": result.warnings,
        "groups": result.groups,
    }
