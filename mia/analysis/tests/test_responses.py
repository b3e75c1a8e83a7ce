import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mia.analysis.models import ResponseAnalysis

CSV = "\n".join(
    ["id;reactie;gemeente"]
    + [f"{i};De bus rijdt te weinig en de halte is ver weg voor ouderen {i};Noord" for i in range(15)]
    + [f"{i + 15};Er zijn te weinig betaalbare huurwoningen voor jongeren {i};Zuid" for i in range(15)]
).encode()


@pytest.fixture(autouse=True)
def inline_jobs(settings):
    settings.MIA_RUN_JOBS_INLINE = True


def post(client, assessment, data, content=CSV, name="reacties.csv"):
    return client.post(reverse("analysis:responses", args=[assessment.pk]),
                       {"file": SimpleUploadedFile(name, content), **data})


def test_an_imported_file_is_analysed_with_progress_and_result(owner_client, assessment):
    response = post(owner_client, assessment, {"text_column": "reactie", "id_column": "id", "group_column": "gemeente"})
    assert response.status_code == 302
    job = ResponseAnalysis.objects.get()
    assert job.status == "klaar" and job.progress == 1.0
    members = sorted(int(i) for t in job.result["themes"] for i in t["member_ids"])
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


@pytest.mark.django_db(transaction=True)
def test_the_job_really_runs_in_the_background(settings, content):
    import time

    from django.test import Client

    from mia.tests.factories import make_assessment, make_user

    settings.MIA_RUN_JOBS_INLINE = False
    user = make_user("achtergrond")
    assessment = make_assessment(user)
    client = Client()
    client.force_login(user)
    response = post(client, assessment, {"text_column": "reactie"})
    assert response.status_code == 302
    job = ResponseAnalysis.objects.get()
    deadline = time.monotonic() + 60
    while job.status in {"wacht", "bezig"} and time.monotonic() < deadline:
        time.sleep(0.2)
        job.refresh_from_db()
    assert job.status == "klaar", job.message
