"""The seed's content for a dialogue programme, as a versioned data file (no Django).

``data/dialoog-jeugd-v1.json`` carries the dialogue themes, problem themes, settings
(leefwerelden), categories, topics, target groups, reaches, the four phases with their
sub-steps, the nine parts and four aandachtspunten of the thema-aanpak and the five
guidelines for dialogue. ``data/README.md`` says where each part comes from.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

DATA_DIR = Path(__file__).resolve().parent / "data"
CONTENT_FILE = DATA_DIR / "dialoog-jeugd-v1.json"
EXAMPLE_INVENTORY = DATA_DIR / "initiatieven-bijlage2-v1.csv"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SeedTerm(_Strict):
    code: str
    label: str
    description: str = ""


class SeedTheme(_Strict):
    code: str
    title: str
    question: str
    reframes: str = ""


class SeedProblemTheme(_Strict):
    code: str
    title: str
    description: str


class SeedStep(_Strict):
    code: str
    label: str
    guidance: str


class SeedPhase(_Strict):
    code: str
    title: str
    label: str
    summary: str
    steps: list[SeedStep] = Field(min_length=1)


class SeedPart(_Strict):
    code: str
    label: str
    text: str
    per_plan: bool


class SeedAttentionPoint(_Strict):
    code: str
    label: str
    text: str


class ProgrammeContent(_Strict):
    format: str
    version: str
    source: str
    approach_intro: str
    themes_intro: str
    themes: list[SeedTheme]
    problem_themes_intro: str
    problem_themes: list[SeedProblemTheme]
    leefwerelden: list[SeedTerm]
    underrepresented_groups_intro: str
    underrepresented_groups: list[SeedTerm]
    categories: list[SeedTerm]
    topics: list[SeedTerm]
    target_groups: list[SeedTerm]
    other_target_group_label: str
    reaches: list[SeedTerm]
    strategies: list[SeedTerm]
    phases: list[SeedPhase] = Field(min_length=4, max_length=4)
    theme_approach_intro: str
    theme_approach_parts: list[SeedPart]
    attention_points_intro: str
    attention_points: list[SeedAttentionPoint]
    guidelines_title: str
    guidelines_source: str
    guidelines: list[str]

    def phase(self, code: str) -> SeedPhase:
        return next(p for p in self.phases if p.code == code)

    def part(self, code: str) -> SeedPart:
        return next(p for p in self.theme_approach_parts if p.code == code)

    @property
    def plan_parts(self) -> list[SeedPart]:
        return [p for p in self.theme_approach_parts if p.per_plan]


@lru_cache(maxsize=1)
def seed_content() -> ProgrammeContent:
    return ProgrammeContent.model_validate(json.loads(CONTENT_FILE.read_text(encoding="utf-8")))


REACHES = ("lokaal", "regionaal", "nationaal")
