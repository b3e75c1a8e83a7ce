"""Reading an inventory of initiatives from a table (no Django).

The columns are exactly ``naam, link, eigenaar, categorie, doel, aanpak, onderwerp,
doelgroep, reikwijdte, thema``. A cell may hold several values separated by ``;``
(onderwerp, doelgroep, reikwijdte, thema). Values are matched case- and
accent-tolerantly against the programme's own vocabularies. Every problem is reported
per row in Dutch; nothing is dropped silently: a file with problems is not imported
at all, so that fixing and importing again gives exactly what the file says.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from mia.core.tables import Issue, Table
from mia.programmes.matching import Vocabulary, match_key, split_cell

COLUMNS = ("naam", "link", "eigenaar", "categorie", "doel", "aanpak", "onderwerp", "doelgroep", "reikwijdte", "thema")
MULTI_VALUE_COLUMNS = ("onderwerp", "doelgroep", "reikwijdte", "thema")
LIMITS = {"naam": 200, "link": 500, "eigenaar": 200, "doel": 2000, "aanpak": 5000, "andere doelgroep": 300}
# "andere: Docenten", "Andere doelgroep, namelijk: Docenten", "anders: ..." name a group the programme does not list.
OTHER_GROUP = re.compile(r"^\s*(andere?|anders)(\s+doelgroep)?\s*(,?\s*namelijk)?\s*:\s*(?P<value>.*)$", re.IGNORECASE | re.DOTALL)
REACH_SYNONYMS = {"landelijk": "nationaal", "provinciaal": "regionaal", "gemeentelijk": "lokaal"}
MAX_ISSUES = 500


@dataclass
class InitiativeRow:
    row: int
    name: str
    link: str = ""
    owner: str = ""
    category: object | None = None
    goal: str = ""
    approach: str = ""
    topics: list = field(default_factory=list)
    target_groups: list = field(default_factory=list)
    other_target_group: str = ""
    reaches: list[str] = field(default_factory=list)
    themes: list = field(default_factory=list)

    @property
    def key(self) -> str:
        return match_key(self.name)


@dataclass
class Vocabularies:
    categories: Vocabulary
    topics: Vocabulary
    target_groups: Vocabulary
    reaches: Vocabulary
    themes: Vocabulary


@dataclass
class ParsedInventory:
    rows: list[InitiativeRow]
    issues: list[Issue]
    warnings: list[str]

    @property
    def ok(self) -> bool:
        return not self.issues


_CONTROL = {code: None for code in [*range(32), 127] if chr(code) not in "\n\t"}


def strip_control(text: str) -> str:
    """Control characters (other than line breaks and tabs) break exports and PDFs."""
    return text.translate(_CONTROL)


def check_header(table: Table) -> list[Issue]:
    keys = {match_key(column): column for column in table.header if column}
    wanted = {match_key(column): column for column in COLUMNS}
    issues = []
    missing = [column for key, column in wanted.items() if key not in keys]
    unknown = [column for key, column in keys.items() if key not in wanted]
    expected = ", ".join(COLUMNS)
    if missing:
        issues.append(Issue(f"Deze kolommen ontbreken: {', '.join(missing)}. Verwacht worden precies: {expected}.", row=1))
    if unknown:
        issues.append(Issue(
            f"Deze kolommen kennen we niet: {', '.join(unknown)}. Verwijder of hernoem ze; verwacht worden precies: {expected}.",
            row=1,
        ))
    return issues


def parse_inventory(table: Table, vocabularies: Vocabularies, progress: Callable[[float], None] | None = None) -> ParsedInventory:
    """Every row of the table as an ``InitiativeRow``, or the problems found (all of them, per row)."""
    issues = check_header(table)
    if issues:
        return ParsedInventory([], issues, list(table.warnings))
    index = {match_key(column): position for position, column in enumerate(table.header)}
    positions = [(column, index[match_key(column)]) for column in COLUMNS]
    rows: list[InitiativeRow] = []
    first_row_of: dict[str, int] = {}
    total = len(table.rows) or 1
    for done, (number, cells) in enumerate(table.rows, start=1):
        values = {column: strip_control(cells[position]).strip() for column, position in positions}
        row, row_issues = _parse_row(number, values, vocabularies)
        if row is not None:
            earlier = first_row_of.get(row.key)
            if earlier is not None:
                row_issues.append(Issue(f"Rij {number}: de naam ‘{row.name}’ staat ook al in rij {earlier}.", row=number, column="naam"))
            else:
                first_row_of[row.key] = number
                rows.append(row)
        issues.extend(row_issues)
        if len(issues) >= MAX_ISSUES:
            issues.append(Issue(f"Na rij {number} zijn we gestopt met zoeken: er zijn al {MAX_ISSUES} problemen gevonden."))
            break
        if progress and done % 500 == 0:
            progress(done / total)
    if not table.rows:
        issues.append(Issue("Het bestand heeft wel een kopregel, maar geen initiatieven."))
    return ParsedInventory(rows if not issues else [], issues, list(table.warnings))


def _parse_row(number: int, values: dict[str, str], v: Vocabularies) -> tuple[InitiativeRow | None, list[Issue]]:
    issues: list[Issue] = []

    def issue(column: str, message: str) -> None:
        issues.append(Issue(f"Rij {number}, kolom ‘{column}’: {message}", row=number, column=column))

    for column, limit in LIMITS.items():
        if column in values and len(values[column]) > limit:
            issue(column, f"de tekst is te lang ({len(values[column])} tekens; hoogstens {limit}).")
    name = " ".join(values["naam"].split())
    if not name:
        issue("naam", "de naam ontbreekt. Elk initiatief heeft een naam nodig.")
    elif not match_key(name):
        issue("naam", f"‘{name}’ is geen bruikbare naam: gebruik letters of cijfers.")
    link = values["link"]
    if link and "://" not in link and ":" not in link.split("/", 1)[0] and _is_web_address("https://" + link):
        link = "https://" + link  # "www.voorbeeld.nl", as the browser form also accepts it
    if link and not _is_web_address(link):
        issue("link", f"‘{_short(link)}’ is geen webadres. Gebruik een adres dat begint met https:// of http://.")

    category = None
    categories = split_cell(values["categorie"])
    if len(categories) > 1:
        issue("categorie", f"kies één categorie, niet {len(categories)} ({'; '.join(categories)}).")
    elif categories:
        category = _lookup(categories[0], v.categories, "categorie", issue)

    topics = [item for value in split_cell(values["onderwerp"]) if (item := _lookup(value, v.topics, "onderwerp", issue))]
    target_groups, others = [], []
    for value in split_cell(values["doelgroep"]):
        other = OTHER_GROUP.match(value)
        if other:
            if other.group("value").strip():
                others.append(other.group("value").strip())
            else:
                issue("doelgroep", f"bij ‘{value}’ staat niet welke andere doelgroep. Schrijf bijvoorbeeld ‘andere: Docenten’.")
        elif item := _lookup(value, v.target_groups, "doelgroep", issue):
            target_groups.append(item)
    other_text = "; ".join(others)
    if len(other_text) > LIMITS["andere doelgroep"]:
        issue("doelgroep", f"de andere doelgroepen zijn samen te lang (hoogstens {LIMITS['andere doelgroep']} tekens).")
    reaches = [item for value in split_cell(values["reikwijdte"]) if (item := _lookup(value, v.reaches, "reikwijdte", issue))]
    themes = [item for value in split_cell(values["thema"]) if (item := _lookup(value, v.themes, "thema", issue))]
    if issues:
        return None, issues
    return InitiativeRow(
        row=number, name=name, link=link, owner=values["eigenaar"], category=category, goal=values["doel"],
        approach=values["aanpak"], topics=_unique(topics), target_groups=_unique(target_groups),
        other_target_group=other_text, reaches=_unique(reaches), themes=_unique(themes),
    ), []


def _lookup(value: str, vocabulary: Vocabulary, column: str, issue) -> object | None:
    item = vocabulary.get(value)
    if item is not None:
        return item
    suggestion = vocabulary.suggest(value)
    known = "; ".join(vocabulary.known()) or "(nog geen)"
    hint = f" Bedoelt u ‘{suggestion}’?" if suggestion else f" Bekende waarden: {known}."
    extra = " Voeg nieuwe waarden eerst toe bij de instellingen van het programma." if column in ("onderwerp", "doelgroep", "categorie") else ""
    if column == "thema":
        extra = " Voeg een nieuw thema eerst toe bij de thema’s van het programma."
    issue(column, f"‘{_short(value)}’ kennen we niet.{hint}{extra}")
    return None


def _unique(items: list) -> list:
    seen, result = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            result.append(item)
    return result


def _is_web_address(text: str) -> bool:
    if any(ch.isspace() for ch in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc) and "." in parts.netloc


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
