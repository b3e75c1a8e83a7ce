"""Files people open in spreadsheet programs: CSV and XLSX downloads, safe against formula injection."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def neutralise_formula(value) -> str:
    """Spreadsheet programs run cells that start with = + - @ as formulas (CSV injection), also after
    leading spaces or line breaks. A leading apostrophe makes them plain text."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES) or text.lstrip(" \t\r\n").startswith(FORMULA_PREFIXES[:4]):
        return "'" + text
    return text


def csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    """A CSV download in the form Dutch Excel opens directly: UTF-8 with BOM, semicolons."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow([neutralise_formula(h) for h in header])
    for row in rows:
        writer.writerow([neutralise_formula(v) for v in row])
    return response


def xlsx_bytes(sheets: dict[str, tuple[list[str], list[list]]]) -> bytes:
    """A workbook with one sheet per entry ``{name: (header, rows)}``; every cell is written as text
    or a number, never as a formula."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(title=name[:31] or "Blad")
        sheet.append([neutralise_formula(h) for h in header])
        for row in rows:
            sheet.append([v if isinstance(v, (int, float)) and not isinstance(v, bool) else neutralise_formula(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, sheets: dict[str, tuple[list[str], list[list]]]) -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(sheets), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
