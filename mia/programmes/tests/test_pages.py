"""Every page of a programme through Django's client, and the journeys the team walks."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mia.jobs.models import Job
from mia.programmes import actions
from mia.programmes.models import (
    Cycle,
    CycleStep,
    GapNote,
    Goal,
    Initiative,
    PolicyAction,
    Priority,
    Programme,
    Term,
    Theme,
)


def get_ok(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def test_a_new_programme_starts_with_the_seed(programme_client, owner):
    response = programme_client.post(reverse("programmes:create"), {"title": "Opgroeien in deze tijd", "description": ""})
    programme = Programme.objects.get(title="Opgroeien in deze tijd")
    assert response.status_code == 302
    assert programme.themes.count() == 6 and programme.problem_themes.count() == 5
    assert [t.label for t in programme.terms.filter(kind="categorie")][0] == "Campagnes"
    assert programme.terms.filter(kind="leefwereld").count() == 4
    assert programme.themes.get(title="Online omgangsvormen").reframes.title == "Omgang sociale media"
    assert programme.organisation == owner.memberships.get().organisation
    page = get_ok(programme_client, reverse("programmes:overview", args=[programme.pk]))
    assert "Hoe gaan we online om met elkaar?" in page


def test_the_list_shows_only_programmes_of_my_organisations(programme_client, programme, stranger):
    other = actions.create_programme(stranger, "Van een andere gemeente")
    page = get_ok(programme_client, reverse("programmes:list"))
    assert programme.title in page and other.title not in page


def test_every_page_of_a_worked_programme_renders(programme_client, imported, linked):
    programme, cycle = imported, linked.cycle
    p, c = programme.pk, cycle.pk
    topic, group = programme.terms.get(label="Sociale media"), programme.terms.get(label="Ouders")
    theme = programme.themes.first()
    initiative = programme.initiatives.first()
    pages = [
        reverse("programmes:list"), reverse("programmes:create"), reverse("programmes:import_json"),
        reverse("programmes:guidelines"), reverse("programmes:overview", args=[p]), reverse("programmes:themes", args=[p]),
        reverse("programmes:theme_edit", args=[p, theme.pk]), reverse("programmes:settings", args=[p]),
        reverse("programmes:inventory", args=[p]), reverse("programmes:inventory", args=[p]) + "?reikwijdte=lokaal&zoek=wijk",
        reverse("programmes:initiative_new", args=[p]), reverse("programmes:initiative_edit", args=[p, initiative.pk]),
        reverse("programmes:inventory_import", args=[p]), reverse("programmes:gaps", args=[p]),
        reverse("programmes:gaps", args=[p]) + f"?reikwijdte=nationaal&categorie={initiative.category_id}",
        reverse("programmes:cell", args=[p]) + f"?onderwerp={topic.pk}&doelgroep={group.pk}",
        reverse("programmes:cell", args=[p]) + f"?thema={theme.pk}&reikwijdte=lokaal",
        reverse("programmes:board", args=[p]), reverse("programmes:cycle_new", args=[p]), reverse("programmes:cycle", args=[p, c]),
        reverse("programmes:approach", args=[p, c]), reverse("programmes:links", args=[p, c]),
        reverse("programmes:evaluation", args=[p, c]), reverse("programmes:import", args=[p, programme.imports.first().pk]),
    ]
    for url in pages:
        get_ok(programme_client, url)


def test_the_gap_page_counts_marks_gaps_and_filters(programme_client, imported):
    url = reverse("programmes:gaps", args=[imported.pk])
    page = get_ok(programme_client, url)
    assert page.count("leemte") > 5
    assert "<svg" in page and 'role="img"' in page
    assert "3 van 3 initiatieven in deze tabel." in page
    local = get_ok(programme_client, url + "?reikwijdte=lokaal")
    assert "1 van 3 initiatieven in deze tabel." in local
    # A filter value that does not exist is ignored, not a server error.
    assert "3 van 3" in get_ok(programme_client, url + "?reikwijdte=maan&categorie=abc")


def test_a_cell_lists_its_initiatives_and_takes_a_conclusion_and_a_priority(programme_client, imported, owner):
    topic, group = imported.terms.get(label="Sociale media"), imported.terms.get(label="Jeugdigen")
    url = reverse("programmes:cell", args=[imported.pk]) + f"?onderwerp={topic.pk}&doelgroep={group.pk}"
    assert "ikbenoffline.nl" in get_ok(programme_client, url)
    response = programme_client.post(reverse("programmes:gap_note", args=[imported.pk]),
                                     {"onderwerp": topic.pk, "doelgroep": group.pk, "conclusion": "Weinig aandacht; kans."})
    assert response.status_code == 302
    note = GapNote.objects.get(programme=imported, topic=topic, target_group=group)
    assert note.conclusion == "Weinig aandacht; kans." and note.updated_by == owner
    theme = imported.themes.get(title="Online omgangsvormen")
    response = programme_client.post(reverse("programmes:priority_add", args=[imported.pk]), {
        "onderwerp": topic.pk, "doelgroep": group.pk, "theme": theme.pk, "target_group": group.pk,
        "reason": "Hier zit de meeste energie op."})
    assert response.status_code == 302
    priority = Priority.objects.get(programme=imported)
    assert (priority.theme, priority.target_group, priority.gap_note) == (theme, group, note)
    # The same priority twice is refused in Dutch.
    again = programme_client.post(reverse("programmes:priority_add", args=[imported.pk]), {
        "onderwerp": topic.pk, "doelgroep": group.pk, "theme": theme.pk, "target_group": group.pk})
    assert again.status_code == 400 and "Deze prioriteit staat er al." in again.content.decode()


def test_a_cell_of_another_programme_or_kind_is_a_404(programme_client, imported, stranger):
    other = actions.create_programme(stranger, "Ander")
    topic = other.terms.filter(kind="onderwerp").first()
    group = imported.terms.filter(kind="doelgroep").first()
    url = reverse("programmes:cell", args=[imported.pk])
    assert programme_client.get(url + f"?onderwerp={topic.pk}&doelgroep={group.pk}").status_code == 404
    assert programme_client.get(url + f"?onderwerp={group.pk}&doelgroep={group.pk}").status_code == 404
    assert programme_client.get(url + "?onderwerp=x&doelgroep=1").status_code == 404
    assert programme_client.get(url + f"?thema={imported.themes.first().pk}&reikwijdte=maan").status_code == 404


def test_a_cycle_from_a_priority_starts_in_b_with_its_checklist(programme_client, imported, owner):
    theme, group = imported.themes.get(title="Online omgangsvormen"), imported.terms.get(label="Jeugdigen")
    priority = actions.add_priority(imported, owner, theme=theme, target_group=group)
    page = get_ok(programme_client, reverse("programmes:cycle_new", args=[imported.pk]) + f"?prioriteit={priority.pk}")
    assert "Vanuit de prioriteit" in page
    response = programme_client.post(reverse("programmes:cycle_new", args=[imported.pk]), {
        "priority": priority.pk, "title": "", "theme": theme.pk, "target_group": group.pk, "phase": "B", "started_on": "2026-03-01"})
    cycle = Cycle.objects.get(programme=imported)
    assert response.status_code == 302
    assert (cycle.title, cycle.phase, cycle.priority, str(cycle.started_on)) == ("Online omgangsvormen · Jeugdigen", "B", priority, "2026-03-01")
    assert [s.label for s in cycle.steps.filter(phase="C")] == ["Start en voed het dialoogthema", "Blijf content creëren"]
    assert cycle.steps.count() == 14


def test_several_cycles_run_at_once_on_the_board(programme_client, imported):
    themes = list(imported.themes.all()[:3])
    for theme, phase in zip(themes, "ABD", strict=True):
        actions.create_cycle(imported, theme=theme, phase=phase)
    page = get_ok(programme_client, reverse("programmes:board", args=[imported.pk]))
    for theme in themes:
        assert theme.title in page
    assert page.count('class="cycle-card"') == 3


def test_a_cycle_needs_a_theme_or_a_target_group(programme_client, programme):
    response = programme_client.post(reverse("programmes:cycle_new", args=[programme.pk]), {"title": "Leeg", "phase": "A"})
    assert response.status_code == 400
    assert "Kies een thema, een doelgroep of allebei." in response.content.decode()
    assert not Cycle.objects.exists()


def test_steps_get_owners_dates_and_done(programme_client, cycle):
    step = cycle.steps.get(code="a-monitor")
    url = reverse("programmes:step_update", args=[cycle.programme_id, cycle.pk, step.pk])
    prefix = f"step{step.pk}"
    response = programme_client.post(url, {f"{prefix}-done": "on", f"{prefix}-owner": "Impact team",
                                           f"{prefix}-due_date": "2026-05-01", f"{prefix}-note": "Bijlage 2 bijgewerkt"})
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.is_done and step.owner == "Impact team" and str(step.due_date) == "2026-05-01"
    bad = programme_client.post(url, {f"{prefix}-due_date": "31-31-2026"})
    assert bad.status_code == 400 and "Vul een geldige datum in" in bad.content.decode()
    step.refresh_from_db()
    assert step.owner == "Impact team"


def test_moving_on_warns_about_open_steps(programme_client, cycle):
    url = reverse("programmes:cycle_phase", args=[cycle.programme_id, cycle.pk])
    page = programme_client.post(url, {"phase": "C"}, follow=True).content.decode()
    cycle.refresh_from_db()
    assert cycle.phase == "C"
    assert "in eerdere fasen staan nog 7 stappen open" in page
    assert programme_client.post(url, {"phase": "E"}).status_code == 302
    cycle.refresh_from_db()
    assert cycle.phase == "C"


def test_the_thema_aanpak_keeps_two_plans_when_both(programme_client, imported, cycle):
    cycle = Cycle.objects.get(pk=cycle.pk)
    p, c = cycle.programme_id, cycle.pk
    setting = imported.terms.get(label="De virtuele (online) omgeving")
    initiative = imported.initiatives.get(name="ikbenoffline.nl")
    data = {"strategy": "beide", "doelgroepen_bereiken": "Op het schoolplein en online.",
            "dialogische_momenten": "", "handelingsperspectief": "", "gespreksleiders_trainen": "Twee trainingen.",
            "verbinden-versterken-leefwerelden": [setting.pk], "verbinden-versterken-procesplan": "Q1: partijen; Q2: start.",
            "verbinden-versterken-initiatives": [initiative.pk], "verbinden-versterken-communicatieframe": "Samen online.",
            "initieren-procesplan": "Nieuwe dialoogtafels in krachtwijken.", "initieren-stakeholders": "Scholen, GGD"}
    response = programme_client.post(reverse("programmes:approach", args=[p, c]), data)
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.plan_kinds == ["verbinden-versterken", "initieren"]
    connect, initiate = cycle.plans.get(kind="verbinden-versterken"), cycle.plans.get(kind="initieren")
    assert list(connect.leefwerelden.all()) == [setting] and list(connect.initiatives.all()) == [initiative]
    assert initiate.procesplan == "Nieuwe dialoogtafels in krachtwijken."
    # Choosing one strategy later keeps the other plan's text.
    data["strategy"] = "verbinden-versterken"
    programme_client.post(reverse("programmes:approach", args=[p, c]), data)
    assert cycle.plans.get(kind="initieren").procesplan == "Nieuwe dialoogtafels in krachtwijken."
    page = get_ok(programme_client, reverse("programmes:approach", args=[p, c]))
    assert "niet gekozen" in page


def test_goals_are_added_edited_and_kept_when_in_use(programme_client, linked):
    cycle = linked.cycle
    p, c = cycle.programme_id, cycle.pk
    response = programme_client.post(reverse("programmes:goal_add", args=[p, c]), {"text": "Ouders praten mee", "kind": "korte-termijn"})
    assert response.status_code == 302
    goal = cycle.goals.get(text="Ouders praten mee")
    programme_client.post(reverse("programmes:goal_update", args=[p, c, goal.pk]),
                          {f"goal{goal.pk}-text": "Ouders én jongeren praten mee", f"goal{goal.pk}-kind": "lange-termijn"})
    goal.refresh_from_db()
    assert (goal.text, goal.kind) == ("Ouders én jongeren praten mee", "lange-termijn")
    used = linked.goals.get()
    page = programme_client.post(reverse("programmes:goal_delete", args=[p, c, used.pk]), follow=True).content.decode()
    assert "Herzie het doel in fase D" in page and Goal.objects.filter(pk=used.pk).exists()
    programme_client.post(reverse("programmes:goal_delete", args=[p, c, goal.pk]))
    assert not Goal.objects.filter(pk=goal.pk).exists()


def test_sessions_of_my_organisations_mias_can_be_linked(programme_client, cycle, session, stranger, content):
    from mia.tests.factories import make_assessment, make_dialogue

    url = reverse("programmes:links", args=[cycle.programme_id, cycle.pk])
    page = get_ok(programme_client, url)
    assert session.assessment.title in page
    foreign = make_dialogue(make_assessment(stranger, title="MIA van een andere gemeente"))
    assert "MIA van een andere gemeente" not in page
    add = reverse("programmes:link_add", args=[cycle.programme_id, cycle.pk])
    refused = programme_client.post(add, {"session": foreign.pk})
    assert refused.status_code == 400 and "Kies een sessie uit de lijst." in refused.content.decode()
    assert programme_client.post(add, {"session": session.pk, "reach": "regionaal"}).status_code == 302
    assert cycle.links.get().session == session
    # Linked once: it is no longer offered.
    assert programme_client.post(add, {"session": session.pk}).status_code == 400


def test_the_evaluation_shows_per_goal_counts_reach_themes_and_actions(programme_client, linked):
    cycle = linked.cycle
    p, c = cycle.programme_id, cycle.pk
    page = get_ok(programme_client, reverse("programmes:evaluation", args=[p, c]))
    assert "500 jongeren praten mee over online omgangsvormen" in page
    assert "1 sessies, 6 deelnemers, 13 kaartjes." in page
    assert "Jeugdigen: 6" in page
    response = programme_client.post(reverse("programmes:themes_start", args=[p, c]))
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.themes_job.status == Job.Status.DONE, cycle.themes_job.message
    assert cycle.themes_result["all"]["cards"] == 13 and cycle.themes_result["all"]["themes"]
    goal = linked.goals.get()
    assert cycle.themes_result[f"goal:{goal.pk}"]["themes"]
    page = get_ok(programme_client, reverse("programmes:evaluation", args=[p, c]))
    assert "Thema’s in alle kaartjes" in page and "Rode draad?" in page
    response = programme_client.post(reverse("programmes:goal_evaluate", args=[p, c, goal.pk]), {
        f"goal{goal.pk}-result": "320 jongeren deden mee.", f"goal{goal.pk}-status": "deels",
        f"goal{goal.pk}-revised_text": "500 jongeren, ook uit krachtwijken"})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.status == "deels" and goal.revised_at is not None
    response = programme_client.post(reverse("programmes:action_add", args=[p, c]), {
        "description": "Lesmodule online omgangsvormen in de onderbouw", "goal": goal.pk, "owner": "OCW",
        "status": "in-uitvoering", "fed_back_to": "Interdepartementaal platform", "fed_back_on": "2026-09-01"})
    assert response.status_code == 302
    action = PolicyAction.objects.get(cycle=cycle)
    assert (action.goal, action.fed_back_to) == (goal, "Interdepartementaal platform")
    page = get_ok(programme_client, reverse("programmes:evaluation", args=[p, c]))
    assert "Lesmodule online omgangsvormen" in page and "teruggekoppeld aan Interdepartementaal platform" in page


def test_a_feedback_date_needs_a_party(programme_client, cycle):
    response = programme_client.post(reverse("programmes:action_add", args=[cycle.programme_id, cycle.pk]), {
        "description": "Iets", "status": "voorgesteld", "fed_back_on": "2026-09-01"})
    assert response.status_code == 400
    assert "Aan welke partij is de actie teruggekoppeld?" in response.content.decode()


def test_small_numbers_of_people_are_not_shown(programme_client, cycle, assessment, owner):
    from mia.tests.factories import make_dialogue

    small = make_dialogue(assessment, participants=3)
    actions.link_session(cycle, owner, small, target_groups=[cycle.target_group])
    page = get_ok(programme_client, reverse("programmes:evaluation", args=[cycle.programme_id, cycle.pk]))
    assert "minder dan 5 deelnemers" in page
    assert "Jeugdigen: minder dan 5" in page


def test_withdrawn_consent_hides_the_cards(programme_client, linked):
    from django.utils import timezone

    participant = linked.session.participants.first()
    participant.consent_refused_at = timezone.now()
    participant.save()
    page = get_ok(programme_client, reverse("programmes:evaluation", args=[linked.cycle.programme_id, linked.cycle_id]))
    # The first participant wrote the five cards of make_dialogue and two of ours: 13 - 7.
    assert "1 sessies, 5 deelnemers, 6 kaartjes." in page


def test_a_new_cycle_starts_from_the_evaluation(programme_client, linked):
    cycle = linked.cycle
    goal = linked.goals.get()
    actions.evaluate_goal(goal, result="", status="deels", revised_text="Herzien doel")
    url = reverse("programmes:next_cycle", args=[cycle.programme_id, cycle.pk])
    response = programme_client.post(url, {"mode": "voortzetten", "title": ""})
    new = Cycle.objects.exclude(pk=cycle.pk).get()
    assert response.status_code == 302
    assert (new.phase, new.previous, new.theme) == ("B", cycle, cycle.theme)
    assert [g.text for g in new.goals.all()] == ["Herzien doel"]
    cycle.refresh_from_db()
    assert cycle.is_closed
    theme = cycle.programme.themes.get(title="Opgroeimaatjes")
    programme_client.post(url, {"mode": "nieuw", "theme": theme.pk})
    assert Cycle.objects.get(theme=theme).phase == "A"
    refused = programme_client.post(url, {"mode": "nieuw"})
    assert refused.status_code == 400 and "Kies voor een nieuwe cyclus een thema" in refused.content.decode()


def test_themes_and_terms_in_use_cannot_be_deleted(programme_client, imported, cycle):
    theme = cycle.theme
    page = programme_client.post(reverse("programmes:theme_delete", args=[imported.pk, theme.pk]), follow=True).content.decode()
    assert "Haal het daar eerst weg" in page and Theme.objects.filter(pk=theme.pk).exists()
    term = imported.terms.get(label="Sociale media")
    page = programme_client.post(reverse("programmes:term_delete", args=[imported.pk, term.pk]), follow=True).content.decode()
    assert "wordt nog 1 keer gebruikt" in page and Term.objects.filter(pk=term.pk).exists()
    unused = imported.terms.get(label="Jongere kinderen")
    programme_client.post(reverse("programmes:term_delete", args=[imported.pk, unused.pk]))
    assert not Term.objects.filter(pk=unused.pk).exists()


def test_terms_are_added_and_renamed_and_match_imports(programme_client, programme):
    url = reverse("programmes:term_add", args=[programme.pk])
    response = programme_client.post(url, {"kind": "doelgroep", "doelgroep-kind": "doelgroep", "doelgroep-label": "Docenten",
                                           "doelgroep-description": ""})
    assert response.status_code == 302
    term = programme.terms.get(label="Docenten")
    duplicate = programme_client.post(url, {"kind": "doelgroep", "doelgroep-kind": "doelgroep", "doelgroep-label": "docénten"})
    assert duplicate.status_code == 400 and "staat er al" in duplicate.content.decode()
    programme_client.post(reverse("programmes:term_update", args=[programme.pk, term.pk]), {"label": "Leraren", "description": "po en vo"})
    term.refresh_from_db()
    assert (term.label, term.key) == ("Leraren", "leraren")


def test_initiatives_are_entered_in_the_browser(programme_client, programme):
    url = reverse("programmes:initiative_new", args=[programme.pk])
    topic = programme.terms.get(label="Sociale media")
    response = programme_client.post(url, {"name": "Ouderavond online", "link": "https://www.voorbeeld.nl",
                                           "topics": [topic.pk], "reaches": ["lokaal", "regionaal"], "other_target_group": "Opa's"})
    assert response.status_code == 302
    initiative = Initiative.objects.get(name="Ouderavond online")
    assert initiative.reaches == ["lokaal", "regionaal"] and list(initiative.topics.all()) == [topic]
    edit = reverse("programmes:initiative_edit", args=[programme.pk, initiative.pk])
    assert "Ouderavond online" in get_ok(programme_client, edit)
    same = programme_client.post(url, {"name": "ouderavond ONLINE"})
    assert same.status_code == 400 and "Er staat al een initiatief" in same.content.decode()
    programme_client.post(reverse("programmes:initiative_delete", args=[programme.pk, initiative.pk]))
    assert not Initiative.objects.filter(pk=initiative.pk).exists()


def test_themes_record_energy_and_partners(programme_client, programme):
    theme = programme.themes.get(title="Opgroeimaatjes")
    url = reverse("programmes:theme_edit", args=[programme.pk, theme.pk])
    response = programme_client.post(url, {"title": theme.title, "question": theme.question, "energy": "3",
                                           "partners": "Alliantie laagdrempelige inloopmogelijkheden"})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.energy == 3 and "Alliantie" in theme.partners
    page = get_ok(programme_client, reverse("programmes:themes", args=[programme.pk]))
    assert page.index("Opgroeimaatjes") < page.index("Online omgangsvormen")  # most energy first


@pytest.mark.parametrize("closed", ["1", "0"])
def test_a_cycle_can_be_closed_and_reopened(programme_client, cycle, closed):
    programme_client.post(reverse("programmes:cycle_close", args=[cycle.programme_id, cycle.pk]), {"closed": closed})
    cycle.refresh_from_db()
    assert cycle.is_closed is (closed == "1")


def test_steps_of_the_seed_are_ordered_per_phase(cycle):
    assert list(CycleStep.objects.filter(cycle=cycle).values_list("phase", flat=True)) == list("AAABBBBCCDDDDD")
