"""A pool upload is read by the job queue (issue 11, item 10): the request only keeps the files, the
worker reads them in a child process with a time and memory limit, shows its progress, stores the
pool whole or not at all, and drops the files (personal data)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from mia.jobs.models import Job
from mia.panels.models import PanelPool, PoolUpload, Volunteer, VolunteerContact
from mia.panels.tests.test_web import QUOTAS, people_csv, refused, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_worker(monkeypatch):
    """A queue whose worker has not started the job yet; ``run()`` plays the worker."""
    from mia.jobs import queue, runner

    monkeypatch.setattr(queue, "enqueue", lambda job: None)
    return lambda job: runner.run(job.pk, heartbeat=False)


def test_the_upload_only_keeps_the_files_and_the_job_page_leads_to_the_pool(owner_client, assessment, no_worker):
    response = upload(owner_client, assessment)
    job = Job.objects.get(kind="panels.read_pool")
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.status == "wacht" and job.subject == f"panels.uploads:{assessment.pk}"
    assert not PanelPool.objects.exists()
    kept = PoolUpload.objects.get()
    assert bytes(kept.people_data) == people_csv() and bytes(kept.quotas_data) == QUOTAS
    page = owner_client.get(response["Location"]).content.decode()
    assert "Lijst met vrijwilligers inlezen" in page and "Wacht op zijn beurt" in page and "data-job-status" in page

    no_worker(job)
    job.refresh_from_db()
    pool = PanelPool.objects.get()
    assert job.status == "klaar" and job.result["url"] == reverse("panels:pool", args=[assessment.pk, pool.pk])
    assert pool.volunteers.count() == 40 and job.result["volunteers"] == 40
    kept.refresh_from_db()
    assert kept.pool == pool and bytes(kept.people_data) == b"" and bytes(kept.quotas_data) == b""
    page = owner_client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert f'href="{job.result["url"]}"' in page
    state = owner_client.get(reverse("jobs:detail", args=[job.pk]), {"format": "json"}).json()
    assert state["status"] == "klaar" and state["url"] == job.result["url"]


def test_with_a_queue_that_runs_at_once_the_upload_leads_to_the_pool(owner_client, assessment):
    response = upload(owner_client, assessment)
    pool = PanelPool.objects.get()
    assert response["Location"] == reverse("panels:pool", args=[assessment.pk, pool.pk])
    assert "40 vrijwilligers" in owner_client.get(response["Location"]).content.decode()


def test_progress_is_reported_per_thousand_rows(owner, assessment, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from mia.jobs import queue
    from mia.panels import actions

    monkeypatch.setattr(queue, "enqueue", lambda job: None)
    job = actions.start_pool_upload(assessment, owner, "Groot", SimpleUploadedFile("v.csv", people_csv(3500)),
                                    SimpleUploadedFile("q.csv", QUOTAS))
    steps = []
    pool = actions.run_pool_upload(job.params["upload"], progress=lambda f, step="": steps.append((round(f, 3), step)))
    assert pool.volunteers.count() == 3500
    reading = [f for f, step in steps if step == "De bestanden lezen en controleren"]
    # quotas read, then rows 0, 1000, 2000 and 3000 of the volunteers, rising
    assert len(reading) >= 5 and reading == sorted(reading) and reading[-1] < 0.85
    assert steps[-1] == (0.85, "3500 vrijwilligers opslaan")
    # A job restarted after the pool was stored does not store it twice.
    assert actions.run_pool_upload(job.params["upload"]) == pool and PanelPool.objects.count() == 1


def test_a_refused_file_stores_nothing_and_drops_the_files(owner_client, assessment):
    people = people_csv().replace(b"vrouw", b"onbekend", 2)
    page = refused(owner_client, assessment, people=people)
    assert "2 problemen gevonden" in page and "Rij 3, kolom &#x27;geslacht&#x27;" in page
    assert not PanelPool.objects.exists() and not Volunteer.objects.exists() and not VolunteerContact.objects.exists()
    assert not PoolUpload.objects.exists()
    # "Opnieuw proberen" cannot read the file again: it is gone; the page says so in Dutch.
    job = Job.objects.get()
    owner_client.post(reverse("jobs:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "mislukt" and "niet meer beschikbaar" in job.message


def test_a_crash_while_storing_leaves_nothing_half_stored_and_drops_the_files(owner_client, assessment, monkeypatch):
    from mia.panels import actions

    real = actions._store_pool

    def store_then_crash(*args, **kwargs):
        real(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(actions, "_store_pool", store_then_crash)
    response = upload(owner_client, assessment)
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk]) and job.status == "mislukt"
    assert "onverwacht gestopt" in job.message
    assert not PanelPool.objects.exists() and not Volunteer.objects.exists()
    assert bytes(PoolUpload.objects.get().people_data) == b""


# --- hostile files ---------------------------------------------------------------------------------


def test_formula_cells_are_defused_and_said(owner_client, assessment):
    people = people_csv(hostile_name="=HYPERLINK(http://x)").replace(b"v2@example.org", b"@SUM(1+1)")
    assert upload(owner_client, assessment, people=people).status_code == 302
    pool = PanelPool.objects.get()
    contacts = {v.external_id: v.contact.data for v in pool.volunteers.select_related("contact")}
    assert contacts["v1"]["naam"].startswith("'=HYPERLINK") and contacts["v2"]["email"] == "'@SUM(1+1)"
    assert any("onschadelijk gemaakt" in warning for warning in pool.warnings)


def test_a_utf16_file_is_read(owner_client, assessment):
    people = people_csv().decode().replace("Persoon 1,", "Zoë Çelik,").encode("utf-16")
    assert upload(owner_client, assessment, people=people).status_code == 302
    pool = PanelPool.objects.get()
    assert pool.volunteers.count() == 40 and pool.volunteers.get(external_id="v1").contact.data["naam"] == "Zoë Çelik"


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<row>" + "0" * (60 * 1024 * 1024) + "</row>")
    return buffer.getvalue()


def test_a_zip_bomb_xlsx_is_refused_with_a_dutch_message(owner_client, assessment):
    bomb = _zip_bomb()
    assert len(bomb) < 200_000
    page = refused(owner_client, assessment, people=bomb)
    assert "pakt uit tot veel meer gegevens dan het lijkt" in page
    assert not PanelPool.objects.exists() and not PoolUpload.objects.exists()


def test_reading_that_takes_too_long_is_stopped(owner_client, assessment, monkeypatch):
    import time
    from types import SimpleNamespace

    from mia.core import limits
    from mia.panels import pool_process

    monkeypatch.setattr(pool_process, "DEFAULT_SECONDS", 1)
    # The limit's clock runs 20 times fast: 1 "second" is 50 ms, less than any real child needs to start
    # and read 60,000 rows, however fast the machine (a real second was not always enough to pass it).
    started = time.monotonic()
    monkeypatch.setattr(limits, "time", SimpleNamespace(monotonic=lambda: started + 20 * (time.monotonic() - started)))
    page = refused(owner_client, assessment, people=people_csv(60_000))
    assert "duurde langer dan 1 seconden en is gestopt" in page
    assert not PanelPool.objects.exists() and not PoolUpload.objects.exists()


def test_reading_that_needs_too_much_memory_is_stopped(owner_client, assessment, monkeypatch):
    from mia.panels import pool_process

    monkeypatch.setattr(pool_process, "DEFAULT_MEMORY_MB", 150)
    page = refused(owner_client, assessment, people=people_csv(90_000))
    assert "te groot voor het geheugen" in page
    assert not PanelPool.objects.exists() and not PoolUpload.objects.exists()


def test_a_file_over_the_size_limit_is_refused_before_it_is_kept(owner_client, assessment, monkeypatch):
    from mia.core import tables

    monkeypatch.setattr(tables, "MAX_BYTES", 1000)
    response = upload(owner_client, assessment)
    assert response.status_code == 400 and "groter dan" in response.content.decode()
    assert not PoolUpload.objects.exists() and not Job.objects.exists()


# --- who may upload and see the job ----------------------------------------------------------------


def test_only_the_kernteam_may_upload_and_see_the_reading_job(owner_client, assessment, stranger, reader, no_worker):
    from mia.tests.factories import make_user

    upload(owner_client, assessment)
    job = Job.objects.get()
    job_url = reverse("jobs:detail", args=[job.pk])
    colleague = make_user("collega", role="kernteam")  # same organisation, not in this MIA's team
    for user in (stranger, reader, colleague):
        other = Client()
        other.force_login(user)
        assert upload(other, assessment).status_code == 404, user
        assert other.get(job_url).status_code == 404, user
        assert other.get(job_url, {"format": "json"}).status_code == 404, user
        assert other.post(reverse("jobs:retry", args=[job.pk])).status_code == 404, user
    anonymous = Client()
    response = upload(anonymous, assessment)
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert "/account/login/" in anonymous.get(job_url)["Location"]
    assert Job.objects.count() == 1 and PoolUpload.objects.count() == 1
    assert owner_client.get(job_url).status_code == 200


# --- retention ----------------------------------------------------------------------------------


def test_retention_deletes_files_a_lost_job_left_behind(owner, assessment, no_worker):
    from datetime import timedelta

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from mia.panels import actions
    from mia.panels.privacy import apply_retention

    actions.start_pool_upload(assessment, owner, "Vers", SimpleUploadedFile("v.csv", people_csv()), SimpleUploadedFile("q.csv", QUOTAS))
    actions.start_pool_upload(assessment, owner, "Oud", SimpleUploadedFile("v.csv", people_csv()), SimpleUploadedFile("q.csv", QUOTAS))
    PoolUpload.objects.filter(name="Oud").update(created_at=timezone.now() - timedelta(days=2))
    apply_retention([])
    assert list(PoolUpload.objects.values_list("name", flat=True)) == ["Vers"]
    apply_retention([assessment])  # the MIA passed its retention period: everything goes
    assert not PoolUpload.objects.exists()
