"""The JSON exchange format of a whole workspace ("mia-impactteam", version 1), validated with pydantic.

Plain module (pydantic, no Django). ``parse_document(data)`` returns a ``WorkspaceDocument`` or raises
``DocumentError`` whose ``issues`` say, in Dutch, what is wrong and where
("measures[2].scenarios[0].social_level: mag hoogstens 5 zijn"). Besides the field checks it checks
the references inside the file (a package naming measure 7 needs a measure 7, and so on).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, ValidationError, field_validator

from mia.core.validation import dutch_message, error_path

FORMAT = "mia-impactteam"
FORMAT_VERSION = 1
MAX_ISSUES = 50

def _clean(value):
    """Control characters (except tab and newline) break exports and PDFs: gone before any check."""
    if isinstance(value, str):
        return "".join(ch for ch in value if ch in "\n\t" or ch >= " " and ch != "\x7f")
    return value


Clean = BeforeValidator(_clean)
Name = Annotated[str, Clean, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Short = Annotated[str, Clean, StringConstraints(max_length=300)]
Long = Annotated[str, Clean, StringConstraints(max_length=20_000)]
Level = Annotated[int, Field(ge=1, le=5)] | None
Number = Annotated[float, Field(ge=-1e15, le=1e15, allow_inf_nan=False)]
Weight = Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)]

NATURES = Literal["vrijwillig", "verplichtend"]
KINDS = Literal["sectoraal", "interventie", "noodrem", "overig"]
STATUSES = Literal["concept", "ter-bespreking", "vastgesteld", "vervallen"]
CATEGORIES = Literal["gezondheid", "ziekteverzuim", "werkgelegenheid", "economie", "bereidheid", "naleving", "overig"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class WorkspaceFields(Strict):
    name: Name
    description: Long = ""
    crisis: Short = ""
    effective_from: Annotated[int, Field(ge=2, le=5)] = 4
    high_impact_from: Annotated[int, Field(ge=2, le=5)] = 3


class ScaleLevelDoc(Strict):
    scale: Literal["impact", "effectiviteit"]
    level: Annotated[int, Field(ge=1, le=5)]
    label: Annotated[str, Clean, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    description: Long = ""


class QuadrantDoc(Strict):
    key: Literal["effectief-weinig-impact", "effectief-veel-impact", "weinig-effectief-weinig-impact", "weinig-effectief-veel-impact"]
    label: Annotated[str, Clean, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    advice: Short = ""
    order: Annotated[int, Field(ge=1, le=4)]


class ScenarioDoc(Strict):
    name: Annotated[str, Clean, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    description: Long = ""
    consulted: Long = ""


class GroupDoc(Strict):
    name: Name
    description: Long = ""


class ValueDoc(Strict):
    name: Annotated[str, Clean, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    description: Long = ""
    legal_basis: Long = ""


class MeasureScenarioDoc(Strict):
    scenario: Annotated[str, Clean, StringConstraints(max_length=120)]
    social_level: Level = None
    social_text: Long = ""
    economic_level: Level = None
    economic_text: Long = ""
    effectiveness_level: Level = None
    effectiveness_source: Short = ""


class GroupImpactDoc(Strict):
    group: Name
    vulnerable_to: Literal["crisis", "maatregel", "beide"] = "maatregel"
    severity: Annotated[int, Field(ge=1, le=5)] = 3
    duration: Literal["kort", "lang"] = "kort"
    explanation: Long = ""


class SourceDoc(Strict):
    kind: Literal["literatuur-nationaal", "literatuur-internationaal", "expert", "praktijk", "data"]
    title: Annotated[str, Clean, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
    url: Annotated[str, Clean, StringConstraints(max_length=500)] = ""
    organisation: Annotated[str, Clean, StringConstraints(max_length=200)] = ""
    person: Annotated[str, Clean, StringConstraints(max_length=200)] = ""

    @field_validator("url")
    @classmethod
    def _web_address(cls, value: str) -> str:
        if value and not value.startswith(("https://", "http://")):
            raise ValueError("moet een webadres zijn dat met https:// of http:// begint")
        return value


class ConsiderationDoc(Strict):
    kind: Literal["onzekerheid", "dilemma", "keuzemogelijkheid", "uitruil"]
    text: Annotated[str, Clean, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]


class VersionDoc(Strict):
    number: Annotated[int, Field(ge=1)]
    status: STATUSES
    note: Annotated[str, Clean, StringConstraints(max_length=500)] = ""
    created_at: str | None = None


class MeasureDoc(Strict):
    number: Annotated[int, Field(ge=1, le=1_000_000)]
    title: Name
    description: Long = ""
    nature: NATURES = "vrijwillig"
    kind: KINDS = "overig"
    themes: Short = ""
    meaning_for_people: Long = ""
    impact_if_not_taken: Long = ""
    status: STATUSES = "concept"
    version: Annotated[int, Field(ge=0, le=1_000_000)] = 0
    status_date: str | None = None
    scenarios: Annotated[list[MeasureScenarioDoc], Field(max_length=50)] = []
    groups: Annotated[list[GroupImpactDoc], Field(max_length=500)] = []
    sources: Annotated[list[SourceDoc], Field(max_length=500)] = []
    considerations: Annotated[list[ConsiderationDoc], Field(max_length=500)] = []
    versions: Annotated[list[VersionDoc], Field(max_length=1000)] = []
    assessment: dict | None = None  # {"uid", "title"}: for information; an MIA is linked again by hand

    @field_validator("status_date")
    @classmethod
    def _date(cls, value):
        if value is None:
            return value
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError("moet een datum zijn als JJJJ-MM-DD") from None
        return value


class PackageLevelDoc(Strict):
    scenario: Annotated[str, Clean, StringConstraints(max_length=120)]
    social_level: Level = None
    economic_level: Level = None
    effectiveness_level: Level = None
    explanation: Long = ""


class PackageDoc(Strict):
    kind: Literal["cluster", "pakket"] = "pakket"
    name: Name
    description: Long = ""
    measures: Annotated[list[Annotated[int, Field(ge=1)]], Field(max_length=2000)] = []
    levels: Annotated[list[PackageLevelDoc], Field(max_length=50)] = []


class ObservationDoc(Strict):
    period: Annotated[str, Clean, StringConstraints(min_length=1, max_length=40)]
    group: Annotated[str, Clean, StringConstraints(max_length=200)] = ""
    region: Annotated[str, Clean, StringConstraints(max_length=200)] = ""
    value: Number
    source: Short = ""


class ComponentDoc(Strict):
    indicator: Name
    weight: Weight = 1.0


class IndicatorDoc(Strict):
    name: Name
    category: CATEGORIES = "overig"
    unit: Annotated[str, Clean, StringConstraints(max_length=50)] = ""
    source: Short = ""
    description: Long = ""
    direction: Literal["hoger-beter", "lager-beter", "neutraal"] = "neutraal"
    frequency: Literal["dagelijks", "wekelijks", "maandelijks", "kwartaal", "jaarlijks", "onregelmatig"] = "onregelmatig"
    coverage: Literal["nationaal", "internationaal", "regionaal"] = "nationaal"
    research_basis: Literal["kwantitatief", "kwalitatief", "literatuur", "registratie"] = "kwantitatief"
    measure: Annotated[int, Field(ge=1)] | None = None
    explanation: Long = ""
    data_gap: Long = ""
    components: Annotated[list[ComponentDoc], Field(max_length=50)] = []
    observations: Annotated[list[ObservationDoc], Field(max_length=200_000)] = []


class CbsFeedDoc(Strict):
    url: Annotated[str, Clean, StringConstraints(max_length=300)]
    topics: Annotated[list[dict[str, Annotated[str, Clean, StringConstraints(max_length=200)]]], Field(max_length=200)] = []
    category: CATEGORIES = "overig"
    refresh_hours: Annotated[int, Field(ge=0, le=24 * 366)] = 24


class DevelopmentDoc(Strict):
    title: Name
    period: Annotated[str, Clean, StringConstraints(max_length=40)] = ""
    text: Long = ""


class ScoreDoc(Strict):
    measure: Annotated[int, Field(ge=1)]
    score: Number
    note: Annotated[str, Clean, StringConstraints(max_length=500)] = ""


class CriterionDoc(Strict):
    kind: Literal["waarde", "indicator", "sociale-impact", "economische-impact", "effectiviteit", "eigen"]
    name: Name
    value: Annotated[str, Clean, StringConstraints(max_length=120)] | None = None
    indicator: Annotated[str, Clean, StringConstraints(max_length=200)] | None = None
    weight: Weight = 1.0
    direction: Literal["max", "min"] = "max"
    justification: Long = ""
    legal_basis: Long = ""
    scores: Annotated[list[ScoreDoc], Field(max_length=5000)] = []


class WeighingDoc(Strict):
    name: Name
    scenario: Annotated[str, Clean, StringConstraints(max_length=120)]
    occasion: Literal["gevraagd", "ongevraagd", "kennisopbouw"] = "gevraagd"
    description: Long = ""
    citizen_perspective: Long = ""
    samples: Annotated[int, Field(ge=1, le=100_000)] = 10_000
    seed: Annotated[int, Field(ge=0, le=2**63 - 1)] = 0
    measures: Annotated[list[Annotated[int, Field(ge=1)]], Field(max_length=2000)] = []
    criteria: Annotated[list[CriterionDoc], Field(max_length=200)] = []


class WorkspaceDocument(Strict):
    format: Literal["mia-impactteam"]
    format_version: Literal[1]
    uid: str | None = None
    exported_at: str | None = None
    content_version: str = "v1"
    workspace: WorkspaceFields
    scales: Annotated[list[ScaleLevelDoc], Field(max_length=10)] = []
    quadrants: Annotated[list[QuadrantDoc], Field(max_length=4)] = []
    scenarios: Annotated[list[ScenarioDoc], Field(min_length=1, max_length=50)]
    groups: Annotated[list[GroupDoc], Field(max_length=500)] = []
    values: Annotated[list[ValueDoc], Field(max_length=100)] = []
    measures: Annotated[list[MeasureDoc], Field(max_length=2000)] = []
    packages: Annotated[list[PackageDoc], Field(max_length=500)] = []
    indicators: Annotated[list[IndicatorDoc], Field(max_length=1000)] = []
    cbs_feeds: Annotated[list[CbsFeedDoc], Field(max_length=100)] = []
    developments: Annotated[list[DevelopmentDoc], Field(max_length=500)] = []
    weighings: Annotated[list[WeighingDoc], Field(max_length=200)] = []


class DocumentError(ValueError):
    def __init__(self, issues: list[str]):
        self.issues = issues[:MAX_ISSUES] + ([f"... en nog {len(issues) - MAX_ISSUES} andere meldingen."] if len(issues) > MAX_ISSUES else [])
        super().__init__("\n".join(self.issues))


def parse_document(data) -> WorkspaceDocument:
    if not isinstance(data, dict):
        raise DocumentError(["(het bestand): moet een JSON-object zijn, zoals MIA het exporteert."])
    if data.get("format") != FORMAT:
        raise DocumentError([f"format: dit is geen export van een werkruimte van het impactteam (verwacht '{FORMAT}')."])
    if data.get("format_version") != FORMAT_VERSION:
        raise DocumentError([f"format_version: deze versie kennen we niet (verwacht {FORMAT_VERSION})."])
    try:
        document = WorkspaceDocument.model_validate(data)
    except ValidationError as error:
        raise DocumentError([f"{error_path(e['loc'])}: {dutch_message(e)}" for e in error.errors(include_url=False)]) from None
    except RecursionError:
        raise DocumentError(["(het bestand): is te diep genest om te lezen."]) from None
    issues = check_references(document)
    if issues:
        raise DocumentError(issues)
    return document


def _duplicates(items, key, where: str, what: str) -> list[str]:
    seen: dict[str, int] = {}
    issues = []
    for i, item in enumerate(items):
        value = key(item)
        folded = str(value).casefold()
        if folded in seen:
            issues.append(f"{where}[{i}]: {what} '{value}' komt ook voor in {where}[{seen[folded]}].")
        seen.setdefault(folded, i)
    return issues


def check_references(doc: WorkspaceDocument) -> list[str]:
    issues: list[str] = []
    issues += _duplicates(doc.scenarios, lambda s: s.name, "scenarios", "de naam")
    issues += _duplicates(doc.groups, lambda g: g.name, "groups", "de naam")
    issues += _duplicates(doc.values, lambda v: v.name, "values", "de naam")
    issues += _duplicates(doc.measures, lambda m: m.number, "measures", "het nummer")
    issues += _duplicates(doc.measures, lambda m: m.title, "measures", "de titel")
    issues += _duplicates(doc.packages, lambda p: p.name, "packages", "de naam")
    issues += _duplicates(doc.indicators, lambda x: x.name, "indicators", "de naam")
    issues += _duplicates(doc.weighings, lambda w: w.name, "weighings", "de naam")
    issues += _duplicates(doc.scales, lambda s: f"{s.scale} {s.level}", "scales", "het niveau")
    issues += _duplicates(doc.quadrants, lambda q: q.key, "quadrants", "het kwadrant")
    scenarios = {s.name.casefold() for s in doc.scenarios}
    groups = {g.name.casefold() for g in doc.groups}
    values = {v.name.casefold() for v in doc.values}
    numbers = {m.number for m in doc.measures}
    indicators = {i.name.casefold() for i in doc.indicators}
    for i, m in enumerate(doc.measures):
        for j, s in enumerate(m.scenarios):
            if s.scenario.casefold() not in scenarios:
                issues.append(f"measures[{i}].scenarios[{j}].scenario: het scenario '{s.scenario}' staat niet in scenarios.")
        issues += _duplicates(m.scenarios, lambda s: s.scenario, f"measures[{i}].scenarios", "het scenario")
        for j, g in enumerate(m.groups):
            if g.group.casefold() not in groups:
                issues.append(f"measures[{i}].groups[{j}].group: de groep '{g.group}' staat niet in groups.")
        issues += _duplicates(m.groups, lambda g: g.group, f"measures[{i}].groups", "de groep")
    for i, p in enumerate(doc.packages):
        for j, number in enumerate(p.measures):
            if number not in numbers:
                issues.append(f"packages[{i}].measures[{j}]: er is geen maatregel met nummer {number}.")
        for j, level in enumerate(p.levels):
            if level.scenario.casefold() not in scenarios:
                issues.append(f"packages[{i}].levels[{j}].scenario: het scenario '{level.scenario}' staat niet in scenarios.")
    for i, x in enumerate(doc.indicators):
        if x.measure is not None and x.measure not in numbers:
            issues.append(f"indicators[{i}].measure: er is geen maatregel met nummer {x.measure}.")
        for j, c in enumerate(x.components):
            if c.indicator.casefold() not in indicators or c.indicator.casefold() == x.name.casefold():
                issues.append(f"indicators[{i}].components[{j}].indicator: de indicator '{c.indicator}' staat niet (apart) in indicators.")
        if x.components and x.observations:
            issues.append(f"indicators[{i}]: een samengestelde indicator (components) heeft geen eigen observations.")
        issues += _duplicates(x.observations, lambda o: (o.period, o.group, o.region), f"indicators[{i}].observations", "de combinatie")
    for i, w in enumerate(doc.weighings):
        if w.scenario.casefold() not in scenarios:
            issues.append(f"weighings[{i}].scenario: het scenario '{w.scenario}' staat niet in scenarios.")
        for j, number in enumerate(w.measures):
            if number not in numbers:
                issues.append(f"weighings[{i}].measures[{j}]: er is geen maatregel met nummer {number}.")
        issues += _duplicates(w.criteria, lambda c: c.name, f"weighings[{i}].criteria", "de naam")
        for j, c in enumerate(w.criteria):
            where = f"weighings[{i}].criteria[{j}]"
            if c.kind == "waarde" and (c.value is None or c.value.casefold() not in values):
                issues.append(f"{where}.value: de waarde '{c.value}' staat niet in values.")
            if c.kind == "indicator" and (c.indicator is None or c.indicator.casefold() not in indicators):
                issues.append(f"{where}.indicator: de indicator '{c.indicator}' staat niet in indicators.")
            for k, s in enumerate(c.scores):
                if s.measure not in w.measures:
                    issues.append(f"{where}.scores[{k}].measure: maatregel {s.measure} hoort niet bij deze afweging.")
    return issues
