"""Access from three sides for every URL of the inclusion app: a member of the owning
organisation, a user of another organisation (404 everywhere, for pages and actions alike) and an
anonymous visitor (login); plus a lezer of the organisation (reads, never writes) and a closed
trajectory (read-only for everyone)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mia.inclusion import actions
from mia.inclusion.models import Trajectory


def ids(t: Trajectory) -> dict:
    check = t.checks.get()
    plan = t.monitoring
    indicator = plan.indicators.get()
    return {
        "check": check.pk,
        "intersection": check.intersections.get().pk,
        "member": t.working_group.members.get().pk,
        "role": t.working_group.role_changes.get().pk,
        "activity": t.participation.activities.get().pk,
        "goal": plan.goals.get().pk,
        "indicator": indicator.pk,
        "measurement": indicator.measurements.get().pk,
        "qualitative": plan.qualitative_checks.get().pk,
        "task": t.tasks.get().pk,
        "export": t.export_files.get(personal_data=False).pk,
        "export_names": t.export_files.get(personal_data=True).pk,
    }


def names_pages(t: Trajectory) -> list[str]:
    """Exports with names: only for the kernteam and beheerders of the organisation."""
    return [
        reverse("inclusion:export_file", args=[t.pk, ids(t)["export_names"]]),
        reverse("inclusion:export_json", args=[t.pk]) + "?namen=1",
        reverse("inclusion:member_export", args=[t.pk, ids(t)["member"]]),
    ]


def work_pages(t: Trajectory) -> list[str]:
    """Pages of the workspace: only for those who may change an open trajectory."""
    i = ids(t)
    return [
        reverse("inclusion:trajectory", args=[t.pk]),
        *[reverse("inclusion:step", args=[t.pk, n]) for n in range(1, 6)],
        *[reverse("inclusion:precondition", args=[t.pk, n]) for n in range(1, 4)],
        reverse("inclusion:check", args=[t.pk, i["check"]]),
        reverse("inclusion:indicator", args=[t.pk, i["indicator"]]),
        reverse("inclusion:member", args=[t.pk, i["member"]]),
        reverse("inclusion:tasks", args=[t.pk]),
        reverse("inclusion:task", args=[t.pk, i["task"]]),
        reverse("inclusion:coverage", args=[t.pk]),
    ]


def read_pages(t: Trajectory) -> list[str]:
    """What every member of the organisation may read: the summary and the exports."""
    return [
        reverse("inclusion:summary", args=[t.pk]),
        reverse("inclusion:export_file", args=[t.pk, ids(t)["export"]]),
        reverse("inclusion:export_json", args=[t.pk]),
        reverse("inclusion:measurements_csv", args=[t.pk]),
    ]


def post_actions(t: Trajectory) -> list[str]:
    i = ids(t)
    pk = t.pk
    return [
        reverse("inclusion:update", args=[pk]),
        reverse("inclusion:step_save", args=[pk, 2]),
        reverse("inclusion:verkenning_save", args=[pk, 1]),
        reverse("inclusion:levensdomein_save", args=[pk]),
        reverse("inclusion:monitoring_save", args=[pk]),
        reverse("inclusion:goal_add", args=[pk]),
        reverse("inclusion:goal_remove", args=[pk, i["goal"]]),
        reverse("inclusion:indicator_add", args=[pk]),
        reverse("inclusion:indicator_update", args=[pk, i["indicator"]]),
        reverse("inclusion:indicator_remove", args=[pk, i["indicator"]]),
        reverse("inclusion:measurement_add", args=[pk, i["indicator"]]),
        reverse("inclusion:measurement_remove", args=[pk, i["measurement"]]),
        reverse("inclusion:qualitative_add", args=[pk]),
        reverse("inclusion:qualitative_remove", args=[pk, i["qualitative"]]),
        reverse("inclusion:check_create", args=[pk]),
        reverse("inclusion:check_save", args=[pk, i["check"]]),
        reverse("inclusion:check_update", args=[pk, i["check"]]),
        reverse("inclusion:check_delete", args=[pk, i["check"]]),
        reverse("inclusion:intersection_add", args=[pk, i["check"]]),
        reverse("inclusion:intersection_delete", args=[pk, i["check"], i["intersection"]]),
        reverse("inclusion:group_save", args=[pk]),
        reverse("inclusion:member_add", args=[pk]),
        reverse("inclusion:member_update", args=[pk, i["member"]]),
        reverse("inclusion:member_remove", args=[pk, i["member"]]),
        reverse("inclusion:member_erase", args=[pk, i["member"]]),
        reverse("inclusion:role_add", args=[pk]),
        reverse("inclusion:role_remove", args=[pk, i["role"]]),
        reverse("inclusion:participation_save", args=[pk]),
        reverse("inclusion:activity_add", args=[pk]),
        reverse("inclusion:activity_remove", args=[pk, i["activity"]]),
        reverse("inclusion:task_add", args=[pk]),
        reverse("inclusion:task_update", args=[pk, i["task"]]),
        reverse("inclusion:task_done", args=[pk, i["task"]]),
        reverse("inclusion:task_reopen", args=[pk, i["task"]]),
        reverse("inclusion:task_delete", args=[pk, i["task"]]),
        reverse("inclusion:coverage_file", args=[pk]),
        reverse("inclusion:export_start", args=[pk]),
        reverse("inclusion:close", args=[pk]),
        reverse("inclusion:reopen", args=[pk]),
        reverse("inclusion:delete", args=[pk]),
    ]


@pytest.fixture
def exported(full_trajectory, owner):
    """One made document without names and one with."""
    actions.request_export(full_trajectory, user=owner, fmt="docx")
    actions.request_export(full_trajectory, user=owner, fmt="docx", personal_data=True)
    return full_trajectory


def counts() -> tuple:
    from mia.inclusion import models

    return tuple(m.objects.count() for m in (models.Trajectory, models.Task, models.PolicyCheck, models.Member, models.Measurement))


def test_it_lets_a_member_of_the_organisation_see_every_page(owner_client, exported):
    for url in work_pages(exported) + read_pages(exported) + names_pages(exported):
        assert owner_client.get(url).status_code == 200, url


def test_it_hides_everything_from_another_organisation(stranger_client, exported):
    before = counts()
    for url in work_pages(exported) + read_pages(exported) + names_pages(exported):
        assert stranger_client.get(url).status_code == 404, url
    for url in post_actions(exported):
        assert stranger_client.post(url, {"confirm": exported.title}).status_code == 404, url
    assert counts() == before
    assert stranger_client.get(reverse("inclusion:list")).content.decode().count(exported.title) == 0


def test_it_sends_an_anonymous_visitor_to_the_login(client, exported):
    for url in work_pages(exported) + read_pages(exported) + names_pages(exported) + [reverse("inclusion:list"), reverse("inclusion:create")]:
        response = client.get(url)
        assert response.status_code == 302 and reverse("login") in response["Location"], url
    before = counts()
    for url in post_actions(exported):
        response = client.post(url, {"confirm": exported.title})
        assert response.status_code == 302 and reverse("login") in response["Location"], url
    assert counts() == before


def test_a_lezer_of_the_organisation_reads_but_never_writes(reader_client, exported):
    for url in read_pages(exported):
        assert reader_client.get(url).status_code == 200, url
    # The workspace of a trajectory sends a lezer to its summary; its working pages do not exist for them.
    assert reader_client.get(reverse("inclusion:trajectory", args=[exported.pk]))["Location"].endswith("/overzicht/")
    for url in work_pages(exported)[1:] + names_pages(exported):
        assert reader_client.get(url).status_code == 404, url
    assert "Anna Jansen" not in reader_client.get(reverse("inclusion:summary", args=[exported.pk])).content.decode()
    before = counts()
    for url in post_actions(exported):
        if url == reverse("inclusion:export_start", args=[exported.pk]):
            continue  # reading includes making a document (below)
        assert reader_client.post(url, {"confirm": exported.title}).status_code == 404, url
    assert counts() == before
    response = reader_client.post(reverse("inclusion:export_start", args=[exported.pk]), {"format": "docx"})
    assert response.status_code == 302  # a lezer may make a document without names
    assert reader_client.post(reverse("inclusion:export_start", args=[exported.pk]), {"format": "docx", "namen": "1"}).status_code == 404
    assert reader_client.get(reverse("inclusion:create")).status_code == 403
    assert reader_client.post(reverse("inclusion:import")).status_code == 403


def test_a_closed_trajectory_is_read_only_until_it_is_reopened(owner_client, exported):
    actions.close_trajectory(exported)
    for url in work_pages(exported)[1:]:
        assert owner_client.get(url).status_code == 404, url
    assert owner_client.get(reverse("inclusion:summary", args=[exported.pk])).status_code == 200
    response = owner_client.post(reverse("inclusion:task_add", args=[exported.pk]), {"taak-title": "x", "taak-owner": "y"})
    assert response.status_code == 404
    response = owner_client.post(reverse("inclusion:reopen", args=[exported.pk]))
    assert response.status_code == 302
    assert owner_client.get(reverse("inclusion:step", args=[exported.pk, 1])).status_code == 200


def test_objects_of_another_trajectory_are_404_even_for_a_member(owner_client, exported, organisation, owner):
    other = actions.create_trajectory(owner, organisation, title="Ander traject", municipality="Gemeente X")
    i = ids(exported)
    for url in [
        reverse("inclusion:check", args=[other.pk, i["check"]]),
        reverse("inclusion:indicator", args=[other.pk, i["indicator"]]),
        reverse("inclusion:member", args=[other.pk, i["member"]]),
        reverse("inclusion:task", args=[other.pk, i["task"]]),
    ]:
        assert owner_client.get(url).status_code == 404, url
    assert owner_client.post(reverse("inclusion:task_delete", args=[other.pk, i["task"]])).status_code == 404
    assert exported.tasks.exists()


@pytest.mark.parametrize("bad", ["abc", "99999999999999999999"])
def test_unknown_or_impossible_ids_are_404(owner_client, exported, bad):
    response = owner_client.get(f"/inclusie/{exported.pk}/vlechtwerk/{bad}/")
    assert response.status_code == 404
    assert owner_client.get(f"/inclusie/{exported.pk}/stap-9/").status_code == 404
    assert owner_client.get(f"/inclusie/{exported.pk}/randvoorwaarde-7/").status_code == 404


def test_deleting_needs_the_title_typed_over(owner_client, exported):
    url = reverse("inclusion:delete", args=[exported.pk])
    owner_client.post(url, {"confirm": "iets anders"})
    assert Trajectory.objects.filter(pk=exported.pk).exists()
    owner_client.post(url, {"confirm": exported.title})
    assert not Trajectory.objects.filter(pk=exported.pk).exists()


def test_the_list_shows_only_the_organisations_trajectories(owner_client, stranger, exported, stappenplan):
    from mia.inclusion.actions import create_trajectory

    create_trajectory(stranger, stranger.memberships.get().organisation, title="Geheim traject", municipality="Andere gemeente")
    page = owner_client.get(reverse("inclusion:list")).content.decode()
    assert exported.title in page and "Geheim traject" not in page
