"""Quality measures on the labelled Dutch test set (shared by the tests and bench/themes.py)."""

from __future__ import annotations

import csv
from pathlib import Path
from statistics import mean

from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from mia.analysis.themes import find_themes

TESTSET = Path(__file__).resolve().parents[1] / "data" / "themes_testset.csv"


def load_testset() -> tuple[list[str], list[str], list[str], list[str]]:
    """texts, ids, theme labels and sessions of the labelled set."""
    with TESTSET.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return (
        [r["tekst"] for r in rows],
        [r["id"] for r in rows],
        [r["thema"] for r in rows],
        [r["sessie"] for r in rows],
    )


def baseline_labels(texts: list[str], k: int, seed: int) -> list[int]:
    """Plain TF-IDF (scikit-learn defaults: no stop words, no stemming) + k-means with the true k."""
    matrix = TfidfVectorizer().fit_transform(texts)
    return list(KMeans(n_clusters=k, n_init=10, random_state=seed).fit_predict(matrix))


def _scores(labels, predictions_per_seed) -> dict:
    nmi = [normalized_mutual_info_score(labels, p) for p in predictions_per_seed]
    ari = [adjusted_rand_score(labels, p) for p in predictions_per_seed]
    return {
        "nmi": round(mean(nmi), 3),
        "ari": round(mean(ari), 3),
        "nmi_min": round(min(nmi), 3),
        "nmi_per_seed": [round(x, 3) for x in nmi],
    }


def baseline_scores(texts, labels, seeds) -> dict:
    k = len(set(labels))
    return _scores(labels, [baseline_labels(texts, k, s) for s in seeds])


def predicted_labels(result, ids) -> list[int]:
    theme_of = {}
    for theme in result.themes:
        for member in theme.member_ids:
            theme_of[member] = theme.number
    return [theme_of[i] for i in ids]


def method_scores(texts, ids, labels, method, seeds, k=None) -> dict:
    predictions, ks = [], []
    for seed in seeds:
        result = find_themes(texts, ids=ids, seed=seed, method=method, k=k)
        predictions.append(predicted_labels(result, ids))
        ks.append(result.k)
    out = _scores(labels, predictions)
    out["k"] = ks
    out["method_used"] = result.method
    return out
