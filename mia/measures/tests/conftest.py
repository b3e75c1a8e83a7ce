"""Personas and a filled workspace for the impact team's tests (factories through the app's actions)."""

from __future__ import annotations

import pytest

from mia.accounts.models import Organisation
from mia.measures import actions
from mia.tests.factories import make_user

ORG = "Ministerie van Sociale Zaken"


@pytest.fixture
def member(db):
    return make_user("teamlid", role="kernteam", organisation=ORG)


@pytest.fixture
def reader(db):
    return make_user("meelezer", role="lezer", organisation=ORG)


@pytest.fixture
def beheerder(db):
    return make_user("beheerder", role="beheerder", organisation=ORG)


@pytest.fixture
def outsider(db):
    return make_user("buitenstaander", role="kernteam", organisation="Andere gemeente")


@pytest.fixture
def workspace(member):
    return actions.create_workspace(member, Organisation.objects.get(name=ORG), "MIT werkruimte", "Voor tests.", "coronavirus")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


def fill(workspace):
    """Three measures in both scenarios, groups on them, a package, an indicator and a weighing."""
    light, heavy = workspace.scenarios.all()
    groups = list(workspace.groups.all())
    m1 = actions.create_measure(workspace, title="Thuiswerkadvies", scenarios=[light, heavy], nature="vrijwillig",
                                impact_if_not_taken="Meer besmettingen op het werk.")
    m2 = actions.create_measure(workspace, title="Scholen dicht", scenarios=[heavy], nature="verplichtend")
    m3 = actions.create_measure(workspace, title="Avondklok", scenarios=[heavy], nature="verplichtend")
    actions.place_on_ladder(heavy, {
        m1.pk: {"social_level": 2, "economic_level": 2, "effectiveness_level": 3},
        m2.pk: {"social_level": 5, "economic_level": 3, "effectiveness_level": 4},
        m3.pk: {"social_level": 4, "economic_level": 2, "effectiveness_level": 2},
    })
    actions.set_group_impact(m2, groups[0], vulnerable_to="maatregel", severity=5, duration="lang")
    actions.set_group_impact(m3, groups[0], vulnerable_to="beide", severity=4, duration="kort")
    actions.set_group_impact(m3, groups[1], vulnerable_to="maatregel", severity=3, duration="kort")
    actions.add_source(m2, kind="expert", title="Gesprek over onderwijsachterstanden", person="Dr. J. de Vries", organisation="SCP")
    actions.add_consideration(m2, kind="dilemma", text="Gezondheid van ouderen tegenover leerachterstand van kinderen.")
    package = actions.create_package(workspace, kind="pakket", name="Lockdownpakket", measures=[m2, m3])
    weighing = actions.create_weighing(workspace, scenario=heavy, name="Afweging zwaar", occasion="gevraagd", measures=[m1, m2, m3])
    for criterion in weighing.criteria.filter(kind="waarde"):
        actions.set_scores(weighing, {(criterion.pk, m1.pk): 4, (criterion.pk, m2.pk): 2, (criterion.pk, m3.pk): 1})
    return {"light": light, "heavy": heavy, "measures": [m1, m2, m3], "package": package, "weighing": weighing}


@pytest.fixture
def filled(workspace):
    return fill(workspace)
