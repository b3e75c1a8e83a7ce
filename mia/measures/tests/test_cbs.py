"""The CBS StatLine importer on the response files in tests/cbs/ (see its README for their origin),
on malformed responses, and the refresh as a job on a schedule. Never the network."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from mia.jobs.models import Job
from mia.measures import actions, tasks
from mia.measures.cbs import CbsError, check_url, http_fetch, parse_table_url, read_cbs

HERE = Path(__file__).resolve().parent / "cbs"
V3 = "https://opendata.cbs.nl/ODataApi/odata/80590ned"
V4 = "https://datasets.cbs.nl/odata/v1/CBS/80072ned"


def recorded(folder: str, overrides: dict | None = None):
    """A fetcher that answers from the files: …/80590ned/TypedDataSet?$skip=6 → v3/TypedDataSet_skip6.json."""
    requested = []

    def fetch(url: str) -> bytes:
        requested.append(url)
        tail = url.split("/80590ned/")[-1] if "80590ned" in url else url.split("/80072ned/")[-1]
        if overrides and tail in overrides:
            return overrides[tail]
        name = tail.replace("?$skip=", "_skip")
        path = HERE / folder / f"{name}.json"
        if not path.exists():
            raise CbsError(f"Deze tabel bestaat niet (meer) bij het CBS. ({name})")
        return path.read_bytes()

    fetch.requested = requested
    return fetch


def test_it_reads_a_v3_table_with_its_dimensions_and_pages():
    fetch = recorded("v3")
    result = read_cbs(parse_table_url(V3), fetch)
    assert result.title == "Arbeidsdeelname en werkloosheid per maand"
    assert set(result.topics) == {"WerklozeBeroepsbevolking_1", "Werkloosheidspercentage_2"}
    rates = {(r.group, r.period.label): r.value for r in result.rows if r.topic == "Werkloosheidspercentage_2"}
    # The total of Geslacht (T001038, "Totaal mannen en vrouwen") is the series for everyone.
    assert rates[("", "2023-01")] == 3.6 and rates[("Vrouwen", "2023-03")] == 3.6 and rates[("", "2022")] == 3.5
    assert ("Mannen", "2023-03") not in rates  # missing at CBS: skipped, and said so
    assert any("zonder waarde" in w for w in result.warnings)
    units = {r.topic: r.unit for r in result.rows}
    assert units == {"WerklozeBeroepsbevolking_1": "x 1 000", "Werkloosheidspercentage_2": "%"}
    assert len(result.rows) == 2 * 12 - 2
    assert f"{V3}/TypedDataSet?$skip=6" in fetch.requested


def test_it_reads_a_v4_table():
    result = read_cbs(parse_table_url(V4), recorded("v4"))
    assert result.title == "Ziekteverzuim volgens werkgevers; bedrijfstak, kwartaal"
    values = {(r.group, r.period.label): r.value for r in result.rows}
    assert values[("", "2022-K4")] == 6.1  # T001081 "A-U Alle economische activiteiten" is the total
    assert values[("Q Gezondheids- en welzijnszorg", "2023-K2")] == 6.4
    assert ("P Onderwijs", "2023-K2") not in values  # ValueAttribute "Missing"
    assert {r.indicator for r in result.rows} == {"Ziekteverzuimpercentage"}
    assert len(result.rows) == 8


def test_it_takes_only_the_chosen_topics_under_their_own_names():
    result = read_cbs(parse_table_url(V3), recorded("v3"), topics={"Werkloosheidspercentage_2": "Werkloosheid"})
    assert {r.indicator for r in result.rows} == {"Werkloosheid"}


def test_an_unknown_topic_is_refused_in_dutch():
    with pytest.raises(CbsError, match="Het onderwerp 'Bestaatniet_9' staat niet in tabel 80590ned"):
        read_cbs(parse_table_url(V3), recorded("v3"), topics={"Bestaatniet_9": ""})


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://opendata.cbs.nl/ODataApi/odata/80590ned", "https://"),
        ("https://example.org/ODataApi/odata/80590ned", "Alleen tabellen van het CBS"),
        ("https://user:pw@opendata.cbs.nl/ODataApi/odata/80590ned", "Alleen tabellen van het CBS"),
        ("https://opendata.cbs.nl:8443/ODataApi/odata/80590ned", "Alleen tabellen van het CBS"),
        ("https://opendata.cbs.nl/ODataApi/odata/80590ned?$filter=1", "zonder ? of #"),
        ("https://opendata.cbs.nl/etc/passwd", "geen adres van een CBS-tabel"),
        ("javascript:alert(1)", "https://"),
        ("", "https://"),
        ("https://opendata.cbs.nl/" + "a" * 400, "te lang"),
        ("https://169.254.169.254/latest/meta-data", "Alleen tabellen van het CBS"),
    ],
)
def test_it_refuses_addresses_that_are_no_cbs_table(url, expected):
    with pytest.raises(CbsError, match=expected.replace("?", r"\?")):
        parse_table_url(url)


def test_it_accepts_both_apis():
    assert parse_table_url(V3 + "/").api == "v3"
    assert parse_table_url(V4).api == "v4"
    assert parse_table_url("https://odata4.cbs.nl/CBS/80072ned").table_id == "80072ned"


def test_the_production_fetcher_never_leaves_the_cbs_hosts():
    with pytest.raises(CbsError, match="buiten het CBS"):
        http_fetch("https://example.org/ODataApi/odata/80590ned/TableInfos")
    with pytest.raises(CbsError, match="buiten het CBS"):
        check_url("http://opendata.cbs.nl/ODataApi/odata/80590ned")


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ({"DataProperties": b"{not json"}, "geen geldige JSON"),
        ({"DataProperties": b""}, "is leeg"),
        ({"DataProperties": b"\xff\xfe\x00garbage"}, "geen UTF-8"),
        ({"DataProperties": b'{"value": 3}'}, "geen lijst 'value'"),
        ({"DataProperties": b'{"value": [1, 2]}'}, "iets anders dan records"),
        ({"DataProperties": b"[" * 100_000 + b"]" * 100_000}, "te diep genest"),
        ({"TableInfos": b'["a list, not an object"]'}, "geen lijst 'value'"),
        ({"TypedDataSet": json.dumps({"value": [], "odata.nextLink": "https://evil.example/steal"}).encode()}, "buiten het CBS"),
        ({"TypedDataSet": json.dumps({"value": [], "odata.nextLink": 42}).encode()}, "geen tekst"),
        ({"TypedDataSet": json.dumps({"value": []}).encode()}, "geen bruikbare waarden"),
        ({"TypedDataSet": json.dumps({"value": [], "odata.nextLink": f"{V3}/TypedDataSet"}).encode()}, "meer dan 200 pagina's"),
    ],
)
def test_malformed_responses_give_a_dutch_message(override, expected):
    with pytest.raises(CbsError, match=expected):
        read_cbs(parse_table_url(V3), recorded("v3", override))


def test_a_table_without_time_dimension_is_refused():
    properties = json.loads((HERE / "v3" / "DataProperties.json").read_text())
    properties["value"] = [p for p in properties["value"] if p["Type"] != "TimeDimension"]
    with pytest.raises(CbsError, match="tijdsdimensie"):
        read_cbs(parse_table_url(V3), recorded("v3", {"DataProperties": json.dumps(properties).encode()}))


def test_unreadable_periods_are_skipped_with_a_warning():
    page = json.loads((HERE / "v3" / "TypedDataSet_skip6.json").read_text())
    page["value"][0]["Perioden"] = "2023X000"
    result = read_cbs(parse_table_url(V3), recorded("v3", {"TypedDataSet?$skip=6": json.dumps(page).encode()}))
    assert any("2023X000" in w for w in result.warnings)


# --- the refresh as a job ------------------------------------------------------------------------------


@pytest.fixture
def cbs_files(monkeypatch):
    def fetch(url):
        return recorded("v3" if "80590ned" in url else "v4")(url)

    monkeypatch.setattr(tasks, "fetch", fetch)


def test_adding_a_feed_fetches_it_as_a_job_and_fills_the_dashboard(workspace, member, cbs_files):
    feed = actions.add_cbs_feed(workspace, url=V3, topics=[{"key": "Werkloosheidspercentage_2", "indicator": "Werkloosheid"}],
                                category="werkgelegenheid", refresh_hours=24)
    job = actions.start_cbs_refresh(feed, member)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    indicator = workspace.indicators.get(name="Werkloosheid")
    assert (indicator.unit, indicator.category) == ("%", "werkgelegenheid")
    assert indicator.source.startswith("CBS StatLine, tabel 80590ned")
    assert indicator.observations.count() == 11
    feed.refresh_from_db()
    assert "11 nieuwe" in feed.last_message and feed.last_refreshed_at is not None
    # Again: nothing new, nothing doubled.
    actions.record_cbs_refresh(feed, "")
    job = actions.start_cbs_refresh(feed, member)
    assert indicator.observations.count() == 11


def test_a_failing_refresh_is_a_dutch_failure_and_is_recorded(workspace, member, monkeypatch):
    def broken(url):
        raise CbsError("Het CBS is niet bereikbaar (time-out). Probeer het later opnieuw.")

    monkeypatch.setattr(tasks, "fetch", broken)
    feed = actions.add_cbs_feed(workspace, url=V4, topics=[], category="ziekteverzuim", refresh_hours=0)
    job = actions.start_cbs_refresh(feed, member)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "niet bereikbaar" in job.message
    feed.refresh_from_db()
    assert feed.last_message.startswith("Mislukt")


def test_the_schedule_refreshes_only_feeds_that_are_due(workspace, cbs_files):
    due = actions.add_cbs_feed(workspace, url=V3, topics=[], category="werkgelegenheid", refresh_hours=6)
    manual = actions.add_cbs_feed(workspace, url=V4, topics=[], category="ziekteverzuim", refresh_hours=0)
    started = actions.refresh_due_feeds()
    assert Job.objects.filter(pk__in=started, subject=f"measures.feed:{due.pk}").count() == 1
    assert not Job.objects.filter(subject=f"measures.feed:{manual.pk}").exists()
    # Just refreshed: not due again for six hours.
    assert actions.refresh_due_feeds() == []
    assert actions.refresh_due_feeds(now=timezone.now() + timedelta(hours=7)) != []


def test_the_same_table_cannot_be_added_twice(workspace):
    actions.add_cbs_feed(workspace, url=V3, topics=[], category="overig", refresh_hours=24)
    with pytest.raises(actions.MeasuresError, match="al opgehaald"):
        actions.add_cbs_feed(workspace, url=V3 + "/", topics=[], category="overig", refresh_hours=24)
