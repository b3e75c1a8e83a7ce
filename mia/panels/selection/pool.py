"""The pool of volunteers and the quotas, read from CSV/XLSX and validated with Dutch messages.

Only the feature columns named in the quotas take part in the selection. Every other column
(name, e-mail, phone, address, ...) is personal data: kept apart in `Person.contact`, used for the
household limit only, and never put in reports.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from mia.core.tables import Source, Table, TableError, normalise_key
from mia.core.tables import read_table as _read_table

from .errors import Issue, PanelInputError


def read_table(source: Source, *, name: str | None = None) -> Table:
    """The one table reader, with its errors as panel input errors."""
    try:
        return _read_table(source, name=name)
    except TableError as error:
        raise PanelInputError(error.issues, source=error.source) from None


# Column names that hold contact data; used to label columns in the UI and to spot duplicate people.
CONTACT_KEYWORDS = (
    "naam",
    "name",
    "email",
    "e-mail",
    "mail",
    "telefoon",
    "phone",
    "mobiel",
    "mobile",
    "tel",
    "adres",
    "address",
    "straat",
    "street",
    "huisnummer",
    "postcode",
    "zip",
    "woonplaats",
    "city",
)
_EMAIL_KEYWORDS = ("email", "e-mail", "mail")

# What the database columns hold (Volunteer.external_id, PoolQuota.feature/value); longer text
# would be refused by PostgreSQL (and silently kept by SQLite), so the reader says so in Dutch.
MAX_ID_CHARS = 200
MAX_LABEL_CHARS = 200
# No panel is larger; a quota of 10**23 would not fit a database column either.
MAX_COUNT = 1_000_000
# How often ``read_pool`` reports its progress.
PROGRESS_EVERY_ROWS = 1000


@dataclass(frozen=True)
class Quota:
    """How many people with `feature` = `value` the panel must hold: at least `min`, at most `max`."""

    feature: str
    value: str
    min: int
    max: int
    # Bounds for automatic relaxation, as in the Sortition Foundation files (None: no bound).
    min_flex: int | None = None
    max_flex: int | None = None
    # Share in the population (0..1), only for the representativeness report.
    population_share: float | None = None


@dataclass
class Quotas:
    items: list[Quota]
    warnings: list[str] = field(default_factory=list)

    def features(self) -> dict[str, list[Quota]]:
        """Quotas grouped per feature, in file order."""
        grouped: dict[str, list[Quota]] = {}
        for quota in self.items:
            grouped.setdefault(quota.feature, []).append(quota)
        return grouped

    def feature_names(self) -> list[str]:
        return list(self.features())

    def get(self, feature: str, value: str) -> Quota:
        for quota in self.items:
            if quota.feature == feature and quota.value == value:
                return quota
        raise KeyError((feature, value))

    def with_bounds(self, bounds: dict[tuple[str, str], tuple[int, int]]) -> Quotas:
        """A copy with some (min, max) replaced, e.g. a suggested relaxation."""
        items = [
            (
                replace(q, min=bounds[(q.feature, q.value)][0], max=bounds[(q.feature, q.value)][1])
                if (q.feature, q.value) in bounds
                else q
            )
            for q in self.items
        ]
        return Quotas(items, list(self.warnings))


@dataclass(frozen=True)
class Person:
    id: str
    features: dict[str, str]  # feature -> value, spelled as in the quotas
    contact: dict[str, str] = field(default_factory=dict)  # every other column: personal data
    row: int | None = None  # spreadsheet row, for messages


@dataclass
class Pool:
    people: list[Person]
    feature_names: list[str]
    contact_columns: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.people)

    @property
    def ids(self) -> list[str]:
        return [person.id for person in self.people]

    def by_id(self) -> dict[str, Person]:
        return {person.id: person for person in self.people}

    @classmethod
    def from_records(
        cls, records: Iterable[dict[str, str]], feature_names: Sequence[str], id_column: str = "id"
    ) -> Pool:
        """Build a pool in code (tests, web forms); no validation beyond what the dataclasses give."""
        people = []
        contact_columns: dict[str, None] = {}
        for record in records:
            features = {name: str(record[name]) for name in feature_names}
            contact = {k: str(v) for k, v in record.items() if k != id_column and k not in feature_names}
            contact_columns.update(dict.fromkeys(contact))
            people.append(Person(str(record[id_column]), features, contact))
        return cls(people, list(feature_names), list(contact_columns))


# --- quotas --------------------------------------------------------------------------------------


def read_quotas(source: Source, *, name: str | None = None) -> Quotas:
    """Read `feature,value,min,max` or the older `category,feature,min,max` (extra columns allowed)."""
    table = read_table(source, name=name)
    columns = _quota_columns(table)
    issues: list[Issue] = []
    items: list[Quota] = []
    seen: dict[tuple[str, str], int] = {}
    for row_number, cells in table.rows:
        quota = _parse_quota_row(row_number, cells, columns, issues)
        if quota is None:
            continue
        key = (normalise_key(quota.feature), normalise_key(quota.value))
        if key in seen:
            issues.append(
                Issue(
                    f"Rij {row_number}: '{quota.feature}' = '{quota.value}' staat ook al in rij {seen[key]}.",
                    row=row_number,
                )
            )
            continue
        seen[key] = row_number
        items.append(quota)
    if not items and not issues:
        issues.append(Issue("Het quotabestand bevat geen quota (alleen een kopregel)."))
    if issues:
        raise PanelInputError(issues, source=table.name)
    quotas = Quotas(items, list(table.warnings) + _unused_columns_warning(table, columns))
    _canonicalise_feature_names(quotas)
    return quotas


def _unused_columns_warning(table: Table, columns: dict[str, int | None]) -> list[str]:
    """Name every column of the quota file that is not read, so none is ignored without a word."""
    used = {index for index in columns.values() if index is not None}
    unused = [name for index, name in enumerate(table.header) if index not in used and name.strip()]
    if not unused:
        return []
    return [
        "Deze kolommen in het quotabestand gebruiken we niet: "
        + ", ".join(f"'{name}'" for name in unused)
        + ". We lezen alleen kenmerk (feature), waarde (value), min, max, min_flex, max_flex en het aandeel "
        "in de bevolking (aandeel)."
    ]


def _quota_columns(table: Table) -> dict[str, int | None]:
    """Map our roles to column indexes, for both layouts and a few Dutch aliases."""

    def first(*names: str) -> int | None:
        for column_name in names:
            index = table.column_index(column_name)
            if index is not None:
                return index
        return None

    value_index = first("value", "waarde")
    if value_index is not None:
        feature_index = first("feature", "kenmerk", "category", "categorie")
    else:
        # Older layout: 'category' is the feature, 'feature' is the value.
        feature_index = first("category", "categorie", "kenmerk")
        value_index = first("feature")
    columns = {
        "feature": feature_index,
        "value": value_index,
        "min": first("min", "minimum"),
        "max": first("max", "maximum"),
        "min_flex": first("min_flex"),
        "max_flex": first("max_flex"),
        "population": first(
            "population", "populatie", "bevolking", "population_share", "aandeel", "aandeel_bevolking",
            "aandeel in de bevolking", "share", "percentage",
        ),
    }
    missing = [role for role in ("feature", "value", "min", "max") if columns[role] is None]
    if missing:
        raise PanelInputError(
            "Het quotabestand mist de kolom(men) "
            + ", ".join(f"'{role}'" for role in missing)
            + ". Verwacht de kopregel 'feature,value,min,max' (of de oudere 'category,feature,min,max'); "
            + f"gevonden: {', '.join(table.header)}.",
            source=table.name,
        )
    return columns


def _parse_quota_row(
    row_number: int, cells: list[str], columns: dict[str, int | None], issues: list[Issue]
) -> Quota | None:
    def cell(role: str) -> str:
        index = columns[role]
        return cells[index] if index is not None else ""

    feature, value = cell("feature"), cell("value")
    start = len(issues)
    if not feature:
        issues.append(Issue(f"Rij {row_number}: de naam van het kenmerk ontbreekt.", row=row_number, column="feature"))
    if not value:
        issues.append(Issue(f"Rij {row_number}: de waarde (categorie) ontbreekt.", row=row_number, column="value"))
    for role, text in (("feature", feature), ("value", value)):
        if len(text) > MAX_LABEL_CHARS:
            issues.append(Issue(
                f"Rij {row_number}, kolom '{role}': de tekst is langer dan {MAX_LABEL_CHARS} tekens.",
                row=row_number, column=role,
            ))
    minimum = _parse_count(cell("min"), row_number, "min", issues)
    maximum = _parse_count(cell("max"), row_number, "max", issues)
    min_flex = _parse_count(cell("min_flex"), row_number, "min_flex", issues, required=False)
    max_flex = _parse_count(cell("max_flex"), row_number, "max_flex", issues, required=False)
    share = _parse_share(cell("population"), row_number, issues)
    if minimum is not None and maximum is not None and minimum > maximum:
        issues.append(
            Issue(
                f"Rij {row_number} ('{feature}' = '{value}'): "
                f"het minimum ({minimum}) is groter dan het maximum ({maximum}).",
                row=row_number,
                column="min",
            )
        )
    if len(issues) > start:
        return None
    return Quota(feature, value, minimum, maximum, min_flex, max_flex, share)


def _parse_count(text: str, row_number: int, column: str, issues: list[Issue], *, required: bool = True) -> int | None:
    if not text:
        if required:
            issues.append(Issue(f"Rij {row_number}: kolom '{column}' is leeg.", row=row_number, column=column))
        return None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        number = float("nan")
    if not number.is_integer():
        issues.append(
            Issue(f"Rij {row_number}, kolom '{column}': '{text}' is geen geheel getal.", row=row_number, column=column)
        )
        return None
    if number < 0:
        issues.append(
            Issue(f"Rij {row_number}, kolom '{column}': '{text}' is negatief.", row=row_number, column=column)
        )
        return None
    if number > MAX_COUNT:
        issues.append(Issue(
            f"Rij {row_number}, kolom '{column}': het getal is te groot (hoogstens {MAX_COUNT:,}).".replace(",", "."),
            row=row_number, column=column,
        ))
        return None
    return int(number)


def _parse_share(text: str, row_number: int, issues: list[Issue]) -> float | None:
    """'12%', '12,5 %' and '0.125' all mean a share of the population."""
    if not text:
        return None
    cleaned = text.replace("%", "").replace(",", ".").strip()
    try:
        share = float(cleaned)
    except ValueError:
        issues.append(
            Issue(
                f"Rij {row_number}, kolom 'population': '{text}' is geen getal of percentage.",
                row=row_number,
                column="population",
            )
        )
        return None
    if "%" in text or share > 1:
        share /= 100
    if not 0 <= share <= 1:
        issues.append(
            Issue(
                f"Rij {row_number}, kolom 'population': '{text}' ligt niet tussen 0 en 100%.",
                row=row_number,
                column="population",
            )
        )
        return None
    return share


def _canonicalise_feature_names(quotas: Quotas) -> None:
    """'Geslacht' and 'geslacht' in different rows are one feature; keep the first spelling."""
    spelling: dict[str, str] = {}
    for index, quota in enumerate(quotas.items):
        name = spelling.setdefault(normalise_key(quota.feature), quota.feature)
        if name != quota.feature:
            quotas.items[index] = replace(quota, feature=name)


# --- pool ----------------------------------------------------------------------------------------


def read_pool(
    source: Source,
    quotas: Quotas,
    *,
    id_column: str | None = None,
    name: str | None = None,
    progress: Callable[[float], None] | None = None,
) -> Pool:
    """Read the volunteers. `id_column=None` uses a column 'id' if there is one, else the row number.

    ``progress(fraction)`` is called every ``PROGRESS_EVERY_ROWS`` rows while the rows are checked."""
    table = read_table(source, name=name)
    if not table.rows:
        raise PanelInputError("Het deelnemersbestand bevat geen deelnemers (alleen een kopregel).", source=table.name)
    issues: list[Issue] = []
    warnings = list(table.warnings)
    id_index = _id_column_index(table, id_column, warnings)
    feature_indexes = _feature_column_indexes(table, quotas)
    contact_indexes = [i for i in range(len(table.header)) if i != id_index and i not in feature_indexes.values()]
    allowed = {
        feature: {normalise_key(q.value): q.value for q in feature_quotas}
        for feature, feature_quotas in quotas.features().items()
    }
    people: list[Person] = []
    seen_ids: dict[str, int] = {}
    total = len(table.rows)
    for done, (row_number, cells) in enumerate(table.rows):
        if progress is not None and done % PROGRESS_EVERY_ROWS == 0:
            progress(done / total)
        person_id = cells[id_index] if id_index is not None else str(row_number)
        features = _person_features(row_number, cells, feature_indexes, allowed, issues)
        if not _valid_id(person_id, row_number, seen_ids, issues):
            continue
        contact = {table.header[i] or f"kolom {i + 1}": cells[i] for i in contact_indexes}
        if features is not None:
            people.append(Person(person_id, features, contact, row_number))
    if issues:
        raise PanelInputError(issues, source=table.name)
    contact_columns = [table.header[i] or f"kolom {i + 1}" for i in contact_indexes]
    warnings.extend(_duplicate_contact_warnings(people, contact_columns))
    return Pool(people, list(feature_indexes), contact_columns, warnings)


def _id_column_index(table: Table, id_column: str | None, warnings: list[str]) -> int | None:
    if id_column is not None:
        index = table.column_index(id_column)
        if index is None:
            raise PanelInputError(
                f"De id-kolom '{id_column}' staat niet in het deelnemersbestand (kolommen: {', '.join(table.header)}).",
                source=table.name,
            )
        return index
    index = table.column_index("id")
    if index is None:
        warnings.append("Er is geen kolom 'id'; het rijnummer in het bestand wordt als id gebruikt.")
    return index


def _feature_column_indexes(table: Table, quotas: Quotas) -> dict[str, int]:
    indexes: dict[str, int] = {}
    missing = []
    for feature in quotas.feature_names():
        index = table.column_index(feature)
        if index is None:
            missing.append(feature)
        else:
            indexes[feature] = index
    if missing:
        raise PanelInputError(
            [
                Issue(f"De kolom '{feature}' uit de quota ontbreekt in het deelnemersbestand.", row=1, column=feature)
                for feature in missing
            ]
            + [Issue(f"Gevonden kolommen: {', '.join(table.header)}.")],
            source=table.name,
        )
    return indexes


def _person_features(row_number, cells, feature_indexes, allowed, issues) -> dict[str, str] | None:
    features: dict[str, str] = {}
    ok = True
    for feature, index in feature_indexes.items():
        raw = cells[index]
        if not raw:
            issues.append(Issue(f"Rij {row_number}: kolom '{feature}' is leeg.", row=row_number, column=feature))
            ok = False
            continue
        value = allowed[feature].get(normalise_key(raw))
        if value is None:
            known = ", ".join(allowed[feature].values())
            issues.append(
                Issue(
                    f"Rij {row_number}, kolom '{feature}': '{raw}' staat niet in de quota (bekende waarden: {known}).",
                    row=row_number,
                    column=feature,
                )
            )
            ok = False
            continue
        features[feature] = value
    return features if ok else None


def _valid_id(person_id: str, row_number: int, seen_ids: dict[str, int], issues: list[Issue]) -> bool:
    if not person_id:
        issues.append(Issue(f"Rij {row_number}: het id ontbreekt.", row=row_number, column="id"))
        return False
    if len(person_id) > MAX_ID_CHARS:
        issues.append(Issue(
            f"Rij {row_number}: het id is langer dan {MAX_ID_CHARS} tekens; gebruik een korter id.",
            row=row_number, column="id",
        ))
        return False
    if person_id in seen_ids:
        issues.append(
            Issue(
                f"Rij {row_number}: id '{person_id}' komt ook voor in rij {seen_ids[person_id]} (dubbele deelnemer?).",
                row=row_number,
                column="id",
            )
        )
        return False
    seen_ids[person_id] = row_number
    return True


def is_contact_column(name: str) -> bool:
    tokens = re.split(r"[^a-z0-9-]+", normalise_key(name))
    return any(token.startswith(keyword) for token in tokens for keyword in CONTACT_KEYWORDS)


def _duplicate_contact_warnings(people: list[Person], contact_columns: list[str]) -> list[str]:
    """Same e-mail address under two ids: probably one person registered twice."""
    warnings = []
    for column in contact_columns:
        if not any(keyword in normalise_key(column) for keyword in _EMAIL_KEYWORDS):
            continue
        first_row: dict[str, int | None] = {}
        for person in people:
            address = normalise_key(person.contact.get(column, ""))
            if not address:
                continue
            if address in first_row:
                warnings.append(
                    f"Rij {person.row} heeft hetzelfde adres in kolom '{column}' als rij {first_row[address]}; "
                    "staat dezelfde persoon er twee keer in?"
                )
            else:
                first_row[address] = person.row
    return warnings
