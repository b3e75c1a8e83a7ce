"""Read the texts to analyse from a CSV or XLSX file (pure; used by the CLI).

Errors are ``ThemeInputError`` with a Dutch message that says what to do.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ThemeInputError

CSV_DELIMITERS = ",;\t|"


@dataclass
class Table:
    texts: list[str]
    ids: list
    groups: dict[str, list[str | None]] = field(default_factory=dict)
    columns: list[str] = field(default_factory=list)


def read_rows(
    path: str | Path, encoding: str = "utf-8", sheet: str | None = None
) -> tuple[list[str], list[list]]:
    """Header and data rows of a CSV (any common delimiter) or the first/named sheet of an XLSX."""
    path = Path(path)
    if not path.exists():
        raise ThemeInputError(f"Het bestand '{path}' bestaat niet.")
    if path.is_dir():
        raise ThemeInputError(f"'{path}' is een map, geen bestand.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet)
    if suffix == ".xls":
        raise ThemeInputError(
            "Oude Excel-bestanden (.xls) worden niet ondersteund; sla het op als .xlsx of .csv."
        )
    return _read_csv(path, encoding)


def _read_csv(path: Path, encoding: str) -> tuple[list[str], list[list]]:
    raw = path.read_bytes()
    if not raw.strip():
        raise ThemeInputError(f"Het bestand '{path.name}' is leeg.")
    try:
        text = raw.decode(
            "utf-8-sig" if encoding.lower().replace("_", "-") in ("utf-8", "utf8") else encoding
        )
    except UnicodeDecodeError:
        raise ThemeInputError(
            f"Het bestand '{path.name}' is niet als {encoding} te lezen. Sla het in Excel op als "
            "'CSV UTF-8', of geef de tekenset op, bijvoorbeeld --encoding cp1252."
        ) from None
    except LookupError:
        raise ThemeInputError(f"Onbekende tekenset '{encoding}'.") from None
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS)
    except csv.Error:
        dialect = csv.excel  # one column, or no delimiter found: plain comma CSV
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise ThemeInputError(f"Het bestand '{path.name}' is leeg.")
    header = [h.strip() for h in rows[0]]
    return header, rows[1:]


def _read_xlsx(path: Path, sheet: str | None) -> tuple[list[str], list[list]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several types for a broken file
        raise ThemeInputError(
            f"'{path.name}' is geen leesbaar Excel-bestand ({exc.__class__.__name__})."
        ) from None
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise ThemeInputError(
                f"Het werkblad '{sheet}' bestaat niet; er zijn: {', '.join(workbook.sheetnames)}."
            )
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        rows = [list(r) for r in worksheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    rows = [r for r in rows if any(c is not None and str(c).strip() for c in r)]
    if not rows:
        raise ThemeInputError(f"Het werkblad in '{path.name}' is leeg.")
    header = ["" if h is None else str(h).strip() for h in rows[0]]
    return header, [["" if c is None else c for c in r] for r in rows[1:]]


def _column(header: list[str], name: str, role: str) -> int:
    if name in header:
        return header.index(name)
    folded = [h.casefold() for h in header]
    if name.strip().casefold() in folded:
        return folded.index(name.strip().casefold())
    available = ", ".join(f"'{h}'" for h in header if h) or "(geen kolomnamen gevonden)"
    raise ThemeInputError(f"De {role} '{name}' bestaat niet. Beschikbare kolommen: {available}.")


def read_table(
    path: str | Path,
    text_column: str,
    id_column: str | None = None,
    group_columns: list[str] | None = None,
    encoding: str = "utf-8",
    sheet: str | None = None,
) -> Table:
    """Texts, ids (the id column, or row numbers from 0) and group labels from a file."""
    header, rows = read_rows(path, encoding, sheet)
    if not rows:
        raise ThemeInputError(
            f"Het bestand '{Path(path).name}' heeft wel kolomnamen maar geen rijen met gegevens."
        )
    text_index = _column(header, text_column, "tekstkolom")
    id_index = _column(header, id_column, "id-kolom") if id_column else None
    group_indices = {name: _column(header, name, "groepskolom") for name in group_columns or []}

    def cell(row, index):
        return row[index] if index < len(row) else ""

    texts = [_as_text(cell(row, text_index)) for row in rows]
    if id_index is None:
        ids: list = list(range(len(rows)))
    else:
        ids = [_as_id(cell(row, id_index)) for row in rows]
        missing = [i for i, value in enumerate(ids) if value in ("", None)]
        if missing:
            raise ThemeInputError(
                f"De id-kolom '{id_column}' is leeg in rij {missing[0] + 2} (en {len(missing) - 1} andere)."
                if len(missing) > 1
                else f"De id-kolom '{id_column}' is leeg in rij {missing[0] + 2}."
            )
    groups = {
        header[index]: [_as_text(cell(row, index)).strip() or None for row in rows]
        for index in group_indices.values()
    }
    return Table(texts, ids, groups, header)


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _as_id(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value
