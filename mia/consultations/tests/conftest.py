"""Fixtures for the consultations app: a series of the owner's organisation with two questions and
three sessions, sign-ups, and the three sides of every access rule (``owner``, ``reader`` and
``stranger`` come from ``mia/conftest.py``)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mia.consultations import actions
from mia.consultations.models import IntakeStatus


@pytest.fixture
def organisation(owner):
    return owner.memberships.get().organisation


@pytest.fixture
def series(content, owner, organisation):
    record = actions.create_series(owner, organisation, title="Samenleven in verschil", commissioner="Ministerie van SZW")
    actions.set_signup_open(record, True)
    return record


@pytest.fixture
def questions(series):
    return [
        actions.add_question(series, theme="Verhalen", text="Welke verhalen en opgaven verbinden ons als inwoners van Nederland?"),
        actions.add_question(series, theme="Spelregels", text="Wat zijn goede spelregels voor samenleven in Nederland?"),
    ]


@pytest.fixture
def sessions(series, questions, owner):
    return [
        actions.add_session(series, owner, title="Amsterdam", place="Amsterdam", setting="stedelijk", questions=[questions[0]]),
        actions.add_session(series, owner, title="Zwolle", place="Zwolle", setting="landelijk", questions=[questions[0]]),
        actions.add_session(series, owner, title="Utrecht", place="Utrecht", setting="stedelijk", questions=[questions[1]]),
    ]


def make_signups(series, sessions, n: int = 30):
    features = series.features
    people = []
    for i in range(n):
        # Spread every feature over its categories, each with its own rhythm.
        combo = [f["categories"][(i // (k + 1)) % len(f["categories"])] for k, f in enumerate(features)]
        people.append(actions.sign_up(series, name=f"Persoon {i}", phone=f"06{i:08d}", features={f["name"]: v for f, v in zip(features, combo, strict=True)},
                                      available=sessions, heard_via="flyer", consent=True))
    return people


@pytest.fixture
def signups(series, sessions):
    return make_signups(series, sessions)


def attend(session, people):
    for person in people:
        invitation = actions.add_invitation(session, person)
        actions.set_intake_status(invitation, IntakeStatus.AANWEZIG)


@pytest.fixture
def draft(questions, sessions, signups):
    attend(sessions[0], signups[:6])
    actions.save_notes(sessions[0], "diepte", "Mensen vertelden over hun buurt en de markt.")
    actions.add_advice(sessions[0], level="lokaal", text="Zorg voor een buurthuis dat open is in het weekend.")
    draft = actions.make_draft(questions[0])
    actions.set_deadline(draft, timezone.now() + dt.timedelta(days=7))
    return draft


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


@pytest.fixture
def stranger_client(client, stranger):
    client.force_login(stranger)
    return client
