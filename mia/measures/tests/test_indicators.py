"""Indicator series: reading the table (periods, Dutch numbers, every problem at once), importing through
the page (small files at once, large ones as a job), the dashboard, composite indicators, the export."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mia.core.tables import TableError, read_table
from mia.jobs.models import Job
from mia.measures import actions
from mia.measures.indicators import Point, composite, parse_indicator_table, parse_number, summarise
from mia.measures.models import Observation
from mia.measures.periods import PeriodError, parse_period

CSV = """indicator;periode;groep;regio;waarde;eenheid;bron
Ziekteverzuim;2023-K1;;;5,8;%;CBS
Ziekteverzuim;2023-K2;;;4,9;%;CBS
Ziekteverzuim;2023-K1;Zorgprofessionals;;7,0;%;CBS
Ziekteverzuim;2023-K2;Zorgprofessionals;;6,4;%;CBS
Psychisch welbevinden jongeren;2023;Jongeren;Nederland;68;score;Gezondheidsmonitor
Bereidheid thuiswerkadvies op te volgen;2023-05;;;72;%;Gedragsunit RIVM
"""


@pytest.mark.parametrize(
    ("text", "label", "start"),
    [
        ("2023", "2023", dt.date(2023, 1, 1)), ("2023JJ00", "2023", dt.date(2023, 1, 1)),
        ("2023-K2", "2023-K2", dt.date(2023, 4, 1)), ("2023 Q3", "2023-K3", dt.date(2023, 7, 1)),
        ("2023KW04", "2023-K4", dt.date(2023, 10, 1)), ("2023-05", "2023-05", dt.date(2023, 5, 1)),
        ("2023MM12", "2023-12", dt.date(2023, 12, 1)), ("mei 2023", "2023-05", dt.date(2023, 5, 1)),
        ("2023-W05", "2023-W05", dt.date(2023, 1, 30)), ("2023 week 5", "2023-W05", dt.date(2023, 1, 30)),
        ("2023-05-17", "2023-05-17", dt.date(2023, 5, 17)), ("17-05-2023", "2023-05-17", dt.date(2023, 5, 17)),
    ],
)
def test_it_reads_periods_as_people_and_cbs_write_them(text, label, start):
    period = parse_period(text)
    assert (period.label, period.start) == (label, start)


@pytest.mark.parametrize(("text", "expected"), [
    ("", "ontbreekt"), ("2023-13", "Maand 13 bestaat niet"), ("1800", "tussen 1900 en 2100"), ("2023-W54", "Week 54 bestaat niet"),
    ("31-02-2023", "bestaat niet"), ("gisteren", "kunnen we niet lezen"), ("9" * 60, "te lang"), ("=NOW()", "kunnen we niet lezen"),
])
def test_it_refuses_unknown_periods_in_dutch(text, expected):
    with pytest.raises(PeriodError, match=expected):
        parse_period(text)


@pytest.mark.parametrize(("text", "value"), [("3,5", 3.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("12%", 12.0), ("-2", -2.0), ("1e3", 1000.0)])
def test_it_reads_numbers_the_dutch_way(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "nan", "inf", "=1+1", "1e999", "--1"])
def test_it_refuses_what_is_no_number(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_it_parses_the_table():
    parsed = parse_indicator_table(read_table(CSV.encode(), name="cijfers.csv"))
    assert parsed.indicators == ["Ziekteverzuim", "Psychisch welbevinden jongeren", "Bereidheid thuiswerkadvies op te volgen"]
    assert parsed.rows[2].group == "Zorgprofessionals" and parsed.rows[2].value == 7.0 and parsed.rows[0].period == "2023-K1"


def test_it_reports_every_problem_with_its_row_and_changes_nothing(workspace):
    bad = (
        "indicator,periode,waarde,eenheid\n"
        ",2023,1,%\n"                       # row 2: no name
        "A,gisteren,1,%\n"                  # row 3: period
        "A,2023,veel,%\n"                   # row 4: value
        "A,2023,,%\n"                       # row 5: empty value
        "A,2024,1e20,%\n"                   # row 6: huge
        "B,2023,1,%\n"
        "B,2023,2,%\n"                      # row 8: duplicate of row 7
        "C,2023,1,%\n"
        "C,2024,1,euro\n"                   # row 10: other unit
        f"{'X' * 300},2023,1,%\n"           # row 11: name too long
    )
    with pytest.raises(TableError) as error:
        parse_indicator_table(read_table(bad.encode(), name="fout.csv"))
    text = str(error.value)
    for expected in ["Rij 2: de naam van de indicator ontbreekt", "Rij 3: De periode 'gisteren'", "Rij 4: de waarde 'veel' is geen getal",
                     "Rij 5: de waarde ontbreekt", "Rij 6: de waarde is te groot", "Rij 8: dezelfde indicator, periode, groep en regio staan ook in rij 7",
                     "Rij 10: de eenheid 'euro' verschilt van '%' in rij 9", "Rij 11: indicator is te lang"]:
        assert expected in text, expected
    assert not Observation.objects.exists()


def test_it_needs_the_columns():
    with pytest.raises(TableError, match="indicator, periode, waarde"):
        parse_indicator_table(read_table(b"naam;getal\nA;1\n", name="x.csv"))


def upload(client, workspace, data: bytes, name="cijfers.csv"):
    return client.post(reverse("measures:upload", args=[workspace.pk]), {"file": SimpleUploadedFile(name, data)})


def test_a_small_file_is_read_at_once_and_shows_on_the_dashboard(member_client, workspace):
    response = upload(member_client, workspace, CSV.encode("utf-8"))
    assert response.status_code == 302
    assert Observation.objects.filter(indicator__workspace=workspace).count() == 6
    page = member_client.get(reverse("measures:dashboard", args=[workspace.pk])).content.decode()
    assert "Ziekteverzuim" in page and "Zorgprofessionals" in page and "2023-K2" in page
    assert "<svg" in page and "<table" in page
    # The latest value and its change (lower sick leave is better once the direction is set).
    indicator = workspace.indicators.get(name="Ziekteverzuim")
    actions.update_indicator(indicator, name="Ziekteverzuim", direction="lager-beter")
    page = member_client.get(reverse("measures:dashboard", args=[workspace.pk])).content.decode()
    assert "4,9" in page and "-0,9" in page and "change-beter" in page


def test_reading_the_same_file_again_changes_nothing_and_a_correction_replaces_the_value(member_client, workspace):
    upload(member_client, workspace, CSV.encode())
    upload(member_client, workspace, CSV.encode())
    assert Observation.objects.count() == 6
    upload(member_client, workspace, b"indicator,periode,waarde\nZiekteverzuim,2023 Q2,5.0\n")
    assert Observation.objects.get(indicator__name="Ziekteverzuim", period="2023-K2", group="").value == 5.0
    assert Observation.objects.count() == 6


def test_a_file_in_windows_encoding_is_read_with_a_warning(member_client, workspace):
    data = "indicator;periode;waarde;regio\nWelzijn;2023;70;Fryslân\n".encode("cp1252")
    response = upload(member_client, workspace, data)
    assert response.status_code == 302
    assert Observation.objects.get().region == "Fryslân"
    follow = member_client.get(response["Location"]).content.decode()
    assert "Windows-1252" in follow


def test_hostile_cells_are_kept_as_harmless_text(member_client, workspace):
    data = b'indicator;periode;waarde;bron\n<script>alert(1)</script>;2023;1;=HYPERLINK("http://x")\n'
    upload(member_client, workspace, data)
    observation = Observation.objects.get()
    assert observation.indicator.name == "<script>alert(1)</script>" and observation.source.startswith("'=")
    page = member_client.get(reverse("measures:dashboard", args=[workspace.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    exported = member_client.get(reverse("measures:dashboard_csv", args=[workspace.pk])).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in exported or "''=HYPERLINK" in exported


@pytest.mark.parametrize(("data", "name", "expected"), [
    (b"", "leeg.csv", "Dit bestand is leeg"),
    (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "oud.xls", ".xls"),
    (b"indicator,periode,waarde\nA,2023,1\x00\x00\x00", "binair.csv", "geen tekstbestand"),
    (b"indicator,periode,waarde\nA,2023,abc\n", "tekst.csv", "geen getal"),
])
def test_bad_files_give_a_dutch_message_and_keep_nothing(member_client, workspace, data, name, expected):
    response = upload(member_client, workspace, data, name)
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert not Observation.objects.exists()


def test_an_upload_without_a_file_asks_for_one(member_client, workspace):
    response = member_client.post(reverse("measures:upload", args=[workspace.pk]), {})
    assert response.status_code == 400 and "Kies een bestand" in response.content.decode()


def test_a_large_file_is_read_by_the_job_queue_with_progress(member_client, workspace, monkeypatch):
    monkeypatch.setattr(actions, "INLINE_IMPORT_BYTES", 100)
    response = upload(member_client, workspace, CSV.encode())
    assert response.status_code == 302 and "/taken/" in response["Location"]
    job = Job.objects.get(kind="measures.import_indicators")
    assert job.status == Job.Status.DONE and job.result["new"] == 6
    assert job.result["url"] == reverse("measures:dashboard", args=[workspace.pk])
    upload_record = workspace.uploads.get()
    assert bytes(upload_record.data) == b"" and upload_record.rows == 6  # the file's bytes are dropped afterwards
    assert member_client.get(response["Location"]).status_code == 200


def test_a_large_bad_file_fails_as_a_job_with_the_rows_named(member_client, workspace, monkeypatch):
    monkeypatch.setattr(actions, "INLINE_IMPORT_BYTES", 10)
    upload(member_client, workspace, b"indicator,periode,waarde\nA,gisteren,1\n")
    job = Job.objects.get(kind="measures.import_indicators")
    assert job.status == Job.Status.FAILED and "Rij 2" in job.message
    assert not Observation.objects.exists()


def test_the_csv_export_can_be_read_in_again(member_client, workspace, outsider):
    upload(member_client, workspace, CSV.encode())
    exported = member_client.get(reverse("measures:dashboard_csv", args=[workspace.pk])).content
    rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["indicator", "periode", "groep", "regio", "waarde", "eenheid", "bron"] and len(rows) == 7
    Observation.objects.all().delete()
    upload(member_client, workspace, exported)
    assert Observation.objects.count() == 6


def test_summary_and_change():
    summary = summarise([Point("2023-K2", dt.date(2023, 4, 1), 4.9), Point("2023-K1", dt.date(2023, 1, 1), 5.8)])
    assert summary.latest.label == "2023-K2" and summary.change == pytest.approx(-0.9)
    assert (summary.assessment("lager-beter"), summary.assessment("hoger-beter"), summary.assessment("neutraal")) == ("beter", "slechter", "")


def test_a_composite_indicator_is_the_weighted_mean_of_normalised_parts():
    a = [Point("2021", dt.date(2021, 1, 1), 10), Point("2022", dt.date(2022, 1, 1), 20), Point("2023", dt.date(2023, 1, 1), 30)]
    b = [Point("2022", dt.date(2022, 1, 1), 5), Point("2023", dt.date(2023, 1, 1), 1)]  # lower is better
    points = composite([(1.0, "hoger-beter", a), (3.0, "lager-beter", b)])
    # 2022: a = 0.5, b = 1 - 1 = 0 → (0.5 + 0) / 4 → 12.5; 2023: a = 1, b = 1 - 0 = 1 → 100. 2021 lacks b.
    assert [(p.label, p.value) for p in points] == [("2022", 12.5), ("2023", 100.0)]


def test_composites_on_the_dashboard(member_client, workspace):
    upload(member_client, workspace, CSV.encode())
    sick = workspace.indicators.get(name="Ziekteverzuim")
    support = workspace.indicators.get(name="Bereidheid thuiswerkadvies op te volgen")
    response = member_client.post(reverse("measures:composite_create", args=[workspace.pk]), {
        "kw-name": "Kernwaarde werk", f"kw-w{sick.pk}": "1", f"kw-w{support.pk}": "",
    })
    assert response.status_code == 400 and "ten minste twee" in response.content.decode()
    welfare = workspace.indicators.get(name="Psychisch welbevinden jongeren")
    response = member_client.post(reverse("measures:composite_create", args=[workspace.pk]), {
        "kw-name": "Kernwaarde", f"kw-w{sick.pk}": "1", f"kw-w{welfare.pk}": "2,5",
    })
    assert response.status_code == 302
    kern = workspace.indicators.get(name="Kernwaarde")
    assert kern.components.count() == 2
    with pytest.raises(actions.MeasuresError, match="samengestelde"):
        actions.import_observations(workspace, parse_indicator_table(read_table(b"indicator,periode,waarde\nKernwaarde,2023,1\n")).rows)
    assert member_client.get(reverse("measures:dashboard", args=[workspace.pk])).status_code == 200
