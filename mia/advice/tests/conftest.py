"""Personas and structures for the advice tests (factories through the app's actions)."""

from __future__ import annotations

import pytest

from mia.accounts.models import Organisation
from mia.advice import actions
from mia.tests.factories import make_user

ORG = "Ministerie van Sociale Zaken"


@pytest.fixture
def member(db):
    return make_user("adviesteam", role="kernteam", organisation=ORG)


@pytest.fixture
def reader(db):
    return make_user("meelezer", role="lezer", organisation=ORG)


@pytest.fixture
def outsider(db):
    return make_user("buitenstaander", role="kernteam", organisation="Andere gemeente")


@pytest.fixture
def organisation(member):
    return Organisation.objects.get(name=ORG)


@pytest.fixture
def youth(member, organisation):
    return actions.create_structure(member, organisation, "Dialoog opgroeien", template_key="jeugddialoog")


@pytest.fixture
def mit(member, organisation):
    return actions.create_structure(member, organisation, "MIT", template_key="impactteam")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def body(structure, key):
    return structure.bodies.get(key=key)


def seat_members(body_, n=9):
    """A chair and n-1 members."""
    people = [actions.add_member(body_, name="Voorzitter Jansen", role="voorzitter", organisation="Universiteit")]
    people += [actions.add_member(body_, name=f"Lid {i}", role="lid", organisation=f"Organisatie {i}") for i in range(2, n + 1)]
    return people


def finished_inputs(trajectory, user):
    """Two expert inputs and one practice circle input."""
    s = trajectory.structure
    experts = list(s.experts.all()[:2])
    for e in experts:
        actions.record_expert_input(trajectory, expert=e, summary=f"Inbreng van {e.organisation}.")
    actions.record_circle_input(trajectory, user, circle=s.circles.get(name="jongeren"), summary="Jongeren missen hun vrienden.")
    return experts
