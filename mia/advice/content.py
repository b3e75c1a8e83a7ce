"""The seed's structures as versioned data: ``data/structures-v1.json`` (see ``data/README.md``)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from mia.advice.flows import Mandate

DATA_DIR = Path(__file__).resolve().parent / "data"
CURRENT_VERSION = "v1"


@lru_cache(maxsize=4)
def content(version: str = CURRENT_VERSION) -> dict:
    if version != CURRENT_VERSION:
        raise ValueError(f"unknown content version {version!r}")
    return json.loads((DATA_DIR / f"structures-{version}.json").read_text(encoding="utf-8"))


def template(key: str) -> dict | None:
    return next((t for t in content()["templates"] if t["key"] == key), None)


def mandates() -> dict[str, dict]:
    return {m["key"]: m for m in content()["mandates"]}


def mandate(key: str) -> Mandate | None:
    m = mandates().get(key)
    if m is None:
        return None
    return Mandate(m["key"], m["requires_response"], m["binding"], m["response_days"])


def mandate_choices() -> list[tuple[str, str]]:
    return [(m["key"], m["label"]) for m in content()["mandates"]]


def rule_choices() -> list[tuple[str, str]]:
    return [(r["key"], r["label"]) for r in content()["decision_rules"]]


def template_choices() -> list[tuple[str, str]]:
    return [(t["key"], t["name"]) for t in content()["templates"]]
