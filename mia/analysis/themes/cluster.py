"""k-means with an automatic, bounded choice of the number of themes.

Silhouette curves on short texts are almost flat (we measured 0.04-0.09 for
every k from 2 to 16 on the labelled set), so picking the global maximum
mostly picks noise. We therefore look only in a window around a size rule
(about sqrt(n/2) themes, between 2 and ``MAX_THEMES``) and let the silhouette
choose within it. The analyst merges and splits afterwards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

MAX_THEMES = 12
# Above this many distinct texts k-means is fitted on a sample and the rest
# is assigned to the nearest centre: same themes, a fraction of the time.
FIT_SAMPLE = 10_000
SILHOUETTE_SAMPLE = 2_000


@dataclass
class Clustering:
    labels: np.ndarray
    k: int
    silhouette: float | None
    centres: np.ndarray


def candidate_ks(n_distinct: int) -> range:
    """The window of theme counts tried for ``n_distinct`` distinct texts."""
    target = min(MAX_THEMES, max(2, round(math.sqrt(n_distinct / 2))))
    low = max(2, target - 3)
    high = min(target, n_distinct - 1)
    return range(low, max(low, high) + 1)


def _kmeans(vectors, weights, k, seed):
    model = KMeans(n_clusters=k, n_init=4, random_state=seed)
    model.fit(vectors, sample_weight=weights)
    return model


def cluster(vectors: np.ndarray, weights: np.ndarray, seed: int, k: int | None = None) -> Clustering:
    """Cluster the rows of ``vectors`` (one per distinct text, ``weights`` = copies)."""
    n = len(vectors)
    rng = np.random.default_rng(seed)
    if n > FIT_SAMPLE:
        fit_rows = np.sort(rng.choice(n, FIT_SAMPLE, replace=False))
    else:
        fit_rows = np.arange(n)
    fit_vectors, fit_weights = vectors[fit_rows], weights[fit_rows]
    if len(fit_rows) > SILHOUETTE_SAMPLE:
        score_rows = np.sort(rng.choice(len(fit_rows), SILHOUETTE_SAMPLE, replace=False))
    else:
        score_rows = np.arange(len(fit_rows))

    ks = [k] if k else list(candidate_ks(n))
    best: tuple[float, int, KMeans] | None = None
    for candidate in ks:
        model = _kmeans(fit_vectors, fit_weights, candidate, seed)
        labels = model.labels_[score_rows]
        if len(set(labels)) < 2:
            score = -1.0
        else:
            score = float(silhouette_score(fit_vectors[score_rows], labels))
        if best is None or score > best[0]:
            best = (score, candidate, model)
    score, chosen, model = best
    labels = model.predict(vectors) if n > FIT_SAMPLE else model.labels_
    return Clustering(np.asarray(labels), chosen, score if score > -1 else None, model.cluster_centers_)
