"""A real MIA server process for fault tests: its own database, uvicorn with workers, SIGKILL.

Used by test_faults.py. Nothing here touches the pytest-django test database: the server
gets a fresh SQLite file in a temporary folder, or, when the tests run on PostgreSQL
(DATABASE_URL set, as in CI), a fresh PostgreSQL database on the same server that is
dropped afterwards.

``python -m mia.live.tests.server_process setup N`` (run with the server's environment)
migrates that database, loads the instrument content, makes a live session with its first
round open and N consenting participants, and prints their tokens and the round as JSON.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[3]
HOST = "127.0.0.1"


# --- the database of the server --------------------------------------------------------------


class ServerDatabase:
    """SQLite in ``folder``, or a fresh PostgreSQL database next to ``DATABASE_URL``'s."""

    def __init__(self, folder: Path, database_url: str | None):
        self.folder = folder
        self.base_url = database_url or None
        self.url: str | None = None
        self.name: str | None = None
        if self.base_url:
            parts = urlsplit(self.base_url)
            self.name = f"mia_faults_{secrets.token_hex(6)}"
            self.url = urlunsplit(parts._replace(path=f"/{self.name}"))

    @property
    def is_postgres(self) -> bool:
        return self.url is not None

    def _admin(self):
        import psycopg

        parts = urlsplit(self.base_url)
        return psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True, connect_timeout=10)

    def create(self) -> None:
        if self.is_postgres:
            with self._admin() as conn:
                conn.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        if self.is_postgres:
            with self._admin() as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def env(self) -> dict[str, str]:
        return {"DATABASE_URL": self.url} if self.is_postgres else {}

    def cards(self) -> list[tuple[uuid.UUID, int, int, str, str]]:
        """Every stored card: (client_id, participant, round, kind, text), read straight from the database."""
        query = "SELECT client_id, participant_id, round_id, kind, text FROM dialogues_conclusioncard"
        if self.is_postgres:
            import psycopg

            with psycopg.connect(self.url, connect_timeout=10) as conn:
                rows = conn.execute(query).fetchall()
        else:
            conn = sqlite3.connect(self.folder / "mia.sqlite3", timeout=20)
            try:
                rows = conn.execute(query).fetchall()
            finally:
                conn.close()
        return [(uuid.UUID(str(client_id)), participant, round_, kind, text)
                for client_id, participant, round_, kind, text in rows]


