"""The domain rules of the actions: what the Stappenplan asks, checked where the writes happen."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from mia.inclusion import actions
from mia.inclusion.actions import InclusionError
from mia.inclusion.models import StepWork, Task, VerkenningAnswer
from mia.inclusion.report import size_warning, trajectory_report


def test_a_new_trajectory_has_its_parts_and_the_active_version(trajectory, stappenplan):
    assert trajectory.content_version == stappenplan
    assert sorted(trajectory.step_work.values_list("step", flat=True)) == sorted(
        ["verkenning", "agenderen", "visie", "uitvoeren", "evalueren"]
    )
    assert trajectory.working_group and trajectory.participation and trajectory.monitoring
    assert all(w.status == "open" for w in trajectory.step_work.all())


def test_weet_ik_niet_becomes_a_task_with_an_owner(trajectory):
    answer, task = actions.save_answer(trajectory, "3-6c", state="weet-niet", owner="Youssef", how="Navragen bij de buurtsportcoach",
                                       ways=["partners", "inwoners"], due_date=dt.date(2026, 5, 1))
    assert answer.state == "weet-niet"
    assert task.owner == "Youssef" and task.question == "3-6c" and task.done_at is None
    assert task.title == "Deel 3, vraag 6c: Wie missen er? En waardoor komt dat? (Welke partners en inwoners zijn belangrijk om te betrekken in dit levensdomein?)"
    assert task.ways == ["partners", "inwoners"]
    assert StepWork.objects.get(trajectory=trajectory, step="verkenning").status == "bezig"


def test_weet_ik_niet_without_an_owner_is_refused(trajectory):
    with pytest.raises(InclusionError, match="Wie zoekt het uit"):
        actions.save_answer(trajectory, "1-2", state="weet-niet", owner="  ")
    assert not Task.objects.exists() and not VerkenningAnswer.objects.exists()


def test_answering_or_skipping_closes_the_task_and_a_second_weet_ik_niet_opens_it_again(trajectory):
    _answer, task = actions.save_answer(trajectory, "1-3", state="weet-niet", owner="Sanne")
    actions.save_answer(trajectory, "1-3", state="antwoord", text="Breed draagvlak in de raad.")
    task.refresh_from_db()
    assert task.done_at is not None
    actions.save_answer(trajectory, "1-3", state="weet-niet", owner="Sanne")
    task.refresh_from_db()
    assert task.done_at is None and Task.objects.count() == 1
    actions.save_answer(trajectory, "1-3", state="overslaan")
    task.refresh_from_db()
    assert task.done_at is not None


def test_saving_a_part_again_keeps_a_task_that_was_ticked_off(trajectory):
    _answer, task = actions.save_answer(trajectory, "1-3", state="weet-niet", owner="Sanne")
    actions.complete_task(task)
    actions.save_answers(trajectory, {"1-3": {"state": "weet-niet", "owner": "Sanne"}, "1-1": {"state": "antwoord", "text": "64.000"}})
    task.refresh_from_db()
    assert task.done_at is not None


def test_an_empty_answer_makes_no_record(trajectory):
    answer, task = actions.save_answer(trajectory, "1-1", state="antwoord", text="")
    assert answer is None and task is None and not VerkenningAnswer.objects.exists()


def test_unknown_questions_and_states_are_refused(trajectory):
    with pytest.raises(InclusionError, match="staat niet in de verkenning"):
        actions.save_answer(trajectory, "9-9", state="antwoord", text="x")
    with pytest.raises(InclusionError, match="Onbekende keuze"):
        actions.save_answer(trajectory, "1-1", state="misschien", text="x")


def test_deel_2_one_levensdomein_on_known_grounds_and_an_optional_area(trajectory):
    actions.choose_levensdomein(trajectory, levensdomein="welzijn-gezondheid-ondersteuning", bases=["prioritering", "ervaring"],
                                reason="De raad vraagt erom.", area="Kern Oosterwijk", area_reason="Weinig voorzieningen.")
    trajectory.refresh_from_db()
    assert trajectory.levensdomein == "welzijn-gezondheid-ondersteuning"
    assert trajectory.levensdomein_bases == ["ervaring", "prioritering"]  # in the seed's order
    with pytest.raises(InclusionError):
        actions.choose_levensdomein(trajectory, levensdomein="welzijn")  # not one of the six
    actions.choose_levensdomein(trajectory, levensdomein="thuis", area="", area_reason="vergeten")
    trajectory.refresh_from_db()
    assert trajectory.area == "" and trajectory.area_reason == ""


def test_a_step_with_its_knelpunten_and_prompts(trajectory):
    work = actions.save_step(
        trajectory, "agenderen", status="open", answers={"agenda": "In maart."},
        knelpunten={"weerstand": {"applies": "ja", "note": "Twee clubs zijn tegen."}, "tijd-prioriteit": {"applies": "", "note": ""}},
    )
    assert work.status == "bezig"  # writing something down is starting the step
    assert work.knelpunten == {"weerstand": {"applies": "ja", "note": "Twee clubs zijn tegen."}}
    with pytest.raises(InclusionError, match="Onbekend knelpunt"):
        actions.save_step(trajectory, "agenderen", status="bezig", knelpunten={"bestaat-niet": {"applies": "ja"}})
    with pytest.raises(InclusionError, match="Onbekende vraag"):
        actions.save_step(trajectory, "agenderen", status="bezig", answers={"visie": "hoort bij stap 3"})
    with pytest.raises(InclusionError, match="bestaat niet"):
        actions.save_step(trajectory, "stap-6", status="bezig")


def test_a_step_can_be_skipped_as_not_needed(trajectory):
    work = actions.save_step(trajectory, "visie", status="niet-nodig", notes="Er is al een visie in het coalitieakkoord.")
    assert work.status == "niet-nodig"


def test_the_vlechtwerk_check_per_factor_and_combinations(trajectory):
    check = actions.create_check(trajectory, name="Subsidieregeling sport")
    actions.save_factor_answers(check, {"leeftijd": {"anders": "Alleen jeugd.", "ontbreekt": "", "aanpak": ""}, "gezondheid": {"anders": ""}})
    assert list(check.factor_answers.values_list("factor", flat=True)) == ["leeftijd"]  # empty answers store nothing
    actions.save_factor_answers(check, {"leeftijd": {"anders": ""}})
    assert not check.factor_answers.exists()
    with pytest.raises(InclusionError, match="Onbekende factor"):
        actions.save_factor_answers(check, {"talent": {"anders": "x"}})
    actions.add_intersection(check, factors=["gezondheid", "leeftijd"], note="Ouderen met een chronische ziekte.")
    with pytest.raises(InclusionError, match="minstens twee"):
        actions.add_intersection(check, factors=["leeftijd"], note="x")
    with pytest.raises(InclusionError, match="staat er al"):
        actions.add_intersection(check, factors=["leeftijd", "gezondheid"], note="nog eens")
    with pytest.raises(InclusionError, match="Schrijf op"):
        actions.add_intersection(check, factors=["leeftijd", "educatie"], note="  ")


def test_the_working_group_members_size_and_role_over_time(trajectory):
    group = trajectory.working_group
    for n in range(7):
        actions.add_member(group, name=f"Lid {n}", kind="collega", qualities=["kennis"], perspectives=["leeftijd"])
    assert size_warning(trajectory, group.members.count()) == (
        "De werkgroep heeft 7 leden. Het stappenplan noemt 8 tot 10 mensen, afhankelijk van de gemeente."
    )
    actions.add_member(group, name="Achtste lid", kind="inwoner", perspectives=["gezondheid", "leeftijd"])
    assert size_warning(trajectory, group.members.count()) == ""
    with pytest.raises(InclusionError, match="Onbekende keuze"):
        actions.add_member(group, name="X", kind="wethouder")
    with pytest.raises(InclusionError, match="naam"):
        actions.add_member(group, name=" ", kind="collega")
    actions.change_role(group, role="aanjager", since=dt.date(2025, 1, 1))
    actions.change_role(group, role="kennis", since=dt.date(2026, 2, 1), note="De visie staat.")
    assert group.current_role.role == "kennis"
    coverage = trajectory_report(trajectory, personal_data=True)["working_group"]["coverage"]
    assert coverage.get("gezondheid").sources == ("Achtste lid",)
    assert coverage.factors[0].status == "ontbreekt"


def test_participation_forms_follow_the_activities(trajectory, owner):
    plan = trajectory.participation
    actions.save_participation(plan, approach="behoeften", forms=["panels"], attention={"usual-suspects": "Via sleutelfiguren."})
    actions.add_activity(plan, form="luistersessies", title="Luistersessie met clubs")
    plan.refresh_from_db()
    assert plan.forms == ["panels", "luistersessies"]
    with pytest.raises(InclusionError, match="Onbekende keuze"):
        actions.save_participation(plan, forms=["flashmob"])


def test_an_activity_links_only_an_mia_the_user_may_see(trajectory, owner, stranger, content):
    from mia.tests.factories import make_assessment

    mine = make_assessment(owner)
    theirs = make_assessment(stranger, title="Niet van mij")
    plan = trajectory.participation
    activity = actions.add_activity(plan, form="rondetafelgesprekken", title="MIA-dialoog", assessment=mine, user=owner)
    assert activity.assessment == mine
    with pytest.raises(InclusionError, match="niet koppelen"):
        actions.add_activity(plan, form="rondetafelgesprekken", title="Vreemd", assessment=theirs, user=owner)


def test_the_veranderverhaal_runs_from_activities_to_outcomes(trajectory):
    plan = trajectory.monitoring
    outcome = actions.add_goal(plan, kind="outcome", text="Iedereen voelt zich welkom")
    output = actions.add_goal(plan, kind="output", text="Vier clubs met een plan", contributes_to=outcome)
    actions.add_goal(plan, kind="activiteit", text="Training", contributes_to=output)
    with pytest.raises(InclusionError, match="hoger niveau"):
        actions.add_goal(plan, kind="outcome", text="Andersom", contributes_to=output)
    with pytest.raises(InclusionError, match="hoger niveau"):
        actions.add_goal(plan, kind="output", text="Gelijk niveau", contributes_to=output)
    from mia.inclusion.report import flatten, goal_tree

    assert [(n["goal"].text, n["depth"]) for n in flatten(goal_tree(trajectory))] == [
        ("Iedereen voelt zich welkom", 0), ("Vier clubs met een plan", 1), ("Training", 2),
    ]


def test_indicators_and_measurements(trajectory):
    plan = trajectory.monitoring
    indicator = actions.add_indicator(plan, name="Voelt zich welkom", source="leefbaarometer", unit="%", direction="hoger", target=Decimal("60"))
    actions.add_measurement(indicator, measured_on=dt.date(2024, 1, 1), value=Decimal("41.5"))
    with pytest.raises(InclusionError, match="al een meting"):
        actions.add_measurement(indicator, measured_on=dt.date(2024, 1, 1), value=Decimal("42"))
    with pytest.raises(InclusionError, match="te groot"):
        actions.add_measurement(indicator, measured_on=dt.date(2025, 1, 1), value=Decimal("1e20"))
    with pytest.raises(InclusionError, match="Onbekende keuze"):
        actions.add_indicator(plan, name="X", source="twitter")
    assert indicator.measurements.count() == 1


def test_the_other_trajectorys_goal_cannot_be_used(trajectory, owner, organisation):
    other = actions.create_trajectory(owner, organisation, title="Ander", municipality="X")
    goal = actions.add_goal(other.monitoring, kind="outcome", text="Elders")
    with pytest.raises(InclusionError, match="hoort niet bij dit traject"):
        actions.add_indicator(trajectory.monitoring, name="X", goal=goal)
    with pytest.raises(InclusionError, match="hoort niet bij dit traject"):
        actions.add_goal(trajectory.monitoring, kind="output", text="Y", contributes_to=goal)


def test_a_closed_trajectory_refuses_every_write(trajectory):
    actions.close_trajectory(trajectory)
    with pytest.raises(InclusionError, match="afgesloten"):
        actions.save_answer(trajectory, "1-1", state="antwoord", text="x")
    with pytest.raises(InclusionError, match="afgesloten"):
        actions.add_task(trajectory, title="x", owner="y")
    with pytest.raises(InclusionError, match="afgesloten"):
        actions.add_member(trajectory.working_group, name="x")
    actions.reopen_trajectory(trajectory)
    actions.add_task(trajectory, title="Nu wel", owner="Sanne")


def test_the_monitoring_plan_and_the_tips(trajectory):
    plan = trajectory.monitoring
    actions.save_monitoring(plan, answers={"doel": "Weten wat werkt.", "doel-waarom": "Need to know."},
                            tips={"met-mate": {"done": True, "note": ""}, "samen": {"done": False, "note": ""}})
    plan.refresh_from_db()
    assert plan.tips == {"met-mate": {"done": True, "note": ""}}
    with pytest.raises(InclusionError, match="Onbekende tip"):
        actions.save_monitoring(plan, tips={"tip-8": {"done": True}})


def test_control_characters_are_stripped_from_every_text(trajectory):
    task = actions.add_task(trajectory, title="Uitzoeken\x00\x07 wat", owner="Sa\x1bnne")
    assert task.title == "Uitzoeken wat" and task.owner == "Sanne"
