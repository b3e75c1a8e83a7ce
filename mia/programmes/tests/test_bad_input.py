"""Every form with empty, oversized and hostile input (script tags, formulas, control characters, huge
numbers, ids of other programmes): a Dutch message, the typed text back on the page, nothing saved lost."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mia.programmes import actions
from mia.programmes.models import Cycle, Programme

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://evil.example","klik")'
HUGE = "a" * 6000
HUGE_NUMBER = "9" * 40
TOO_LONG = "Dit is te lang"


@pytest.fixture
def ctx(imported, cycle, stranger):
    other = actions.create_programme(stranger, "Ander")
    return {"p": imported, "c": cycle, "other_term": other.terms.filter(kind="onderwerp").first(),
            "other_theme": other.themes.first(), "theme": imported.themes.get(title="Opgroeimaatjes")}


def post(client, url, data):
    response = client.post(url, data)
    return response.status_code, response.content.decode()


def test_programme_forms(programme_client, ctx):
    p = ctx["p"]
    status, page = post(programme_client, reverse("programmes:create"), {"title": "", "description": "nieuw"})
    assert status == 400 and "Vul dit veld in." in page and "nieuw</textarea>" in page
    status, page = post(programme_client, reverse("programmes:create"), {"title": "x" * 301})
    assert status == 400 and TOO_LONG in page
    status, page = post(programme_client, reverse("programmes:update", args=[p.pk]), {"title": "   ", "description": HUGE})
    assert status == 400 and TOO_LONG in page
    p.refresh_from_db()
    assert p.title == "Maatschappelijke dialoog opgroeien"
    post(programme_client, reverse("programmes:update", args=[p.pk]), {"title": "Naam\x07\x1b " + XSS, "description": FORMULA})
    p.refresh_from_db()
    assert p.title == "Naam " + XSS and p.description == FORMULA
    page = programme_client.get(reverse("programmes:overview", args=[p.pk])).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_a_null_character_is_refused_in_dutch(programme_client, ctx):
    status, page = post(programme_client, reverse("programmes:update", args=[ctx["p"].pk]), {"title": "a\x00b"})
    assert status == 400 and "Null-tekens zijn niet toegestaan" in page


def test_theme_forms(programme_client, ctx):
    p, theme = ctx["p"], ctx["theme"]
    url = reverse("programmes:theme_edit", args=[p.pk, theme.pk])
    for data, message in [
        ({"title": "", "question": ""}, "Vul dit veld in."),
        ({"title": "T", "question": "x" * 501}, TOO_LONG),
        ({"title": "T", "question": "V", "energy": HUGE_NUMBER}, "Kies een van de mogelijkheden."),
        ({"title": "T", "question": "V", "reframes": "abc"}, "Kies een van de mogelijkheden."),
        ({"title": "T", "question": "V", "reframes": ctx["p"].pk * 0 + 10**9}, "Kies een van de mogelijkheden."),
        ({"title": "Online omgangsvormen", "question": "V"}, "Er is al een thema"),
        ({"title": "!!!", "question": "V"}, "letters of cijfers"),
    ]:
        status, page = post(programme_client, url, {**data, "partners": "getypt"})
        assert status == 400 and message in page, data
        assert "getypt" in page
    theme.refresh_from_db()
    assert theme.title == "Opgroeimaatjes"
    status, page = post(programme_client, reverse("programmes:theme_add", args=[p.pk]), {"title": XSS, "question": FORMULA})
    assert status == 302
    page = programme_client.get(reverse("programmes:themes", args=[p.pk])).content.decode()
    assert "<script>alert" not in page
    status, page = post(programme_client, reverse("programmes:problem_add", args=[p.pk]), {"title": "", "description": HUGE})
    assert status == 400 and "Vul dit veld in." in page


def test_term_forms(programme_client, ctx):
    p = ctx["p"]
    url = reverse("programmes:term_add", args=[p.pk])
    status, page = post(programme_client, url, {"kind": "onderwerp", "onderwerp-kind": "onderwerp", "onderwerp-label": ""})
    assert status == 400 and "Vul dit veld in." in page
    status, page = post(programme_client, url, {"kind": "onderwerp", "onderwerp-kind": "onderwerp", "onderwerp-label": "x" * 201})
    assert status == 400 and TOO_LONG in page
    page = programme_client.post(url, {"kind": "geheim", "label": "x"}, follow=True).content.decode()
    assert "Deze soort waarde kennen we niet." in page
    assert not p.terms.filter(label="x").exists()
    status, page = post(programme_client, reverse("programmes:create"), {})
    assert status == 400 and "Vul dit veld in." in page
    term = p.terms.get(label="Sociale media")
    page = programme_client.post(reverse("programmes:term_update", args=[p.pk, term.pk]), {"label": ""}, follow=True).content.decode()
    assert "Vul dit veld in." in page
    term.refresh_from_db()
    assert term.label == "Sociale media"


def test_initiative_form(programme_client, ctx):
    p = ctx["p"]
    url = reverse("programmes:initiative_new", args=[p.pk])
    for data, message in [
        ({"name": ""}, "Vul dit veld in."),
        ({"name": "x" * 201}, TOO_LONG),
        ({"name": "N", "link": "javascript:alert(1)"}, "Vul een geldig webadres in"),
        ({"name": "N", "goal": HUGE}, TOO_LONG),
        ({"name": "N", "topics": [ctx["other_term"].pk]}, "Kies alleen uit de mogelijkheden."),
        ({"name": "N", "topics": [HUGE_NUMBER]}, "Kies alleen uit de mogelijkheden."),
        ({"name": "N", "themes": [ctx["other_theme"].pk]}, "Kies alleen uit de mogelijkheden."),
        ({"name": "N", "reaches": ["wereldwijd"]}, "Kies alleen uit de mogelijkheden."),
        ({"name": "N", "category": p.terms.get(label="Sociale media").pk}, "Kies een van de mogelijkheden."),
    ]:
        status, page = post(programme_client, url, {**data, "owner": "getypte eigenaar"})
        assert status == 400 and message in page, data
        assert "getypte eigenaar" in page
    assert not p.initiatives.filter(name="N").exists()
    status, _page = post(programme_client, url, {"name": FORMULA, "goal": XSS, "owner": "a\x1b\x07b"})
    assert status == 302
    initiative = p.initiatives.get(name=FORMULA)
    assert initiative.owner == "ab"
    page = programme_client.get(reverse("programmes:inventory", args=[p.pk])).content.decode()
    assert "<script>alert" not in page


def test_the_search_field_of_the_inventory_is_bounded(programme_client, ctx):
    url = reverse("programmes:inventory", args=[ctx["p"].pk])
    assert programme_client.get(url + "?zoek=" + "a" * 10_000).status_code == 200
    assert programme_client.get(url + "?zoek=%00%1b" + XSS).status_code == 200


def test_gap_note_and_priority_forms(programme_client, ctx):
    p = ctx["p"]
    topic, group = p.terms.get(label="Sociale media"), p.terms.get(label="Ouders")
    status, page = post(programme_client, reverse("programmes:gap_note", args=[p.pk]),
                        {"onderwerp": topic.pk, "doelgroep": group.pk, "conclusion": HUGE})
    assert status == 400 and TOO_LONG in page
    assert not p.gap_notes.exists()
    assert programme_client.post(reverse("programmes:gap_note", args=[p.pk]), {"onderwerp": HUGE_NUMBER, "doelgroep": 1}).status_code == 404
    status, page = post(programme_client, reverse("programmes:priority_add", args=[p.pk]),
                        {"onderwerp": topic.pk, "doelgroep": group.pk, "theme": ctx["other_theme"].pk})
    assert status == 400 and "Kies een van de mogelijkheden." in page
    status, page = post(programme_client, reverse("programmes:priority_add", args=[p.pk]), {"onderwerp": topic.pk, "doelgroep": group.pk})
    assert status == 400 and "Kies een thema, een doelgroep of allebei." in page
    assert not p.priorities.exists()


def test_cycle_forms(programme_client, ctx):
    p, cycle = ctx["p"], ctx["c"]
    url = reverse("programmes:cycle_new", args=[p.pk])
    for data, message in [
        ({"theme": ctx["theme"].pk, "phase": "E"}, "Kies een van de mogelijkheden."),
        ({"theme": ctx["theme"].pk, "phase": "A", "started_on": "32-13-2026"}, "Vul een geldige datum in"),
        ({"theme": ctx["theme"].pk, "phase": "A", "title": "x" * 201}, TOO_LONG),
        ({"theme": HUGE_NUMBER, "phase": "A"}, "Kies een van de mogelijkheden."),
    ]:
        status, page = post(programme_client, url, data)
        assert status == 400 and message in page, data
    assert Cycle.objects.count() == 1
    assert programme_client.post(url + f"?prioriteit={HUGE_NUMBER}", {}).status_code == 404
    step = cycle.steps.first()
    status, page = post(programme_client, reverse("programmes:step_update", args=[p.pk, cycle.pk, step.pk]),
                        {f"step{step.pk}-owner": "x" * 201, f"step{step.pk}-note": "bewaard"})
    assert status == 400 and TOO_LONG in page and "bewaard" in page


def test_approach_and_goal_forms(programme_client, ctx):
    p, cycle = ctx["p"], ctx["c"]
    actions.save_approach(cycle, strategy="initieren", attention={}, plans={"initieren": {"procesplan": "eerder opgeslagen"}})
    url = reverse("programmes:approach", args=[p.pk, cycle.pk])
    for data, message in [
        ({"strategy": "alles"}, "Kies een van de mogelijkheden."),
        ({"strategy": "initieren", "initieren-procesplan": HUGE}, TOO_LONG),
        ({"strategy": "initieren", "initieren-leefwerelden": [p.terms.get(label="Sociale media").pk]}, "Kies alleen uit de mogelijkheden."),
        ({"strategy": "initieren", "initieren-initiatives": [HUGE_NUMBER]}, "Kies alleen uit de mogelijkheden."),
    ]:
        status, page = post(programme_client, url, {**data, "doelgroepen_bereiken": "getypt"})
        assert status == 400 and message in page, data
        assert "getypt" in page
    assert cycle.plans.get(kind="initieren").procesplan == "eerder opgeslagen"
    status, page = post(programme_client, url, {"strategy": "initieren", "initieren-communicatieframe": XSS})
    assert status == 302
    assert "<script>alert" not in programme_client.get(url).content.decode()
    status, page = post(programme_client, reverse("programmes:goal_add", args=[p.pk, cycle.pk]), {"text": "", "kind": "bereik"})
    assert status == 400 and "Vul dit veld in." in page
    status, page = post(programme_client, reverse("programmes:goal_add", args=[p.pk, cycle.pk]), {"text": "x", "kind": "alles"})
    assert status == 400 and "Kies een van de mogelijkheden." in page


def test_link_and_evaluation_forms(programme_client, ctx, linked):
    p, cycle = ctx["p"], linked.cycle
    goal = linked.goals.get()
    status, page = post(programme_client, reverse("programmes:link_add", args=[p.pk, cycle.pk]), {"session": HUGE_NUMBER})
    assert status == 400 and "Kies een sessie uit de lijst." in page
    page = programme_client.post(reverse("programmes:link_update", args=[p.pk, cycle.pk, linked.pk]),
                                 {f"link{linked.pk}-reach": "maan", f"link{linked.pk}-note": "x"}, follow=True).content.decode()
    assert "Kies een van de mogelijkheden." in page
    url = reverse("programmes:goal_evaluate", args=[p.pk, cycle.pk, goal.pk])
    status, page = post(programme_client, url, {f"goal{goal.pk}-status": "misschien", f"goal{goal.pk}-result": "getypt resultaat"})
    assert status == 400 and "Kies een van de mogelijkheden." in page and "getypt resultaat" in page
    status, page = post(programme_client, url, {f"goal{goal.pk}-result": HUGE})
    assert status == 400 and TOO_LONG in page
    status, page = post(programme_client, reverse("programmes:summary", args=[p.pk, cycle.pk]), {"evaluation_summary": HUGE})
    assert status == 400 and TOO_LONG in page
    add = reverse("programmes:action_add", args=[p.pk, cycle.pk])
    for data, message in [
        ({"description": "", "status": "voorgesteld"}, "Vul dit veld in."),
        ({"description": "x", "status": "klaar"}, "Kies een van de mogelijkheden."),
        ({"description": "x", "status": "voorgesteld", "fed_back_on": "morgen"}, "Vul een geldige datum in"),
        ({"description": "x", "status": "voorgesteld", "goal": HUGE_NUMBER}, "Kies een van de mogelijkheden."),
    ]:
        status, page = post(programme_client, add, data)
        assert status == 400 and message in page, data
    assert not cycle.policy_actions.exists()
    status, page = post(programme_client, reverse("programmes:next_cycle", args=[p.pk, cycle.pk]), {"mode": "alles"})
    assert status == 400 and "Kies een van de mogelijkheden." in page
    goal.refresh_from_db()
    assert goal.status == "" and goal.result == ""


def test_nothing_of_a_stranger_is_accepted_through_my_forms(programme_client, ctx, stranger, content):
    from mia.tests.factories import make_assessment, make_dialogue

    session = make_dialogue(make_assessment(stranger, title="Vreemd"))
    cycle = ctx["c"]
    with pytest.raises(actions.ProgrammeError):
        actions.link_session(cycle, stranger, session)
    owner_session_of_other_org = session
    status, _page = post(programme_client, reverse("programmes:link_add", args=[ctx["p"].pk, cycle.pk]),
                         {"session": owner_session_of_other_org.pk})
    assert status == 400 and not cycle.links.exists()
    assert Programme.objects.filter(title="Ander").exists()
