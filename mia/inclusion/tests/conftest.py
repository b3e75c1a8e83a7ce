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


@pytest.fixture
def full_trajectory(trajectory):
    """A trajectory with one of everything, so every URL has an object to point at."""
    import datetime as dt
    from decimal import Decimal

    actions.save_answer(trajectory, "1-3", state="weet-niet", owner="Sanne", ways=["collegas"])
    check = actions.create_check(trajectory, name="Sportbeleid")
    actions.save_factor_answers(check, {"leeftijd": {"anders": "Ouderen vallen buiten de regeling."}})
    actions.add_intersection(check, factors=["leeftijd", "gezondheid"], note="Ouderen met een chronische ziekte.")
    group = trajectory.working_group
    actions.add_member(group, name="Anna Jansen", role="beleidsadviseur", kind="collega", perspectives=["leeftijd"])
    actions.change_role(group, role="aanjager", since=dt.date(2026, 1, 1))
    actions.add_activity(trajectory.participation, form="wijkgesprekken", title="Wijkgesprek Noord")
    plan = trajectory.monitoring
    goal = actions.add_goal(plan, kind="outcome", text="Iedereen voelt zich welkom")
    indicator = actions.add_indicator(plan, name="Voelt zich welkom", goal=goal, unit="%", direction="hoger")
    actions.add_measurement(indicator, measured_on=dt.date(2025, 1, 1), value=Decimal("40"))
    actions.add_qualitative(plan, kind="interview", summary="Drie gesprekken.", indicator=indicator)
    trajectory.refresh_from_db()
    return trajectory
