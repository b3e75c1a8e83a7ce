"""Plain-language check for Dutch texts that participants read (aim: language level B1).

Pure Python, no Django: ``check_text(text) -> ReadabilityReport``.

* **Flesch-Douma** (Douma 1960, the Dutch adaptation of Flesch Reading Ease):
  ``206.835 - 0.93 * words/sentence - 77 * syllables/word``. 60 or more is
  read here as "fairly easy" and is one of the conditions for B1 — a rule of
  thumb, as every readability formula is.
* **Syllables** are counted with our own Dutch vowel-nucleus rules, not with
  pyphen's nl_NL hyphenation (which textstat uses for Dutch): hyphenation
  never splits off a single letter at a word edge, so "over", "idee", "radio"
  and "mooie" lose a syllable there. ``tests/test_readability.py`` measures
  both against hand-counted words.
* **Long sentences** (more than ``LONG_SENTENCE_WORDS`` words), **long words**
  (``LONG_WORD_SYLLABLES`` syllables or more, or more than ``LONG_WORD_LETTERS``
  letters, unless very common) and **jargon** from ``data/jargon.json`` come
  with character spans ``(start, end)`` into the text, for highlighting.
* **Rare words** are listed when the optional ``wordfreq`` package is installed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

B1_MIN_SCORE = 60.0
# Below this many words the score swings with one word ("Welkom!" scores 52):
# it is still shown, but not held against the text.
MIN_WORDS_FOR_SCORE = 10
LONG_SENTENCE_WORDS = 20
# What the verdict calls long on average (a sentence of more than 15 words, a word of more than
# 1.7 syllables): with those two, Flesch-Douma drops below 60.
PLAIN_SENTENCE_WORDS = 15
PLAIN_SYLLABLES_PER_WORD = 1.7
LONG_WORD_SYLLABLES = 5
LONG_WORD_LETTERS = 15
# A few long words are too often needed to flag them (without wordfreq).
COMMON_LONG_WORDS = frozenset(
    {
        "verantwoordelijk",
        "verantwoordelijke",
        "verantwoordelijkheid",
        "bijvoorbeeld",
        "alstublieft",
        "tegelijkertijd",
        "ondertussen",
        "burgemeester",
        "gemeenteraad",
        "ziektekostenverzekering",
        "zorgverzekering",
        "vertegenwoordiger",
        "informatie",
        "organisatie",
        "universiteit",
        "televisie",
        "identiteitskaart",
    }
)
# wordfreq Zipf frequency: >= COMMON_ZIPF is common, < RARE_ZIPF is rare.
COMMON_ZIPF = 4.5
RARE_ZIPF = 2.5

_WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "bijv bv bijvoorbeeld o.a d.w.z enz etc m.b.t i.p.v z.s.m ca nr mevr dhr drs ir mr dr prof"
    " jl a.s evt incl excl max min resp t.a.v t.o.v vs i.c.m d.m.v c.q e.d e.a n.a.v mw".split()
)
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)]*(?=\s|$)|\n\s*\n|\n(?=\s*[-*•–]|\s*\d+[.)]\s)")


@dataclass(frozen=True)
class Span:
    """A piece of the checked text: ``text[start:end] == self.text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class LongSentence(Span):
    words: int


@dataclass(frozen=True)
class LongWord(Span):
    syllables: int


@dataclass(frozen=True)
class JargonHit(Span):
    term: str
    alternatives: tuple[str, ...]


@dataclass
class ReadabilityReport:
    text: str
    sentences: int
    words: int
    syllables: int
    score: float | None
    score_label: str
    long_sentences: list[LongSentence] = field(default_factory=list)
    long_words: list[LongWord] = field(default_factory=list)
    jargon: list[JargonHit] = field(default_factory=list)
    rare_words: list[Span] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)

    @property
    def is_b1(self) -> bool:
        return self.words > 0 and not self.reasons

    @property
    def verdict(self) -> str:
        """The verdict in plain Dutch (B1 itself): what makes the text hard, never a formula's name."""
        if self.words == 0:
            return "Er is nog geen tekst om te controleren."
        if self.is_b1:
            return "Deze tekst is goed te lezen (taalniveau B1)."
        return "Deze tekst is moeilijk: " + "; ".join(self.reasons) + "."

    @property
    def score_note(self) -> str:
        """The formula behind the verdict, for who wants to know (not part of the verdict)."""
        if self.score is None:
            return ""
        return f"Flesch-Douma {self.score:.0f} ({self.score_label}); voor B1 minstens {B1_MIN_SCORE:.0f}"

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        return self.syllables / self.words if self.words else 0.0

    def as_dict(self) -> dict:
        """JSON-ready form, e.g. for a live check in the browser."""

        def spans(items):
            return [{k: v for k, v in vars(item).items()} for item in items]

        return {
            "score": None if self.score is None else round(self.score, 1),
            "score_label": self.score_label,
            "verdict": self.verdict,
            "score_note": self.score_note,
            "is_b1": self.is_b1,
            "reasons": self.reasons,
            "sentences": self.sentences,
            "words": self.words,
            "words_per_sentence": round(self.words_per_sentence, 1),
            "syllables_per_word": round(self.syllables_per_word, 2),
            "long_sentences": spans(self.long_sentences),
            "long_words": spans(self.long_words),
            "jargon": [
                {
                    **{k: v for k, v in vars(hit).items() if k != "alternatives"},
                    "alternatives": list(hit.alternatives),
                }
                for hit in self.jargon
            ],
            "rare_words": spans(self.rare_words),
        }


