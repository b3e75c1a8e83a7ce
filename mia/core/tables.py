"""Read a CSV or XLSX file into plain rows of text, defensively: the one reader of every upload.

Files come from volunteers' registration forms and spreadsheets edited by hand, so we expect the
usual accidents (Windows encoding, semicolons, blank lines) and hostile content (formulas that a
spreadsheet would execute when the exported panel is opened again).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

# Enough to fix a file in one go without flooding the screen with thousands of lines.
MAX_ISSUES_IN_MESSAGE = 25


@dataclass(frozen=True)
class Issue:
    """One problem in an input file, located by spreadsheet row (header = row 1) and column."""

    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        return self.message


class TableError(ValueError):
    """A file cannot be used; holds every issue found, not only the first. Messages are Dutch."""

    def __init__(self, issues: list[Issue] | str, *, source: str = "") -> None:
        if isinstance(issues, str):
            issues = [Issue(issues)]
        self.issues = list(issues)
        self.source = source
        super().__init__(self.summary())

    def summary(self) -> str:
        head = f"{self.source}: " if self.source else ""
        shown = [str(issue) for issue in self.issues[:MAX_ISSUES_IN_MESSAGE]]
        hidden = len(self.issues) - len(shown)
        if hidden > 0:
            shown.append(f"... en nog {hidden} andere meldingen.")
        if len(shown) == 1:
            return head + shown[0]
        return head + f"{len(self.issues)} problemen gevonden:\n- " + "\n- ".join(shown)

MAX_ROWS = 100_000
MAX_BYTES = 50 * 1024 * 1024
MAX_COLUMNS = 500
# Caps while reading, so a small file that unpacks to millions of cells (a "zip bomb", or 200,000
# rows of 50 cells) is refused after a bounded amount of work instead of keeping a worker busy.
MAX_CELLS = 1_000_000
# What the parts of an XLSX (zip) may unpack to, in all, and how much more than its packed size.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_PACKING_RATIO = 200
MAX_LISTED_WARNINGS = 10

# A cell starting with one of these is run as a formula by Excel/LibreOffice ("CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# ...except plain numbers and phone numbers ("+31 6 1234 5678", "-2"): those are common and harmless.
_NUMBER_LIKE = re.compile(r"^[+-]?[\d\s().,/-]+$")

Source = str | Path | bytes | BinaryIO


@dataclass
class Table:
    """Header plus rows; each row keeps its spreadsheet row number (header = row 1) for messages."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    warnings: list[str] = field(default_factory=list)
    name: str = ""

    def column_index(self, wanted: str) -> int | None:
        """Case- and space-insensitive lookup, because hand-made headers vary ('Geslacht ', 'geslacht')."""
        key = normalise_key(wanted)
        for index, column in enumerate(self.header):
            if normalise_key(column) == key:
                return index
        return None


def normalise_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def read_table(
    source: Source,
    *,
    name: str | None = None,
    sheet: str | None = None,
    defuse_formulas: bool = True,
    max_rows: int | None = None,
    max_cells: int | None = None,
) -> Table:
    """Read CSV or XLSX (recognised by content, not only by file name) into a Table.

    ``sheet``: the worksheet of an XLSX (default the first). ``defuse_formulas=False`` keeps cells
    that start with = + - @ as they are (still stripped), for free text such as survey answers
    ("- te duur") that is analysed rather than exported; whoever exports it defuses it then.

    ``max_rows`` / ``max_cells``: lower caps than the defaults (``MAX_ROWS``, ``MAX_CELLS``) for a
    caller that must answer within a request; both are counted while reading, so the work is bounded.
    Every message is Dutch and names the file only by the name its owner gave it."""
    limits = _Limits(min(max_rows or MAX_ROWS, MAX_ROWS), min(max_cells or MAX_CELLS, MAX_CELLS))
    data, name = _read_bytes(source, name)
    if not data.strip():
        raise TableError("Het bestand is leeg.", source=name)
    if data.startswith(b"PK\x03\x04"):
        table = _read_xlsx(data, name, sheet, limits)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableError(
            "Dit is een oud Excel-bestand (.xls). Sla het op als .xlsx of als 'CSV UTF-8' en probeer opnieuw.",
            source=name,
        )
    else:
        table = _read_csv(data, name, limits)
    if not table.header:
        raise TableError("Het bestand heeft geen kopregel met kolomnamen.", source=name)
    _check_header(table)
    if defuse_formulas:
        neutralise_formulas(table)
    else:
        table.rows = [(number, [cell.strip() for cell in cells]) for number, cells in table.rows]
    return table


