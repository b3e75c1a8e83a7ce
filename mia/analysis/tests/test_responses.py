import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mia.analysis.models import ResponseAnalysis
from mia.jobs.models import Job

CSV = "\n".join(
    ["id;reactie;gemeente"]
    + [f"{i};De bus rijdt te weinig en de halte is ver weg voor ouderen {i};Noord" for i in range(15)]
    + [f"{i + 15};Er zijn te weinig betaalbare huurwoningen voor jongeren {i};Zuid" for i in range(15)]
).encode()


def post(client, assessment, data, content=CSV, name="reacties.csv"):
    return client.post(reverse("analysis:responses_upload", args=[assessment.pk]),
                       {"file": SimpleUploadedFile(name, content), **data})


def test_an_imported_file_is_analysed_with_progress_and_result(owner_client, assessment):
    response = post(owner_client, assessment, {"text_column": "reactie", "id_column": "id", "group_column": "gemeente"})
    assert response.status_code == 302
    analysis = ResponseAnalysis.objects.get()
    job = Job.objects.get(kind="analysis.responses")
    assert job.status == "klaar" and job.progress == 1.0 and job.subject == f"analysis.responses:{analysis.pk}"
    assert job.result["url"] == response["Location"]
    members = sorted(int(i) for t in analysis.result["themes"] for i in t["member_ids"])
    assert members == list(range(30))  # every response in exactly one theme
    page = owner_client.get(response["Location"]).content.decode()
    assert "gevonden" in page
    status = owner_client.get(response["Location"], HTTP_X_REQUESTED_WITH="XMLHttpRequest").json()
    assert status == {"status": "klaar", "percent": 100, "step": ""}


