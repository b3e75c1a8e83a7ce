"""Issue 11 item 14: a superuser works on other organisations' data in the admin only. In the app
they see and create MIAs, series, structures, workspaces, programmes and trajectories only in the
organisations they are a member of, like anyone else (Django's ``user.has_perm`` lets a superuser
pass every check, so the apps ask ``rules.has_perm``)."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from mia.accounts.models import Membership, Organisation
from mia.tests.factories import PASSWORD, make_assessment, make_user

pytestmark = pytest.mark.django_db

OWN, OTHER = "Eigen gemeente", "Andere gemeente"
MANDATE = "adviesraad"


@pytest.fixture
def other_org(content):
    make_user("elders", organisation=OTHER)
    return Organisation.objects.get(name=OTHER)


@pytest.fixture
def own_org(db):
    return Organisation.objects.get_or_create(name=OWN)[0]


@pytest.fixture
def boss(own_org):
    """A superuser who is kernteam in their own organisation only."""
    user = get_user_model().objects.create_superuser("baas", "baas@example.org", PASSWORD)
    Membership.objects.create(user=user, organisation=own_org, role="kernteam")
    return user


@pytest.fixture
def boss_client(client, boss):
    client.force_login(boss)
    return client


def _elders():
    return get_user_model().objects.get(username="elders")


def test_superuser_without_a_kernteam_role_cannot_start_an_mia(client, content, other_org):
    from mia.assessments.models import Assessment

    boss = get_user_model().objects.create_superuser("baas", "baas@example.org", PASSWORD)
    client.force_login(boss)
    assert client.get(reverse("assessments:create")).status_code == 403
    assert client.post(reverse("assessments:create"), {"title": "Een MIA", "description": ""}).status_code == 403
    # A reader's role does not let anyone start one either, and the MIA never lands in that organisation.
    Membership.objects.create(user=boss, organisation=other_org, role="lezer")
    assert client.post(reverse("assessments:create"), {"title": "Een MIA", "description": ""}).status_code == 403
    assert not Assessment.objects.exists()


def test_superuser_starts_an_mia_in_their_own_organisation(boss_client, boss, own_org, other_org):
    from mia.assessments.models import Assessment

    Membership.objects.create(user=boss, organisation=other_org, role="lezer")
    Membership.objects.filter(user=boss, organisation=own_org).delete()
    Membership.objects.create(user=boss, organisation=own_org, role="kernteam")  # the later membership
    response = boss_client.post(reverse("assessments:create"), {"title": "Een MIA", "description": ""})
    assert response.status_code == 302
    assert Assessment.objects.get().organisation == own_org  # not the first membership (a lezer's)


def test_superuser_cannot_open_another_organisations_consultation(boss_client, other_org):
    from mia.consultations import actions

    series = actions.create_series(_elders(), other_org, title="Reeks van elders")
    for url in (reverse("consultations:series", args=[series.pk]), reverse("consultations:list")):
        response = boss_client.get(url)
        assert "Reeks van elders" not in response.content.decode(), url
    assert boss_client.get(reverse("consultations:series", args=[series.pk])).status_code == 404


def test_superuser_cannot_start_a_consultation_in_another_organisation(boss_client, own_org, other_org):
    from mia.consultations.models import Series

    data = {"title": "Reeks", "commissioner": "", "description": "", "features": "leeftijd: jong, oud",
            "retention_until": (dt.date.today() + dt.timedelta(days=30)).isoformat()}
    assert boss_client.post(reverse("consultations:create"), {**data, "organisation": other_org.pk}).status_code == 400
    assert not Series.objects.exists()
    assert boss_client.post(reverse("consultations:create"), {**data, "organisation": own_org.pk}).status_code == 302
    assert Series.objects.get().organisation == own_org


def test_superuser_cannot_open_or_start_an_advice_structure_elsewhere(boss_client, own_org, other_org):
    from mia.advice import actions
    from mia.advice.models import Structure

    structure = actions.create_structure(_elders(), other_org, "Structuur van elders")
    body = actions.add_body(structure, name="Raad van elders", mandate_key=MANDATE)
    assert boss_client.get(reverse("advice:structure", args=[structure.pk])).status_code == 404
    assert "Structuur van elders" not in boss_client.get(reverse("advice:list")).content.decode()
    assert boss_client.get(reverse("advice:body", args=[structure.pk, body.pk])).status_code == 404
    data = {"name": "Nieuw", "template_key": "", "description": ""}
    assert boss_client.post(reverse("advice:create"), {**data, "organisation": other_org.pk}).status_code == 400
    assert not Structure.objects.filter(name="Nieuw").exists()
    assert boss_client.post(reverse("advice:create"), {**data, "organisation": own_org.pk}).status_code == 302
    assert Structure.objects.get(name="Nieuw").organisation == own_org


def test_superuser_cannot_start_an_impact_team_workspace_elsewhere(boss_client, own_org, other_org):
    from mia.measures.models import Workspace

    page = boss_client.get(reverse("measures:list")).content.decode()
    assert OTHER not in page
    data = {"name": "Werkruimte", "crisis": "", "description": ""}
    assert boss_client.post(reverse("measures:create"), {**data, "organisation": other_org.pk}).status_code == 400
    assert not Workspace.objects.exists()
    assert boss_client.post(reverse("measures:create"), {**data, "organisation": own_org.pk}).status_code == 302
    assert Workspace.objects.get().organisation == own_org


def test_superuser_cannot_start_a_programme_elsewhere(boss_client, boss, own_org, other_org):
    from mia.programmes import actions
    from mia.programmes.models import Programme

    with pytest.raises(actions.ProgrammeError):
        actions.create_programme(boss, "Programma", "", other_org)
    assert set(actions.organisations_for(boss)) == {own_org}
    # Two organisations to choose from (a reader's role elsewhere gives none): the form offers only their own.
    Membership.objects.create(user=boss, organisation=other_org, role="lezer")
    response = boss_client.post(reverse("programmes:create"), {"title": "Programma", "description": "", "organisation": other_org.pk})
    assert response.status_code in (302, 400)
    assert not Programme.objects.filter(organisation=other_org).exists()
    # The command line is the operator's: there a superuser may still name any organisation.
    assert actions.create_programme(boss, "Via de CLI", "", other_org, operator=True).organisation == other_org


def test_superuser_without_membership_cannot_start_a_trajectory(client, content, other_org):
    boss = get_user_model().objects.create_superuser("baas", "baas@example.org", PASSWORD)
    client.force_login(boss)
    # Was a server error: the permission let them in, and there was no organisation to create it in.
    assert client.get(reverse("inclusion:create")).status_code == 403
    assert client.post(reverse("inclusion:create"), {"title": "T", "municipality": "G", "description": ""}).status_code == 403
    assert 'href="/inclusie/nieuw/"' not in client.get(reverse("inclusion:list")).content.decode()


def test_superuser_sees_no_jobs_of_other_organisations(boss_client, other_org):
    from mia.jobs.models import Job

    assessment = make_assessment(_elders(), title="MIA van elders")
    job = Job.objects.create(kind="analysis.themes", subject=f"assessment:{assessment.pk}", created_by=_elders())
    assert boss_client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
