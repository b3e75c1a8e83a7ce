"""The seed's content as versioned data: ``data/impactteam-v1.json`` (see ``data/README.md``).

A new workspace copies the scales, quadrants, scenarios, groups and values from it; from then on
they are the workspace's own and can be changed there.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
CURRENT_VERSION = "v1"


@lru_cache(maxsize=4)
def content(version: str = CURRENT_VERSION) -> dict:
    if version != CURRENT_VERSION:
        raise ValueError(f"unknown content version {version!r}")
    return json.loads((DATA_DIR / f"impactteam-{version}.json").read_text(encoding="utf-8"))