def _read_bytes(source: Source, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, (str, Path)):
        path = Path(source)
        name = name or path.name
        try:
            if path.stat().st_size > MAX_BYTES:
                raise TableError(_too_big_message(), source=display_name(name))
            data = path.read_bytes()
        except FileNotFoundError:
            raise TableError(f"Bestand niet gevonden: {path}", source=display_name(name)) from None
        except IsADirectoryError:
            raise TableError(f"Dit is een map, geen bestand: {path}", source=display_name(name)) from None
    else:
        data = source.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise TableError(_too_big_message(), source=display_name(name))
    return data, display_name(name)


# Names a program gave a file, not its owner: tempfile's "tmpb_p5sfut.csv", Django's upload names.
_GENERATED_NAME = re.compile(r"^(tmp[a-z0-9_]{5,}|php[a-z0-9]{5,}|[0-9a-f]{32})(\.[a-z0-9]+)?$", re.IGNORECASE)


def display_name(name: str | None) -> str:
    """The file's name as its owner knows it: without folders, and never a temporary file's name."""
    base = Path(str(name or "")).name.strip()
    if not base or _GENERATED_NAME.match(base):
        return "bestand"
    return base[:120]


@dataclass(frozen=True)
class _Limits:
    rows: int
    cells: int


class _Counter:
    """Counts rows and cells as they are read; refuses the file as soon as a cap is passed."""

    def __init__(self, limits: _Limits, name: str) -> None:
        self.limits, self.name, self.cells = limits, name, 0

    def row(self, row_number: int, width: int) -> None:
        if row_number > self.limits.rows + 1:
            raise TableError(_too_many_rows_message(self.limits.rows), source=self.name)
        self.cells += max(width, 1)
        if self.cells > self.limits.cells:
            raise TableError(_too_many_cells_message(self.limits.cells), source=self.name)


def _too_big_message() -> str:
    megabytes = MAX_BYTES // (1024 * 1024)
    return f"Het bestand is groter dan {megabytes} MB. Splits het bestand of verwijder overbodige kolommen."


def _dutch_number(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _too_many_rows_message(limit: int = MAX_ROWS) -> str:
    return (
        f"Het bestand heeft meer dan {_dutch_number(limit)} rijen; dat is meer dan MIA in één keer aankan. "
        "Splits het bestand in delen of neem contact op met de beheerder."
    )


def _too_many_cells_message(limit: int = MAX_CELLS) -> str:
    return (
        f"Het bestand heeft meer dan {_dutch_number(limit)} ingevulde cellen; dat is meer dan MIA in één keer "
        "aankan. Verwijder overbodige kolommen of splits het bestand in delen."
    )


def _unpacks_too_big_message() -> str:
    return (
        "Het Excel-bestand pakt uit tot veel meer gegevens dan het lijkt; MIA leest het daarom niet. "
        "Sla het op als 'CSV UTF-8', of verwijder overbodige werkbladen en kolommen."
    )


# --- CSV -----------------------------------------------------------------------------------------


def decode_text(data: bytes, name: str) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM) first; Excel's Windows-1252 as a fallback, with a warning."""
    utf16 = utf16_kind(data)
    if utf16:
        try:
            text = data.decode(utf16)
        except UnicodeDecodeError:
            raise TableError(
                "Het bestand lijkt in UTF-16 opgeslagen, maar is niet goed leesbaar. Sla het op als 'CSV UTF-8' "
                "en probeer opnieuw.",
                source=name,
            ) from None
        return text.lstrip("\ufeff"), ["Het bestand is in UTF-16 opgeslagen en als zodanig gelezen."]
    if b"\x00" in data[:8192]:
        raise TableError("Dit lijkt geen tekstbestand (CSV) te zijn. Kies een CSV- of XLSX-bestand.", source=name)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise TableError(
            f"De tekencodering van het bestand is onbekend (eerste onleesbare teken op regel {line}). "
            "Sla het bestand op als 'CSV UTF-8' en probeer opnieuw.",
            source=name,
        ) from None
    return text, [
        f"Het bestand is niet in UTF-8 opgeslagen (eerste afwijkende teken op regel {line}); "
        "het is gelezen als Windows-1252. Controleer letters met accenten, of sla het bestand op als 'CSV UTF-8'."
    ]