@pytest.mark.parametrize(
    "data, content, name, message",
    [
        ({"text_column": "tekst"}, CSV, "r.csv", "Beschikbare kolommen"),
        ({"text_column": "reactie"}, b"reactie\n", "r.csv", "geen rijen"),
        ({"text_column": "reactie"}, b"x", "r.xls", ".xls"),
        ({"text_column": ""}, CSV, "r.csv", "Vul dit veld in"),
    ],
)
def test_bad_files_get_dutch_messages(owner_client, assessment, data, content, name, message):
    response = post(owner_client, assessment, data, content, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ResponseAnalysis.objects.exists()


def test_a_stranger_cannot_see_the_analysis(owner_client, client, assessment, stranger):
    post(owner_client, assessment, {"text_column": "reactie"})
    job = ResponseAnalysis.objects.get()
    from django.test import Client

    other = Client()
    other.force_login(stranger)
    assert other.get(reverse("analysis:response_job", args=[assessment.pk, job.pk])).status_code == 404


def test_the_analysis_waits_for_the_worker_and_shows_its_progress(owner_client, assessment, monkeypatch):
    from mia.jobs import queue, runner

    monkeypatch.setattr(queue, "enqueue", lambda job: None)  # no worker has taken it yet
    response = post(owner_client, assessment, {"text_column": "reactie"})
    assert response.status_code == 302
    job = Job.objects.get(kind="analysis.responses")
    assert job.status == "wacht"
    page = owner_client.get(response["Location"]).content.decode()
    assert "Wacht op zijn beurt" in page and "data-job-status" in page
    assert owner_client.get(response["Location"], HTTP_X_REQUESTED_WITH="XMLHttpRequest").json()["status"] == "wacht"
    assert "Wacht op zijn beurt" in owner_client.get(reverse("analysis:responses", args=[assessment.pk])).content.decode()
    runner.run(job.pk, heartbeat=False)  # what the worker does
    page = owner_client.get(response["Location"]).content.decode()
    assert "gevonden" in page and "data-job-status" not in page


def test_a_failed_analysis_shows_the_dutch_message_and_can_be_started_again(owner_client, assessment):
    content = b"id;reactie\n1;\n2;   \n"
    response = post(owner_client, assessment, {"text_column": "reactie"}, content=content)
    job = Job.objects.get(kind="analysis.responses")
    assert job.status == "mislukt" and "leeg" in job.message
    page = owner_client.get(response["Location"]).content.decode()
    assert job.message in page and "Opnieuw proberen" in page
    assert owner_client.post(f"/taken/{job.pk}/opnieuw/").status_code == 302


def test_a_windows_file_is_read_with_a_warning_and_bullets_are_kept(owner_client, assessment):
    content = "id;reactie\n1;- Één café is niet genoeg in ons dorp\n2;- De bus rijdt niet\n".encode("cp1252")
    response = post(owner_client, assessment, {"text_column": "reactie", "id_column": "id"}, content=content)
    assert response.status_code == 302
    analysis = ResponseAnalysis.objects.get()
    assert analysis.texts == ["- Één café is niet genoeg in ons dorp", "- De bus rijdt niet"]
    assert analysis.ids == [1, 2]


def test_only_a_post_uploads(owner_client, assessment):
    assert owner_client.get(reverse("analysis:responses_upload", args=[assessment.pk])).status_code == 405


def _large_csv(rows: int = 6000) -> bytes:
    lines = ["id;reactie;gemeente"] + [
        f"{i};{'De bus rijdt te weinig en de halte is ver weg' if i % 2 else 'Te weinig betaalbare huurwoningen'} ({i});"
        f"{'Noord' if i % 3 else 'Zuid'}" for i in range(rows)
    ]
    return "\n".join(lines).encode("utf-16")  # UTF-16 too: one reader for every upload


def test_a_large_response_file_is_read_by_the_job_not_in_the_request(owner_client, assessment, monkeypatch):
    from mia.analysis import actions

    content = _large_csv()
    assert len(content) > actions.PARSE_IN_REQUEST_BYTES
    from mia.analysis import read_process

    read_in_request, read_by_job = [], []
    original, original_limited = actions._read_responses, read_process.read_responses_limited
    monkeypatch.setattr(actions, "_read_responses",
                        lambda source, columns, name: read_in_request.append(1) or original(source, columns, name))
    monkeypatch.setattr(read_process, "read_responses_limited",
                        lambda data, name, columns: read_by_job.append(isinstance(data, bytes)) or original_limited(data, name, columns))
    response = post(owner_client, assessment, {"text_column": "reactie", "id_column": "id", "group_column": "gemeente"},
                    content)
    assert response.status_code == 302
    analysis = ResponseAnalysis.objects.get()
    # read once, by the job (in its limited child process), from the bytes it kept, not in the request
    assert read_in_request == [] and read_by_job == [True]
    assert analysis.pending_file is None and len(analysis.texts) == 6000 and analysis.ids[:2] == [0, 1]
    job = Job.objects.get(kind="analysis.responses")
    assert job.status == "klaar"


def test_a_large_bad_response_file_fails_its_job_with_a_dutch_message_and_is_not_kept(owner_client, assessment):
    response = post(owner_client, assessment, {"text_column": "tekst"}, _large_csv())
    assert response.status_code == 302
    job = Job.objects.get(kind="analysis.responses")
    assert job.status == "mislukt" and "Beschikbare kolommen" in job.message
    assert ResponseAnalysis.objects.get().pending_file is None


def _xlsx(rows) -> bytes:
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_small_spreadsheet_is_read_by_the_job_not_in_the_request(owner_client, assessment, monkeypatch):
    from mia.analysis import actions

    monkeypatch.setattr(actions, "_read_responses", lambda *a: pytest.fail("read in the request"))
    content = _xlsx([["id", "reactie"], [1, "De bus rijdt niet"], [2, "=HYPERLINK(\"x\")"]])
    assert len(content) < actions.PARSE_IN_REQUEST_BYTES
    response = post(owner_client, assessment, {"text_column": "reactie", "id_column": "id"}, content, name="r.xlsx")
    assert response.status_code == 302
    analysis = ResponseAnalysis.objects.get()
    assert analysis.pending_file is None and analysis.texts[0] == "De bus rijdt niet" and analysis.ids == [1, 2]
    assert Job.objects.get(kind="analysis.responses").status == "klaar"


def test_a_zip_bomb_spreadsheet_fails_its_job_with_a_dutch_message(owner_client, assessment):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<row>" + "0" * (60 * 1024 * 1024) + "</row>")
    response = post(owner_client, assessment, {"text_column": "reactie"}, buffer.getvalue(), name="r.xlsx")
    assert response.status_code == 302
    job = Job.objects.get(kind="analysis.responses")
    assert job.status == "mislukt" and "pakt uit tot veel meer gegevens" in job.message
    assert ResponseAnalysis.objects.get().pending_file is None


def test_reading_a_large_file_that_takes_too_long_is_stopped(owner_client, assessment, monkeypatch):
    from mia.analysis import read_process

    monkeypatch.setattr(read_process, "DEFAULT_SECONDS", 1)
    response = post(owner_client, assessment, {"text_column": "reactie"}, _large_csv(150_000))
    assert response.status_code == 302
    job = Job.objects.get(kind="analysis.responses")
    assert job.status == "mislukt" and "duurde langer dan 1 seconden" in job.message
    assert ResponseAnalysis.objects.get().pending_file is None
