"""Fixtures for the inclusion app: the Stappenplan content, a trajectory of the owner's
organisation, and the three sides of every access rule (a member of the organisation, a user of
another organisation, anonymous). ``owner``, ``reader`` (a lezer of the same organisation) and
``stranger`` come from ``mia/conftest.py``."""

from __future__ import annotations

import pytest

from mia.inclusion import actions
from mia.inclusion.loader import load_stappenplan_file


@pytest.fixture
def stappenplan(db):
    return load_stappenplan_file()


@pytest.fixture
def organisation(owner):
    return owner.memberships.get().organisation


@pytest.fixture
def trajectory(stappenplan, owner, organisation):
    return actions.create_trajectory(
        owner, organisation, title="Inclusief sporten in Voorbeeldstad", municipality="Gemeente Voorbeeldstad"
    )


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client


@pytest.fixture
def stranger_client(client, stranger):
    client.force_login(stranger)
    return client
