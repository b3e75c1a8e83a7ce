"""CBS StatLine open data into indicator rows: the OData v3 feed (opendata.cbs.nl/ODataApi) and the
OData v4 feed (datasets.cbs.nl/odata/v1/CBS).

Pure logic, no Django. Every request goes through an injected ``fetch(url) -> bytes``: the tests
pass one that reads recorded response files (``tests/cbs/``), production passes ``http_fetch``,
which only speaks https to the CBS hosts, follows no redirects, and caps time and size.

How a table becomes rows:

- v3: ``TableInfos`` (the title), ``DataProperties`` (topics with ``Type: "Topic"``, dimensions with
  ``Type`` ``Dimension`` / ``TimeDimension`` / ``GeoDimension`` / ``GeoDetail``), one request per
  dimension for its codes (``Key`` → ``Title``), then ``TypedDataSet`` page by page (``odata.nextLink``);
  each topic column of a record is one value.
- v4: ``Properties`` (the title), ``Dimensions`` (``Identifier``, ``Kind``), ``MeasureCodes`` (the topics),
  ``<Dimension>Codes`` per dimension, then ``Observations`` page by page (``@odata.nextLink``); each
  observation is one value of its ``Measure``.

The time dimension gives the period (CBS codes such as ``2023KW01``, read by ``periods``), a geo
dimension the region (its title, e.g. "Nederland"), and every other dimension a part of the group
("Vrouwen, 15 tot 25 jaar"); totals (codes starting with ``T00``, or titles starting with "Totaal")
add nothing to the group, so the table's totals become the series for everyone.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from mia.measures.jsonfile import JsonFileError, load_json
from mia.measures.periods import Period, PeriodError, parse_period

ALLOWED_HOSTS = frozenset({"opendata.cbs.nl", "datasets.cbs.nl", "odata4.cbs.nl", "beta-odata4.cbs.nl"})
MAX_RESPONSE_BYTES = 20 * 1024 * 1024
MAX_PAGES = 200
MAX_ROWS = 200_000
TIMEOUT_SECONDS = 30
_TABLE_ID = r"(?P<id>[0-9A-Za-z]{5,12})"
_V3_PATH = re.compile(rf"^/(?:ODataApi|ODataFeed)/(?:odata|OData)/{_TABLE_ID}/?$")
_V4_PATHS = {
    "datasets.cbs.nl": re.compile(rf"^/odata/v1/CBS/{_TABLE_ID}/?$"),
    "odata4.cbs.nl": re.compile(rf"^/CBS/{_TABLE_ID}/?$"),
    "beta-odata4.cbs.nl": re.compile(rf"^/CBS/{_TABLE_ID}/?$"),
}
DIMENSION_TYPES_V3 = {"Dimension", "TimeDimension", "GeoDimension", "GeoDetail"}
TOTAL_KEY = re.compile(r"^T00\d*$")

Fetch = Callable[[str], bytes]


class CbsError(ValueError):
    """The table cannot be read; the message is Dutch."""


@dataclass(frozen=True)
class CbsTable:
    url: str  # the table's address, without a trailing slash
    api: str  # "v3" or "v4"
    table_id: str


@dataclass(frozen=True)
class CbsRow:
    topic: str  # the CBS key of the topic (v3) or measure (v4)
    indicator: str  # the indicator's name in MIA
    unit: str
    period: Period
    region: str
    group: str
    value: float


@dataclass
class CbsResult:
    table: CbsTable
    title: str
    rows: list[CbsRow]
    topics: dict[str, tuple[str, str]]  # key → (title, unit), every topic of the table
    warnings: list[str] = field(default_factory=list)


def parse_table_url(url: str) -> CbsTable:
    """The address of a CBS table, checked: https, a CBS host, the path of a v3 or v4 table."""
    text = (url or "").strip()
    if len(text) > 300:
        raise CbsError("Het adres is te lang (hoogstens 300 tekens).")
    parts = urlsplit(text)
    if parts.scheme != "https":
        raise CbsError("Het adres moet met https:// beginnen.")
    host = (parts.hostname or "").lower()
    if host not in ALLOWED_HOSTS or parts.username or parts.password or parts.port not in (None, 443):
        raise CbsError(f"Alleen tabellen van het CBS kunnen worden opgehaald ({', '.join(sorted(ALLOWED_HOSTS))}).")
    if parts.query or parts.fragment:
        raise CbsError("Geef het adres van de tabel zelf, zonder ? of # erachter.")
    if host == "opendata.cbs.nl" and (m := _V3_PATH.match(parts.path)):
        return CbsTable(f"https://{host}{parts.path.rstrip('/')}", "v3", m["id"])
    if host in _V4_PATHS and (m := _V4_PATHS[host].match(parts.path)):
        return CbsTable(f"https://{host}{parts.path.rstrip('/')}", "v4", m["id"])
    raise CbsError(
        "Dit is geen adres van een CBS-tabel. Voorbeelden: https://opendata.cbs.nl/ODataApi/odata/80590ned "
        "of https://datasets.cbs.nl/odata/v1/CBS/80590ned."
    )


def check_url(url: str) -> None:
    """Every address fetched (also a next page) must be https on a CBS host."""
    parts = urlsplit(url)
    if parts.scheme != "https" or (parts.hostname or "").lower() not in ALLOWED_HOSTS or parts.username:
        raise CbsError("Het CBS verwees naar een adres buiten het CBS; dat volgen we niet.")


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise CbsError("Het CBS stuurde door naar een ander adres; dat volgen we niet. Controleer het adres van de tabel.")


def http_fetch(url: str) -> bytes:
    """The production fetcher: https to the CBS hosts only, no redirects, bounded in time and size."""
    check_url(url)
    opener = urllib.request.build_opener(_NoRedirects)
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "MIA (open source)"})
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            data = response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            raise CbsError("Deze tabel bestaat niet (meer) bij het CBS.") from None
        raise CbsError(f"Het CBS antwoordde met foutcode {error.code}. Probeer het later opnieuw.") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise CbsError(f"Het CBS is niet bereikbaar ({getattr(error, 'reason', error)}). Probeer het later opnieuw.") from None
    if len(data) > MAX_RESPONSE_BYTES:
        raise CbsError("Het antwoord van het CBS is te groot. Kies minder onderwerpen of een kleinere tabel.")
    return data


# --- reading ------------------------------------------------------------------------------------------


def _json(fetch: Fetch, url: str, what: str):
    check_url(url)
    try:
        return load_json(fetch(url), what=f"Het antwoord van het CBS ({what})", max_bytes=MAX_RESPONSE_BYTES)
    except JsonFileError as error:
        raise CbsError(str(error)) from None


def _values(document, what: str) -> list[dict]:
    if not isinstance(document, dict) or not isinstance(document.get("value"), list):
        raise CbsError(f"Onverwacht antwoord van het CBS ({what}): er staat geen lijst 'value' in.")
    items = document["value"]
    if not all(isinstance(item, dict) for item in items):
        raise CbsError(f"Onverwacht antwoord van het CBS ({what}): de lijst 'value' bevat iets anders dan records.")
    return items


def _pages(fetch: Fetch, url: str, what: str, next_key: str):
    seen = 0
    for _page in range(MAX_PAGES):
        document = _json(fetch, url, what)
        records = _values(document, what)
        seen += len(records)
        if seen > MAX_ROWS:
            raise CbsError(f"De tabel heeft meer dan {MAX_ROWS:,} waarden; kies minder onderwerpen.".replace(",", "."))
        yield from records
        url = document.get(next_key)
        if not url:
            return
        if not isinstance(url, str):
            raise CbsError(f"Onverwacht antwoord van het CBS ({what}): het adres van de volgende pagina is geen tekst.")
    raise CbsError(f"De tabel heeft meer dan {MAX_PAGES} pagina's; kies minder onderwerpen.")


def _text(value) -> str:
    if value is None:
        return ""
    return "".join(ch for ch in str(value) if ch >= " " and ch != "\x7f").strip()


def _is_total(key: str, title: str) -> bool:
    return bool(TOTAL_KEY.match(key)) or title.casefold().startswith("totaal")


def _number(value) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = str(value).strip()
    if not text or text in (".", "-", "x"):
        return None  # CBS marks missing or secret values with '.', '-' or 'x'
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


@dataclass
class _Dimension:
    key: str
    title: str
    kind: str  # time / geo / other
    codes: dict[str, str]


def _choose_topics(available: dict[str, tuple[str, str]], wanted: dict[str, str] | None, table: CbsTable) -> dict[str, str]:
    """CBS key → indicator name. Empty ``wanted``: every topic under its CBS title (made unique)."""
    if wanted:
        unknown = [key for key in wanted if key not in available]
        if unknown:
            shown = ", ".join(list(available)[:15])
            raise CbsError(f"Het onderwerp '{unknown[0]}' staat niet in tabel {table.table_id}. Beschikbaar: {shown}.")
        return {key: (name or available[key][0])[:200] for key, name in wanted.items()}
    names: dict[str, str] = {}
    used: set[str] = set()
    for key, (title, _unit) in available.items():
        name = title or key
        if name.casefold() in used:
            name = f"{name} ({key})"
        used.add(name.casefold())
        names[key] = name[:200]
    return names


def read_cbs(table: CbsTable, fetch: Fetch, *, topics: dict[str, str] | None = None) -> CbsResult:
    if table.api == "v3":
        return _read_v3(table, fetch, topics)
    return _read_v4(table, fetch, topics)


def _read_v3(table: CbsTable, fetch: Fetch, wanted) -> CbsResult:
    infos = _values(_json(fetch, f"{table.url}/TableInfos", "TableInfos"), "TableInfos")
    title = _text(infos[0].get("Title")) if infos else table.table_id
    properties = _values(_json(fetch, f"{table.url}/DataProperties", "DataProperties"), "DataProperties")
    available = {
        _text(p.get("Key")): (_text(p.get("Title")), _text(p.get("Unit"))) for p in properties if p.get("Type") == "Topic" and p.get("Key")
    }
    dimensions = []
    for p in properties:
        if p.get("Type") in DIMENSION_TYPES_V3 and p.get("Key"):
            key = _text(p["Key"])
            kind = "time" if p["Type"] == "TimeDimension" else "geo" if p["Type"] in ("GeoDimension", "GeoDetail") else "other"
            codes = {_text(c.get("Key")): _text(c.get("Title")) for c in _values(_json(fetch, f"{table.url}/{key}", key), key)}
            dimensions.append(_Dimension(key, _text(p.get("Title")), kind, codes))
    chosen = _choose_topics(available, wanted, table)

    def records():
        for record in _pages(fetch, f"{table.url}/TypedDataSet", "TypedDataSet", "odata.nextLink"):
            for key, name in chosen.items():
                yield record, key, name, record.get(key)

    return _rows(table, title, available, dimensions, chosen, records())


def _read_v4(table: CbsTable, fetch: Fetch, wanted) -> CbsResult:
    properties = _json(fetch, f"{table.url}/Properties", "Properties")
    title = _text(properties.get("Title")) if isinstance(properties, dict) else ""
    measures = _values(_json(fetch, f"{table.url}/MeasureCodes", "MeasureCodes"), "MeasureCodes")
    available = {_text(m.get("Identifier")): (_text(m.get("Title")), _text(m.get("Unit"))) for m in measures if m.get("Identifier")}
    dimensions = []
    for d in _values(_json(fetch, f"{table.url}/Dimensions", "Dimensions"), "Dimensions"):
        key = _text(d.get("Identifier"))
        if not key:
            continue
        kind_name = _text(d.get("Kind"))
        kind = "time" if kind_name == "TimeDimension" else "geo" if kind_name.startswith("Geo") else "other"
        codes = {_text(c.get("Identifier")): _text(c.get("Title")) for c in _values(_json(fetch, f"{table.url}/{key}Codes", f"{key}Codes"), key)}
        dimensions.append(_Dimension(key, _text(d.get("Title")), kind, codes))
    chosen = _choose_topics(available, wanted, table)

    def records():
        for record in _pages(fetch, f"{table.url}/Observations", "Observations", "@odata.nextLink"):
            key = _text(record.get("Measure"))
            if key in chosen:
                yield record, key, chosen[key], record.get("Value")

    return _rows(table, title or table.table_id, available, dimensions, chosen, records())


def _rows(table, title, available, dimensions, chosen, records) -> CbsResult:
    times = [d for d in dimensions if d.kind == "time"]
    if len(times) != 1:
        raise CbsError(f"Tabel {table.table_id} heeft geen (of meer dan één) tijdsdimensie; die is nodig voor een reeks.")
    time = times[0]
    rows: list[CbsRow] = []
    warnings: list[str] = []
    seen: set[tuple] = set()
    missing = unreadable = duplicates = 0
    unreadable_examples: list[str] = []
    for record, key, name, raw in records:
        value = _number(raw)
        if value is None:
            missing += 1
            continue
        code = _text(record.get(time.key))
        try:
            period = parse_period(code)
        except PeriodError:
            unreadable += 1
            if len(unreadable_examples) < 3:
                unreadable_examples.append(code[:20])
            continue
        region, group_parts = "", []
        for d in dimensions:
            if d.kind == "time":
                continue
            dim_code = _text(record.get(d.key))
            dim_title = d.codes.get(dim_code, dim_code)
            if d.kind == "geo":
                region = dim_title
            elif not _is_total(dim_code, dim_title):
                group_parts.append(dim_title)
        group = ", ".join(group_parts)[:200]
        identity = (key, period.label, group, region)
        if identity in seen:
            duplicates += 1
            continue
        seen.add(identity)
        rows.append(CbsRow(key, name, available[key][1][:50], period, region[:200], group, value))
    if missing:
        warnings.append(f"{missing} cel(len) zonder waarde (bij het CBS leeg, geheim of nog niet bekend) zijn overgeslagen.")
    if unreadable:
        warnings.append(f"{unreadable} waarde(n) met een periode die we niet kunnen lezen zijn overgeslagen (bijv. {', '.join(unreadable_examples)}).")
    if duplicates:
        warnings.append(f"{duplicates} dubbele waarde(n) (zelfde onderwerp, periode, groep en regio) zijn overgeslagen.")
    if not rows:
        raise CbsError(f"Tabel {table.table_id} gaf geen bruikbare waarden voor de gekozen onderwerpen.")
    return CbsResult(table, title, rows, available, warnings)


def as_indicator_rows(result: CbsResult):
    """The rows in the shape of an uploaded indicator table (``indicators.Row``), with the table as source."""
    from mia.measures.indicators import Row

    source = f"CBS StatLine, tabel {result.table.table_id}: {result.title}"[:300]
    return [Row(0, r.indicator, r.period.label, r.period.start, r.period.kind, r.group, r.region, r.value, r.unit, source)
            for r in result.rows]