def utf16_kind(data: bytes) -> str:
    """'utf-16' for a file with a UTF-16 byte order mark, 'utf-16-le'/'-be' for one without (Excel's
    "Unicode text" and PowerShell write them; every other character of plain text is then a zero byte)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[: min(len(data), 4096) // 2 * 2]
    if len(head) >= 4:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
            return "utf-16-le"
        if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
            return "utf-16-be"
    return ""


def _sniff_delimiter(text: str) -> str:
    # Dutch Excel writes ';' because ',' is the decimal separator; tabs come from copy-paste.
    first_line = text.split("\n", 1)[0]
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 else ","


def _read_csv(data: bytes, name: str, limits: _Limits | None = None) -> Table:
    text, warnings = decode_text(data, name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    counter = _Counter(limits or _Limits(MAX_ROWS, MAX_CELLS), name)
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    try:
        for line_number, cells in enumerate(reader, start=1):
            counter.row(line_number, len(cells))
            if line_number == 1:
                header = [cell.strip() for cell in cells[: MAX_COLUMNS + 1]]
                continue
            if any(cell.strip() for cell in cells):
                rows.append((line_number, cells))
    except csv.Error as error:
        raise TableError(_csv_error_message(error, reader.line_num), source=name) from None
    return Table(header=header, rows=rows, warnings=warnings, name=name)


def _csv_error_message(error: csv.Error, line: int) -> str:
    """The csv module's English error, said in Dutch (never shown as it is)."""
    text = str(error)
    if "field larger than field limit" in text:
        reason = "een cel is langer dan MIA aankan (meer dan 128.000 tekens)"
    elif "new-line character" in text or "unexpected end of data" in text or "EOF" in text:
        reason = "er staat een aanhalingsteken (\") dat niet wordt gesloten"
    elif "NUL" in text:
        reason = "er staan onleesbare tekens in"
    else:
        reason = "de opbouw van de regel klopt niet"
    return (
        f"Het CSV-bestand is niet goed leesbaar rond regel {line}: {reason}. Open het in een spreadsheet en "
        "sla het opnieuw op als 'CSV UTF-8'."
    )


# --- XLSX ----------------------------------------------------------------------------------------


