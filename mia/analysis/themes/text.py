"""Dutch-aware text preparation: tokenise, lowercase, stop words, Snowball stemming.

Everything here is pure Python and works on one text at a time, so the same
code serves a dialogue with twenty cards and a consultation with 100,000
responses. Stems are cached because a large corpus repeats the same words
millions of times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import snowballstemmer

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Longer texts are cut for the analysis (the member list still holds them):
# a theme is about what a response says first, and a 1 MB paste would
# otherwise dominate time and memory.
MAX_ANALYSIS_CHARS = 5_000

# Letters only (so no numbers, emoji or punctuation), with inner apostrophes
# and hyphens kept: "zzp'ers", "ov-chipkaart", "mbo-studenten".
_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")

_BREAKS = frozenset(".,;:!?()[]{}\"“”«»/…–—")
_WORD_OR_BREAK_RE = re.compile(_TOKEN_RE.pattern + r"|[.,;:!?()\[\]{}\"“”«»/…–—]")

# Function words that are frequent in other languages but not Dutch words;
# used only to warn that a text is probably not Dutch.
_FOREIGN_MARKERS = {
    "en": frozenset(
        "the and of to is are was were it this that with for not you they we have has"
        " be been would should could there their what which because about but our us"
        " my your will can do does an as at or if by from too very no so into than"
        " then them these those who how when where why".split()
    ),
    "de": frozenset(
        "und der die das ist nicht ich sie wir mit für auf auch eine einen dem den"
        " sind wird werden haben hat aber oder wenn weil".split()
    ),
    "fr": frozenset(
        "le la les des est et une un pas pour que qui dans sur avec nous vous sont"
        " ce cette mais ou parce très".split()
    ),
}
_ANY_FOREIGN_MARKER = frozenset().union(*_FOREIGN_MARKERS.values())


@lru_cache(maxsize=1)
def dutch_stop_words() -> frozenset[str]:
    """The shipped Dutch stop-word list (Snowball's list plus MIA additions)."""
    path = DATA_DIR / "stopwords_nl.txt"
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(line)
    return frozenset(words)


def tokenize(text: str) -> list[str]:
    """Lowercased word tokens; numbers, emoji and punctuation are dropped."""
    return [t.replace("’", "'") for t in _TOKEN_RE.findall(text.lower())]


class DutchStemmer:
    """Snowball's Dutch stemmer with a memo: a corpus has few distinct words."""

    def __init__(self) -> None:
        self._stemmer = snowballstemmer.stemmer("dutch")
        self._cache: dict[str, str] = {}

    def stem(self, word: str) -> str:
        stem = self._cache.get(word)
        if stem is None:
            stem = self._stemmer.stemWord(word)
            self._cache[word] = stem
        return stem


@dataclass
class PreparedText:
    """One text ready for analysis.

    ``words`` are the content words (stop words removed) in their surface form,
    ``stems`` their stems, and ``phrases`` stemmed two-word phrases of content
    words that stood next to each other ("sociale huurwoning").
    """

    words: list[str]
    stems: list[str]
    phrases: list[str] = field(default_factory=list)
    surface_phrases: list[str] = field(default_factory=list)
    foreign: bool = False


def prepare(text: str, stemmer: DutchStemmer, stop: frozenset[str] | None = None) -> PreparedText:
    """Tokenise, drop stop words, stem, and collect adjacent two-word phrases."""
    stop = dutch_stop_words() if stop is None else stop
    words: list[str] = []
    stems: list[str] = []
    phrases: list[str] = []
    surface_phrases: list[str] = []
    stop_count = 0
    stem_of = stemmer.stem
    previous: tuple[str, str] | None = None
    tokens: list[str] = []
    # One pass finds words and the punctuation between them: phrases never
    # cross punctuation ("school, leraar" is no phrase).
    for token in _WORD_OR_BREAK_RE.findall(text.lower().replace("’", "'")):
        if token[0] in _BREAKS:
            previous = None
            continue
        tokens.append(token)
        if len(token) < 2 or token in stop:
            stop_count += 1
            previous = None
            continue
        stem = stem_of(token)
        words.append(token)
        stems.append(stem)
        if previous is not None:
            phrases.append(f"{previous[1]} {stem}")
            surface_phrases.append(f"{previous[0]} {token}")
        previous = (token, stem)
    return PreparedText(words, stems, phrases, surface_phrases, foreign=looks_foreign(tokens, stop_count))


def looks_foreign(tokens: list[str], dutch: int | None = None) -> bool:
    """True when a text has clearly more English/German/French than Dutch function words.

    Short texts (fewer than three marker words) are never called foreign: a
    card like "Meer groen!" says too little to tell.
    """
    hits = [t for t in tokens if t in _ANY_FOREIGN_MARKER]
    if len(hits) < 3:
        return False  # the common case: stop here, cheaply
    if dutch is None:
        dutch = sum(map(dutch_stop_words().__contains__, tokens))
    best = max(sum(map(markers.__contains__, hits)) for markers in _FOREIGN_MARKERS.values())
    return best >= 3 and best > dutch
