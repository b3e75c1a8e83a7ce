"""Round notices through real server processes: push across processes and servers, and restarts.

Two ``uvicorn mia.asgi:application --workers 2`` servers on one database (as two machines
behind a proxy). A facilitator's step is taken in a third process. Phones wait with long
polls (``/state?version=V&wait=25``) and with event streams (``/stream``):

* a step taken elsewhere wakes phones on both servers (on PostgreSQL through NOTIFY, which
  every worker LISTENs to; on SQLite through the workers' reading of the versions), well before
  their wait would have ended;
* a server killed while phones wait, with a step taken while it is down, tells the phones of
  that step as soon as they reconnect: nothing is lost (long poll: the version they send;
  event stream: ``Last-Event-ID``).
"""

from __future__ import annotations

import http.client
import json
import os
import threading
import time

import pytest

from mia.live.tests.server_process import HOST, ServerDatabase, ServerProcess, request

WAIT = 25  # what the phone asks for; an answer before it is a notice, not a timeout


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mia-push")
    database = ServerDatabase(folder, os.environ.get("DATABASE_URL"))
    first, second = ServerProcess(folder, database), ServerProcess(folder, database)
    try:
        session = first.prepare(participants=4)
        first.start()
        second.start()
        yield first, second, session
    finally:
        first.kill()
        second.kill()
        database.drop()


def version_of(server: ServerProcess, token: str) -> int:
    status, state = request(server.port, "GET", f"/api/live/deelnemer/{token}/state")
    assert status == 200
    return state["version"]


class LongPoll(threading.Thread):
    """One phone's long poll, answered by a change (200) or by the end of its wait (204)."""

    def __init__(self, server: ServerProcess, token: str, version: int):
        super().__init__(daemon=True)
        self.server, self.token, self.version = server, token, version
        self.answer: tuple[int, dict | str] | None = None
        self.started = threading.Event()

    def run(self) -> None:
        self.started.set()
        try:
            self.answer = request(self.server.port, "GET",
                                  f"/api/live/deelnemer/{self.token}/state?version={self.version}&wait={WAIT}",
                                  timeout=WAIT + 20)
        except OSError as exc:  # the server went away mid-wait
            self.answer = (0, repr(exc))


def read_events(port: int, token: str, version: int, last_event_id: str | None = None, want: int = 1,
                timeout: float = WAIT + 20) -> list[dict]:
    """Open the event stream and read ``want`` state events (or until the stream ends)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    headers = {"Accept": "text/event-stream"}
    if last_event_id is not None:
        headers["Last-Event-ID"] = last_event_id
    events, current = [], {}
    try:
        conn.request("GET", f"/api/live/deelnemer/{token}/stream?version={version}&wait={WAIT}", headers=headers)
        response = conn.getresponse()
        assert response.status == 200 and response.getheader("Content-Type").startswith("text/event-stream")
        while len(events) < want:
            line = response.readline()
            if not line:
                break
            line = line.decode().rstrip("\n")
            if not line:
                if "data" in current:
                    events.append({"id": current.get("id"), **json.loads(current["data"])})
                current = {}
            elif not line.startswith(":"):
                key, _sep, value = line.partition(": ")
                current[key] = value
    finally:
        conn.close()
    return events


def wait_until_waiting(server: ServerProcess, token: str, polls: list[LongPoll]) -> None:
    for poll in polls:
        poll.start()
        poll.started.wait(5)
    # The polls are inside their wait once a plain request behind them has been answered.
    version_of(server, token)


def test_a_step_taken_elsewhere_wakes_phones_on_both_servers(servers):
    first, second, session = servers
    people = session["participants"]
    before = version_of(first, people[0]["token"])
    polls = [LongPoll(first, people[0]["token"], before), LongPoll(second, people[1]["token"], before)]
    wait_until_waiting(second, people[1]["token"], polls)
    streamed: list = []
    stream = threading.Thread(target=lambda: streamed.extend(read_events(second.port, people[2]["token"], before)),
                              daemon=True)
    stream.start()
    version_of(second, people[2]["token"])

    after = first.step(session["session"], "close_round")["version"]
    for poll in polls:
        poll.join(WAIT + 25)
    stream.join(WAIT + 25)

    for poll in polls:
        status, state = poll.answer
        assert status == 200, "woken by the step, not by the end of the wait"
        assert state["version"] == after and state["phase"] == "pauze" and state["consent"] is True
    assert [event["version"] for event in streamed] == [after]
    assert streamed[0]["id"] == str(after) and streamed[0]["phase"] == "pauze"
    # The state from the session's snapshot is the same as the full one, own cards included.
    status, full = request(first.port, "GET", f"/api/live/deelnemer/{people[0]['token']}/state")
    assert polls[0].answer[1] == full


@pytest.mark.skipif(not os.environ.get("DATABASE_URL"), reason="NOTIFY needs PostgreSQL")
def test_every_worker_of_every_server_listens_for_notices(servers):
    first, second, session = servers
    import psycopg

    # Each worker starts its listener with its first waiting phone; make every worker wait once. The
    # kernel hands each connection to either worker, so ask until every worker has had one (or 30 s).
    token = session["participants"][3]["token"]
    version = version_of(first, token)
    expected, deadline = first.workers + second.workers, time.monotonic() + 30
    while True:
        for server in (first, second):
            for _ in range(6):
                request(server.port, "GET", f"/api/live/deelnemer/{token}/state?version={version}&wait=1", timeout=10)
        with psycopg.connect(first.database.url) as conn:
            listeners = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'mia-live-listener' "
                                     "AND datname = current_database()").fetchone()[0]
        if listeners >= expected or time.monotonic() > deadline:
            break
    assert listeners == expected


def test_a_restarted_server_tells_reconnecting_phones_what_they_missed(servers):
    first, second, session = servers
    token = session["participants"][0]["token"]
    before = version_of(first, token)
    poll = LongPoll(first, token, before)
    wait_until_waiting(first, token, [poll])

    first.kill()  # the phone's connection breaks mid-wait
    poll.join(20)
    assert poll.answer is None or poll.answer[0] != 200
    after = second.step(session["session"], "next_round")["version"]  # while the server is down
    first.start()

    # The phone asks again with the version it knows: the answer comes at once, with the new round.
    status, state = request(first.port, "GET", f"/api/live/deelnemer/{token}/state?version={before}&wait={WAIT}",
                            timeout=WAIT + 20)
    assert status == 200 and state["version"] == after and state["phase"] == "ronde"
    # An event stream that reconnects with the id of the last event it saw gets the missed one first.
    events = read_events(first.port, token, -1, last_event_id=str(before))
    assert [event["version"] for event in events] == [after] and events[0]["phase"] == "ronde"
