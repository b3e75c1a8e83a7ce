"""The demo builds the youth dialogue's structure and an impact team with one finished advice, once."""

import pytest

from mia.advice.models import Structure
from mia.demo import advice_example


@pytest.mark.django_db
def test_the_demo_builds_both_structures_once(client):
    from django.contrib.auth import get_user_model

    from mia.accounts.models import Membership, Organisation

    org = Organisation.objects.create(name=advice_example.ORGANISATION)
    user = get_user_model().objects.create_user("demo", password="x")
    Membership.objects.create(user=user, organisation=org, role="kernteam")
    first = advice_example.load()
    assert "aangemaakt" in first
    youth = Structure.objects.get(uid=advice_example.YOUTH_UID)
    mit = Structure.objects.get(uid=advice_example.MIT_UID)
    assert youth.bodies.count() == 5 and youth.items.count() == 4
    t = mit.trajectories.get()
    d = t.decisions.get()
    assert (d.votes_for, d.votes_against, d.abstentions, d.unanimous, d.full_attendance) == (7, 1, 1, False, True)
    assert t.status == "uitgebracht" and t.public
    assert t.expert_inputs.count() == 3 and t.circle_inputs.count() == 2
    live = t.circle_inputs.get(mode="live")
    assert len(live.cards) == 6 and live.themes
    assert t.decisions.get().votes.filter(in_advice=True).count() == 1
    assert "niets gewijzigd" in advice_example.load()
    assert Structure.objects.count() == 2
    client.force_login(user)
    for url in (f"/adviesorganen/{mit.pk}/trajecten/{t.pk}/", f"/adviesorganen/{youth.pk}/", f"/adviesorganen/{youth.pk}/stukken/"):
        assert client.get(url).status_code == 200
    page = client.get(f"/adviesorganen/{mit.pk}/trajecten/{t.pk}/").content.decode()
    assert "Sluit scholen eerder, maar kort" in page and "7 voor, 1 tegen, 1 onthouding" in page


@pytest.mark.django_db
def test_overdue_items_are_marked(client):
    import datetime as dt

    from mia.advice import actions
    from mia.tests.factories import make_user

    user = make_user("teamlid")
    s = actions.create_structure(user, user.memberships.get().organisation, "S", template_key="jeugddialoog")
    pl, ob = s.bodies.get(key="platform"), s.bodies.get(key="opgroeiberaad")
    item = actions.send_item(s, user, sender=pl, receiver=ob, kind="adviesvraag", title="Oud", sent_on=dt.date(2020, 1, 1),
                             due_on=dt.date(2020, 2, 1))
    assert item.is_overdue
    client.force_login(user)
    assert "te laat" in client.get(f"/adviesorganen/{s.pk}/stukken/").content.decode()
