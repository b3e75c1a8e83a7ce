"""A body's members drawn by a fair panel selection of an MIA (the representative opgroeiberaad)."""

import pytest
from django.urls import reverse

from mia.advice import actions
from mia.advice.actions import AdviceError
from mia.advice.tests.conftest import body
from mia.panels.models import PanelPool, PanelSelection, Volunteer, VolunteerContact
from mia.tests.factories import make_assessment, make_user


def drawn(owner, n=3):
    assessment = make_assessment(owner, title="Loting opgroeiberaad")
    pool = PanelPool.objects.create(assessment=assessment, name="Jongeren en ouders", feature_names=["rol"])
    for i in range(n + 2):
        v = Volunteer.objects.create(pool=pool, external_id=f"p{i}", features={"rol": "jongere" if i % 2 else "ouder"})
        VolunteerContact.objects.create(volunteer=v, data={"Naam": f"Persoon {i}", "email": f"p{i}@example.org"})
    return PanelSelection.objects.create(pool=pool, size=n, algorithm="leximin", seed=1, result={"panel": [f"p{i}" for i in range(n)]})


def test_a_drawn_panel_becomes_members(youth, member):
    ob = body(youth, "opgroeiberaad")
    selection = drawn(member)
    assert actions.selections_for(youth, member) == [selection]
    assert actions.seat_panel(ob, member, selection) == 3
    people = list(ob.members.order_by("name"))
    assert [p.name for p in people] == ["Persoon 0", "Persoon 1", "Persoon 2"]
    assert people[1].organisation == "rol: jongere" and people[0].contact == "p0@example.org" and people[0].role == "lid"


def test_a_selection_of_another_organisation_is_refused(youth, member, outsider):
    selection = drawn(outsider)
    assert actions.selections_for(youth, member) == []
    with pytest.raises(AdviceError, match="niet kunt zien"):
        actions.seat_panel(body(youth, "opgroeiberaad"), member, selection)


def test_the_body_page_seats_a_panel(member_client, youth, member):
    ob = body(youth, "opgroeiberaad")
    selection = drawn(member)
    url = reverse("advice:seat_panel", args=[youth.pk, ob.pk])
    assert member_client.post(url, {"panel-selection": "999"}).status_code == 400
    r = member_client.post(url, {"panel-selection": selection.pk})
    assert r.status_code == 302 and ob.members.count() == 3
    stranger = make_user("vreemde", organisation="Elders")
    member_client.force_login(stranger)
    assert member_client.post(url, {"panel-selection": selection.pk}).status_code == 404
