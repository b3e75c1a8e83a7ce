"""Access from three sides (member, other organisation → 404, anonymous → login), and a body member
with an account who sees only their own body."""

import datetime as dt

import pytest
from django.urls import reverse

from mia.advice import actions
from mia.advice.tests.conftest import body, finished_inputs, seat_members
from mia.tests.factories import make_user


@pytest.fixture
def filled(mit, member):
    m, szw = body(mit, "mit"), body(mit, "szw")
    people = seat_members(m, 3)
    q = actions.send_item(mit, member, sender=szw, receiver=m, kind="adviesvraag", title="Vraag over scholen")
    t = actions.create_trajectory(mit, body=m, title="Scholen", request_item=q)
    finished_inputs(t, member)
    actions.write_advice(t, advice_text="Open houden.")
    actions.record_decision(t, member, held_on=dt.date(2026, 3, 1), present=people,
                            votes={p.pk: {"choice": "voor"} for p in people})
    story = actions.add_story(t, title="Winkel", text="Dicht.", consent=True)
    return {"s": mit, "m": m, "szw": szw, "t": t, "q": q, "people": people, "story": story}


def get_urls(f):
    s, m, t, q = f["s"], f["m"], f["t"], f["q"]
    return [
        reverse("advice:structure", args=[s.pk]), reverse("advice:structure_json", args=[s.pk]),
        reverse("advice:body", args=[s.pk, m.pk]), reverse("advice:evaluation", args=[s.pk, m.pk]),
        reverse("advice:items", args=[s.pk]), reverse("advice:item", args=[s.pk, q.pk]), reverse("advice:experts", args=[s.pk]),
        reverse("advice:trajectory_new", args=[s.pk]), reverse("advice:trajectory", args=[s.pk, t.pk]),
        reverse("advice:decision", args=[s.pk, t.pk]), reverse("advice:advice_pdf", args=[s.pk, t.pk]),
        reverse("advice:advice_docx", args=[s.pk, t.pk]), reverse("advice:advice_json", args=[s.pk, t.pk]),
    ]


def post_urls(f):
    s, m, t, q = f["s"], f["m"], f["t"], f["q"]
    member_pk, ci = f["people"][0].pk, t.circle_inputs.first().pk
    return [
        reverse("advice:body_add", args=[s.pk]), reverse("advice:flow_add", args=[s.pk]),
        reverse("advice:flow_remove", args=[s.pk, s.flow_rules.first().pk]),
        reverse("advice:body_update", args=[s.pk, m.pk]), reverse("advice:member_add", args=[s.pk, m.pk]),
        reverse("advice:member_remove", args=[s.pk, m.pk, member_pk]), reverse("advice:subcommittee_add", args=[s.pk, m.pk]),
        reverse("advice:meeting_add", args=[s.pk, m.pk]), reverse("advice:evaluation_save", args=[s.pk, m.pk]),
        reverse("advice:item_send", args=[s.pk]), reverse("advice:item_respond", args=[s.pk, q.pk]),
        reverse("advice:expert_add", args=[s.pk]), reverse("advice:circle_add", args=[s.pk]),
        reverse("advice:trajectory_create", args=[s.pk]), reverse("advice:trajectory_expert", args=[s.pk, t.pk]),
        reverse("advice:trajectory_circle", args=[s.pk, t.pk]), reverse("advice:circle_refresh", args=[s.pk, t.pk, ci]),
        reverse("advice:trajectory_no_circles", args=[s.pk, t.pk]), reverse("advice:trajectory_story", args=[s.pk, t.pk]),
        reverse("advice:story_withdraw", args=[s.pk, t.pk, f["story"].pk]), reverse("advice:trajectory_text", args=[s.pk, t.pk]),
        reverse("advice:decision_create", args=[s.pk, t.pk]), reverse("advice:trajectory_issue", args=[s.pk, t.pk]),
    ]


def test_it_shows_every_page_to_a_member(client, member, filled):
    client.force_login(member)
    for url in get_urls(filled) + [reverse("advice:list"), reverse("advice:register", args=[filled["s"].uid])]:
        assert client.get(url).status_code == 200, url


def test_another_organisation_gets_404_everywhere(client, outsider, filled):
    client.force_login(outsider)
    for url in get_urls(filled):
        assert client.get(url).status_code == 404, url
    for url in post_urls(filled):
        assert client.post(url, {}).status_code == 404, url
    assert filled["s"].name not in client.get(reverse("advice:list")).content.decode()


def test_anonymous_is_sent_to_login(client, filled):
    for url in get_urls(filled):
        response = client.get(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"], url
    for url in post_urls(filled)[:5]:
        assert client.post(url, {}).status_code == 302


def test_a_reader_sees_but_cannot_change(client, reader, filled):
    client.force_login(reader)
    assert client.get(get_urls(filled)[0]).status_code == 200
    for url in post_urls(filled):
        assert client.post(url, {}).status_code == 404, url


def test_a_body_member_sees_only_their_own_body(client, mit, filled, member):
    guest = make_user("ambtenaar", organisation="Ministerie van Onderwijs")
    szw = filled["szw"]
    actions.add_member(szw, name="Ambtenaar OCW", user=guest)
    client.force_login(guest)
    page = client.get(reverse("advice:body", args=[mit.pk, szw.pk]))
    assert page.status_code == 200 and "Vraag over scholen" in page.content.decode()
    assert client.get(reverse("advice:list")).content.decode().count(szw.name) >= 1
    assert client.get(reverse("advice:body", args=[mit.pk, filled["m"].pk])).status_code == 404
    for url in get_urls(filled):
        if url != reverse("advice:body", args=[mit.pk, szw.pk]):
            assert client.get(url).status_code in (404,), url
    for url in post_urls(filled):
        assert client.post(url, {}).status_code == 404, url


def test_the_public_register_shows_only_published_advice(client, filled, member):
    t = filled["t"]
    url = reverse("advice:register", args=[filled["s"].uid])
    assert t.title not in client.get(url).content.decode()
    actions.issue_advice(t, member, public=False)
    assert t.title not in client.get(url).content.decode()
    t.refresh_from_db()
    assert t.status == "uitgebracht"


def test_bad_ids_are_404(client, member, filled):
    client.force_login(member)
    s = filled["s"]
    assert client.get(f"/adviesorganen/{s.pk}/trajecten/999999/").status_code == 404
    assert client.get("/adviesorganen/999999/").status_code == 404
    assert client.get("/adviesorganen/register/00000000-0000-0000-0000-000000000000/").status_code == 404
