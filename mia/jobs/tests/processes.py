"""Real processes for the job queue's tests: the worker (``manage.py worker``) and the uvicorn
server of the live fault tests (``mia/live/tests/server_process.py``), on one temporary SQLite
database and the queue's own SQLite file in the same temporary ``MIA_DATA_DIR``.

``python -m mia.jobs.tests.processes setup`` (run with the processes' environment) migrates that
database, makes a live session with an open round and consenting participants (as the live fault
tests do) and two panel pools: a hard one, whose LEXIMIN refinement runs until the time limit
(``MIA_PANEL_TIME_LIMIT_SECONDS``), and a small one (a few seconds). It prints their ids as JSON.
The tests then start selections and restart failed jobs through the web server, as a kernteam
member does (``WebUser``).
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import math
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from mia.live.tests.server_process import HOST, REPO, ServerProcess

# (seed, volunteers, panel size, features): the hard pool takes about 70 s to refine completely on
# a 2-core machine, so its run lasts as long as the time limit; the small one about 2.5 s.
HARD_POOL = (6, 1000, 80, 6)
SMALL_POOL = (2, 300, 30, 5)
PHONES = 10  # participants of the live session, two cards each


@dataclass
class JobProcesses(ServerProcess):
    """The server of the live fault tests, plus the environment of the job queue: the default
    broker (a SQLite file in the data folder), a short stale limit and a panel time limit."""

    stale_seconds: int = 4
    panel_time_limit: int = 14

    def env(self) -> dict[str, str]:
        env = super().env()
        env.pop("MIA_JOB_QUEUE", None)  # the default: MIA_DATA_DIR/jobs.sqlite3
        env.update({
            "MIA_JOB_STALE_SECONDS": str(self.stale_seconds),
            "MIA_PANEL_TIME_LIMIT_SECONDS": str(self.panel_time_limit),
        })
        return env

    def manage(self, *args: str, timeout: float = 300) -> dict:
        result = subprocess.run(
            [sys.executable, "-m", "mia.jobs.tests.processes", *args],
            cwd=REPO, env=self.env(), capture_output=True, text=True, timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed:\n{result.stdout}\n{result.stderr}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    def prepare_jobs(self) -> dict:
        self.database.create()
        return self.manage("setup")

    # --- the jobs, read straight from the database ------------------------------------------

    def job(self, pk: int) -> dict:
        conn = sqlite3.connect(self.folder / "mia.sqlite3", timeout=20)
        conn.row_factory = sqlite3.Row
        try:
            row = conn.execute("SELECT * FROM jobs_job WHERE id = ?", (pk,)).fetchone()
        finally:
            conn.close()
        job = dict(row)
        for name in ("started_at", "finished_at", "heartbeat_at"):  # stored in UTC
            job[name] = datetime.fromisoformat(job[name]).replace(tzinfo=UTC) if job[name] else None
        return job

    def latest_job(self, subject: str) -> int | None:
        conn = sqlite3.connect(self.folder / "mia.sqlite3", timeout=20)
        try:
            row = conn.execute("SELECT max(id) FROM jobs_job WHERE subject = ?", (subject,)).fetchone()
        finally:
            conn.close()
        return row[0]

    def wait_for_job(self, pk: int, done, timeout: float, what: str) -> dict:
        """Poll the job until ``done(job)``; fails with the job and the logs after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            job = self.job(pk)
            if done(job):
                return job
            if time.monotonic() > deadline:
                raise AssertionError(f"job {pk} did not get {what} within {timeout} s: {job}\n{self.logs()}")
            time.sleep(0.05)

    def logs(self) -> str:
        return "\n".join(f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
                         for path in sorted(self.folder.glob("*.log")))


class WebUser:
    """A logged-in kernteam member posting the server's forms (session and CSRF cookies by hand)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None, timeout: float = 30) -> tuple[int, str, str]:
        """(status, Location header, body) of one request on a fresh connection."""
        conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if form is not None:
            body = urlencode({**form, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            text = response.read().decode(errors="replace")
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.headers.get("Location", ""), text
        finally:
            conn.close()

    def login(self, username: str, password: str) -> None:
        self.request("GET", "/account/login/")  # the CSRF cookie
        status, location, body = self.request("POST", "/account/login/", {"username": username, "password": password})
        if status != 302:
            raise RuntimeError(f"login failed: {status}\n{body[:2000]}")

    def post(self, path: str, form: dict | None = None) -> str:
        """POST a form; returns where the server sends the user next."""
        status, location, body = self.request("POST", path, form or {})
        if status != 302:
            raise RuntimeError(f"POST {path} answered {status}:\n{body[:3000]}")
        return location


class Worker:
    """``manage.py worker`` in its own process group: a SIGKILL takes it and its threads at once."""

    def __init__(self, processes: JobProcesses):
        self.processes = processes
        self.process: subprocess.Popen | None = None
        self.starts = 0

    @property
    def log(self) -> Path:
        return self.processes.folder / "worker.log"

    def start(self) -> None:
        assert self.process is None, "already running"
        self.starts += 1
        with self.log.open("a") as log:
            log.write(f"\n--- start {self.starts} ---\n")
            log.flush()
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "worker", "--workers", "1"],
                cwd=REPO, env=self.processes.env(), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True,
            )

    def kill(self) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=30)
        self.process = None


def wait_until_stale(processes: JobProcesses, pk: int) -> None:
    """Until the job's last heartbeat is older than the stale limit (it cannot renew: its worker is dead)."""
    job = processes.job(pk)
    beat = job["heartbeat_at"] or job["started_at"]
    age = (datetime.now(UTC) - beat).total_seconds()
    time.sleep(max(0.0, processes.stale_seconds - age) + 1.0)


