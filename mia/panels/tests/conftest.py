"""Shared test helpers. The reference data lives next to the repository, in ../shared/data/sortition."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mia.panels.selection import Pool, Quota, Quotas

SORTITION_DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "sortition"


@pytest.fixture
def sortition_data() -> Path:
    if not SORTITION_DATA.is_dir():
        pytest.skip(f"reference data not found at {SORTITION_DATA} (the shared data folder is not mounted)")
    return SORTITION_DATA


def reference_leximin_minimum(data: Path, instance: str) -> float:
    """The paper's 'LEXIMIN minimum probability (exact)', e.g. 10.0% -> 0.100 (rounded to 0.1%)."""
    text = (data / "reference_output" / f"{instance}_statistics.txt").read_text(encoding="utf-8")
    match = re.search(r"LEXIMIN minimum probability \(exact\):\s*([\d.]+)%", text)
    assert match, f"no LEXIMIN minimum in {instance}_statistics.txt"
    return float(match.group(1)) / 100


def make_pool(rows: list[tuple], features: list[str], contact: list[dict] | None = None) -> Pool:
    """Pool from tuples of feature values; ids are p0, p1, ..."""
    records = []
    for i, values in enumerate(rows):
        record = {"id": f"p{i}", **dict(zip(features, values, strict=False))}
        if contact:
            record.update(contact[i])
        records.append(record)
    return Pool.from_records(records, features)


def make_quotas(spec: dict[str, dict[str, tuple[int, int]]]) -> Quotas:
    return Quotas([Quota(f, v, lo, hi) for f, values in spec.items() for v, (lo, hi) in values.items()])
