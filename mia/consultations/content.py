"""The method of the burgerconsultaties as versioned data (``data/burgerconsultaties-v1.json``)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "burgerconsultaties-v1.json"


@cache
def method() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def part_texts() -> dict[str, str]:
    return {p["code"]: p["text"] for p in method()["parts"]}


def default_features() -> list[dict]:
    return [{"name": f["name"], "categories": list(f["categories"])} for f in method()["features"]]


def default_minutes() -> dict[str, int]:
    return {p["code"]: p["minutes"] for p in method()["parts"]}