# ---------------------------------------------------------------- syllables

# Vowel letters and the multi-letter vowels that form one syllable nucleus,
# longest first so that "ooi" wins over "oo".
_NUCLEI = (
    "eeuw",
    "ieuw",
    "aai",
    "ooi",
    "oei",
    "eeu",
    "ieu",
    "eau",
    "aa",
    "ee",
    "oo",
    "uu",
    "ie",
    "oe",
    "eu",
    "ei",
    "ij",
    "ui",
    "ou",
    "au",
)
_VOWELS = frozenset("aeiouyáàâéèêíìîóòôúùû")
_DIAERESIS = frozenset("äëïöü")


def count_syllables(word: str) -> int:
    """Syllables of one Dutch word by counting vowel nuclei.

    A run of vowels is split into the longest known nuclei ("mooie" =
    moo-ie: "ooi" + "e"; "theater" = "e" + "a"); a diaeresis always starts a
    new syllable ("geëerd", "ruïne"). Numbers count as one syllable per digit.
    """
    word = word.lower()
    if word.isdigit():
        return max(1, len(word))
    count = 0
    i = 0
    n = len(word)
    while i < n:
        ch = word[i]
        if ch in _DIAERESIS:
            count += 1
            i += 1
            # the diaeresis vowel may start a long vowel: "geëerd" -> ëe
            while i < n and word[i] in _VOWELS and word[i] == _plain(ch):
                i += 1
            continue
        if ch not in _VOWELS:
            i += 1
            continue
        for nucleus in _NUCLEI:
            if word.startswith(nucleus, i):
                i += len(nucleus)
                break
        else:
            i += 1
        count += 1
    return max(1, count)


def _plain(ch: str) -> str:
    return {"ä": "a", "ë": "e", "ï": "i", "ö": "o", "ü": "u"}.get(ch, ch)


# ---------------------------------------------------------------- sentences


def split_sentences(text: str) -> list[Span]:
    """Sentence spans: ends at . ! ? … (not after a known abbreviation), a blank
    line, or a new list item; a list item or heading on its own line counts as one sentence."""
    spans: list[Span] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if match.group().startswith("."):
            before = text[start : match.start()].split()
            last = before[-1].lower().rstrip(".") if before else ""
            if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
                continue
        _add_span(text, start, end, spans)
        start = end
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[Span]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped or not _WORD_RE.search(stripped):
        return
    offset = start + (len(piece) - len(piece.lstrip()))
    spans.append(Span(offset, offset + len(stripped), stripped))


# ---------------------------------------------------------------- jargon


@dataclass(frozen=True)
class _JargonEntry:
    term: str
    alternatives: tuple[str, ...]


def _forms(term: str, extra: list[str]) -> set[str]:
    """The forms of a jargon term we recognise (lowercase)."""
    forms = {term, *extra}
    if " " not in term and "." not in term:
        if term.endswith("eren") and len(term) > 6:
            root = term[:-4] + "eer"  # faciliteren -> faciliteer
            prefix = "ge" + {"e": "ë", "i": "ï", "u": "ü"}.get(root[0], root[0]) + root[1:]
            forms |= {
                root,
                root + "t",
                root + "de",
                root + "den",
                prefix + "d",
                prefix + "de",
                term[:-1] + "d",
                term[:-1] + "de",
            }
        elif not term.endswith("en"):
            forms |= {term + "en", term + "s"}
    return forms


