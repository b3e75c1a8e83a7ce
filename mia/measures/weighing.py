"""The transparent weighing of measures: a weighted sum of normalised scores, and how stable it is.

Pure logic (numpy, no Django), shared by the weighing page, the annex and ``mia weigh``.
The method is fixed (issue 15), so that anyone can recompute a result by hand:

1. the weights are normalised to sum 1;
2. each criterion's scores are min–max normalised to [0, 1] over the alternatives
   (``(x - min) / (max - min)``), and for a criterion with direction ``min`` that value is
   taken from 1 (``1 - ...``); a criterion on which every alternative scores the same gives 0
   to all of them (it cannot tell them apart);
3. an alternative's score is the sum over the criteria of weight × normalised value.

**Ranking.** Highest score first. Scores within ``TIE_TOLERANCE`` of each other are equal and
share a rank ("1, 1, 3"); among equal scores the input order decides who is listed first.

**Stability.** For each criterion ``j`` with normalised weight ``w_j``: the interval
``[low, high]`` of values ``t`` of its weight, the other weights rescaled in proportion
(``w_k · (1 - t) / (1 - w_j)``, so they still sum to 1), within which the alternative ranked
first stays first (a tie for first counts as staying first). Each alternative's score is
linear in ``t``, so the interval is found exactly, without searching. Rescaling "in proportion"
is the same as changing this criterion's raw weight while keeping the others' raw weights:
``raw_weight_bounds`` turns the interval back into raw weights for the page. When this
criterion holds all the weight (the others are 0) the others share ``1 - t`` equally.

**Rank acceptability** (after SMAA, Lahdelma & Salminen): ``samples`` weight vectors are drawn
uniformly from the simplex (normalised exponential draws, i.e. Dirichlet(1, …, 1)); for each
alternative the share of draws in which it takes rank 1, 2, … . Exact ties in a draw (only
between alternatives with identical normalised scores) go to the earlier one in the input.
"""

from __future__ import annotations

import math
import secrets
from dataclasses import dataclass, field

import numpy as np

TIE_TOLERANCE = 1e-9
DIRECTIONS = ("max", "min")
# Bounds that keep every computation finite and every page readable; the messages say so.
MAX_CRITERIA = 200
MAX_ALTERNATIVES = 2000
MAX_ABS_SCORE = 1e12
MAX_WEIGHT = 1e9
MAX_SAMPLES = 1_000_000
# A weighing's page computes its rank acceptability while it loads: keep that under about a second.
WEB_MAX_SAMPLES = 100_000
MAX_NAME = 300
DEFAULT_SAMPLES = 10_000
# Rank acceptability is computed in chunks of draws, so memory stays flat for 100,000 samples.
CHUNK = 4096


class WeighingError(ValueError):
    """The input cannot be weighed. ``issues`` holds every problem found, each in Dutch, with its path."""

    def __init__(self, issues: list[str] | str):
        self.issues = [issues] if isinstance(issues, str) else list(issues)
        super().__init__("\n".join(self.issues))


@dataclass(frozen=True)
class Criterion:
    name: str
    weight: float
    direction: str = "max"


@dataclass(frozen=True)
class Alternative:
    name: str
    scores: dict[str, float]


@dataclass(frozen=True)
class Ranked:
    name: str
    score: float
    rank: int
    index: int  # position in the input


@dataclass(frozen=True)
class Stability:
    criterion: str
    weight: float  # normalised, as used
    low: float
    high: float


@dataclass
class WeighingResult:
    criteria: list[Criterion]
    alternatives: list[Alternative]
    weights: np.ndarray  # normalised, per criterion
    normalised: np.ndarray  # alternatives × criteria, in [0, 1], direction applied
    scores: np.ndarray  # per alternative
    ranking: list[Ranked]
    stability: list[Stability]
    rank_acceptability: dict[str, list[float]]
    samples: int
    seed: int
    ranges: list[tuple[float, float]] = field(default_factory=list)  # (min, max) of raw scores per criterion

    @property
    def contributions(self) -> np.ndarray:
        """weight × normalised value, alternatives × criteria: the terms that add up to each score."""
        return self.normalised * self.weights[np.newaxis, :]

    @property
    def top(self) -> Ranked:
        return self.ranking[0]

    def as_dict(self) -> dict:
        """The output of ``mia weigh``, exactly as issue 15 specifies it."""
        return {
            "ranking": [{"name": r.name, "score": r.score, "rank": r.rank} for r in self.ranking],
            "stability": [
                {"criterion": s.criterion, "weight": s.weight, "low": s.low, "high": s.high} for s in self.stability
            ],
            "rank_acceptability": self.rank_acceptability,
        }


