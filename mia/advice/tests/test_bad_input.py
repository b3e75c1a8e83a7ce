"""Bad input through every kind of form: empty, oversized, hostile (script, formulas, control
characters), bad dates and huge numbers — a Dutch message, status 400, nothing lost or half-made.
And the texts the public reads (the register) pass the B1 check."""

import pytest
from django.urls import reverse

from mia.advice import actions
from mia.advice.models import Body, Item, Member, Structure
from mia.advice.tests.conftest import body, seat_members
from mia.analysis.readability import check_text

XSS = "<script>alert('x')</script>"


def test_creating_a_structure_with_bad_input(member_client, organisation):
    url = reverse("advice:create")
    r = member_client.post(url, {"organisation": organisation.pk, "name": "", "template_key": ""})
    assert r.status_code == 400 and "Vul dit veld in." in r.content.decode()
    r = member_client.post(url, {"organisation": organisation.pk, "name": "x" * 5000})
    assert r.status_code == 400 and "te lang" in r.content.decode()
    r = member_client.post(url, {"organisation": organisation.pk, "name": "Goed", "template_key": "bestaat-niet"})
    assert r.status_code == 400
    r = member_client.post(url, {"organisation": 999999, "name": "Goed"})
    assert r.status_code == 400
    assert Structure.objects.count() == 0
    r = member_client.post(url, {"organisation": organisation.pk, "name": "Nul\x00teken"})
    assert r.status_code == 400 and Structure.objects.count() == 0
    r = member_client.post(url, {"organisation": organisation.pk, "name": f"{XSS}\x07 =HYPERLINK(1)", "template_key": "jeugddialoog"})
    assert r.status_code == 302
    s = Structure.objects.get()
    assert "\x07" not in s.name
    page = member_client.get(reverse("advice:structure", args=[s.pk])).content.decode()
    assert XSS not in page and "&lt;script&gt;" in page


def test_sending_a_disallowed_item_shows_the_reason_and_keeps_the_form(member_client, youth):
    vr, pl = body(youth, "veldraad"), body(youth, "platform")
    r = member_client.post(reverse("advice:item_send", args=[youth.pk]), {
        "sender": vr.pk, "receiver": pl.pk, "kind": "advies", "title": "Mijn advies", "text": "Lang verhaal"})
    page = r.content.decode()
    assert r.status_code == 400 and "loopt geen stroom" in page and "Lang verhaal" in page
    assert Item.objects.count() == 0


@pytest.mark.parametrize("data,message", [
    ({"sent_on": "31-31-2026"}, "geldige datum"),
    ({"sent_on": "2026-03-10", "due_on": "2026-03-01", "kind": "adviesvraag", "receiver": "ob"}, "vóór de verzenddatum"),
    ({"title": ""}, "Vul dit veld in."),
    ({"kind": "bevel"}, "Kies een van de mogelijkheden."),
    ({"sender": "abc"}, "Kies een van de mogelijkheden."),
])
def test_item_form_errors(member_client, youth, data, message):
    it, pl = body(youth, "impactteam"), body(youth, "platform")
    base = {"sender": pl.pk, "receiver": it.pk, "kind": "feedback", "title": "Feedback"}
    if data.get("receiver") == "ob":
        data = {**data, "receiver": body(youth, "opgroeiberaad").pk}
    r = member_client.post(reverse("advice:item_send", args=[youth.pk]), {**base, **data})
    assert r.status_code == 400 and message in r.content.decode()


