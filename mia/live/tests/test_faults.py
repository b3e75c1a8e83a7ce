"""Fault tests of the live dialogue through a real server process.

``uvicorn mia.asgi:application --workers 2`` runs as in production (DEBUG off, its own
secret key and database: SQLite in a temporary folder, or a fresh PostgreSQL database when
the suite runs on PostgreSQL). Participants' phones are threads that PUT conclusion cards
over HTTP and retry what was not acknowledged, as the phone page does.

* The server is killed with SIGKILL (supervisor and workers) in the middle of a round and
  restarted on the same database: every card acknowledged before the kill is stored with
  its exact text, and after the retries every card is stored exactly once.
* A phone that sends the same card five times at once, and five times in a row, leaves
  one card.

(A participant who is offline for a minute is covered by the browser tests.)
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass

import pytest

from mia.live.tests.server_process import ServerDatabase, ServerProcess, put_card, request

PHONES = 24  # participants of the crash test, two cards each
RETRIERS = 1  # participants of the retry test
CLIENT_THREADS = 12
GIVE_UP_AFTER = 120  # seconds; only a safety net, the module takes about 20 s


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mia-server")
    database = ServerDatabase(folder, os.environ.get("DATABASE_URL"))
    process = ServerProcess(folder, database)
    try:
        session = process.prepare(participants=PHONES + RETRIERS)
        process.start()
        yield process, session
    finally:
        process.kill()
        database.drop()


@pytest.fixture
def running_server(server):
    """The module's server, running: a test that failed half-way may have left it killed."""
    process, session = server
    if process.process is None or process.process.poll() is not None:
        process.kill()
        process.start()
    return process, session


@dataclass(frozen=True)
class Card:
    token: str
    participant: int
    kind: str
    client_id: uuid.UUID
    text: str


class Phones:
    """Threads that send cards and retry each one until the server acknowledges it."""

    def __init__(self, process: ServerProcess, round_id: int, cards: list[Card], kill_after: int, pause: float = 0.02):
        self.process = process
        self.round_id = round_id
        self.cards = cards
        self.kill_after = kill_after
        self.killed = threading.Event()
        self.pause = pause
        self.lock = threading.Lock()
        self.acknowledged: dict[uuid.UUID, str] = {}
        self.trouble = Counter()
        self.wrong: list[str] = []
        self.deadline = time.monotonic() + GIVE_UP_AFTER
        self.threads = [threading.Thread(target=self._phone, args=(cards[i::CLIENT_THREADS],), daemon=True)
                        for i in range(CLIENT_THREADS)]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def join(self) -> None:
        for thread in self.threads:
            thread.join(timeout=max(1, self.deadline - time.monotonic()))

    def _phone(self, cards: list[Card]) -> None:
        for card in cards:
            while True:
                if time.monotonic() > self.deadline:
                    with self.lock:
                        self.wrong.append(f"gave up on {card.client_id}")
                    return
                try:
                    status, body = put_card(self.process.port, card.token, card.client_id, self.round_id, card.kind,
                                            card.text, timeout=5)
                except OSError as exc:  # refused while down, reset or timed out by the kill
                    with self.lock:
                        self.trouble[type(exc).__name__] += 1
                    time.sleep(0.05)
                    continue
                if status >= 500:
                    with self.lock:
                        self.trouble[f"HTTP {status}"] += 1
                    time.sleep(0.05)
                    continue
                with self.lock:
                    if status != 200 or body.get("client_id") != str(card.client_id) or body.get("text") != card.text:
                        self.wrong.append(f"{card.client_id}: {status} {body}")
                        return
                    self.acknowledged[card.client_id] = body["text"]
                    if len(self.acknowledged) == self.kill_after:
                        # Killed by the phone that got this answer, while the others are mid-request.
                        self.process.send_kill()
                        self.killed.set()
                break
            time.sleep(self.pause)


def make_cards(participants: list[dict]) -> list[Card]:
    return [
        Card(person["token"], person["id"], kind, uuid.uuid4(),
             f"{kind.capitalize()} van deelnemer {person['id']}: de bus rijdt ’s avonds niet — {uuid.uuid4().hex}")
        for person in participants
        for kind in ("conclusie", "idee")
    ]


def test_a_server_restarted_mid_round_loses_no_acknowledged_card(running_server):
    process, session = running_server
    cards = make_cards(session["participants"][:PHONES])
    by_id = {card.client_id: card for card in cards}
    phones = Phones(process, session["round"], cards, kill_after=len(cards) // 3)
    phones.start()
    try:
        assert phones.killed.wait(timeout=60), f"no progress: {phones.trouble} {phones.wrong}"
        process.kill()  # waits until supervisor and workers are gone

        # Whatever was acknowledged until now came from the killed server, and nothing was retried yet.
        with phones.lock:
            before_kill = dict(phones.acknowledged)
        stored = {row[0]: row for row in process.database.cards()}
        assert len(before_kill) < len(cards), "the kill came after the last card: not in the middle of the round"
        lost = {str(cid): text for cid, text in before_kill.items() if cid not in stored or stored[cid][4] != text}
        assert lost == {}, "acknowledged cards missing or changed after the kill"

        process.start()
        phones.join()
    finally:
        phones.deadline = 0  # stops the phones if the test failed half-way

    assert phones.wrong == [], process.log_tail()
    assert set(phones.acknowledged) == set(by_id), "not every card was acknowledged after the restart"
    assert sum(phones.trouble.values()) > 0, "the phones never noticed that the server was down"

    phone_ids = {card.participant for card in cards}
    rows = [row for row in process.database.cards() if row[1] in phone_ids or row[0] in by_id]
    assert sorted(row[0] for row in rows) == sorted(by_id), "every card stored exactly once, nothing else"
    assert {row[0]: row[4] for row in rows} == {card.client_id: card.text for card in cards}
    assert all((row[1], row[2], row[3]) == (by_id[row[0]].participant, session["round"], by_id[row[0]].kind)
               for row in rows)
    assert len({(row[1], row[3]) for row in rows}) == len(rows), "one card per participant and kind"

    # And the restarted server shows every phone its own cards.
    for person in session["participants"][:PHONES]:
        status, state = request(process.port, "GET", f"/api/live/deelnemer/{person['token']}/state")
        assert status == 200
        assert {card["text"] for card in state["cards"]} == {
            card.text for card in cards if card.participant == person["id"]}


def test_b_a_card_sent_five_times_is_stored_once(running_server):
    process, session = running_server
    person = session["participants"][PHONES]
    client_id = uuid.uuid4()
    text = f"Vijf keer verstuurd, één keer bewaard — {client_id.hex}"

    def send():
        return put_card(process.port, person["token"], client_id, session["round"], "conclusie", text, timeout=20)

    answers: list = []
    start = threading.Barrier(5)

    def at_once():
        start.wait(timeout=20)
        try:
            answers.append(send())
        except OSError as exc:
            answers.append((None, repr(exc)))

    threads = [threading.Thread(target=at_once, daemon=True) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(answers) == 5
    answers += [send() for _ in range(5)]

    rows = [row for row in process.database.cards() if row[1] == person["id"]]
    assert [(row[0], row[2], row[3], row[4]) for row in rows] == [(client_id, session["round"], "conclusie", text)]
    for status, body in answers:
        assert status == 200, (status, body)
        assert body["client_id"] == str(client_id) and body["text"] == text
