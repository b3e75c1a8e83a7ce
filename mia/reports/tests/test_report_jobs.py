"""A large MIA's report and a large MIA import go through the job queue (issue 11, items 10 and 18).

The test queue is immediate: ``start_job`` runs the job in the request, so a POST answers with the
job's outcome (its file, or its page with the Dutch error)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mia.assessments.models import Assessment, AssessmentMember
from mia.core.pdf_process import DocumentTooLarge
from mia.jobs import runner
from mia.jobs.models import Job
from mia.reports import exchange, render, tasks, views
from mia.reports.models import ImportUpload, ReportFile
from mia.tests.factories import make_dialogue, make_user


@pytest.fixture
def large(monkeypatch, assessment):
    """The assessment with cards, and thresholds so low that it counts as large."""
    make_dialogue(assessment, participants=2, questions=1)
    monkeypatch.setattr(render, "INLINE_REPORT_CARDS", {"pdf": 0, "docx": 0})
    return assessment


def _steps(monkeypatch) -> list[tuple[float, str]]:
    seen: list[tuple[float, str]] = []
    original = runner.JobContext.progress

    def recording(self, fraction, step=""):
        seen.append((fraction, step))
        return original(self, fraction, step)

    monkeypatch.setattr(runner.JobContext, "progress", recording)
    return seen


# --- the report's PDF and DOCX -------------------------------------------------------------------


def test_a_small_report_is_still_served_at_once(owner_client, assessment):
    make_dialogue(assessment, participants=2, questions=1)
    assert not render.report_is_large(assessment)
    response = owner_client.get(reverse("reports:docx", args=[assessment.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert not Job.objects.exists()


def test_size_decides_and_the_brief_form_prints_no_cards(assessment, monkeypatch):
    make_dialogue(assessment, participants=2, questions=1)
    cards = assessment.sessions.get().rounds.first().cards.count()
    assert cards
    monkeypatch.setattr(render, "INLINE_REPORT_CARDS", {"pdf": 1, "docx": 10_000})
    assert render.report_is_large(assessment, "pdf") and not render.report_is_large(assessment, "docx")
    Assessment.objects.filter(pk=assessment.pk).update(report_form="beknopt")
    assessment.refresh_from_db()
    assert not render.report_is_large(assessment, "pdf")


def test_a_large_report_pdf_is_made_by_a_job_with_progress_and_a_checked_download(client, owner, reader, stranger, large, monkeypatch):
    steps = _steps(monkeypatch)
    client.force_login(owner)
    page = client.get(reverse("reports:pdf", args=[large.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert "PDF maken" in body and reverse("reports:pdf_job", args=[large.pk]) in body
    assert not Job.objects.exists()  # a GET starts nothing

    response = client.post(reverse("reports:pdf_job", args=[large.pk]))
    job = Job.objects.get(kind=tasks.REPORT_PDF)
    stored = ReportFile.objects.get()
    url = reverse("reports:file", args=[large.pk, stored.pk])
    assert response.status_code == 302 and response["Location"] == url
    assert job.status == Job.Status.DONE and job.result["url"] == url and job.created_by == owner
    assert [step for _fraction, step in steps] == ["Gegevens van de MIA verzamelen", "PDF opmaken", "Bestand opslaan"]
    assert [fraction for fraction, _step in steps] == sorted(fraction for fraction, _step in steps)
    assert stored.format == "pdf" and stored.created_by == owner and stored.filename.endswith(".pdf")

    download = client.get(url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download.content[:4] == b"%PDF" and "attachment" in download["Content-Disposition"]
    job_page = client.get(reverse("jobs:detail", args=[job.pk]))
    assert job_page.status_code == 200 and f'href="{url}"' in job_page.content.decode()

    # A lezer of the MIA reads the report, so the file too; another organisation and anonymous do not.
    client.force_login(reader)
    assert client.get(url).content[:4] == b"%PDF"
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 200
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    assert client.post(reverse("reports:pdf_job", args=[large.pk])).status_code == 404
    anonymous = Client()
    assert "/account/login/" in anonymous.get(url)["Location"]
    assert "/account/login/" in anonymous.post(reverse("reports:pdf_job", args=[large.pk]))["Location"]
    assert Job.objects.count() == 1 and ReportFile.objects.count() == 1


def test_a_file_of_another_mia_is_not_served_under_this_one(owner_client, owner, large, content):
    from mia.tests.factories import make_assessment

    owner_client.post(reverse("reports:docx_job", args=[large.pk]))
    stored = ReportFile.objects.get()
    other = make_assessment(owner, title="Andere MIA")
    assert owner_client.get(reverse("reports:file", args=[other.pk, stored.pk])).status_code == 404


def test_a_large_report_docx_is_made_by_a_job(owner_client, large):
    page = owner_client.get(reverse("reports:docx", args=[large.pk]))
    assert page.status_code == 200 and "Word-bestand maken" in page.content.decode()
    response = owner_client.post(reverse("reports:docx_job", args=[large.pk]))
    stored = ReportFile.objects.get(format="docx")
    assert response["Location"] == reverse("reports:file", args=[large.pk, stored.pk])
    download = owner_client.get(response["Location"])
    assert download["Content-Type"].startswith("application/vnd.openxmlformats") and download.content[:2] == b"PK"


def test_a_running_job_is_reused_not_started_twice(owner_client, owner, large):
    running = Job.objects.create(kind=tasks.REPORT_PDF, subject=tasks.report_subject(large), status=Job.Status.RUNNING,
                                 params={"assessment": large.pk}, created_by=owner)
    page = owner_client.get(reverse("reports:pdf", args=[large.pk]))
    assert reverse("jobs:detail", args=[running.pk]) in page.content.decode()
    response = owner_client.post(reverse("reports:pdf_job", args=[large.pk]))
    assert response["Location"] == reverse("jobs:detail", args=[running.pk])
    assert Job.objects.count() == 1 and not ReportFile.objects.exists()


def test_a_pdf_too_large_for_the_limits_fails_with_a_dutch_message_on_the_job(owner_client, large, monkeypatch):
    def too_large(assessment, fmt, *, progress=None):
        raise DocumentTooLarge("Het maken van de PDF duurde langer dan 120 seconden en is gestopt.")

    monkeypatch.setattr(tasks, "report_file_bytes", too_large)
    response = owner_client.post(reverse("reports:pdf_job", args=[large.pk]))
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.status == Job.Status.FAILED and "langer dan 120 seconden" in job.message
    page = owner_client.get(response["Location"])
    assert page.status_code == 200 and "Dit is niet gelukt" in page.content.decode()
    assert not ReportFile.objects.exists()


def test_the_report_job_renders_with_the_limits_of_a_request(owner_client, large, monkeypatch):
    seen = {}

    def limited(html, **kwargs):
        seen["html"], seen["kwargs"] = html, kwargs
        return b"%PDF-1.7 klein"

    monkeypatch.setattr(render, "render_pdf_limited", limited)
    owner_client.post(reverse("reports:pdf_job", args=[large.pk]))
    # The child process with the default time and memory limits, the same HTML as the direct download.
    assert seen["kwargs"] == {} and large.title in seen["html"]
    assert bytes(ReportFile.objects.get().content) == b"%PDF-1.7 klein"


def test_a_member_removed_before_the_job_runs_gets_no_file(owner, reader, large):
    job = Job.objects.create(kind=tasks.REPORT_PDF, subject=tasks.report_subject(large), params={"assessment": large.pk},
                             created_by=reader)
    AssessmentMember.objects.filter(assessment=large, user=reader).delete()
    runner.run(job.pk, heartbeat=False)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "niet (meer) inzien" in job.message
    assert not ReportFile.objects.exists()


# --- the import of a large MIA file ----------------------------------------------------------------


@pytest.fixture
def exported(owner_client, assessment, monkeypatch):
    make_dialogue(assessment, participants=3, questions=2)
    raw = owner_client.get(reverse("reports:json", args=[assessment.pk]) + "?persoonsgegevens=1").content
    monkeypatch.setattr(views, "INLINE_IMPORT_BYTES", 10)  # every file counts as large
    return raw


def _upload(client, raw: bytes, name="mia.json"):
    return client.post(reverse("reports:import"), {"file": SimpleUploadedFile(name, raw, content_type="application/json")})


def test_a_large_import_runs_as_a_job_as_the_importing_user(client, stranger, exported, assessment, monkeypatch):
    steps = _steps(monkeypatch)
    client.force_login(stranger)  # another organisation: the file names the owner, who must not be linked
    before = Assessment.objects.count()
    response = _upload(client, exported)
    job = Job.objects.get(kind=tasks.IMPORT)
    assert response.status_code == 302 and response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.status == Job.Status.DONE and job.created_by == stranger
    imported = Assessment.objects.get(pk=job.result["assessment"])
    assert job.result["url"] == reverse("assessments:detail", args=[imported.pk])
    assert Assessment.objects.count() == before + 1 and imported.title == assessment.title
    linked = set(imported.memberships.filter(user__is_active=True).values_list("user__username", flat=True))
    assert linked == {stranger.username}
    assert imported.organisation.name == "Andere gemeente"
    assert not ImportUpload.objects.exists()  # the file's personal data went when the job was done
    assert [step for _f, step in steps][:3] == ["Bestand lezen", "Bestand controleren", "MIA aanmaken"]
    page = client.get(response["Location"])
    assert page.status_code == 200 and f'href="{job.result["url"]}"' in page.content.decode()
    assert client.get(job.result["url"]).status_code == 200


def test_the_import_job_is_seen_only_by_the_importing_user(client, owner, reader, stranger, exported):
    client.force_login(owner)
    job_url = _upload(client, exported)["Location"]
    for other in (stranger, reader, make_user("collega", role="kernteam")):
        client.force_login(other)
        assert client.get(job_url).status_code == 404
    assert "/account/login/" in Client().get(job_url)["Location"]


def test_a_small_import_stays_direct(owner_client, assessment, monkeypatch):
    make_dialogue(assessment, participants=2, questions=1)
    raw = owner_client.get(reverse("reports:json", args=[assessment.pk])).content
    assert len(raw) < views.INLINE_IMPORT_BYTES
    response = _upload(owner_client, raw)
    assert response.status_code == 302 and "/taken/" not in response["Location"]
    assert not Job.objects.exists() and not ImportUpload.objects.exists()


def test_the_import_page_refuses_readers_and_anonymous_before_storing_anything(client, reader, exported):
    anonymous = _upload(Client(), exported)
    assert anonymous.status_code == 302 and "/account/login/" in anonymous["Location"]
    client.force_login(make_user("alleen-lezer", role="lezer"))
    assert _upload(client, exported).status_code == 403
    assert not ImportUpload.objects.exists() and not Job.objects.exists()


def _deep(levels: int) -> bytes:
    return ("[" * levels + "]" * levels).encode()


def _wrong_types(raw: bytes) -> bytes:
    data = json.loads(raw)
    data["assessment"]["title"] = 5
    data["sessions"][0]["participants"][0]["number"] = "een"
    return json.dumps(data).encode()


HOSTILE = {
    "bad_json": (lambda raw: b'{"format": "mia-assessment", kapot', "geen geldige JSON"),
    "not_utf8": (lambda raw: "é".encode("latin-1") * 20, "geen UTF-8"),
    "deep_nesting": (lambda raw: _deep(200_000), "te diep genest"),
    "deep_nesting_inside": (
        lambda raw: raw.replace(b'"notes_media": ""', b'"notes_media": ' + _deep(500), 1), "Er is niets geïmporteerd"),
    "not_an_mia": (lambda raw: b'{"format": "iets anders", "data": [1, 2, 3]}', "geen MIA-bestand"),
    "wrong_types": (_wrong_types, "Er is niets geïmporteerd"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_large_file_fails_on_the_job_page_in_dutch_and_creates_nothing(owner_client, exported, case):
    make, expected = HOSTILE[case]
    raw = make(exported)
    assert len(raw) > views.INLINE_IMPORT_BYTES
    before = (Assessment.objects.count(), AssessmentMember.objects.count())
    response = _upload(owner_client, raw)
    job = Job.objects.get(kind=tasks.IMPORT)
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    assert job.status == Job.Status.FAILED and expected in job.message, job.message
    assert "Traceback" not in job.message and "onverwacht gestopt" not in job.message
    page = owner_client.get(response["Location"])
    assert page.status_code == 200 and expected in page.content.decode()
    assert (Assessment.objects.count(), AssessmentMember.objects.count()) == before
    assert not ImportUpload.objects.exists()


def test_the_import_job_checks_the_user_when_it_runs(owner, exported):
    from mia.reports import actions

    upload = actions.store_import_upload(owner, filename="mia.json", data=exported)
    job = Job.objects.create(kind=tasks.IMPORT, subject="x", params={"upload": upload.pk}, created_by=owner)
    type(owner).objects.filter(pk=owner.pk).update(is_active=False)  # the account was closed meanwhile
    before = Assessment.objects.count()
    runner.run(job.pk, heartbeat=False)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.message == "U mag geen MIA importeren."
    assert Assessment.objects.count() == before and not ImportUpload.objects.exists()


def test_an_import_job_whose_file_is_gone_says_so(owner):
    job = Job.objects.create(kind=tasks.IMPORT, subject="x", params={"upload": 999_999}, created_by=owner)
    runner.run(job.pk, heartbeat=False)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and "niet meer bewaard" in job.message


def test_a_crashed_import_keeps_the_file_for_a_retry(owner_client, exported, monkeypatch):
    original, calls = exchange.import_assessment, []

    def crash_once(data, user, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("schijf vol")
        return original(data, user, **kwargs)

    monkeypatch.setattr(exchange, "import_assessment", crash_once)
    _upload(owner_client, exported)
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and "onverwacht gestopt" in job.message
    assert ImportUpload.objects.count() == 1
    owner_client.post(reverse("jobs:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and Assessment.objects.filter(pk=job.result["assessment"]).exists()
    assert not ImportUpload.objects.exists()


def test_retention_deletes_old_report_files_and_forgotten_uploads(owner, large):
    from mia.privacy.retention import apply_retention
    from mia.reports import actions

    old_file = actions.store_report_file(large, fmt="pdf", filename="a.pdf", content=b"%PDF", user=owner)
    new_file = actions.store_report_file(large, fmt="pdf", filename="b.pdf", content=b"%PDF", user=owner)
    old_upload = actions.store_import_upload(owner, filename="mia.json", data=b"{}")
    new_upload = actions.store_import_upload(owner, filename="mia.json", data=b"{}")
    ReportFile.objects.filter(pk=old_file.pk).update(created_at=timezone.now() - timedelta(days=8))
    ImportUpload.objects.filter(pk=old_upload.pk).update(created_at=timezone.now() - timedelta(days=2))
    result = apply_retention(365)
    assert result["reports"] == {"report_files": 1, "import_uploads": 1}
    assert list(ReportFile.objects.all()) == [new_file] and list(ImportUpload.objects.all()) == [new_upload]


@pytest.mark.django_db(transaction=True)
def test_the_import_job_reports_progress_per_batch_of_cards(content, owner, monkeypatch):
    from mia.reports import actions
    from mia.tests.factories import make_assessment

    source = make_assessment(owner, title="Bron")
    make_dialogue(source, participants=3, questions=2)
    data = exchange.export_assessment(source)
    rounds = [r for s in data["sessions"] for r in s["rounds"]]
    template = next(c for r in rounds for c in r["cards"])
    for r in rounds:
        r["cards"] = [{**template, "text": f"Kaartje {i}"} for i in range(4)]
    total = 4 * len(rounds)
    monkeypatch.setattr(exchange, "CARD_BATCH_SIZE", 5)
    monkeypatch.setattr(exchange, "SQLITE_PAUSE_SECONDS", 0)
    monkeypatch.setattr(runner, "PROGRESS_WRITE_SECONDS", 0)
    steps = _steps(monkeypatch)
    upload = actions.store_import_upload(owner, filename="mia.json", data=json.dumps(data).encode())
    job = Job.objects.create(kind=tasks.IMPORT, subject="x", params={"upload": upload.pk}, created_by=owner)
    runner.run(job.pk, heartbeat=False)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    batches = [step for _f, step in steps if step.startswith("Kaartjes opslaan")]
    assert len(batches) == -(-total // 5) and batches[-1] == f"Kaartjes opslaan: {total} van {total}"
    fractions = [f for f, _s in steps]
    assert fractions == sorted(fractions) and max(fractions) < 1
