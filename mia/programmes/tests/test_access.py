"""Access from three sides for every URL: a member of the programme's organisation, a user of another
organisation (404 everywhere, for GET and POST), anonymous (login redirect). A lezer reads, never changes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mia.programmes import actions
from mia.programmes.models import Programme


@pytest.fixture
def world(imported, linked, owner):
    programme, cycle = imported, linked.cycle
    goal = linked.goals.get()
    action = actions.save_policy_action(cycle, description="Actie", goal=goal)
    topic, group = programme.terms.get(label="Sociale media"), programme.terms.get(label="Ouders")
    priority = actions.add_priority(programme, owner, theme=None, target_group=group)
    return {
        "p": programme.pk, "c": cycle.pk, "theme": programme.themes.first().pk, "problem": programme.problem_themes.first().pk,
        "term": programme.terms.get(label="Jongere kinderen").pk, "initiative": programme.initiatives.first().pk,
        "import": programme.imports.first().pk, "priority": priority.pk, "step": cycle.steps.first().pk, "goal": goal.pk,
        "link": linked.pk, "action": action.pk, "topic": topic.pk, "group": group.pk,
    }


def pages(w) -> list[str]:
    """Pages that need the right to change the programme."""
    p, c = w["p"], w["c"]
    return [
        reverse("programmes:themes", args=[p]), reverse("programmes:theme_edit", args=[p, w["theme"]]),
        reverse("programmes:settings", args=[p]), reverse("programmes:inventory", args=[p]),
        reverse("programmes:initiative_new", args=[p]), reverse("programmes:initiative_edit", args=[p, w["initiative"]]),
        reverse("programmes:inventory_import", args=[p]), reverse("programmes:example_file", args=[p]),
        reverse("programmes:import", args=[p, w["import"]]), reverse("programmes:gaps", args=[p]),
        reverse("programmes:cell", args=[p]) + f"?onderwerp={w['topic']}&doelgroep={w['group']}",
        reverse("programmes:board", args=[p]), reverse("programmes:cycle_new", args=[p]),
        reverse("programmes:cycle", args=[p, c]), reverse("programmes:approach", args=[p, c]),
        reverse("programmes:links", args=[p, c]), reverse("programmes:evaluation", args=[p, c]),
    ]


def readable(w) -> list[str]:
    """Pages and downloads every member of the organisation may read."""
    p, c = w["p"], w["c"]
    return [
        reverse("programmes:overview", args=[p]), reverse("programmes:export_json", args=[p]),
        reverse("programmes:export_pdf", args=[p]), reverse("programmes:export_docx", args=[p]),
        reverse("programmes:inventory_csv", args=[p]), reverse("programmes:inventory_xlsx", args=[p]),
        reverse("programmes:matrix_csv", args=[p]), reverse("programmes:matrix_xlsx", args=[p]),
        reverse("programmes:approach_pdf", args=[p, c]), reverse("programmes:approach_docx", args=[p, c]),
    ]


def posts(w) -> list[str]:
    p, c = w["p"], w["c"]
    return [
        reverse("programmes:update", args=[p]), reverse("programmes:theme_add", args=[p]),
        reverse("programmes:theme_edit", args=[p, w["theme"]]), reverse("programmes:theme_delete", args=[p, w["theme"]]),
        reverse("programmes:problem_add", args=[p]), reverse("programmes:problem_edit", args=[p, w["problem"]]),
        reverse("programmes:term_add", args=[p]), reverse("programmes:term_update", args=[p, w["term"]]),
        reverse("programmes:term_delete", args=[p, w["term"]]), reverse("programmes:initiative_new", args=[p]),
        reverse("programmes:initiative_edit", args=[p, w["initiative"]]),
        reverse("programmes:initiative_delete", args=[p, w["initiative"]]), reverse("programmes:inventory_import", args=[p]),
        reverse("programmes:gap_note", args=[p]), reverse("programmes:priority_add", args=[p]),
        reverse("programmes:priority_delete", args=[p, w["priority"]]), reverse("programmes:cycle_new", args=[p]),
        reverse("programmes:cycle_phase", args=[p, c]), reverse("programmes:cycle_close", args=[p, c]),
        reverse("programmes:step_update", args=[p, c, w["step"]]), reverse("programmes:approach", args=[p, c]),
        reverse("programmes:goal_add", args=[p, c]), reverse("programmes:goal_update", args=[p, c, w["goal"]]),
        reverse("programmes:goal_delete", args=[p, c, w["goal"]]), reverse("programmes:link_add", args=[p, c]),
        reverse("programmes:link_series_add", args=[p, c]),
        reverse("programmes:link_update", args=[p, c, w["link"]]), reverse("programmes:link_delete", args=[p, c, w["link"]]),
        reverse("programmes:themes_start", args=[p, c]), reverse("programmes:summary", args=[p, c]),
        reverse("programmes:goal_evaluate", args=[p, c, w["goal"]]), reverse("programmes:action_add", args=[p, c]),
        reverse("programmes:action_update", args=[p, c, w["action"]]),
        reverse("programmes:action_delete", args=[p, c, w["action"]]), reverse("programmes:next_cycle", args=[p, c]),
    ]


def test_a_member_reaches_every_page_and_download(programme_client, world):
    for url in pages(world) + readable(world):
        assert programme_client.get(url).status_code == 200, url


def test_a_stranger_gets_a_404_on_every_page_download_and_action(client, world, stranger):
    client.force_login(stranger)
    for url in pages(world) + readable(world):
        assert client.get(url).status_code == 404, url
    for url in posts(world):
        assert client.post(url, {"title": "ingebroken", "phase": "D", "closed": "1"}).status_code == 404, url
    programme = Programme.objects.get(pk=world["p"])
    assert programme.title == "Maatschappelijke dialoog opgroeien"
    assert programme.cycles.get(pk=world["c"]).phase == "A" and not programme.cycles.get(pk=world["c"]).is_closed
    assert programme.initiatives.filter(pk=world["initiative"]).exists()


def test_anonymous_users_are_sent_to_the_login(client, world):
    for url in pages(world) + readable(world) + posts(world) + [reverse("programmes:list"), reverse("programmes:guidelines"),
                                                                  reverse("programmes:guidelines_pdf")]:
        response = client.post(url) if url in posts(world) else client.get(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"], url


def test_a_reader_of_the_organisation_reads_but_never_changes(client, world, reader):
    client.force_login(reader)
    for url in readable(world):
        assert client.get(url).status_code == 200, url
    for url in pages(world):
        assert client.get(url).status_code == 404, url
    for url in posts(world):
        assert client.post(url, {"title": "veranderd"}).status_code == 404, url
    page = client.get(reverse("programmes:overview", args=[world["p"]])).content.decode()
    assert "Naam en omschrijving" not in page and 'aria-label="Onderdelen van het programma"' not in page


def test_a_reader_cannot_start_a_programme(client, reader, content):
    client.force_login(reader)
    assert client.get(reverse("programmes:create")).status_code == 403
    assert client.post(reverse("programmes:create"), {"title": "x"}).status_code == 403
    assert client.get(reverse("programmes:import_json")).status_code == 403
    assert not Programme.objects.exists()


def test_parts_of_another_programme_are_not_reachable_through_mine(programme_client, world, stranger):
    other = actions.create_programme(stranger, "Ander programma")
    other_cycle = actions.create_cycle(other, theme=other.themes.first())
    p = world["p"]
    for url in (reverse("programmes:cycle", args=[p, other_cycle.pk]), reverse("programmes:theme_edit", args=[p, other.themes.first().pk]),
                reverse("programmes:initiative_edit", args=[p, 10**9])):
        assert programme_client.get(url).status_code == 404, url
    step = other_cycle.steps.first()
    assert programme_client.post(reverse("programmes:step_update", args=[p, world["c"], step.pk]), {}).status_code == 404


def test_the_jobs_of_a_programme_are_hidden_from_strangers(client, world, stranger, owner):
    from mia.programmes.models import Cycle

    cycle = Cycle.objects.get(pk=world["c"])
    job = actions.start_theme_analysis(cycle, owner)
    client.force_login(stranger)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404
    client.force_login(owner)
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 200
