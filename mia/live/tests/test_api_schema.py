"""Schemathesis against the live API's own OpenAPI schema (/api/openapi.json).

Every operation of the schema gets generated requests (schemathesis' examples, coverage
and fuzzing phases, valid and invalid data), sent in-process to the Django WSGI
application. Every response must be no server error (5xx) and must conform to the schema:
documented status code, content type and body, plus schemathesis' other default checks
(valid data accepted, invalid data rejected, authentication not ignored, ...). Two passes:

* anonymous: generated path parameters, bodies and cookies, as a stranger would send;
* identified: the path carries the real participant token, session id or assessment id,
  most bodies a real round or session code, and every request the facilitator's session
  cookie with a CSRF token, so that generated bodies reach the real validation and write
  code (cards saved, consent recorded, participants joining, rounds steered).

``test_edge_inputs`` sends inputs the bounded generation rarely produces, with the same
response checks.

Deterministic (derandomized Hypothesis, fixed schemathesis seed, no example database) and
bounded in examples: about 20 s on SQLite, 30 s on PostgreSQL.

The served schema documents the error answers of ninja itself (400 unreadable body, 422
invalid input, 401 not logged in, 403 CSRF): ``test_served_schema_documents_every_error_status``.
``test_edge_inputs`` keeps two bugs this test found fixed: NUL characters (a 500 on
PostgreSQL) and ``since`` dates beyond the datetime range (a 500 on SQLite).
"""

from __future__ import annotations

import json
import secrets
import string
from dataclasses import dataclass

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from mia.dialogues.models import ConclusionCard, DialogueSession, Participant, Round
from mia.live import actions
from mia.live.models import JoinAttempt
from mia.tests.factories import make_dialogue

pytestmark = pytest.mark.django_db

SCHEMA_PATH = "/api/openapi.json"
HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}

CONFIG = {
    "seed": 20240611,
    "checks": {
        # A schema-valid request may still be refused because of the session's state: a
        # closing card in a normal round, a text of spaces only (both 422 with a Problem
        # body). The defaults already allow 404, 409 and 429 for the same reason.
        "positive_data_acceptance": {"expected-statuses": ["2xx", "401", "403", "404", "409", "422", "429"]},
    },
}

EXAMPLES = settings(
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    # Function-scoped fixtures are deliberate: one database transaction per operation, and
    # every example resets the live session it needs (Live.reset).
    suppress_health_check=list(HealthCheck),
)


def _served_schema() -> tuple[dict, object]:
    """The schema exactly as the application serves it, and the WSGI application.

    Serving the schema needs no database, so this runs at collection. (schemathesis' lazy
    ``schemathesis.pytest.from_fixture`` loader fails under pytest 9.2: it sets
    ``node._nodeid``, which pytest 9.2 no longer has.)"""
    from django.core.wsgi import get_wsgi_application
    from werkzeug.test import Client

    app = get_wsgi_application()
    response = Client(app).get(SCHEMA_PATH, headers={"Host": "localhost"})
    assert response.status_code == 200, response.get_data(as_text=True)
    return json.loads(response.get_data(as_text=True)), app


def _operations(raw: dict):
    for path, item in raw["paths"].items():
        for method, operation in item.items():
            if method in HTTP_METHODS:
                yield path, method, operation


def error_statuses(method: str, operation: dict) -> set[str]:
    """The error statuses an operation can answer with, whatever its own code does."""
    statuses = set()
    if "requestBody" in operation:
        statuses |= {"400", "422"}  # unreadable JSON; a body that does not fit the schema
    if operation.get("parameters"):
        statuses.add("422")  # a path or query parameter that does not fit the schema
    if operation.get("security"):
        statuses.add("401")  # not logged in
        if method not in ("get", "head", "options"):
            statuses.add("403")  # logged in without a valid CSRF token
    return statuses