# --- the server process ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@dataclass
class ServerProcess:
    """``uvicorn mia.asgi:application --workers 2`` in its own process group, so that a kill
    takes the supervisor and its workers at once, like a crashed or OOM-killed host."""

    folder: Path
    database: ServerDatabase
    port: int = field(default_factory=free_port)
    workers: int = 2
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(64))
    process: subprocess.Popen | None = None
    starts: int = 0

    def env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
        env.update({
            "DJANGO_SETTINGS_MODULE": "mia.settings",
            "MIA_DEBUG": "false",
            "MIA_SECRET_KEY": self.secret_key,
            "MIA_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "MIA_DATA_DIR": str(self.folder),
            "MIA_LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        })
        env.update(self.database.env())
        return env

    def prepare(self, participants: int) -> dict:
        """Migrate the server's database and make the live session (see ``setup``)."""
        self.database.create()
        result = subprocess.run(
            [sys.executable, "-m", "mia.live.tests.server_process", "setup", str(participants)],
            cwd=REPO, env=self.env(), capture_output=True, text=True, timeout=300,
        )
        if result.returncode != 0:
            raise RuntimeError(f"setup failed:\n{result.stdout}\n{result.stderr}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    def step(self, session_id: int, name: str) -> dict:
        """A facilitator's step through another process on the same database (see ``step``)."""
        result = subprocess.run(
            [sys.executable, "-m", "mia.live.tests.server_process", "step", str(session_id), name],
            cwd=REPO, env=self.env(), capture_output=True, text=True, timeout=120,
        )
        if result.returncode != 0:
            raise RuntimeError(f"step failed:\n{result.stdout}\n{result.stderr}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    @property
    def log(self) -> Path:
        return self.folder / "uvicorn.log"

    def start(self, timeout: float = 90) -> None:
        assert self.process is None, "already running"
        self.starts += 1
        with self.log.open("a") as log:
            log.write(f"\n--- start {self.starts} ---\n")
            log.flush()
            self.process = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "mia.asgi:application", "--workers", str(self.workers),
                 "--host", HOST, "--port", str(self.port), "--no-access-log"],
                cwd=REPO, env=self.env(), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.wait_until_ready(timeout)

    def wait_until_ready(self, timeout: float) -> None:
        """Until /api/live/status answers twice in a row."""
        deadline = time.monotonic() + timeout
        answered = 0
        while answered < 2:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log_tail()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"server did not answer within {timeout} s:\n{self.log_tail()}")
            try:
                status, _body = request(self.port, "GET", "/api/live/status", timeout=2)
                answered = answered + 1 if status == 200 else 0
            except OSError:
                answered = 0
                time.sleep(0.1)

    def send_kill(self) -> None:
        """SIGKILL to the whole process group: supervisor and workers die mid-request, nothing is flushed."""
        if self.process is not None:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def kill(self) -> None:
        """``send_kill``, then wait until the process is gone and the port is closed."""
        if self.process is None:
            return
        self.send_kill()
        self.process.wait(timeout=30)
        self.process = None
        # The workers are gone when nothing accepts connections on the port any more.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((HOST, self.port), timeout=0.5):
                    pass
            except OSError:
                return
            time.sleep(0.05)
        raise RuntimeError("a worker survived SIGKILL of its process group")

    def restart(self) -> None:
        self.kill()
        self.start()

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def request(port: int, method: str, path: str, body: dict | None = None, timeout: float = 10) -> tuple[int, dict | str]:
    """One request on a fresh connection; OSError (refused, reset, timeout) when the server is gone."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        payload = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if payload is not None else {}
        conn.request(method, path, body=payload, headers=headers)
        response = conn.getresponse()
        raw = response.read()
    except http.client.HTTPException as exc:  # a connection cut mid-response
        raise ConnectionError(str(exc)) from exc
    finally:
        conn.close()
    try:
        data = json.loads(raw)
    except ValueError:
        data = raw.decode(errors="replace")
    return response.status, data


def put_card(port: int, token: str, client_id: uuid.UUID, round_id: int, kind: str, text: str, timeout: float = 10):
    return request(port, "PUT", f"/api/live/deelnemer/{token}/cards/{client_id}",
                   {"round": round_id, "kind": kind, "text": text}, timeout=timeout)


# --- the setup, run inside the server's environment ------------------------------------------


def setup(participants: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)

    from mia.dialogues.models import ConclusionCard
    from mia.instrument.loader import load_content_file
    from mia.live import actions
    from mia.tests.factories import make_assessment, make_dialogue, make_user

    load_content_file()
    owner = make_user("gespreksleider", role="kernteam")
    session = make_dialogue(make_assessment(owner), participants=participants, questions=1)
    ConclusionCard.objects.all().delete()  # make_dialogue writes example cards
    actions.start_live(session)
    round_ = actions.next_round(session)
    people = list(session.participants.order_by("number"))
    for person in people:
        actions.record_consent(person, accept=True)
    return {
        "session": session.pk,
        "round": round_.pk,
        "participants": [{"id": person.pk, "token": person.invite_token} for person in people],
    }


def step(session_id: int, name: str) -> dict:
    """A facilitator's step taken in another process (as on another server): the version moves."""
    import django

    django.setup()
    from mia.dialogues.models import DialogueSession
    from mia.live import actions

    session = DialogueSession.objects.get(pk=session_id)
    actions.STEPS[name](session)
    session.refresh_from_db()
    return {"version": session.live_version, "round": session.current_round_id}


if __name__ == "__main__":
    if sys.argv[1:2] == ["setup"]:
        print(json.dumps(setup(int(sys.argv[2]))))
    elif sys.argv[1:2] == ["step"]:
        print(json.dumps(step(int(sys.argv[2]), sys.argv[3])))
    else:
        raise SystemExit("usage: python -m mia.live.tests.server_process setup N | step SESSION STEP")