# --- input -----------------------------------------------------------------------------------------


def _number(value, path: str, issues: list[str], *, limit: float, what: str) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        shown = _show(value)
        issues.append(f"{path}: {what} moet een getal zijn (nu {shown}).")
        return None
    try:
        number = float(value)
    except OverflowError:
        issues.append(f"{path}: dit getal is te groot (hoogstens {limit:g}).")
        return None
    if not math.isfinite(number):
        issues.append(f"{path}: {what} moet een gewoon getal zijn, geen oneindig of NaN.")
        return None
    if abs(number) > limit:
        issues.append(f"{path}: dit getal is te groot (hoogstens {limit:g}).")
        return None
    return number


def _show(value) -> str:
    text = repr(value) if isinstance(value, str) else type(value).__name__ if isinstance(value, (list, dict)) else str(value)
    if value is None:
        text = "leeg"
    return text if len(text) <= 40 else text[:39] + "…"


def _name(value, path: str, issues: list[str]) -> str | None:
    if not isinstance(value, str) or not value.strip():
        issues.append(f"{path}: geef een naam (tekst).")
        return None
    if len(value) > MAX_NAME:
        issues.append(f"{path}: de naam is te lang (hoogstens {MAX_NAME} tekens).")
        return None
    return value.strip()


def parse_input(data) -> tuple[list[Criterion], list[Alternative]]:
    """Validate ``{"criteria": [...], "alternatives": [...]}`` (the ``mia weigh`` input) and return it
    as objects. Every problem is reported at once, in Dutch, with its place in the file."""
    issues: list[str] = []
    if not isinstance(data, dict):
        raise WeighingError("Het invoerbestand moet een JSON-object zijn met de onderdelen 'criteria' en 'alternatives'.")
    for key in data:
        if key not in ("criteria", "alternatives"):
            issues.append(f"{_key(key)}: dit onderdeel kennen we niet; gebruik alleen 'criteria' en 'alternatives'.")
    raw_criteria, raw_alternatives = data.get("criteria"), data.get("alternatives")
    criteria: list[Criterion] = []
    if not isinstance(raw_criteria, list) or not raw_criteria:
        issues.append("criteria: geef een lijst met ten minste één criterium.")
        raw_criteria = []
    elif len(raw_criteria) > MAX_CRITERIA:
        issues.append(f"criteria: hoogstens {MAX_CRITERIA} criteria (nu {len(raw_criteria)}).")
        raw_criteria = []
    seen: set[str] = set()
    for i, item in enumerate(raw_criteria):
        path = f"criteria[{i}]"
        if not isinstance(item, dict):
            issues.append(f"{path}: een criterium is een object met 'name', 'weight' en 'direction'.")
            continue
        for key in item:
            if key not in ("name", "weight", "direction"):
                issues.append(f"{path}.{_key(key)}: dit veld kennen we niet.")
        name = _name(item.get("name"), f"{path}.name", issues)
        if name is not None and name in seen:
            issues.append(f"{path}.name: het criterium '{name}' komt twee keer voor.")
            name = None
        if "weight" not in item:
            issues.append(f"{path}.weight: het gewicht ontbreekt.")
            weight = None
        else:
            weight = _number(item["weight"], f"{path}.weight", issues, limit=MAX_WEIGHT, what="het gewicht")
            if weight is not None and weight < 0:
                issues.append(f"{path}.weight: het gewicht mag niet negatief zijn (nu {weight:g}).")
                weight = None
        direction = item.get("direction", "max")
        if direction not in DIRECTIONS:
            issues.append(f"{path}.direction: kies 'max' (hoger is beter) of 'min' (lager is beter), niet {_show(direction)}.")
            direction = None
        if name is not None:
            seen.add(name)
        if name is not None and weight is not None and direction is not None:
            criteria.append(Criterion(name, weight, direction))
    if criteria and len(criteria) == len(raw_criteria) and sum(c.weight for c in criteria) <= 0:
        issues.append("criteria: alle gewichten zijn 0; geef ten minste één criterium een gewicht groter dan 0.")

    alternatives: list[Alternative] = []
    if not isinstance(raw_alternatives, list):
        issues.append("alternatives: geef een lijst met ten minste twee alternatieven.")
        raw_alternatives = []
    elif len(raw_alternatives) < 2:
        issues.append(f"alternatives: er zijn ten minste twee alternatieven nodig om af te wegen (nu {len(raw_alternatives)}).")
    elif len(raw_alternatives) > MAX_ALTERNATIVES:
        issues.append(f"alternatives: hoogstens {MAX_ALTERNATIVES} alternatieven (nu {len(raw_alternatives)}).")
        raw_alternatives = []
    names: set[str] = set()
    for i, item in enumerate(raw_alternatives):
        path = f"alternatives[{i}]"
        if not isinstance(item, dict):
            issues.append(f"{path}: een alternatief is een object met 'name' en 'scores'.")
            continue
        for key in item:
            if key not in ("name", "scores"):
                issues.append(f"{path}.{_key(key)}: dit veld kennen we niet.")
        name = _name(item.get("name"), f"{path}.name", issues)
        if name is not None and name in names:
            issues.append(f"{path}.name: het alternatief '{name}' komt twee keer voor.")
            name = None
        if name is not None:
            names.add(name)
        scores = item.get("scores")
        if not isinstance(scores, dict):
            issues.append(f"{path}.scores: geef de scores als object {{criterium: getal}}.")
            continue
        parsed: dict[str, float] = {}
        for key, value in scores.items():
            if key not in seen:
                known = ", ".join(sorted(seen)) or "geen"
                issues.append(f"{path}.scores.{_key(key)}: dit criterium bestaat niet (bekende criteria: {_clip(known)}).")
                continue
            number = _number(value, f"{path}.scores.{_key(key)}", issues, limit=MAX_ABS_SCORE, what="de score")
            if number is not None:
                parsed[key] = number
        for criterion in seen:
            if criterion not in scores:
                issues.append(f"{path}.scores: de score voor criterium '{criterion}' ontbreekt.")
        if name is not None:
            alternatives.append(Alternative(name, parsed))
    if issues:
        raise WeighingError(issues)
    return criteria, alternatives