SERVED, APP = _served_schema()
schema = schemathesis.openapi.from_dict(SERVED, config=schemathesis.Config.from_dict(CONFIG))
schema.app = APP  # as schemathesis.openapi.from_wsgi does: requests go to the app in-process


def test_served_schema_documents_every_error_status():
    missing = {
        f"{method.upper()} {path}": sorted(error_statuses(method, operation) - set(operation["responses"]))
        for path, method, operation in _operations(SERVED)
    }
    assert {label: statuses for label, statuses in missing.items() if statuses} == {}


@pytest.fixture(autouse=True)
def in_process_requests(db, monkeypatch):
    """Requests run in this thread inside the test's transaction. Like Django's test client,
    keep Django from closing that connection at the start and end of every request."""
    from mia.live import waiting

    # A long poll with a generated `wait` would hold a case up to 25 s; waiting itself is
    # covered in test_live.py. (The API's `le=25` bound was fixed at import.)
    monkeypatch.setattr(waiting, "MAX_WAIT_SECONDS", 0.05)
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@dataclass
class Live:
    session: DialogueSession
    first_round: int
    rounds: list[int]
    participant: Participant
    session_key: str
    csrf: str

    def reset(self) -> None:
        """Before every case: the session live, its first round open, the participant consenting.

        Generated steering (close, next_round), consent answers and wrong codes would
        otherwise leave every later case refused for the same reason."""
        JoinAttempt.objects.all().delete()
        self.session.refresh_from_db()
        actions.start_live(self.session)
        actions.open_round(self.session, Round.objects.get(pk=self.first_round))
        self.participant.refresh_from_db()
        actions.record_consent(self.participant, accept=True)


class FacilitatorLogin:
    """The facilitator's session cookie and CSRF token, as explicit authentication: schemathesis
    then also checks that the same request without it, or with a made-up session, is refused."""

    current: Live | None = None

    def get(self, case, context):
        return FacilitatorLogin.current

    def set(self, case, data: Live, context):
        case.cookies = {**(case.cookies or {}), "sessionid": data.session_key}
        case.headers = {**(case.headers or {}), "X-CSRFToken": data.csrf}


@pytest.fixture
def live(assessment, owner):
    from django.test import Client

    session = make_dialogue(assessment, participants=3, questions=2)
    ConclusionCard.objects.all().delete()
    actions.start_live(session)
    first_round = actions.next_round(session)
    browser = Client()
    browser.force_login(owner)  # a real session row, sent as the sessionid cookie
    csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
    FacilitatorLogin.current = Live(
        session=session,
        first_round=first_round.pk,
        rounds=list(session.rounds.values_list("pk", flat=True)),
        participant=session.participants.first(),
        session_key=browser.cookies["sessionid"].value,
        csrf=csrf,
    )
    yield FacilitatorLogin.current
    FacilitatorLogin.current = None


@schema.parametrize()
@EXAMPLES
def test_anonymous_generated_requests(case):
    case.call_and_validate()


@schema.parametrize()
@schema.given(data=st.data())
@schema.auth(FacilitatorLogin, refresh_interval=None)
@EXAMPLES
def test_identified_generated_requests(case, data, live):
    """Real identifiers and a logged-in facilitator (the anonymous pass covers made-up ones);
    real rounds and session codes in most bodies, generated ones in the rest."""

    def mostly(label: str) -> bool:
        return data.draw(st.integers(0, 3), label=label) > 0

    live.reset()
    params = case.path_parameters if case.path_parameters is not None else {}
    if "token" in params:
        params["token"] = live.participant.invite_token
    if "session_id" in params:
        params["session_id"] = live.session.pk
    if "assessment_id" in params:
        params["assessment_id"] = live.session.assessment_id
    if isinstance(case.body, dict):
        if "round" in case.body and mostly("real round"):
            case.body["round"] = data.draw(st.sampled_from(live.rounds), label="round")
        if "code" in case.body and mostly("real code"):
            case.body["code"] = data.draw(st.sampled_from([live.session.join_code, live.session.join_code.lower()]))
    case.meta  # noqa: B018  re-classifies the edited case as valid or invalid input, for the checks
    # The CSRF cookie goes with the call, not on the case: the schema declares no such cookie,
    # so schemathesis would judge every case carrying it as invalid input.
    case.call_and_validate(cookies={"csrftoken": live.csrf})


