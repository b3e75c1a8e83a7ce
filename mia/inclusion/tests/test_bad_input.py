"""Bad input for every form and upload: empty, oversized and hostile text (script tags, formula text,
control characters), impossible dates, huge numbers, wrong encodings and broken files. Each gives a
Dutch message and status 400 with everything typed still there, or is stored harmlessly."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mia.inclusion.models import Measurement, Task, Trajectory

HOSTILE = "<script>alert('x')</script> =HYPERLINK(\"http://evil\") \x07\x1b\x7f klaar"
TOO_LONG = "lang " * 1100  # 5500 characters: over the 5000 of a long text
KEEP = "Dit moet blijven staan"


def forms_of(t: Trajectory) -> list[dict]:
    """Each form: where it posts, a valid submission, its required field, a long text field and the
    page that shows what was saved."""
    check = t.checks.get()
    indicator = t.monitoring.indicators.get()
    member = t.working_group.members.get()
    task = t.tasks.get()
    pk = t.pk
    step2 = reverse("inclusion:step", args=[pk, 2])
    step5 = reverse("inclusion:step", args=[pk, 5])
    return [
        {"url": reverse("inclusion:update", args=[pk]), "data": {"title": "Titel", "municipality": "Gemeente X", "description": KEEP},
         "required": "title", "long": "description", "keep": "description", "page": reverse("inclusion:trajectory", args=[pk])},
        {"url": reverse("inclusion:step_save", args=[pk, 2]),
         "data": {"stap-status": "bezig", "stap-prompt-agenda": KEEP, "stap-kp-weerstand-applies": "ja", "stap-kp-weerstand-note": "Notitie", "stap-notes": ""},
         "required": "stap-status", "long": "stap-kp-weerstand-note", "keep": "stap-prompt-agenda", "page": step2},
        {"url": reverse("inclusion:verkenning_save", args=[pk, 1]),
         "data": {"1-1-state": "antwoord", "1-1-text": "Antwoord", "1-2-state": "antwoord", "1-2-text": KEEP},
         "required": None, "long": "1-1-text", "keep": "1-2-text", "page": reverse("inclusion:step", args=[pk, 1])},
        {"url": reverse("inclusion:levensdomein_save", args=[pk]),
         "data": {"ld-levensdomein": "vrije-tijd", "ld-bases": ["ervaring"], "ld-reason": "Reden", "ld-area": KEEP, "ld-area_reason": ""},
         "required": "ld-levensdomein", "long": "ld-reason", "keep": "ld-area", "page": reverse("inclusion:step", args=[pk, 1])},
        {"url": reverse("inclusion:monitoring_save", args=[pk]),
         "data": {"mon-q-doel": "Doel", "mon-q-outcome": KEEP, "mon-tip-met-mate-done": "on", "mon-tip-met-mate-note": ""},
         "required": None, "long": "mon-q-doel", "keep": "mon-q-outcome", "page": step5},
        {"url": reverse("inclusion:goal_add", args=[pk]),
         "data": {"doel-kind": "output", "doel-text": "Doel", "doel-contributes_to": "", "doel-assumption": KEEP},
         "required": "doel-text", "long": "doel-text", "keep": "doel-assumption", "page": step5},
        {"url": reverse("inclusion:indicator_add", args=[pk]),
         "data": {"ind-name": "Indicator", "ind-kind": "outcome", "ind-goal": "", "ind-source": "jeugdmonitor", "ind-source_note": KEEP,
                  "ind-unit": "%", "ind-direction": "hoger", "ind-target": "60"},
         "required": "ind-name", "long": "ind-name", "keep": "ind-source_note", "page": step5},
        {"url": reverse("inclusion:measurement_add", args=[pk, indicator.pk]),
         "data": {"meting-measured_on": "2026-02-01", "meting-value": "12,5", "meting-note": KEEP},
         "required": "meting-value", "long": "meting-note", "keep": "meting-note", "page": reverse("inclusion:indicator", args=[pk, indicator.pk])},
        {"url": reverse("inclusion:qualitative_add", args=[pk]),
         "data": {"kwal-kind": "interview", "kwal-held_on": "", "kwal-indicator": "", "kwal-summary": KEEP},
         "required": "kwal-summary", "long": "kwal-summary", "keep": "kwal-summary", "page": step5},
        {"url": reverse("inclusion:check_create", args=[pk]), "data": {"toets-name": "Beleid", "toets-description": KEEP},
         "required": "toets-name", "long": "toets-description", "keep": "toets-description", "page": None},
        {"url": reverse("inclusion:check_save", args=[pk, check.pk]), "data": {"vw-leeftijd-anders": "Anders", "vw-gezondheid-ontbreekt": KEEP},
         "required": None, "long": "vw-leeftijd-anders", "keep": "vw-gezondheid-ontbreekt", "page": reverse("inclusion:check", args=[pk, check.pk])},
        {"url": reverse("inclusion:intersection_add", args=[pk, check.pk]), "data": {"ix-factors": ["educatie", "leeftijd"], "ix-note": KEEP},
         "required": "ix-note", "long": "ix-note", "keep": "ix-note", "page": reverse("inclusion:check", args=[pk, check.pk])},
        {"url": reverse("inclusion:group_save", args=[pk]),
         "data": {"wg-composition": "intern", "wg-goal": "draagvlak", "wg-goal_note": "Doel", "wg-q-kennis": KEEP},
         "required": None, "long": "wg-goal_note", "keep": "wg-q-kennis", "page": reverse("inclusion:precondition", args=[pk, 2])},
        {"url": reverse("inclusion:member_add", args=[pk]),
         "data": {"lid-name": "Nieuw lid", "lid-role": "adviseur", "lid-organisation": KEEP, "lid-kind": "collega", "lid-perspectives": ["leeftijd"]},
         "required": "lid-name", "long": "lid-role", "keep": "lid-organisation", "page": reverse("inclusion:precondition", args=[pk, 2])},
        {"url": reverse("inclusion:member_update", args=[pk, member.pk]),
         "data": {"lid-name": "Ander lid", "lid-role": "adviseur", "lid-organisation": KEEP, "lid-kind": "partner"},
         "required": "lid-name", "long": "lid-name", "keep": "lid-organisation", "page": reverse("inclusion:precondition", args=[pk, 2])},
        {"url": reverse("inclusion:role_add", args=[pk]), "data": {"rol-role": "kennis", "rol-since": "2026-03-01", "rol-note": KEEP},
         "required": "rol-since", "long": "rol-note", "keep": "rol-note", "page": reverse("inclusion:precondition", args=[pk, 2])},
        {"url": reverse("inclusion:participation_save", args=[pk]),
         "data": {"pp-approach": "behoeften", "pp-approach_reason": "Reden", "pp-q-meerstemmigheid": KEEP, "pp-forms": ["panels"]},
         "required": None, "long": "pp-approach_reason", "keep": "pp-q-meerstemmigheid", "page": reverse("inclusion:precondition", args=[pk, 3])},
        {"url": reverse("inclusion:activity_add", args=[pk]),
         "data": {"act-form": "panels", "act-title": "Panel", "act-date": "", "act-assessment": "", "act-notes": KEEP},
         "required": "act-title", "long": "act-notes", "keep": "act-notes", "page": reverse("inclusion:precondition", args=[pk, 3])},
        {"url": reverse("inclusion:task_add", args=[pk]),
         "data": {"taak-title": "Uitzoeken", "taak-owner": "Sanne", "taak-how": KEEP, "taak-due_date": ""},
         "required": "taak-owner", "long": "taak-how", "keep": "taak-how", "page": reverse("inclusion:tasks", args=[pk])},
        {"url": reverse("inclusion:task_update", args=[pk, task.pk]),
         "data": {"taak-title": "Uitzoeken", "taak-owner": "Sanne", "taak-how": KEEP},
         "required": "taak-title", "long": "taak-title", "keep": "taak-how", "page": reverse("inclusion:tasks", args=[pk])},
    ]


FORM_COUNT = 20
WITHOUT_REQUIRED = (2, 4, 10, 12, 16)  # the verkenning, monitoring, check, working group and participation forms
WITHOUT_PAGE = (9,)  # a new check opens its own page


def test_the_table_of_forms_is_what_the_tests_assume(full_trajectory):
    forms = forms_of(full_trajectory)
    assert len(forms) == FORM_COUNT
    assert tuple(i for i, f in enumerate(forms) if f["required"] is None) == WITHOUT_REQUIRED
    assert tuple(i for i, f in enumerate(forms) if f["page"] is None) == WITHOUT_PAGE


@pytest.mark.parametrize("index", range(FORM_COUNT))
def test_every_form_accepts_its_valid_input(owner_client, full_trajectory, index):
    form = forms_of(full_trajectory)[index]
    response = owner_client.post(form["url"], form["data"])
    assert response.status_code == 302, response.content.decode()[:3000]


@pytest.mark.parametrize("index", range(FORM_COUNT))
def test_oversized_text_is_refused_and_nothing_is_lost(owner_client, full_trajectory, index):
    form = forms_of(full_trajectory)[index]
    data = {**form["data"], form["long"]: TOO_LONG}
    response = owner_client.post(form["url"], data)
    page = response.content.decode()
    assert response.status_code == 400, form["url"]
    assert "te lang" in page
    assert "Wat u hebt ingevuld, staat er nog." in page or "Er ging iets mis" in page
    if form["keep"] != form["long"]:
        assert KEEP in page, form["url"]


@pytest.mark.parametrize("index", [i for i in range(FORM_COUNT) if i not in WITHOUT_REQUIRED])
def test_an_empty_required_field_gets_a_dutch_message(owner_client, full_trajectory, index):
    form = forms_of(full_trajectory)[index]
    data = {**form["data"], form["required"]: ""}
    response = owner_client.post(form["url"], data)
    page = response.content.decode()
    assert response.status_code == 400, form["url"]
    assert "Vul dit veld in." in page or "Maak een keuze." in page or "Vul een datum in." in page or "Vul een getal in." in page
    if form["keep"] != form["required"]:
        assert KEEP in page


@pytest.mark.parametrize("index", [i for i in range(FORM_COUNT) if i not in WITHOUT_PAGE])
def test_hostile_text_is_stored_harmlessly_and_shown_escaped(owner_client, full_trajectory, index):
    form = forms_of(full_trajectory)[index]
    data = {**form["data"], form["keep"]: HOSTILE}
    response = owner_client.post(form["url"], data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = owner_client.get(form["page"]).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page, form["url"]
    assert "\x07" not in page and "\x1b" not in page and "\x7f" not in page


@pytest.mark.parametrize("index", [0, 5, 14, 18])
def test_a_null_character_is_refused_with_a_dutch_message(owner_client, full_trajectory, index):
    form = forms_of(full_trajectory)[index]
    data = {**form["data"], form["long"]: "voor\x00na"}
    response = owner_client.post(form["url"], data)
    assert response.status_code == 400
    assert "Null-tekens zijn niet toegestaan." in response.content.decode()


def test_a_verkenning_weet_ik_niet_without_owner_keeps_every_answer(owner_client, trajectory):
    data = {"1-1-state": "antwoord", "1-1-text": KEEP, "1-3-state": "weet-niet", "1-3-text": "Geen idee", "1-3-how": "Navragen"}
    response = owner_client.post(reverse("inclusion:verkenning_save", args=[trajectory.pk, 1]), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Bij ‘weet ik niet’ hoort een taak: vul in wie het uitzoekt (vraag 3)." in page
    assert KEEP in page and "Navragen" in page
    assert not Task.objects.exists() and not trajectory.answers.exists()


@pytest.mark.parametrize("value, message", [
    ("99999999999999999999", "te groot"),
    ("1e400", "Vul een getal in"),
    ("NaN", "Vul een getal in"),
    ("12,3456", "drie cijfers"),
    ("twaalf", "Vul een getal in"),
    ("=1+1", "Vul een getal in"),
])
def test_huge_or_strange_numbers_are_refused(owner_client, full_trajectory, value, message):
    indicator = full_trajectory.monitoring.indicators.get()
    response = owner_client.post(reverse("inclusion:measurement_add", args=[full_trajectory.pk, indicator.pk]),
                                 {"meting-measured_on": "2026-02-01", "meting-value": value, "meting-note": KEEP})
    assert response.status_code == 400 and message in response.content.decode()
    assert KEEP in response.content.decode()
    assert Measurement.objects.count() == 1


@pytest.mark.parametrize("value, message", [("99999-01-01", "geldige datum"), ("1066-10-14", "tussen 1900 en 2100"), ("31-02-2026", "geldige datum")])
def test_impossible_dates_are_refused(owner_client, full_trajectory, value, message):
    indicator = full_trajectory.monitoring.indicators.get()
    response = owner_client.post(reverse("inclusion:measurement_add", args=[full_trajectory.pk, indicator.pk]),
                                 {"meting-measured_on": value, "meting-value": "3"})
    assert response.status_code == 400 and message in response.content.decode()


def test_a_dutch_number_and_date_are_understood(owner_client, full_trajectory):
    indicator = full_trajectory.monitoring.indicators.get()
    owner_client.post(reverse("inclusion:measurement_add", args=[full_trajectory.pk, indicator.pk]),
                      {"meting-measured_on": "15-06-2026", "meting-value": "1.234,5"})
    assert str(indicator.measurements.get(measured_on="2026-06-15").value) == "1234.500"


def test_a_second_measurement_on_the_same_day_is_explained(owner_client, full_trajectory):
    indicator = full_trajectory.monitoring.indicators.get()
    response = owner_client.post(reverse("inclusion:measurement_add", args=[full_trajectory.pk, indicator.pk]),
                                 {"meting-measured_on": "2025-01-01", "meting-value": "5", "meting-note": KEEP})
    assert response.status_code == 400
    assert "Op 01-01-2025 is al een meting." in response.content.decode() and KEEP in response.content.decode()


def test_unknown_choices_are_refused(owner_client, full_trajectory):
    response = owner_client.post(reverse("inclusion:member_add", args=[full_trajectory.pk]),
                                 {"lid-name": "X", "lid-kind": "wethouder", "lid-perspectives": ["talent"]})
    assert response.status_code == 400 and "Kies een van de mogelijkheden." in response.content.decode()
    response = owner_client.post(reverse("inclusion:goal_add", args=[full_trajectory.pk]),
                                 {"doel-kind": "output", "doel-text": "X", "doel-contributes_to": "999999"})
    assert response.status_code == 400


def test_formula_text_is_defused_in_the_csv(owner_client, full_trajectory):
    indicator = full_trajectory.monitoring.indicators.get()
    owner_client.post(reverse("inclusion:measurement_add", args=[full_trajectory.pk, indicator.pk]),
                      {"meting-measured_on": "2026-01-01", "meting-value": "4", "meting-note": "=HYPERLINK(\"http://evil\")"})
    import csv
    import io

    csv_text = owner_client.get(reverse("inclusion:measurements_csv", args=[full_trajectory.pk])).content.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(csv_text), delimiter=";") for cell in row]
    assert "'=HYPERLINK(\"http://evil\")" in cells
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


# --- uploads -------------------------------------------------------------------------------------


def upload(client, url, name, data, field):
    return client.post(url, {field: SimpleUploadedFile(name, data)})


@pytest.mark.parametrize("data, message", [
    (b"", "leeg"),
    (b"\xff\xfe\x00\x00garbage", "UTF-8"),
    (b"{niet: json", "geen geldige JSON"),
    (b"[" * 100_000 + b"]" * 100_000, "te diep genest"),
    (json.dumps({"format": "iets-anders"}).encode(), "geen exportbestand"),
    (json.dumps({"format": "mia-inclusietraject", "format_version": 1, "trajectory": {"title": "", "municipality": "X"}}).encode(),
     "traject › titel"),
    (json.dumps({"format": "mia-inclusietraject", "format_version": 1, "trajectory": {"title": "T", "municipality": "X"},
                 "working_group": {"members": [{"name": "A"}, {"role": "zonder naam"}]}}).encode(), "werkgroep › leden › nr. 2 › naam: ontbreekt"),
    (json.dumps({"format": "mia-inclusietraject", "format_version": 1, "trajectory": {"title": "T", "municipality": "X"},
                 "monitoring": {"indicators": [{"key": "i", "name": "N", "measurements": [{"measured_on": "2026-01-01", "value": "1e30"}]}]}}).encode(),
     "waarde"),
    (b"x" * (5 * 1024 * 1024 + 10), "groter dan 5 MB"),
])
def test_a_bad_import_file_imports_nothing_and_says_why(owner_client, trajectory, data, message):
    before = Trajectory.objects.count()
    response = upload(owner_client, reverse("inclusion:import"), "traject.json", data, "imp-file")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Trajectory.objects.count() == before


@pytest.mark.parametrize("name, data, message", [
    ("leeg.csv", b"", "leeg"),
    ("oud.xls", b"\xd0\xcf\x11\xe0rest", "oud Excel-bestand"),
    ("binair.csv", b"\x00\x01\x02" * 100, "geen tekstbestand"),
    ("kapot.xlsx", b"PK\x03\x04kapot", "beschadigd"),
    ("groot.csv", b"a,b\n" + b"1,2\n" * 1_400_000, "groter dan 5 MB"),
])
def test_a_bad_people_file_gets_a_dutch_message_and_is_not_stored(owner_client, trajectory, name, data, message):
    response = upload(owner_client, reverse("inclusion:coverage_file", args=[trajectory.pk]), name, data, "bestand-file")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_people_file_in_windows_1252_is_read_with_a_warning(owner_client, trajectory):
    data = "naam;leeftijd;geslacht\nJosé;34;vrouw\nRenée;71;man\n".encode("cp1252")
    response = upload(owner_client, reverse("inclusion:coverage_file", args=[trajectory.pk]), "mensen.csv", data, "bestand-file")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Windows-1252" in page
    assert "José" not in page  # names are contact data: skipped, never shown
