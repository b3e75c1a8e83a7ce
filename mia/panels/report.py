"""What the selection page shows: the representativeness table and the panel, without contact data."""

from __future__ import annotations

from mia.panels.actions import pool_of, quotas_of
from mia.panels.models import PanelPool, PanelSelection
from mia.panels.selection import representativeness_report


def _describe(pool, ids):
    by_id = pool.by_id()
    return [{"id": i, "features": ", ".join(f"{k}: {v}" for k, v in by_id[i].features.items())} for i in ids if i in by_id]


def selection_report(record: PanelPool, selection: PanelSelection) -> dict:
    pool = pool_of(record)
    result = selection.result
    report = representativeness_report(
        pool, quotas_of(record), result.get("panel", []), probabilities=result.get("probabilities")
    )
    rows = [
        {
            "feature": r.feature, "value": r.value, "pool_count": r.pool_count, "pool_percent": _pct(r.pool_percentage),
            "panel_count": r.panel_count, "panel_percent": _pct(r.panel_percentage), "min": r.quota_min, "max": r.quota_max,
            "population_percent": _pct(r.population_percentage) if r.population_percentage is not None else None,
        }
        for r in report.rows
    ]
    return {
        "rows": rows,
        "pool_size": report.pool_size,
        "missing_factors": report.missing_factors,
        "factor_coverage": report.factor_coverage,
        "min_percent": _pct((selection.min_probability or 0) * 100),
        "warnings": result.get("warnings", []),
        "panel": _describe(pool, result.get("panel", [])),
        "reserves": _describe(pool, result.get("reserves", [])),
    }


def _pct(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")
