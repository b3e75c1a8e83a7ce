"""The job queue with real processes: a worker (``manage.py worker``, the default SQLite queue file)
and the uvicorn server, on one temporary SQLite database.

* While a panel selection of more than 10 s runs in the worker, phones' card PUTs are answered
  within a second and stored: the solver holds no transaction, so no write lock.
* A worker killed mid-job (SIGKILL to its process group): after it restarts, the job is found by
  its stale heartbeat and completes. A job whose worker keeps dying ends as failed, with a Dutch
  message, and can be started again.

These run on SQLite even when the suite runs on PostgreSQL: SQLite's single write lock is what a
long transaction would block. (See processes.py for the processes and the pools.)
"""

from __future__ import annotations

import time
import uuid

import pytest
from django.urls import reverse

from mia.jobs.tests.processes import JobProcesses, WebUser, Worker, wait_until_stale
from mia.live.tests.server_process import ServerDatabase, put_card
from mia.tests.factories import PASSWORD

ACK_SECONDS = 1.0
MIN_RUN_SECONDS = 10


@pytest.fixture(scope="module")
def processes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mia-jobs")
    job_processes = JobProcesses(folder, ServerDatabase(folder, None), workers=1)
    try:
        setup = job_processes.prepare_jobs()
        job_processes.start()  # the web server, on the same database
        web = WebUser(job_processes.port)
        web.login(setup["user"], PASSWORD)
        yield job_processes, {**setup, "web": web}
    finally:
        job_processes.kill()


@pytest.fixture
def worker(processes):
    process = Worker(processes[0])
    process.start()
    yield process
    process.kill()


def start_selection(jobs: JobProcesses, setup: dict, pool: str) -> int:
    """Press "Loten" on the pool page: the server queues the job and shows the pool page."""
    pool_id, size = setup["pools"][pool]["id"], setup["pools"][pool]["size"]
    location = setup["web"].post(reverse("panels:select", args=[setup["assessment"], pool_id]),
                                 {"sel-size": size, "sel-algorithm": "leximin", "sel-seed": 2026})
    assert location == reverse("panels:pool", args=[setup["assessment"], pool_id])
    return jobs.latest_job(f"panels.pool:{pool_id}")


def running(job: dict) -> bool:
    return job["status"] == "bezig"


def ended(job: dict) -> bool:
    return job["status"] in ("klaar", "mislukt")


def test_phones_are_answered_within_a_second_while_a_long_selection_runs(processes, worker):
    jobs, setup = processes
    job_id = start_selection(jobs, setup, "hard")
    jobs.wait_for_job(job_id, running, timeout=90, what="running")

    cards = [(person["token"], kind) for person in setup["participants"] for kind in ("conclusie", "idee")]
    sent = []  # (client_id, text, latency) of PUTs made while the job was running, before and after
    answers = []
    for token, kind in cards:
        if not running(jobs.job(job_id)):
            break
        client_id = uuid.uuid4()
        text = f"{kind.capitalize()}: de bus rijdt ’s avonds niet — {client_id.hex[:8]}"
        started = time.perf_counter()
        status, body = put_card(jobs.port, token, client_id, setup["round"], kind, text, timeout=10)
        latency = time.perf_counter() - started
        answers.append((status, body))
        if running(jobs.job(job_id)):
            sent.append((client_id, text, latency))
        time.sleep(0.8)

    job = jobs.wait_for_job(job_id, ended, timeout=120, what="finished")
    assert job["status"] == "klaar", job["message"]
    assert (job["finished_at"] - job["started_at"]).total_seconds() >= MIN_RUN_SECONDS, "the selection was too quick to test"
    assert all(status == 200 for status, _ in answers), answers
    assert len(sent) >= 3, f"only {len(sent)} cards were sent while the selection ran"
    slowest = max(latency for _, _, latency in sent)
    print(f"\n{len(sent)} PUTs during a {job['finished_at'] - job['started_at']} selection; "
          f"slowest answer {slowest * 1000:.0f} ms")
    assert slowest < ACK_SECONDS, [round(latency, 3) for _, _, latency in sent]
    stored = {row[0]: row[4] for row in jobs.database.cards()}
    assert all(stored.get(client_id) == text for client_id, text, _ in sent)


def test_a_job_whose_worker_was_killed_completes_after_a_restart(processes, worker):
    jobs, setup = processes
    job_id = start_selection(jobs, setup, "small")
    jobs.wait_for_job(job_id, running, timeout=90, what="running")
    worker.kill()
    assert running(jobs.job(job_id))  # nobody else knows yet that its worker is gone

    wait_until_stale(jobs, job_id)
    worker.start()  # a worker that starts finds the job by its stale heartbeat
    job = jobs.wait_for_job(job_id, ended, timeout=90, what="finished after the restart")
    assert (job["status"], job["attempts"]) == ("klaar", 2), job
    assert '"selection"' in job["result"]


def test_a_job_whose_worker_keeps_dying_fails_in_dutch_and_can_be_started_again(processes, worker):
    jobs, setup = processes
    job_id = start_selection(jobs, setup, "small")
    for attempt in (1, 2):
        jobs.wait_for_job(job_id, lambda job, n=attempt: running(job) and job["attempts"] == n, timeout=90,
                          what=f"running attempt {attempt}")
        worker.kill()
        wait_until_stale(jobs, job_id)
        worker.start()

    job = jobs.wait_for_job(job_id, ended, timeout=60, what="marked failed")
    assert (job["status"], job["attempts"]) == ("mislukt", 2), job
    assert job["message"] == "De taak is onderbroken, omdat de server opnieuw is gestart. Start haar opnieuw."

    assert setup["web"].post(f"/taken/{job_id}/opnieuw/") == f"/taken/{job_id}/"  # "Opnieuw proberen"
    job = jobs.wait_for_job(job_id, ended, timeout=90, what="finished after the retry")
    assert (job["status"], job["attempts"], job["message"]) == ("klaar", 1, ""), job