@lru_cache(maxsize=1)
def _jargon() -> tuple[re.Pattern, dict[str, _JargonEntry]]:
    data = json.loads((DATA_DIR / "jargon.json").read_text(encoding="utf-8"))
    by_form: dict[str, _JargonEntry] = {}
    for item in data["termen"]:
        entry = _JargonEntry(item["term"], tuple(item["alternatieven"]))
        for form in _forms(item["term"].lower(), [v.lower() for v in item.get("vormen", [])]):
            by_form.setdefault(form, entry)
    # longest forms first so "ten behoeve van" wins over a shorter overlap
    alternatives = "|".join(re.escape(f) for f in sorted(by_form, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)
    return pattern, by_form


def find_jargon(text: str) -> list[JargonHit]:
    pattern, by_form = _jargon()
    hits = []
    for match in pattern.finditer(text):
        entry = by_form[match.group().lower()]
        hits.append(JargonHit(match.start(), match.end(), match.group(), entry.term, entry.alternatives))
    return hits


def jargon_terms() -> list[str]:
    """All base terms of the jargon list (for documentation and tests)."""
    return sorted({e.term for e in _jargon()[1].values()})


# ---------------------------------------------------------------- word frequency


@lru_cache(maxsize=1)
def _zipf():
    """wordfreq's Dutch Zipf frequency, or None when wordfreq is not installed."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:
        return None
    return lambda word: zipf_frequency(word, "nl")


# ---------------------------------------------------------------- the check


def _score_label(score: float) -> str:
    # Douma's bands, as commonly used for Dutch
    if score >= 80:
        return "zeer makkelijk"
    if score >= 70:
        return "makkelijk"
    if score >= 60:
        return "redelijk makkelijk"
    if score >= 50:
        return "redelijk moeilijk"
    if score >= 30:
        return "moeilijk"
    return "zeer moeilijk"


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _examples(items, limit: int = 3) -> str:
    seen = list(dict.fromkeys(i.text.lower() for i in items))
    shown = ", ".join(f"'{w}'" for w in seen[:limit])
    return shown + (", …" if len(seen) > limit else "")


def check_text(text: str) -> ReadabilityReport:
    """Check one Dutch text for language level B1; see the module docstring."""
    text = text or ""
    zipf = _zipf()
    sentences = split_sentences(text)
    n_words = n_syllables = 0
    long_sentences: list[LongSentence] = []
    long_words: list[LongWord] = []
    rare_words: list[Span] = []
    for sentence in sentences:
        words = list(_WORD_RE.finditer(sentence.text))
        n_words += len(words)
        if len(words) > LONG_SENTENCE_WORDS:
            long_sentences.append(LongSentence(sentence.start, sentence.end, sentence.text, len(words)))
        for match in words:
            word = match.group()
            syllables = sum(count_syllables(part) for part in re.split(r"['’\-]", word) if part)
            n_syllables += syllables
            start, end = sentence.start + match.start(), sentence.start + match.end()
            lower = word.lower()
            letters = sum(ch.isalpha() for ch in word)
            if word.isdigit() or word.isupper():
                continue  # numbers and abbreviations (GGZ, AOW) are not long words
            common = lower in COMMON_LONG_WORDS or (zipf is not None and zipf(lower) >= COMMON_ZIPF)
            if (syllables >= LONG_WORD_SYLLABLES or letters > LONG_WORD_LETTERS) and not common:
                long_words.append(LongWord(start, end, word, syllables))
            elif zipf is not None and letters >= 4 and not word[:1].isupper() and zipf(lower) < RARE_ZIPF:
                rare_words.append(Span(start, end, word))

    jargon = find_jargon(text)
    score = None
    if n_words:
        score = 206.835 - 0.93 * (n_words / max(1, len(sentences))) - 77 * (n_syllables / n_words)
    report = ReadabilityReport(
        text=text,
        sentences=len(sentences),
        words=n_words,
        syllables=n_syllables,
        score=score,
        score_label=_score_label(score) if score is not None else "",
        long_sentences=long_sentences,
        long_words=long_words,
        jargon=jargon,
        rare_words=rare_words,
    )
    report.reasons = _reasons(report)
    return report


def _reasons(report: ReadabilityReport) -> list[str]:
    # In B1 words: what the reader meets (long sentences, long words), not the formula.
    reasons = []
    if report.score is not None and report.score < B1_MIN_SCORE and report.words >= MIN_WORDS_FOR_SCORE:
        per_sentence = report.words_per_sentence
        if per_sentence > PLAIN_SENTENCE_WORDS:
            reasons.append(f"de zinnen zijn lang (gemiddeld {per_sentence:.0f} woorden)")
        if report.syllables_per_word > PLAIN_SYLLABLES_PER_WORD or per_sentence <= PLAIN_SENTENCE_WORDS:
            reasons.append(
                f"veel woorden zijn lang (gemiddeld {report.syllables_per_word:.1f} lettergrepen per woord)".replace(".", ",")
            )
    if report.long_sentences:
        reasons.append(
            f"{_plural(len(report.long_sentences), 'zin heeft', 'zinnen hebben')} meer dan "
            f"{LONG_SENTENCE_WORDS} woorden"
        )
    if report.jargon:
        reasons.append(
            f"{_plural(len(report.jargon), 'ambtelijk woord', 'ambtelijke woorden')}: {_examples(report.jargon)}"
        )
    # One long word is often unavoidable (a place name, "gemeenteraad");
    # several, or a high share, make a text hard.
    if len(report.long_words) >= 3 or (
        len(report.long_words) >= 2 and len(report.long_words) > 0.05 * report.words
    ):
        reasons.append(
            f"{_plural(len(report.long_words), 'lang woord', 'lange woorden')}: {_examples(report.long_words)}"
        )
    return reasons