def _key(key) -> str:
    text = str(key)
    return text if len(text) <= 60 else text[:59] + "…"


def _clip(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- the method ------------------------------------------------------------------------------------


def normalise_weights(criteria: list[Criterion]) -> np.ndarray:
    weights = np.array([c.weight for c in criteria], dtype=float)
    total = weights.sum()
    if total <= 0:
        raise WeighingError("Alle gewichten zijn 0; geef ten minste één criterium een gewicht groter dan 0.")
    return weights / total


def normalise_scores(criteria: list[Criterion], alternatives: list[Alternative]) -> tuple[np.ndarray, list[tuple[float, float]]]:
    """Alternatives × criteria in [0, 1], with ``min`` criteria turned round; and each criterion's raw range."""
    raw = np.array([[a.scores[c.name] for c in criteria] for a in alternatives], dtype=float)
    low, high = raw.min(axis=0), raw.max(axis=0)
    span = high - low
    out = np.zeros_like(raw)
    varying = span > 0
    out[:, varying] = (raw[:, varying] - low[varying]) / span[varying]
    for j, criterion in enumerate(criteria):
        if criterion.direction == "min" and varying[j]:
            out[:, j] = 1.0 - out[:, j]
    return out, [(float(a), float(b)) for a, b in zip(low, high, strict=True)]


def rank(scores: np.ndarray) -> list[tuple[int, int]]:
    """(index, rank) pairs, best first; equal scores (within the tolerance) share the rank of the first."""
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
    ranked: list[tuple[int, int]] = []
    for position, index in enumerate(order):
        if position and abs(scores[order[position - 1]] - scores[index]) <= TIE_TOLERANCE:
            ranked.append((index, ranked[-1][1]))
        else:
            ranked.append((index, position + 1))
    return ranked


def weight_interval(weights: np.ndarray, values: np.ndarray, top: int, j: int) -> tuple[float, float]:
    """The interval of criterion ``j``'s weight within which alternative ``top`` stays first (see module doc)."""
    m = len(weights)
    if m == 1:
        return 0.0, 1.0  # a single criterion always holds the whole weight: nothing can change
    w_j = weights[j]
    others = np.delete(np.arange(m), j)
    rest = 1.0 - w_j
    if rest > TIE_TOLERANCE:
        r = values[:, others] @ (weights[others] / rest)
    else:  # this criterion holds all the weight: the others share what it gives up equally
        r = values[:, others].mean(axis=1)
    v = values[:, j]
    # score_a(t) = t · v_a + (1 - t) · r_a; top stays first while score_top(t) - score_b(t) >= 0 for every b.
    a = r[top] - r  # the difference at t = 0
    c = (v[top] - r[top]) - (v - r)  # its slope
    low, high = 0.0, 1.0
    for b in range(len(v)):
        if b == top or abs(c[b]) <= 1e-15:
            continue
        crossing = -a[b] / c[b]
        if c[b] > 0:
            low = max(low, crossing)
        else:
            high = min(high, crossing)
    # Floating point must not put the current weight outside its own interval (ties at the top).
    low, high = min(low, w_j), max(high, w_j)
    return float(max(0.0, low)), float(min(1.0, high))


def rank_acceptability(values: np.ndarray, samples: int, seed: int) -> np.ndarray:
    """Alternatives × ranks: the share of uniformly drawn weight vectors giving each alternative each rank.

    Scores are computed and sorted in single precision: its rounding (about 1e-7) is far below the
    Monte Carlo error of the shares (about 1/√samples). Alternatives with identical normalised scores
    tie in every draw; they are ranked as one block, the earlier one in the input first."""
    n, m = values.shape
    unique, inverse = np.unique(values, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    sizes = np.bincount(inverse, minlength=len(unique))
    u = len(unique)
    unique_t = np.ascontiguousarray(unique.T, dtype=np.float32)
    rng = np.random.default_rng(seed)
    blocks = np.zeros(u * n, dtype=np.int64)  # unique row × the rank its block starts at
    done = 0
    while done < samples:
        k = min(CHUNK, samples - done)
        draws = rng.standard_exponential((k, m), dtype=np.float32)
        draws /= draws.sum(axis=1, keepdims=True)  # uniform on the simplex
        scores = draws @ unique_t  # k × u
        order = np.argsort(-scores, axis=1)  # order[s, p]: the unique row at position p
        if u == n:
            starts = np.broadcast_to(np.arange(n), (k, n))
        else:
            ordered_sizes = sizes[order]
            starts = np.cumsum(ordered_sizes, axis=1) - ordered_sizes
        blocks += np.bincount((order * n + starts).ravel(), minlength=u * n)
        done += k
    blocks = blocks.reshape(u, n)
    counts = np.zeros((n, n), dtype=np.int64)
    seen = np.zeros(u, dtype=np.int64)
    for i in range(n):  # the j-th member of a block (in input order) takes the block's rank + j
        row, j = inverse[i], seen[inverse[i]]
        counts[i, j:] += blocks[row, : n - j]
        seen[row] += 1
    return counts / samples


def weigh(
    criteria: list[Criterion], alternatives: list[Alternative], *, samples: int = DEFAULT_SAMPLES, seed: int | None = None
) -> WeighingResult:
    if len(alternatives) < 2:
        raise WeighingError(f"Er zijn ten minste twee alternatieven nodig om af te wegen (nu {len(alternatives)}).")
    if not criteria:
        raise WeighingError("Geef ten minste één criterium.")
    for c in criteria:
        if c.weight < 0:
            raise WeighingError(f"Het gewicht van '{c.name}' mag niet negatief zijn (nu {c.weight:g}).")
    missing = [f"'{a.name}' op '{c.name}'" for a in alternatives for c in criteria if c.name not in a.scores]
    if missing:
        shown = ", ".join(missing[:10]) + (f" en nog {len(missing) - 10}" if len(missing) > 10 else "")
        raise WeighingError(f"Er ontbreken scores: {shown}.")
    if not 1 <= samples <= MAX_SAMPLES:
        raise WeighingError(f"Het aantal trekkingen moet tussen 1 en {MAX_SAMPLES:,} liggen.".replace(",", "."))
    if seed is None:
        seed = secrets.randbelow(2**32)
    weights = normalise_weights(criteria)
    values, ranges = normalise_scores(criteria, alternatives)
    scores = values @ weights
    ranked = rank(scores)
    ranking = [Ranked(alternatives[i].name, float(scores[i]), r, i) for i, r in ranked]
    top = ranking[0].index
    stability = []
    for j, c in enumerate(criteria):
        low, high = weight_interval(weights, values, top, j)
        stability.append(Stability(c.name, float(weights[j]), low, high))
    shares = rank_acceptability(values, samples, seed)
    acceptability = {a.name: [float(x) for x in shares[i]] for i, a in enumerate(alternatives)}
    return WeighingResult(criteria, alternatives, weights, values, scores, ranking, stability, acceptability, samples, seed, ranges)


def raw_weight_bounds(raw_weights: list[float], j: int, low: float, high: float) -> tuple[float, float | None]:
    """The stability interval of criterion ``j`` as its own raw weight, the others' raw weights kept
    (``None``: no upper limit). Rescaling the others in proportion is the same as changing one raw weight."""
    rest = sum(w for k, w in enumerate(raw_weights) if k != j)
    if rest <= 0:
        return 0.0, None

    def raw(t: float) -> float | None:
        return None if t >= 1.0 - 1e-12 else t * rest / (1.0 - t)

    lower = raw(low)
    return (lower if lower is not None else 0.0), raw(high)