def test_body_and_member_forms(member_client, mit):
    m = body(mit, "mit")
    url = reverse("advice:body_update", args=[mit.pk, m.pk])
    r = member_client.post(url, {"name": "MIT", "mandate": "adviescommissie", "decision_rule": "gewone-meerderheid",
                                 "response_days": "99999999999999999999", "meetings_per_year": "-1", "quorum": "abc"})
    page = r.content.decode()
    assert r.status_code == 400 and "Vul hoogstens" in page and "Vul 0 of meer in." in page and "heel getal" in page
    r = member_client.post(url, {"name": "MIT", "mandate": "adviescommissie", "decision_rule": "gewone-meerderheid", "quorum": "5"})
    assert r.status_code == 400 and "quorum is groter" in r.content.decode()
    murl = reverse("advice:member_add", args=[mit.pk, m.pk])
    r = member_client.post(murl, {"member-name": "A", "member-role": "lid", "member-term_start": "2026-05-01", "member-term_end": "2026-01-01"})
    assert r.status_code == 400 and "eindigt vóór" in r.content.decode()
    before = Member.objects.count()
    r = member_client.post(murl, {"member-name": XSS, "member-role": "lid", "member-organisation": "=cmd|' /C calc'!A0"})
    assert r.status_code == 302 and Member.objects.count() == before + 1
    sub = reverse("advice:subcommittee_add", args=[mit.pk, m.pk])
    r = member_client.post(sub, {"sub-name": "S", "sub-subject": "x", "sub-members": [Member.objects.latest("pk").pk]})
    assert r.status_code == 400 and "twee of meer" in r.content.decode()


def test_vote_form_errors(member_client, mit, member):
    m = body(mit, "mit")
    people = seat_members(m, 3)
    t = actions.create_trajectory(mit, body=m, title="T")
    url = reverse("advice:decision_create", args=[mit.pk, t.pk])
    r = member_client.post(url, {"mode": "mondeling", "held_on": "2026-02-02"})
    assert r.status_code == 400 and "aanwezig" in r.content.decode()
    data = {"mode": "mondeling", "held_on": "2026-02-02", **{f"m{p.pk}-present": "on" for p in people},
            f"m{people[0].pk}-choice": "voor", f"m{people[1].pk}-choice": "voor"}
    r = member_client.post(url, data)
    assert r.status_code == 400 and "Elk aanwezig lid stemt" in r.content.decode()
    data[f"m{people[2].pk}-choice"] = "tegen"
    r = member_client.post(url, data)
    assert r.status_code == 400 and "geeft een reden" in r.content.decode()
    data[f"m{people[2].pk}-reason"] = "Nee."
    data[f"m{people[2].pk}-choice"] = "misschien"
    assert member_client.post(url, data).status_code == 400
    data[f"m{people[2].pk}-choice"] = "tegen"
    r = member_client.post(url, data)
    assert r.status_code == 302 and t.decisions.get().votes_for == 2


def test_trajectory_forms(member_client, mit, member):
    t = actions.create_trajectory(mit, body=body(mit, "mit"), title="T")
    r = member_client.post(reverse("advice:trajectory_expert", args=[mit.pk, t.pk]), {"expert-expert": mit.experts.first().pk, "expert-summary": ""})
    assert r.status_code == 400 and "Vul dit veld in." in r.content.decode()
    r = member_client.post(reverse("advice:trajectory_circle", args=[mit.pk, t.pk]), {"circle-circle": mit.circles.first().pk, "circle-mode": "live"})
    assert r.status_code == 400 and "live sessie" in r.content.decode()
    r = member_client.post(reverse("advice:trajectory_circle", args=[mit.pk, t.pk]),
                           {"circle-circle": mit.circles.first().pk, "circle-mode": "live", "circle-session": "424242"})
    assert r.status_code == 400
    r = member_client.post(reverse("advice:trajectory_story", args=[mit.pk, t.pk]), {"story-title": "S", "story-text": "Verhaal"})
    assert r.status_code == 400 and "toestemming" in r.content.decode()
    r = member_client.post(reverse("advice:trajectory_issue", args=[mit.pk, t.pk]), {})
    assert r.status_code == 400 and "Nog te doen" in r.content.decode()
    r = member_client.post(reverse("advice:trajectory_text", args=[mit.pk, t.pk]), {"text-advice_text": "x" * 60_000})
    assert r.status_code == 400 and "te lang" in r.content.decode()
    r = member_client.post(reverse("advice:trajectory_create", args=[mit.pk]), {"title": "", "body": "x"})
    assert r.status_code == 400
    assert Body.objects.filter(structure=mit).count() == 2


def test_the_public_register_reads_at_b1():
    for text in ("De adviezen die zijn uitgebracht en openbaar gemaakt.", "Er zijn nog geen openbare adviezen."):
        assert check_text(text).is_b1, text