# --- pools -------------------------------------------------------------------------------------

FEATURES = [
    ("leeftijd", ["18-29", "30-44", "45-64", "65+"]),
    ("geslacht", ["man", "vrouw", "anders"]),
    ("opleiding", ["praktisch", "middelbaar", "theoretisch"]),
    ("migratieachtergrond", ["geen", "eerste generatie", "tweede generatie"]),
    ("woonomgeving", ["stedelijk", "landelijk"]),
    ("regio", ["noord", "oost", "zuid", "west", "randstad"]),
]


def generated_pool(seed: int, n: int, k: int, num_features: int) -> tuple[bytes, bytes]:
    """A self-selected pool and quotas from population shares (as ``bench/panel_selection.py``
    generates them): tight quotas on half of the features, loose ones on the others."""
    import numpy as np

    from mia.panels.selection import Pool, Quota, Quotas, build_problem
    from mia.panels.selection.problem import PanelSearch

    rng = np.random.default_rng(seed)
    features = FEATURES[:num_features]
    trait = rng.normal(0.6, 1.0, n)
    columns, shares = {}, {}
    for name, values in features:
        share = np.array([0.49, 0.49, 0.02]) if name == "geslacht" else rng.dirichlet(np.full(len(values), 4.0))
        bias = rng.normal(0, 0.8, len(values))
        logits = np.log(share)[None, :] + bias[None, :] * trait[:, None]
        chance = np.exp(logits - logits.max(axis=1, keepdims=True))
        chance /= chance.sum(axis=1, keepdims=True)
        picks = (chance.cumsum(axis=1) > rng.random(n)[:, None]).argmax(axis=1)
        columns[name] = [values[p] for p in picks]
        shares[name] = share
    people = [{"id": f"v{i:04d}", **{name: columns[name][i] for name, _ in features}} for i in range(n)]
    names = [name for name, _ in features]
    widen = 0
    while True:
        quotas = []
        for index, (name, values) in enumerate(features):
            for value, share in zip(values, shares[name], strict=True):
                target = share * k
                low, high = ((math.floor(target), math.ceil(target)) if index % 2 == 0
                             else (math.floor(0.75 * target), math.ceil(1.25 * target)))
                quotas.append((name, value, max(0, low - widen), min(k, high + widen)))
        problem = build_problem(Pool.from_records(people, names), Quotas([Quota(*q) for q in quotas]), k)
        if PanelSearch(problem).any_panel() is not None:
            break
        widen += 1
    return (_csv([["id", *names], *[[p[c] for c in ["id", *names]] for p in people]]),
            _csv([["feature", "value", "min", "max"], *[list(q) for q in quotas]]))


def _csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode()


# --- commands, run inside the processes' environment -------------------------------------------


def setup() -> dict:
    from mia.live.tests.server_process import setup as live_setup

    live = live_setup(PHONES)  # django.setup(), migrate, a live session with its first round open

    from django.core.files.uploadedfile import SimpleUploadedFile

    from mia.dialogues.models import DialogueSession
    from mia.panels import actions

    assessment = DialogueSession.objects.get(pk=live["session"]).assessment
    pools = {}
    for name, spec in (("hard", HARD_POOL), ("small", SMALL_POOL)):
        people, quotas = generated_pool(*spec)
        pool = actions.create_pool(assessment, f"Pool {name}", SimpleUploadedFile("pool.csv", people),
                                   SimpleUploadedFile("quota.csv", quotas))
        pools[name] = {"id": pool.pk, "size": spec[2]}
    return {**live, "assessment": assessment.pk, "user": "gespreksleider", "pools": pools}


if __name__ == "__main__":
    if sys.argv[1:] != ["setup"]:
        raise SystemExit("usage: python -m mia.jobs.tests.processes setup")
    print(json.dumps(setup()))
