"""The job runner and its recovery, with kinds registered only for these tests."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mia.jobs import actions, queue, registry, runner
from mia.jobs.models import Job


def _everyone(user, job):
    return True


@registry.register("test.add", label="Optellen", may_view=_everyone)
def _add(context):
    context.progress(0.5, "halverwege")
    return {"sum": context.params["a"] + context.params["b"], "url": "/klaar/"}


@registry.register("test.refuse", label="Weigeren", may_view=_everyone)
def _refuse(context):
    raise registry.JobFailed("Dit kan niet: het bestand is leeg.")


@registry.register("test.explain", label="Uitleggen", may_view=_everyone)
def _explain(context):
    raise registry.JobFailed("Met deze quota kan het niet.", result={"explanation": "Minder vrouwen kiezen."})


@registry.register("test.crash", label="Crash", may_view=_everyone)
def _crash(context):
    raise ZeroDivisionError


pytestmark = pytest.mark.django_db


def test_it_runs_a_job_and_keeps_its_result():
    job = actions.start_job("test.add", subject="test:1", params={"a": 2, "b": 3})
    job.refresh_from_db()
    assert (job.status, job.result["sum"], job.percent, job.attempts) == (Job.Status.DONE, 5, 100, 1)
    assert job.finished_at is not None


def test_it_shows_an_expected_failure_in_dutch_and_can_start_again():
    job = actions.start_job("test.refuse", subject="test:1")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.message == "Dit kan niet: het bestand is leeg."
    actions.retry_job(job)
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Job.Status.FAILED, 1)


def test_a_failure_keeps_what_the_page_needs_to_explain_it_until_a_retry():
    job = actions.start_job("test.explain", subject="test:1")
    job.refresh_from_db()
    assert (job.status, job.message, job.result) == (
        Job.Status.FAILED, "Met deze quota kan het niet.", {"explanation": "Minder vrouwen kiezen."})
    Job.objects.filter(pk=job.pk).update(kind="test.add", params={"a": 1, "b": 1})
    job.refresh_from_db()
    actions.retry_job(job)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and "explanation" not in job.result


def test_a_crash_becomes_a_dutch_failure_not_a_job_that_spins():
    job = actions.start_job("test.crash", subject="test:1")
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "onverwacht gestopt" in job.message


def test_it_refuses_to_restart_a_job_that_did_not_fail():
    job = actions.start_job("test.add", subject="test:1", params={"a": 1, "b": 1})
    with pytest.raises(actions.JobError):
        actions.retry_job(job)


def test_an_unknown_kind_cannot_be_started():
    with pytest.raises(actions.JobError):
        actions.start_job("test.unknown", subject="test:1")


def test_a_duplicate_delivery_runs_the_job_once():
    job = actions.start_job("test.add", subject="test:1", params={"a": 1, "b": 1})
    runner.run(job.pk, heartbeat=False)
    job.refresh_from_db()
    assert job.attempts == 1


def _stalled(kind: str, attempts: int) -> Job:
    long_ago = timezone.now() - timedelta(minutes=5)
    return Job.objects.create(kind=kind, subject="test:1", params={"a": 1, "b": 2}, status=Job.Status.RUNNING,
                              attempts=attempts, started_at=long_ago, heartbeat_at=long_ago)


def test_a_job_whose_worker_died_is_started_again():
    job = _stalled("test.add", attempts=1)
    outcome = queue.recover()
    job.refresh_from_db()
    assert outcome["restarted"] == [job.pk]
    # With the immediate queue of the tests, "queued again" means "run again" right away.
    assert (job.status, job.result["sum"], job.attempts) == (Job.Status.DONE, 3, 2)


def test_a_job_that_keeps_dying_is_marked_failed_with_a_dutch_message():
    job = _stalled("test.add", attempts=2)
    outcome = queue.recover()
    job.refresh_from_db()
    assert outcome["failed"] == [job.pk]
    assert job.status == Job.Status.FAILED
    assert "onderbroken" in job.message


def test_a_running_job_with_a_fresh_heartbeat_is_left_alone():
    job = Job.objects.create(kind="test.add", subject="test:1", status=Job.Status.RUNNING, attempts=1,
                             heartbeat_at=timezone.now())
    assert queue.recover() == {"restarted": [], "failed": [], "requeued": []}
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING


def test_the_job_page_shows_progress_and_json(owner_client):
    job = actions.start_job("test.refuse", subject="test:1")
    page = owner_client.get(f"/taken/{job.pk}/")
    assert page.status_code == 200
    assert "Dit kan niet" in page.content.decode()
    assert owner_client.get(f"/taken/{job.pk}/?format=json").json()["status"] == "mislukt"
    answer = owner_client.post(f"/taken/{job.pk}/opnieuw/")
    assert answer.status_code == 302


def test_the_job_page_needs_a_login_and_a_known_job(owner_client):
    from django.test import Client

    job = actions.start_job("test.add", subject="test:1", params={"a": 1, "b": 1})
    assert Client().get(f"/taken/{job.pk}/").status_code == 302
    assert owner_client.get("/taken/999999/").status_code == 404
    assert owner_client.get(f"/taken/{job.pk}/opnieuw/").status_code == 405
