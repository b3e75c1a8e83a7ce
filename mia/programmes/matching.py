"""Tolerant matching of the values people type in spreadsheets (no Django).

"Jeugdigen", " jeugdigen ", "JEUGDIGEN" and "Jeugdígen" are the same target group;
"Prestatie-maatschappij" (as the seed's table hyphenates it) is "Prestatiemaatschappij".
A value that matches nothing is reported with the closest known value as a hint.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Generic, TypeVar

T = TypeVar("T")
SEPARATOR = ";"


@lru_cache(maxsize=65_536)
def match_key(text: str) -> str:
    """Case-, accent-, space- and punctuation-free form of a value: letters and digits only."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed.casefold() if ch.isalnum() and not unicodedata.combining(ch))


def split_cell(cell: str) -> list[str]:
    """The values of a cell with several values separated by ';', without empties and repeats."""
    seen: set[str] = set()
    values = []
    for part in (cell or "").split(SEPARATOR):
        value = " ".join(part.split())
        key = match_key(value)
        if value and key not in seen:
            seen.add(key)
            values.append(value)
        elif value and not key and value not in seen:
            # Only punctuation ("?", "-"): keep it so that it is reported, not silently dropped.
            seen.add(value)
            values.append(value)
    return values


@dataclass
class Vocabulary(Generic[T]):
    """Known values (label -> item) with tolerant lookup and a suggestion for near misses."""

    items: dict[str, T] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    synonyms: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, T]], synonyms: dict[str, str] | None = None) -> Vocabulary[T]:
        vocabulary: Vocabulary[T] = cls()
        for label, item in pairs:
            key = match_key(label)
            if key and key not in vocabulary.items:
                vocabulary.items[key] = item
                vocabulary.labels[key] = label
        for alias, label in (synonyms or {}).items():
            vocabulary.synonyms[match_key(alias)] = match_key(label)
        return vocabulary

    def get(self, value: str) -> T | None:
        key = match_key(value)
        key = self.synonyms.get(key, key)
        return self.items.get(key)

    def suggest(self, value: str) -> str | None:
        close = difflib.get_close_matches(match_key(value), list(self.items), n=1, cutoff=0.75)
        return self.labels[close[0]] if close else None

    def known(self) -> list[str]:
        return list(self.labels.values())

    def __iter__(self) -> Iterator[str]:
        return iter(self.labels.values())

    def __len__(self) -> int:
        return len(self.items)
