"""Representativeness report: who is in the pool and on the panel, per feature and category, and
which factors of the diversity weave (Movisie's *diversiteitsvlechtwerk*) the features do not cover.

The table follows the burgerconsultaties participant table: counts and percentages per category.
Only aggregated counts appear here, never contact data.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field

from .pool import Pool, Quotas

# The twelve factors, in the order of the inclusion guide.
DIVERSITY_FACTORS = (
    "gezondheid",
    "educatie",
    "sociale status",
    "uiterlijke kenmerken",
    "gender & sekse",
    "religie & levensbeschouwing",
    "taal & geletterdheid",
    "seksuele oriëntatie",
    "leeftijd",
    "sociaal-culturele achtergrond",
    "(arbeids)participatie",
    "financiële situatie",
)

# Words in feature names (Dutch and English) that point at a factor. A word matches a token of the
# feature name exactly, or as the start of a Dutch compound ('leeftijdsgroep', 'opleidingsniveau').
FACTOR_KEYWORDS: dict[str, tuple[str, ...]] = {
    "gezondheid": (
        "gezondheid",
        "health",
        "beperking",
        "handicap",
        "disability",
        "chronisch",
        "ziekte",
        "zorgbehoefte",
    ),
    "educatie": (
        "opleiding",
        "education",
        "edu",
        "onderwijs",
        "educatie",
        "diploma",
        "school",
        "qualification",
        "qualifications",
    ),
    "sociale status": ("status", "ses", "beroep", "occupation", "klasse", "sociaaleconomisch"),
    "uiterlijke kenmerken": ("uiterlijk", "uiterlijke", "huidskleur", "appearance", "skin", "zichtbaar"),
    "gender & sekse": ("geslacht", "gender", "sekse", "sex"),
    "religie & levensbeschouwing": ("religie", "religion", "geloof", "levensbeschouwing", "faith", "kerk"),
    "taal & geletterdheid": (
        "taal",
        "language",
        "geletterdheid",
        "laaggeletterd",
        "literacy",
        "moedertaal",
        "thuistaal",
    ),
    "seksuele oriëntatie": (
        "seksuele",
        "orientatie",
        "oriëntatie",
        "lhbti",
        "lhbtiq",
        "lgbt",
        "lgbtq",
        "sexual",
        "sexuality",
    ),
    "leeftijd": ("leeftijd", "age", "geboortejaar", "leeftijdsgroep", "birth"),
    "sociaal-culturele achtergrond": (
        "migratieachtergrond",
        "migratie",
        "migration",
        "herkomst",
        "afkomst",
        "etniciteit",
        "ethnicity",
        "nationaliteit",
        "origin",
        "achtergrond",
        "culturele",
        "cultuur",
    ),
    "(arbeids)participatie": (
        "werk",
        "arbeid",
        "arbeidsparticipatie",
        "employment",
        "baan",
        "job",
        "werkloos",
        "werkzaam",
        "participatie",
        "dagbesteding",
        "uitkering",
    ),
    "financiële situatie": (
        "inkomen",
        "income",
        "financien",
        "financiele",
        "financial",
        "vermogen",
        "armoede",
        "schulden",
        "wealth",
    ),
}
_PREFIX_MATCH_MIN_LENGTH = 4  # shorter keywords ('age', 'edu', 'ses') must match a whole token


@dataclass
class CategoryRow:
    feature: str
    value: str
    pool_count: int
    pool_percentage: float
    panel_count: int
    panel_percentage: float
    quota_min: int
    quota_max: int
    within_quota: bool
    population_percentage: float | None = None
    expected_count: float | None = None  # mean panel count over the lottery, when known


@dataclass
class RepresentativenessReport:
    rows: list[CategoryRow]
    pool_size: int
    panel_size: int
    covered_factors: dict[str, list[str]] = field(default_factory=dict)  # factor -> features
    missing_factors: list[str] = field(default_factory=list)
    features_outside_weave: list[str] = field(default_factory=list)

    def missing_factors_text(self) -> str:
        if not self.missing_factors:
            return "De kenmerken dekken alle twaalf factoren van het diversiteitsvlechtwerk."
        return (
            "Niet gedekt door de kenmerken van deze selectie: " + ", ".join(self.missing_factors) + ". "
            "Ga na of mensen die hierin verschillen toch meedoen, bijvoorbeeld via werving of een extra kenmerk."
        )

    def to_dict(self) -> dict:
        return {
            "pool_size": self.pool_size,
            "panel_size": self.panel_size,
            "rows": [asdict(row) for row in self.rows],
            "covered_factors": self.covered_factors,
            "missing_factors": self.missing_factors,
            "missing_factors_text": self.missing_factors_text(),
            "features_outside_weave": self.features_outside_weave,
        }


def representativeness_report(
    pool: Pool,
    quotas: Quotas,
    panel_ids: list[str],
    *,
    probabilities: dict[str, float] | None = None,
    population: dict[tuple[str, str], float] | None = None,
) -> RepresentativenessReport:
    """Counts and percentages per category in pool and panel, with quota and population target."""
    on_panel = set(panel_ids)
    rows = []
    for quota in quotas.items:
        members = [p for p in pool.people if p.features.get(quota.feature) == quota.value]
        panel_count = sum(1 for p in members if p.id in on_panel)
        share = (population or {}).get((quota.feature, quota.value), quota.population_share)
        expected = sum(probabilities.get(p.id, 0.0) for p in members) if probabilities is not None else None
        rows.append(
            CategoryRow(
                feature=quota.feature,
                value=quota.value,
                pool_count=len(members),
                pool_percentage=_percentage(len(members), len(pool.people)),
                panel_count=panel_count,
                panel_percentage=_percentage(panel_count, len(on_panel)),
                quota_min=quota.min,
                quota_max=quota.max,
                within_quota=quota.min <= panel_count <= quota.max,
                population_percentage=round(100 * share, 1) if share is not None else None,
                expected_count=round(expected, 3) if expected is not None else None,
            )
        )
    covered, outside = weave_coverage(quotas.feature_names())
    missing = [factor for factor in DIVERSITY_FACTORS if factor not in covered]
    return RepresentativenessReport(rows, len(pool.people), len(on_panel), covered, missing, outside)


def _percentage(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def weave_coverage(feature_names: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    """Which diversity factors each feature speaks to, and which features speak to none."""
    covered: dict[str, list[str]] = {}
    outside = []
    for name in feature_names:
        factors = factors_for_feature(name)
        for factor in factors:
            covered.setdefault(factor, []).append(name)
        if not factors:
            outside.append(name)
    return covered, outside


def factors_for_feature(name: str) -> list[str]:
    tokens = _tokens(name)
    return [
        factor
        for factor, keywords in FACTOR_KEYWORDS.items()
        if any(_matches(token, _fold(keyword)) for token in tokens for keyword in keywords)
    ]


def _matches(token: str, keyword: str) -> bool:
    if token == keyword:
        return True
    return len(keyword) >= _PREFIX_MATCH_MIN_LENGTH and token.startswith(keyword)


def _fold(text: str) -> str:
    """Lower case without accents, so 'oriëntatie' and 'orientatie' match."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _tokens(name: str) -> list[str]:
    return [token for token in re.split(r"[^a-z0-9]+", _fold(name)) if token]