def _check_zip(data: bytes, name: str) -> None:
    """Refuse an XLSX whose parts unpack to far more than it looks, before any XML is parsed.

    The sizes come from the zip's directory; zipfile stops reading a part at its stated size, so a
    part that lies about it fails to read instead of unpacking further."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise TableError("Het Excel-bestand kan niet worden gelezen; is het beschadigd?", source=name) from None
    unpacked = sum(info.file_size for info in infos)
    if len(infos) > 10_000 or unpacked > MAX_UNPACKED_BYTES or unpacked > MAX_PACKING_RATIO * max(len(data), 1):
        raise TableError(_unpacks_too_big_message(), source=name)


def _read_xlsx(data: bytes, name: str, sheet_name: str | None = None, limits: _Limits | None = None) -> Table:
    import openpyxl  # imported here: only needed for spreadsheets

    _check_zip(data, name)
    counter = _Counter(limits or _Limits(MAX_ROWS, MAX_CELLS), name)
    try:
        # data_only=False: we want to *see* formulas ('=HYPERLINK(...)') to flag them, not their cached result.
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many kinds (zipfile, KeyError, XML errors) for broken files
        raise TableError("Het Excel-bestand kan niet worden gelezen; is het beschadigd?", source=name) from None
    try:
        if sheet_name is not None and sheet_name not in workbook.sheetnames:
            raise TableError(
                f"Het werkblad '{sheet_name}' bestaat niet; er zijn: {', '.join(workbook.sheetnames)}.", source=name
            )
        sheet = workbook[sheet_name] if sheet_name is not None else workbook.worksheets[0]
        header: list[str] = []
        rows: list[tuple[int, list[str]]] = []
        # read_only streams the sheet's XML row by row; max_col keeps a row of 16,384 cells short.
        for row_number, values in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1), start=1):
            cells = _trim_trailing_empty([_cell_text(value) for value in values])
            counter.row(row_number, len(cells))
            if row_number == 1:
                header = [cell.strip() for cell in cells]
                continue
            if any(cell.strip() for cell in cells):
                rows.append((row_number, cells))
    except TableError:
        raise
    except Exception:  # broken XML inside a valid zip, or a part that lies about its size
        raise TableError("Het Excel-bestand kan niet worden gelezen; is het beschadigd?", source=name) from None
    finally:
        workbook.close()
    return Table(header=header, rows=rows, name=name)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _trim_trailing_empty(cells: list[str]) -> list[str]:
    end = len(cells)
    while end > 0 and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


# --- checks that hold for every table ------------------------------------------------------------


def _check_header(table: Table) -> None:
    issues: list[Issue] = []
    if len(table.header) > MAX_COLUMNS:
        issues.append(Issue(f"Het bestand heeft meer dan {MAX_COLUMNS} kolommen."))
    seen: dict[str, int] = {}
    for index, column in enumerate(table.header, start=1):
        if not column:
            if any(index - 1 < len(cells) and cells[index - 1].strip() for _, cells in table.rows):
                issues.append(Issue(f"Kolom {index} heeft geen naam in de kopregel, maar wel waarden.", row=1))
            continue
        key = normalise_key(column)
        if key in seen:
            issues.append(Issue(f"De kolomnaam '{column}' komt twee keer voor (kolom {seen[key]} en {index}).", row=1))
        seen[key] = index
    for row_number, cells in table.rows:
        extra = [cell for cell in cells[len(table.header) :] if cell.strip()]
        if extra:
            issues.append(
                Issue(f"Rij {row_number} heeft meer waarden dan er kolommen in de kopregel staan.", row=row_number)
            )
    if issues:
        raise TableError(issues, source=table.name)
    width = len(table.header)
    table.rows = [(number, (cells + [""] * width)[:width]) for number, cells in table.rows]


def is_formula_like(raw: str) -> bool:
    return raw.startswith(FORMULA_PREFIXES) and not _NUMBER_LIKE.match(raw.strip())


def neutralise(raw: str) -> str:
    """Prefix an apostrophe, the way spreadsheets themselves mark 'text, not a formula' (OWASP advice)."""
    return "'" + raw.strip()


def neutralise_formulas(table: Table) -> None:
    """Strip cells and defuse formula-like ones everywhere, so an exported panel is safe to open."""
    flagged: list[str] = []
    cleaned_rows = []
    for row_number, cells in table.rows:
        cleaned = []
        for column, raw in zip(table.header, cells, strict=False):
            if is_formula_like(raw):
                flagged.append(f"rij {row_number}, kolom '{column}'")
                cleaned.append(neutralise(raw))
            else:
                cleaned.append(raw.strip())
        cleaned_rows.append((row_number, cleaned))
    table.rows = cleaned_rows
    if flagged:
        listed = ", ".join(flagged[:MAX_LISTED_WARNINGS])
        more = f" en nog {len(flagged) - MAX_LISTED_WARNINGS} cellen" if len(flagged) > MAX_LISTED_WARNINGS else ""
        table.warnings.append(
            f"{len(flagged)} cel(len) beginnen met =, +, -, @ of een tab en kunnen in een spreadsheet als formule "
            f"worden uitgevoerd ({listed}{more}). Ze zijn onschadelijk gemaakt met een apostrof ervoor; "
            "controleer of deze waarden kloppen."
        )
