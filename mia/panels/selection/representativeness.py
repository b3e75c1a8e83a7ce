"""Representativeness report: who is in the pool and on the panel, per feature and category, and
which factors of the diversity weave (Movisie's *diversiteitsvlechtwerk*) the features do not cover.

The table follows the burgerconsultaties participant table: counts and percentages per category.
Only aggregated counts appear here, never contact data. Which factor a feature describes comes from
the one explicit map in ``mia.instrument.factors`` (its vocabulary of column names and categories,
documented in ``mia/instrument/data/README.md``); nothing is guessed from parts of feature names.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from mia.instrument.factors import Coverage, coverage_for_counts, load_lens, match_column

from .pool import Pool, Quotas

# The twelve factors, in the order of the inclusion guide (as in a sentence: "gender & sekse").
DIVERSITY_FACTORS = tuple(factor.name for factor in load_lens().factors)


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
    # All twelve factors, gaps first; a category nobody on the panel is in is a gap.
    factor_coverage: Coverage | None = None

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
            "factor_coverage": self.factor_coverage.to_dict() if self.factor_coverage else None,
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
    panel_counts: dict[str, dict[str, int]] = {}
    for row in rows:
        panel_counts.setdefault(row.feature, {})[row.value] = row.panel_count
    coverage = coverage_for_counts(panel_counts)
    covered = {item.factor.name: list(item.covered_by) for item in coverage.factors if item.covered}
    missing = [factor for factor in DIVERSITY_FACTORS if factor not in covered]
    return RepresentativenessReport(rows, len(pool.people), len(on_panel), covered, missing, list(coverage.outside), coverage)


def _percentage(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def factors_for_feature(name: str) -> list[str]:
    """The factors a feature name describes according to the map (its whole name, never a part)."""
    lens = load_lens()
    return [lens.factor(code).name for code in match_column(name, lens=lens).factors]