CARDS = ("/api/live/deelnemer/{token}/cards/{client_id}", "PUT")
CARD_ID = "3f1b8a52-3c55-4c4e-9a51-0c4d2f6f2a10"


def _edge(id_, operation, *, path=None, query=None, body=None):
    return pytest.param(operation, path or {}, query or {}, body, id=id_)


@pytest.mark.parametrize(("operation", "path", "query", "body"), [
    _edge("card text with NUL", CARDS, body={"round": "ROUND", "kind": "idee", "text": "a\x00b"},
          path={"token": "TOKEN", "client_id": CARD_ID}),
    _edge("card token with NUL", CARDS, body={"round": "ROUND", "kind": "idee", "text": "ab"},
          path={"token": "to\x00ken", "client_id": CARD_ID}),
    _edge("state token with NUL", ("/api/live/deelnemer/{token}/state", "GET"), path={"token": "to\x00ken"}),
    _edge("consent name with NUL", ("/api/live/deelnemer/{token}/consent", "POST"), path={"token": "TOKEN"},
          body={"accept": True, "display_name": "An\x00na"}),
    _edge("join name with NUL", ("/api/live/join", "POST"),
          body={"code": "CODE", "accept": True, "display_name": "\x00"}),
    _edge("join code with NUL", ("/api/live/join", "POST"), body={"code": "\x00", "accept": True}),
    _edge("wall since year 1 east of UTC", ("/api/live/sessies/{session_id}", "GET"), path={"session_id": "SESSION"},
          query={"since": "0001-01-01T00:00:00+14:00"}),
    _edge("wall since year 9999 west of UTC", ("/api/live/sessies/{session_id}", "GET"),
          path={"session_id": "SESSION"}, query={"since": "9999-12-31T23:59:59-14:00"}),
    _edge("wall of a session id beyond 64 bits", ("/api/live/sessies/{session_id}", "GET"),
          path={"session_id": 2**64}),
    _edge("card in a round id at the bound", CARDS, body={"round": 2**31 - 1, "kind": "idee", "text": "ab"},
          path={"token": "TOKEN", "client_id": CARD_ID}),
])
def test_edge_inputs(live, operation, path, query, body):
    """Inputs that the bounded generated runs rarely or never produce (NUL characters, datetimes
    at the edge of the range, ids beyond 64 bits), checked on every run: no server error,
    and a documented status, content type and body."""
    real = {"TOKEN": live.participant.invite_token, "ROUND": live.first_round, "CODE": live.session.join_code,
            "SESSION": live.session.pk}

    def fill(values):
        return {key: real.get(value, value) if isinstance(value, str) else value for key, value in values.items()}

    live.reset()
    route, method = operation
    api_operation = schema[route][method]
    login = {}
    if api_operation.definition.raw.get("security"):
        # Only where needed: with a session, a 500 inside the test's transaction would also
        # break the session save after it, which hides the server error behind another one.
        login = {"cookies": {"sessionid": live.session_key}, "headers": {"X-CSRFToken": live.csrf}}
    case = api_operation.Case(
        path_parameters=fill(path), query=fill(query), **login,
        **({"body": fill(body), "media_type": "application/json"} if body is not None else {}),
    )
    checks = schemathesis.checks
    case.call_and_validate(cookies={"csrftoken": live.csrf}, checks=[
        checks.not_a_server_error, checks.status_code_conformance, checks.content_type_conformance,
        checks.response_schema_conformance,
    ])
