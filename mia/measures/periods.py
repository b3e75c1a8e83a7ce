"""Periods of indicator values, as people and CBS write them, into one label and a start date.

Pure logic, no Django. Accepted (case and spaces do not matter):

- year: ``2023``, CBS ``2023JJ00``
- quarter: ``2023-K1``, ``2023 Q1``, ``2023Q1``, CBS ``2023KW01``
- month: ``2023-05``, ``mei 2023``, CBS ``2023MM05``
- week (ISO): ``2023-W05``, ``2023 week 5``
- day: ``2023-05-17``, ``17-05-2023``

The label is normalised (``2023``, ``2023-K1``, ``2023-05``, ``2023-W05``, ``2023-05-17``), so the
same period written two ways is one period.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MIN_YEAR, MAX_YEAR = 1900, 2100
MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4, "mei": 5,
    "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
EXAMPLES = "2023, 2023-K1, 2023-05, 2023-W05 of 2023-05-17"


class PeriodError(ValueError):
    """Not a period we can read; the message is Dutch."""


@dataclass(frozen=True)
class Period:
    label: str
    start: dt.date
    kind: str  # jaar, kwartaal, maand, week, dag


def _year(text: str, raw: str) -> int:
    year = int(text)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise PeriodError(f"Het jaar in de periode '{raw}' ligt niet tussen {MIN_YEAR} en {MAX_YEAR}.")
    return year


def parse_period(raw: str) -> Period:
    text = " ".join(str(raw).split()).lower()
    if not text:
        raise PeriodError("De periode ontbreekt.")
    if len(text) > 40:
        raise PeriodError(f"De periode is te lang (hoogstens 40 tekens). Gebruik bijvoorbeeld {EXAMPLES}.")
    compact = text.replace(" ", "")
    try:
        if m := re.fullmatch(r"(\d{4})(?:jj00)?", compact):
            year = _year(m[1], raw)
            return Period(str(year), dt.date(year, 1, 1), "jaar")
        if m := re.fullmatch(r"(\d{4})(?:-?[kq]|kw0?)([1-4])", compact):
            year, quarter = _year(m[1], raw), int(m[2])
            return Period(f"{year}-K{quarter}", dt.date(year, 3 * quarter - 2, 1), "kwartaal")
        if m := re.fullmatch(r"(\d{4})(?:-|mm)(\d{1,2})", compact):
            return _month(_year(m[1], raw), int(m[2]), raw)
        if m := re.fullmatch(r"([a-z]+)\.?(\d{4})", compact):
            if m[1] in MONTHS:
                return _month(_year(m[2], raw), MONTHS[m[1]], raw)
        if m := re.fullmatch(r"(\d{4})-?(?:w|week)(\d{1,2})", compact):
            year, week = _year(m[1], raw), int(m[2])
            try:
                start = dt.date.fromisocalendar(year, week, 1)
            except ValueError:
                raise PeriodError(f"Week {week} bestaat niet in {year} (periode '{raw}').") from None
            return Period(f"{year}-W{week:02d}", start, "week")
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", compact):
            return _day(_year(m[1], raw), int(m[2]), int(m[3]), raw)
        if m := re.fullmatch(r"(\d{1,2})-(\d{1,2})-(\d{4})", compact):
            return _day(_year(m[3], raw), int(m[2]), int(m[1]), raw)
    except PeriodError:
        raise
    shown = raw if len(str(raw)) <= 40 else str(raw)[:39] + "…"
    raise PeriodError(f"De periode '{shown}' kunnen we niet lezen. Gebruik bijvoorbeeld {EXAMPLES}.")


def _month(year: int, month: int, raw: str) -> Period:
    if not 1 <= month <= 12:
        raise PeriodError(f"Maand {month} bestaat niet (periode '{raw}').")
    return Period(f"{year}-{month:02d}", dt.date(year, month, 1), "maand")


def _day(year: int, month: int, day: int, raw: str) -> Period:
    try:
        date = dt.date(year, month, day)
    except ValueError:
        raise PeriodError(f"De datum '{raw}' bestaat niet.") from None
    return Period(date.isoformat(), date, "dag")
