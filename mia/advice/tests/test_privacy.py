"""Export, erasure and retention of members, experts and story tellers."""

import datetime as dt

from django.utils import timezone

from mia.advice import actions, privacy
from mia.advice.tests.conftest import body, seat_members


def test_person_data_and_erasure(mit, member):
    m = body(mit, "mit")
    people = seat_members(m, 3)
    actions.update_body(m, quorum=3)
    t = actions.create_trajectory(mit, body=m, title="T")
    actions.add_expert(mit, kind="pool", organisation="Uni", name="Lid 2", area="zorg", contact="l2@example.org")
    votes = {p.pk: {"choice": "voor"} for p in people}
    votes[people[1].pk] = {"choice": "tegen", "reason": "Nee.", "minority_opinion": "Anders.", "in_advice": True}
    actions.record_decision(t, member, held_on=dt.date(2026, 1, 5), present=people, votes=votes)
    actions.add_story(t, title="S", text="Verhaal.", consent=True, teller="Lid 2")
    data = privacy.person_data("lid 2")
    assert data["leden"][0]["stemmen"][0]["minderheidsstandpunt"] == "Anders."
    assert data["experts"][0]["contact"] == "l2@example.org" and data["verhalen"][0]["titel"] == "S"
    assert privacy.erase_person("Lid 2") == 3
    assert privacy.person_data("Lid 2") == {"leden": [], "experts": [], "verhalen": []}
    people[1].refresh_from_db()
    assert people[1].name.startswith("Voormalig lid") and not people[1].votes_cast.get().minority_opinion
    assert privacy.erase_person("  ") == 0


def test_retention_removes_contacts_after_the_term(mit, member):
    m = body(mit, "mit")
    old = actions.add_member(m, name="Oud lid", contact="oud@example.org", term_start=dt.date(2020, 1, 1), term_end=dt.date(2021, 1, 1),
                             user=member)
    current = actions.add_member(m, name="Nieuw lid", contact="nieuw@example.org", term_end=dt.date(2099, 1, 1))
    result = privacy.apply_retention(365, timezone.now())
    old.refresh_from_db(), current.refresh_from_db()
    assert result["members"] == 1 and old.contact == "" and old.user is None and current.contact == "nieuw@example.org"


def test_the_central_retention_calls_advice(mit):
    from mia.privacy.retention import apply_retention

    assert "advice" in apply_retention(365)
