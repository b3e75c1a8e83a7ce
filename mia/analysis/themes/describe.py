"""Describe clusters: Dutch labels, representative quotes, spread over groups."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from .text import PreparedText

LABEL_TERMS = 3
KEY_TERMS = 8
QUOTES = 3
QUOTE_CHARS = 400


def _identity(tokens):
    return tokens


class Labeller:
    """Key terms per cluster by a class-based TF-IDF over stems and stem pairs.

    A term scores high for a cluster when a large share of the cluster's
    texts use it and it is rare elsewhere; with semantic vectors, also when
    its words lie near the cluster's centre ("huurwoning" rather than
    "bijna" for a housing theme). Terms are shown in the surface form most
    used in the theme ("huurwoningen", not the stem "huurwon").
    """

    def __init__(
        self, prepared: Sequence[PreparedText], weights: np.ndarray, stem_of=None, word_space=None
    ) -> None:
        self.prepared = prepared
        vectorizer = CountVectorizer(analyzer=_identity, binary=True, dtype=np.float32)
        self.matrix = sparse.csr_matrix(
            vectorizer.fit_transform([list(dict.fromkeys(p.stems + p.phrases)) for p in prepared])
        )
        self.terms = vectorizer.get_feature_names_out()
        self.weights = weights.astype(np.float32)
        self.document_frequency = np.asarray(self.matrix.T @ self.weights).ravel()
        self.total = float(self.weights.sum())
        self.is_phrase = np.array([" " in t for t in self.terms], dtype=bool)
        self.word_space = word_space
        if word_space is not None:
            index = vectorizer.vocabulary_
            # every term's stem parts (a unigram's two "parts" are the same stem)
            parts = [t.split(" ") for t in self.terms]
            self._part1 = np.array([index[p[0]] for p in parts])
            self._part2 = np.array([index[p[-1]] for p in parts])
            # the term (stem) of every embedded word; -1 if the stem is no term
            self._word_term = np.array([index.get(stem_of(w), -1) for w in word_space.words])

    def _semantic_factor(self, rows: np.ndarray) -> np.ndarray:
        """Per term, how close its words lie to the theme centre (0.1 … 1)."""
        closeness = self.word_space.centrality(rows)
        stem_close = np.zeros(len(self.terms))
        known = self._word_term >= 0
        np.maximum.at(stem_close, self._word_term[known], closeness[known])
        term_close = np.maximum(stem_close[self._part1], stem_close[self._part2])
        return np.clip(0.1 + term_close, 0.1, 1.0)

    def key_terms(self, rows: np.ndarray, limit: int = KEY_TERMS) -> list[str]:
        """The cluster's key terms as stems ("huurwon", "sociaal huurwon"); see ``surface_forms``."""
        if len(rows) == 0 or self.matrix.shape[1] == 0:
            return []
        size = float(self.weights[rows].sum())
        inside = np.asarray(self.matrix[rows].T @ self.weights[rows]).ravel()
        share_in = inside / size
        rest = max(self.total - size, 1.0)
        share_out = (self.document_frequency - inside) / rest
        # distinctive *and* common in the theme: a word every theme uses
        # ("mensen") scores ~0, a word used by one text only labels nothing
        score = share_in * np.log((share_in + 0.01) / (share_out + 0.01))
        if size >= 4:
            score[inside < 2] = 0.0
        score[self.is_phrase] *= 1.3
        if self.word_space is not None:
            score *= self._semantic_factor(rows)
        chosen: list[str] = []
        chosen_stems: set[str] = set()
        candidates = np.flatnonzero(score > 0)
        for index in candidates[np.argsort(-score[candidates], kind="stable")]:
            if len(chosen) >= limit:
                break
            term = str(self.terms[index])
            parts = term.split(" ")
            if (len(parts) == 1 and parts[0] in chosen_stems) or (
                len(parts) > 1 and chosen_stems & set(parts)
            ):
                continue  # no "duur, duur geworden": each word once in the key terms
            chosen.append(term)
            chosen_stems.update(parts)
        return chosen

    def surface_forms(self, terms: set[str], rows: np.ndarray) -> dict[str, str]:
        """The most used written form of each stemmed term in the texts ``rows``."""
        counts: dict[str, Counter] = {t: Counter() for t in terms}
        for row in rows:
            p, w = self.prepared[row], int(self.weights[row])
            for stem, word in zip(p.stems, p.words, strict=False):
                if stem in counts:
                    counts[stem][word] += w
            for stem, words in zip(p.phrases, p.surface_phrases, strict=False):
                if stem in counts:
                    counts[stem][words] += w
        # most used form; ties go to the shorter, then alphabetical, form
        return {
            term: min(c.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0] if c else term
            for term, c in counts.items()
        }


def label_from_terms(terms: Sequence[str]) -> str:
    return ", ".join(terms[:LABEL_TERMS]) if terms else "zonder kernwoorden"


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut + " …"


def representative_rows(
    vectors: np.ndarray, rows: np.ndarray, limit: int = QUOTES
) -> list[tuple[int, float]]:
    """Rows closest (cosine) to the normalised centroid of ``rows``."""
    if len(rows) == 0:
        return []
    members = vectors[rows]
    centre = members.mean(axis=0)
    norm = float(np.linalg.norm(centre))
    if norm == 0.0:
        return [(int(r), 0.0) for r in rows[:limit]]
    similarity = members @ (centre / norm)
    order = np.argsort(-similarity, kind="stable")[:limit]
    return [(int(rows[i]), float(similarity[i])) for i in order]


def spread(member_positions: Sequence[int], groups: dict[str, list[str | None]]) -> dict[str, dict[str, int]]:
    """Per dimension, how many texts of a theme each group holds (groups without a value skipped)."""
    result: dict[str, dict[str, int]] = {}
    for dimension, values in groups.items():
        counts = Counter(values[i] for i in member_positions if values[i] not in (None, ""))
        result[dimension] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return result


def is_rode_draad(
    theme_spread: dict[str, int], n_groups: int, min_groups: int, min_share: float | None
) -> bool:
    """Present in at least ``min_groups`` groups (and, if given, that share of all groups)."""
    if n_groups < 2:
        return False
    needed = min_groups
    if min_share is not None:
        needed = max(needed, math.ceil(min_share * n_groups))
    return len(theme_spread) >= needed
