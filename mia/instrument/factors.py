"""The diversiteitsvlechtwerk as a lens: who is missing, per factor, in any group of people.

Movisie's *diversiteitsvlechtwerk* names twelve factors on which people differ (gezondheid,
educatie, …, financiële situatie). This module holds the one explicit map between the fourteen
groups of the MIA-scan checklist and those factors, and a fixed vocabulary of column names and
category values that say which factor a column of a people file describes. Both live in a
versioned data file (``data/vlechtwerk-v1.json``, documented in ``data/README.md``); nothing is
guessed from parts of words.

Pure Python (no Django), so the MIA scan, step 2A, the panel selection, the consultation
characteristics table, the inclusion app and the command line all use the same functions:

- ``coverage_for_groups``: which factors the groups chosen in a scan touch, and which none does;
- ``coverage_for_people``: the same for people who each speak for some groups (step 2A);
- ``coverage_for_members``: people who each bring some factors (a working group);
- ``coverage_for_columns`` / ``coverage_for_table``: the columns and categories of a people file,
  as the panel selection reads them;
- ``coverage_for_counts``: a table of counts per feature and category (a drawn panel; the
  participant characteristics table of a consultation series, issue 12, passes its counts per
  feature and category here).

Every result lists all twelve factors with the gaps first (``Coverage.factors``). Pages show a
result with ``{% include "instrument/factor_coverage.html" %}``; ``lens_context_for_groups`` and
``lens_context_for_people`` give that template its context.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_FILE = "vlechtwerk-v1.json"
FACTOR_COUNT = 12
# A column with more distinct values than this is not a set of categories (names, dates, free
# text): its values are never listed, only counted.
MAX_LISTED_CATEGORIES = 20

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")
_QUOTES = re.compile(r"['’‘`´]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


class LensError(ValueError):
    """The lens data file is not valid; the message is Dutch and names the place in the file."""


# --------------------------------------------------------------------------- #
# The lens
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class Factor:
    code: str
    label: str  # as in the seed's figure: "Gender & Sekse"
    position: int

    @property
    def name(self) -> str:
        """The label inside a sentence: "gender & sekse"."""
        return self.label.lower()

    def __str__(self) -> str:
        return self.label


@dataclass(frozen=True)
class GroupLink:
    group: str
    factor: str
    reason: str


@dataclass(frozen=True)
class Rule:
    """Column names (or category values) that describe these factors, optionally one MIA group."""

    terms: tuple[str, ...]  # normalised
    factors: tuple[str, ...]
    group: str | None


@dataclass(frozen=True)
class Lens:
    version: str
    title: str
    source: str
    factors: tuple[Factor, ...]
    group_links: tuple[GroupLink, ...]
    group_reasons: dict[str, str]  # reason why a group touches no factor
    column_rules: tuple[Rule, ...]
    category_rules: tuple[Rule, ...]
    _columns: dict[str, Rule] = field(default_factory=dict, repr=False, compare=False)
    _categories: dict[str, Rule] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for rule in self.column_rules:
            for term in rule.terms:
                self._columns[term] = rule
        for rule in self.category_rules:
            for term in rule.terms:
                self._categories[term] = rule

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.factors)

    @property
    def groups(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for link in self.group_links:
            seen.setdefault(link.group, None)
        for group in self.group_reasons:
            seen.setdefault(group, None)
        return tuple(seen)

    def factor(self, code: str) -> Factor:
        for factor in self.factors:
            if factor.code == code:
                return factor
        raise KeyError(code)

    def factors_for_group(self, group: str) -> tuple[str, ...]:
        return tuple(link.factor for link in self.group_links if link.group == group)

    def links_for_group(self, group: str) -> tuple[GroupLink, ...]:
        return tuple(link for link in self.group_links if link.group == group)

    def column_rule(self, name: str) -> Rule | None:
        return self._columns.get(normalise_term(name))

    def category_rule(self, value: str) -> Rule | None:
        return self._categories.get(normalise_term(value))


def normalise_term(text: str) -> str:
    """The one spelling rule for column names and categories: case, accents, quotes, separators
    and a trailing note in brackets do not matter ("Leeftijd (jaren)", "age_bracket",
    "Seksuele oriëntatie", "zzp'er"). Words are never cut into parts."""
    text = _TRAILING_NOTE.sub("", str(text))
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    text = _QUOTES.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def default_lens_path() -> Path:
    return DATA_DIR / DEFAULT_FILE


@lru_cache(maxsize=4)
def _load_cached(path: str) -> Lens:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise LensError(f"Het bestand van het vlechtwerk ‘{path}’ kan niet worden gelezen: {exc.strerror or exc}.") from exc
    except json.JSONDecodeError as exc:
        raise LensError(f"Het bestand van het vlechtwerk is geen geldige JSON (regel {exc.lineno}): {exc.msg}.") from exc
    return parse_lens(data)


def load_lens(path: str | Path | None = None) -> Lens:
    """The lens from its data file (the bundled version unless a path is given); read once."""
    return _load_cached(str(Path(path) if path else default_lens_path()))


def parse_lens(data: Any, group_codes: Iterable[str] | None = None) -> Lens:
    """Validate a lens document. With ``group_codes`` (the MIA content's groups) every group must
    be mapped and no other group may appear."""
    if not isinstance(data, dict):
        raise LensError("Het bestand van het vlechtwerk moet een object zijn ({…}).")
    version = _string(data, "version", "het bestand")
    factors = _factors(data)
    codes = {f.code for f in factors}
    links, reasons = _group_links(data, codes)
    columns = _rules(data, "columns", "names", codes, links)
    categories = _rules(data, "categories", "values", codes, links)
    lens = Lens(
        version=version,
        title=_string(data, "title", "het bestand"),
        source=str(data.get("source", "")),
        factors=factors,
        group_links=links,
        group_reasons=reasons,
        column_rules=columns,
        category_rules=categories,
    )
    if group_codes is not None:
        expected, mapped = list(group_codes), set(lens.groups)
        missing = [g for g in expected if g not in mapped]
        extra = sorted(mapped - set(expected))
        if missing:
            raise LensError("Deze groepen uit de MIA-scan staan niet in het vlechtwerk: " + ", ".join(missing) + ".")
        if extra:
            raise LensError("Deze groepen staan wel in het vlechtwerk maar niet in de MIA-scan: " + ", ".join(extra) + ".")
    return lens


def _string(item: dict, key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise LensError(f"{where}: ‘{key}’ ontbreekt of is leeg.")
    return value.strip()


def _list(item: dict, key: str, where: str) -> list:
    value = item.get(key)
    if not isinstance(value, list):
        raise LensError(f"{where}: ‘{key}’ moet een lijst zijn.")
    return value


def _factors(data: dict) -> tuple[Factor, ...]:
    items = _list(data, "factors", "het bestand")
    if len(items) != FACTOR_COUNT:
        raise LensError(f"Het vlechtwerk heeft {FACTOR_COUNT} factoren, dit bestand {len(items)}.")
    factors = []
    for position, item in enumerate(items):
        where = f"factors[{position}]"
        if not isinstance(item, dict):
            raise LensError(f"{where}: verwacht een object met code en label.")
        code = _string(item, "code", where)
        if not _SLUG.match(code):
            raise LensError(f"{where}: de code ‘{code}’ mag alleen kleine letters, cijfers en streepjes bevatten.")
        if any(f.code == code for f in factors):
            raise LensError(f"{where}: de code ‘{code}’ komt twee keer voor.")
        factors.append(Factor(code, _string(item, "label", where), position))
    return tuple(factors)


def _group_links(data: dict, codes: set[str]) -> tuple[tuple[GroupLink, ...], dict[str, str]]:
    links: list[GroupLink] = []
    reasons: dict[str, str] = {}
    seen: set[str] = set()
    for index, item in enumerate(_list(data, "groups", "het bestand")):
        where = f"groups[{index}]"
        if not isinstance(item, dict):
            raise LensError(f"{where}: verwacht een object met group en links.")
        group = _string(item, "group", where)
        if group in seen:
            raise LensError(f"{where}: de groep ‘{group}’ komt twee keer voor.")
        seen.add(group)
        entries = _list(item, "links", where)
        if not entries:
            # A group outside the weave must say why, so the choice is visible to every reader.
            reasons[group] = _string(item, "reason", f"{where} (zonder factoren)")
        factors_here: set[str] = set()
        for position, entry in enumerate(entries):
            at = f"{where}.links[{position}]"
            if not isinstance(entry, dict):
                raise LensError(f"{at}: verwacht een object met factor en reason.")
            factor = _string(entry, "factor", at)
            if factor not in codes:
                raise LensError(f"{at}: de factor ‘{factor}’ bestaat niet.")
            if factor in factors_here:
                raise LensError(f"{at}: de factor ‘{factor}’ staat twee keer bij deze groep.")
            factors_here.add(factor)
            links.append(GroupLink(group, factor, _string(entry, "reason", at)))
    return tuple(links), reasons


def _rules(data: dict, key: str, terms_key: str, codes: set[str], links: tuple[GroupLink, ...]) -> tuple[Rule, ...]:
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    groups = {link.group for link in links}
    for index, item in enumerate(data.get(key, [])):
        where = f"{key}[{index}]"
        if not isinstance(item, dict):
            raise LensError(f"{where}: verwacht een object.")
        raw_terms = _list(item, terms_key, where)
        factors = tuple(_list(item, "factors", where))
        unknown = [f for f in factors if f not in codes]
        if unknown:
            raise LensError(f"{where}: onbekende factor(en) {', '.join(map(str, unknown))}.")
        group = item.get("group")
        if group is not None:
            allowed = {link.factor for link in links if link.group == group}
            if group not in groups and factors:
                raise LensError(f"{where}: de groep ‘{group}’ heeft geen factoren in het vlechtwerk.")
            # One map: a column that names an MIA group can only describe that group's factors.
            outside = [f for f in factors if f not in allowed]
            if outside:
                raise LensError(
                    f"{where}: de factor(en) {', '.join(outside)} horen niet bij de groep ‘{group}’ in de koppeling."
                )
        terms = []
        for raw in raw_terms:
            term = normalise_term(raw)
            if not term:
                raise LensError(f"{where}: een lege naam in ‘{terms_key}’.")
            if term in seen and seen[term] != where:
                raise LensError(f"{where}: ‘{raw}’ staat ook al in {seen[term]}.")
            seen[term] = where
            terms.append(term)
        rules.append(Rule(tuple(dict.fromkeys(terms)), factors, group))
    return tuple(rules)


# --------------------------------------------------------------------------- #
# Coverage
# --------------------------------------------------------------------------- #

STATUS_MISSING = "ontbreekt"  # nothing covers the factor
STATUS_GAP = "gat"  # covered, but with an empty category or no variety
STATUS_COVERED = "gedekt"
_STATUS_ORDER = {STATUS_MISSING: 0, STATUS_GAP: 1, STATUS_COVERED: 2}
STATUS_LABELS = {
    STATUS_MISSING: "niet gedekt",
    STATUS_GAP: "deels gedekt",
    STATUS_COVERED: "gedekt",
}


@dataclass(frozen=True)
class FactorCoverage:
    """One factor: what covers it (groups, people, columns) and what is still empty."""

    factor: Factor
    sources: tuple[str, ...] = ()  # groups, people or columns that cover the factor as a whole
    categories: tuple[tuple[str, str], ...] = ()  # (column, category) pairs that cover it by their value
    gaps: tuple[str, ...] = ()  # e.g. "Opleiding: praktisch (niemand)"
    in_focus: bool = False  # the factor matters here (e.g. the scan's groups touch it)

    @property
    def covered(self) -> bool:
        return bool(self.sources or self.categories)

    @property
    def status(self) -> str:
        if not self.covered:
            return STATUS_MISSING
        return STATUS_GAP if self.gaps else STATUS_COVERED

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def covered_by(self) -> tuple[str, ...]:
        """Everything that covers it, as text: sources, then "column: category"."""
        return self.sources + tuple(f"{column}: {category}" for column, category in self.categories)

    def to_dict(self) -> dict:
        return {
            "code": self.factor.code,
            "label": self.factor.label,
            "covered": self.covered,
            "status": self.status,
            "sources": list(self.sources),
            "categories": [{"column": c, "category": v} for c, v in self.categories],
            "gaps": list(self.gaps),
            "in_focus": self.in_focus,
        }


@dataclass(frozen=True)
class Coverage:
    """All twelve factors, gaps first; and what touched no factor at all."""

    factors: tuple[FactorCoverage, ...]
    outside: tuple[str, ...] = ()  # groups or columns that touch no factor
    lens_version: str = ""

    @property
    def missing(self) -> list[FactorCoverage]:
        return [f for f in self.factors if not f.covered]

    @property
    def covered(self) -> list[FactorCoverage]:
        return [f for f in self.factors if f.covered]

    @property
    def missing_labels(self) -> list[str]:
        return [f.factor.name for f in self.missing]

    def get(self, code: str) -> FactorCoverage:
        for item in self.factors:
            if item.factor.code == code:
                return item
        raise KeyError(code)

    def to_dict(self) -> dict:
        return {
            "lens_version": self.lens_version,
            "factors": [f.to_dict() for f in self.factors],
            "missing": [f.factor.code for f in self.missing],
            "outside": list(self.outside),
        }


def gaps_first(items: Iterable[FactorCoverage]) -> tuple[FactorCoverage, ...]:
    """Not covered first (those in focus before the rest), then partly covered, then covered;
    within each, the order of the vlechtwerk."""
    return tuple(
        sorted(items, key=lambda f: (_STATUS_ORDER[f.status], not f.in_focus, f.factor.position))
    )


def _build(
    lens: Lens,
    sources: Mapping[str, list[str]],
    *,
    categories: Mapping[str, list[tuple[str, str]]] | None = None,
    gaps: Mapping[str, list[str]] | None = None,
    focus: Iterable[str] | None = None,
    outside: Iterable[str] = (),
) -> Coverage:
    focus_set = set(focus or ())
    items = [
        FactorCoverage(
            factor,
            tuple(dict.fromkeys(sources.get(factor.code, []))),
            tuple(dict.fromkeys((categories or {}).get(factor.code, []))),
            tuple(dict.fromkeys((gaps or {}).get(factor.code, []))),
            factor.code in focus_set,
        )
        for factor in lens.factors
    ]
    return Coverage(gaps_first(items), tuple(dict.fromkeys(outside)), lens.version)


def coverage_for_groups(
    group_codes: Iterable[str], *, labels: Mapping[str, str] | None = None, lens: Lens | None = None
) -> Coverage:
    """Which factors the chosen MIA groups touch (and through which groups), and which none does."""
    lens = lens or load_lens()
    labels = labels or {}
    sources: dict[str, list[str]] = {}
    outside = []
    for group in group_codes:
        factors = lens.factors_for_group(group)
        if not factors:
            outside.append(labels.get(group, group))
        for factor in factors:
            sources.setdefault(factor, []).append(labels.get(group, group))
    return _build(lens, sources, outside=outside)


def factors_of_groups(group_codes: Iterable[str], *, lens: Lens | None = None) -> set[str]:
    lens = lens or load_lens()
    return {factor for group in group_codes for factor in lens.factors_for_group(group)}


def coverage_for_people(
    people: Mapping[str, Iterable[str]], *, focus_groups: Iterable[str] = (), lens: Lens | None = None
) -> Coverage:
    """People (label → the MIA groups they speak for): which factors have a voice, and which not.
    ``focus_groups`` (the groups chosen in the scan) marks the factors that matter most here."""
    lens = lens or load_lens()
    sources: dict[str, list[str]] = {}
    for person, groups in people.items():
        for factor in factors_of_groups(groups, lens=lens):
            sources.setdefault(factor, []).append(person)
    return _build(lens, sources, focus=factors_of_groups(focus_groups, lens=lens))


def coverage_for_members(members: Mapping[str, Iterable[str]], *, lens: Lens | None = None) -> Coverage:
    """People (label → the factor codes they bring in, e.g. a working group): which factors have a voice."""
    lens = lens or load_lens()
    known = set(lens.codes)
    sources: dict[str, list[str]] = {}
    for person, factors in members.items():
        for factor in factors:
            if factor in known:
                sources.setdefault(factor, []).append(person)
    return _build(lens, sources)


@dataclass(frozen=True)
class ColumnMatch:
    """Which factors one column describes, and how we know."""

    column: str
    factors: tuple[str, ...]  # by its name (or as declared)
    group: str | None  # the MIA group the column describes, if any
    by_category: dict[str, tuple[str, ...]] = field(default_factory=dict)  # factor → categories
    how: str = "geen"  # "naam", "opgegeven", "categorieën", "geen"

    @property
    def all_factors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.factors + tuple(self.by_category)))

    @property
    def recognised(self) -> bool:
        """Named in the vocabulary (also when it names a group outside the weave, such as regio)."""
        return self.how != "geen"


def match_column(
    name: str, categories: Iterable[str] = (), *, declared: Iterable[str] | None = None, lens: Lens | None = None
) -> ColumnMatch:
    """A column by its name (the vocabulary in the data file, or ``declared`` factor codes), and
    each category by its value (e.g. a column 'doelgroep' with 'jongeren' and 'laaggeletterden')."""
    lens = lens or load_lens()
    by_category: dict[str, list[str]] = {}
    for category in categories:
        rule = lens.category_rule(category)
        if rule is not None:
            for factor in rule.factors:
                by_category.setdefault(factor, []).append(category)
    if declared is not None:
        factors, group, how = tuple(f for f in declared if f in lens.codes), None, "opgegeven"
    else:
        rule = lens.column_rule(name)
        if rule is not None:
            factors, group, how = rule.factors, rule.group, "naam"
        else:
            factors, group, how = (), None, ("categorieën" if by_category else "geen")
    # Categories only add what the name does not already say.
    extra = {f: tuple(dict.fromkeys(values)) for f, values in by_category.items() if f not in factors}
    return ColumnMatch(name, tuple(factors), group, extra, how)


def coverage_for_columns(
    columns: Mapping[str, Iterable[str]],
    *,
    declared: Mapping[str, Iterable[str]] | None = None,
    counts: Mapping[str, Mapping[str, int]] | None = None,
    lens: Lens | None = None,
) -> tuple[Coverage, list[ColumnMatch]]:
    """Columns of a people file (column → its categories): per factor which columns cover it by
    their name and which categories by their value. ``counts`` (column → category → people) adds
    the gaps: a category nobody is in, or a column in which everyone has the same value."""
    lens = lens or load_lens()
    declared_by_key = {normalise_term(k): list(v) for k, v in (declared or {}).items()}
    sources: dict[str, list[str]] = {}
    by_value: dict[str, list[tuple[str, str]]] = {}
    gaps: dict[str, list[str]] = {}
    matches = []
    outside = []
    for column, values in columns.items():
        values = list(values)
        match = match_column(column, values, declared=declared_by_key.get(normalise_term(column)), lens=lens)
        matches.append(match)
        for factor in match.factors:
            sources.setdefault(factor, []).append(column)
        for factor, categories in match.by_category.items():
            by_value.setdefault(factor, []).extend((column, c) for c in categories)
        if not match.all_factors:
            outside.append(column)
        column_counts = (counts or {}).get(column)
        if column_counts is not None and match.factors:
            for factor in match.factors:
                gaps.setdefault(factor, []).extend(_column_gaps(column, column_counts))
    return _build(lens, sources, categories=by_value, gaps=gaps, outside=outside), matches


def _column_gaps(column: str, counts: Mapping[str, int]) -> list[str]:
    empty = [f"{column}: {category} (niemand)" for category, n in counts.items() if n <= 0]
    filled = [category for category, n in counts.items() if n > 0]
    if not filled:
        empty.append(f"{column}: niemand ingevuld")
    elif len(filled) == 1 and sum(counts.values()) > 1:
        empty.append(f"{column}: iedereen ‘{filled[0]}’")
    return empty


def coverage_for_counts(
    counts: Mapping[str, Mapping[str, int]],
    *,
    declared: Mapping[str, Iterable[str]] | None = None,
    lens: Lens | None = None,
) -> Coverage:
    """A table of counts per feature and category, as in the consultation characteristics table
    (Bijlage 2 of the burgerconsultaties) or a drawn panel: per factor which features cover it,
    and which of their categories hold nobody. Counts themselves never appear in the result."""
    coverage, _matches = coverage_for_columns(
        {feature: list(categories) for feature, categories in counts.items()}, declared=declared, counts=counts, lens=lens
    )
    return coverage


@dataclass(frozen=True)
class TableCoverage:
    """``coverage_for_table``: the coverage plus what was read and what was left out."""

    coverage: Coverage
    columns: list[ColumnMatch]
    rows: int
    skipped: list[str]
    distinct: dict[str, int]  # column → number of distinct values
    listed_categories: dict[str, list[str]]  # column → its categories, when few enough to list

    def to_dict(self) -> dict:
        labels = {f.factor.code: f.factor.label for f in self.coverage.factors}
        return {
            **self.coverage.to_dict(),
            "rows": self.rows,
            "skipped_columns": self.skipped,
            "columns": [
                {
                    "column": m.column,
                    "how": m.how,
                    "group": m.group,
                    "factors": [labels[f] for f in m.factors],
                    "factors_by_category": {labels[f]: list(v) for f, v in m.by_category.items()},
                    "distinct_values": self.distinct.get(m.column, 0),
                    "categories": self.listed_categories.get(m.column),
                }
                for m in self.columns
            ],
        }


def coverage_for_table(
    header: list[str],
    rows: Iterable[list[str]],
    *,
    skip: Iterable[str] = (),
    declared: Mapping[str, Iterable[str]] | None = None,
    lens: Lens | None = None,
) -> TableCoverage:
    """A people file (header and rows of text, as ``mia.core.tables.read_table`` gives them).

    Columns in ``skip`` (the id, contact data) are left out entirely. Categories are the distinct
    values of a column; a column with more than ``MAX_LISTED_CATEGORIES`` of them (names, dates,
    free text) is matched by its name only, and its values are neither listed nor matched."""
    skipped = {normalise_term(s) for s in skip}
    kept = [(i, name) for i, name in enumerate(header) if name and normalise_term(name) not in skipped]
    values: dict[str, dict[str, int]] = {name: {} for _, name in kept}
    count = 0
    for cells in rows:
        count += 1
        for index, name in kept:
            value = cells[index].strip() if index < len(cells) else ""
            if value:
                bucket = values[name]
                bucket[value] = bucket.get(value, 0) + 1
    listed = {name: list(v) for name, v in values.items() if len(v) <= MAX_LISTED_CATEGORIES}
    coverage, matches = coverage_for_columns(
        {name: listed.get(name, []) for _, name in kept},
        declared=declared,
        counts={name: v for name, v in values.items() if name in listed},
        lens=lens,
    )
    return TableCoverage(
        coverage=coverage,
        columns=matches,
        rows=count,
        skipped=[name for name in header if name and normalise_term(name) in skipped],
        distinct={name: len(v) for name, v in values.items()},
        listed_categories=listed,
    )


# --------------------------------------------------------------------------- #
# Context for the template instrument/factor_coverage.html
# --------------------------------------------------------------------------- #


def lens_context_for_groups(group_codes: Iterable[str], labels: Mapping[str, str], *, lens: Lens | None = None) -> dict:
    """For a page with the groups chosen in an MIA-scan: which factors they touch, which none does,
    and why a chosen group touches no factor (regio's)."""
    lens = lens or load_lens()
    codes = list(group_codes)
    return {
        "factor_coverage": coverage_for_groups(codes, labels=labels, lens=lens),
        "factor_outside": [(labels.get(g, g), lens.group_reasons.get(g, "")) for g in codes if not lens.factors_for_group(g)],
        "factor_empty": not codes,
    }


def lens_context_for_people(
    people: Mapping[str, Iterable[str]], *, focus_groups: Iterable[str] = (), lens: Lens | None = None
) -> dict:
    """For a page with people who speak for MIA groups (step 2A): which factors have a voice."""
    return {
        "factor_coverage": coverage_for_people(people, focus_groups=focus_groups, lens=lens),
        "factor_outside": [],
        "factor_empty": not people,
    }
