"""The texts to analyse from a CSV or XLSX file: a text column, an optional id column and group
columns, read with the one table reader (``mia.core.tables``). Pure (no Django); used by the CLI
and by the upload of responses.

Errors are ``ThemeInputError`` with a Dutch message that says what to do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from mia.core.tables import MAX_BYTES, Source, TableError, utf16_kind
from mia.core.tables import read_table as read_rows

from .errors import ThemeInputError


@dataclass
class Table:
    texts: list[str]
    ids: list
    groups: dict[str, list[str | None]] = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_table(
    source: Source,
    text_column: str,
    id_column: str | None = None,
    group_columns: list[str] | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    *,
    name: str | None = None,
) -> Table:
    """Texts, ids (the id column, or row numbers from 0) and group labels from a file.

    ``encoding``: the character set of a CSV; ``None`` reads UTF-8 and falls back to Windows-1252
    with a warning (the web upload), a named one is used strictly (the CLI's ``--encoding``)."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or path.name
        if not path.exists():
            raise ThemeInputError(f"Het bestand '{path}' bestaat niet.")
        if path.is_dir():
            raise ThemeInputError(f"'{path}' is een map, geen bestand.")
    if name and Path(name).suffix.lower() == ".xls":
        raise ThemeInputError("Oude Excel-bestanden (.xls) worden niet ondersteund; sla het op als .xlsx of .csv.")
    try:
        data = _decoded(source, encoding, name or "bestand") if encoding else source
        table = read_rows(data, name=name, sheet=sheet, defuse_formulas=False)
    except TableError as error:
        raise ThemeInputError(str(error)) from None
    if not table.rows:
        raise ThemeInputError(f"Het bestand '{table.name}' heeft wel kolomnamen maar geen rijen met gegevens.")
    text_index = _column(table, text_column, "tekstkolom")
    id_index = _column(table, id_column, "id-kolom") if id_column else None
    group_indices = [_column(table, column, "groepskolom") for column in group_columns or []]

    texts = [cells[text_index] for _, cells in table.rows]
    if id_index is None:
        ids: list = list(range(len(table.rows)))
    else:
        ids = [_as_id(cells[id_index]) for _, cells in table.rows]
        missing = [number for (number, _), value in zip(table.rows, ids, strict=True) if value == ""]
        if missing:
            others = f" (en {len(missing) - 1} andere)" if len(missing) > 1 else ""
            raise ThemeInputError(f"De id-kolom '{id_column}' is leeg in rij {missing[0]}{others}.")
    groups = {table.header[index]: [cells[index] or None for _, cells in table.rows] for index in group_indices}
    return Table(texts, ids, groups, table.header, table.warnings)


def _decoded(source: Source, encoding: str, name: str) -> bytes:
    """A CSV in the named encoding, as UTF-8 for the table reader (a workbook is passed on as it is)."""
    if isinstance(source, (str, Path)):
        if Path(source).stat().st_size > MAX_BYTES:
            return source  # the reader says that it is too big
        raw = Path(source).read_bytes()
    elif isinstance(source, bytes):
        raw = source
    else:
        raw = source.read(MAX_BYTES + 1)
    if raw.startswith(b"PK\x03\x04") or utf16_kind(raw):
        return raw  # a workbook, or UTF-16 (recognised by the reader whatever the CLI's default)
    try:
        text = raw.decode("utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding)
    except UnicodeDecodeError:
        raise ThemeInputError(
            f"Het bestand '{name}' is niet als {encoding} te lezen. Sla het in Excel op als "
            "'CSV UTF-8', of geef de tekenset op, bijvoorbeeld --encoding cp1252."
        ) from None
    except LookupError:
        raise ThemeInputError(f"Onbekende tekenset '{encoding}'.") from None
    return text.encode("utf-8")


def _column(table, wanted: str, role: str) -> int:
    index = table.column_index(wanted)
    if index is None:
        available = ", ".join(f"'{h}'" for h in table.header if h) or "(geen kolomnamen gevonden)"
        raise ThemeInputError(f"De {role} '{wanted}' bestaat niet. Beschikbare kolommen: {available}.")
    return index


def _as_id(value: str):
    """Whole numbers become numbers (as the row numbers are); other ids stay text ('007', 'r1')."""
    try:
        number = int(value)
    except ValueError:
        return value
    return number if str(number) == value else value
