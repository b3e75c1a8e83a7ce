"""Personal data of the inclusion app: working-group members and task owners. A member's data can
be exported and erased; names of a trajectory closed longer than the retention period are erased."""

from __future__ import annotations

import datetime as dt
import json

from django.urls import reverse
from django.utils import timezone

from mia.inclusion import actions
from mia.inclusion.models import Member, Trajectory
from mia.inclusion.privacy import ERASED_OWNER, apply_retention, member_data


def test_a_members_data_can_be_exported(owner_client, full_trajectory):
    member = full_trajectory.working_group.members.get()
    actions.add_task(full_trajectory, title="Cijfers opvragen", owner="Anna Jansen")
    response = owner_client.get(reverse("inclusion:member_export", args=[full_trajectory.pk, member.pk]))
    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment")
    assert data["naam"] == "Anna Jansen" and data["perspectieven"] == ["Leeftijd"]
    assert [t["taak"] for t in data["taken"]] == ["Cijfers opvragen"]


def test_erasing_a_member_wipes_name_perspectives_and_task_ownership(owner_client, full_trajectory):
    member = full_trajectory.working_group.members.get()
    task = actions.add_task(full_trajectory, title="Cijfers opvragen", owner="Anna Jansen")
    owner_client.post(reverse("inclusion:member_erase", args=[full_trajectory.pk, member.pk]))
    member.refresh_from_db()
    task.refresh_from_db()
    assert member.name == "Lid 1" and member.perspectives == [] and member.name_erased_at is not None
    assert member.role == "beleidsadviseur"  # the function stays
    assert task.owner == ERASED_OWNER
    assert member_data(member)["taken"] == []


def test_erasing_a_member_deletes_documents_made_with_names_and_old_documents_expire(full_trajectory, owner):
    from mia.inclusion.models import ExportFile

    actions.request_export(full_trajectory, user=owner, fmt="docx", personal_data=True)
    actions.request_export(full_trajectory, user=owner, fmt="docx")
    from mia.inclusion.privacy import erase_member

    erase_member(full_trajectory.working_group.members.get())
    assert list(ExportFile.objects.values_list("personal_data", flat=True)) == [False]
    ExportFile.objects.update(created_at=timezone.now() - dt.timedelta(days=8))
    assert apply_retention()["export_files"] == 1


def test_a_member_can_be_erased_also_when_the_trajectory_is_closed(owner_client, full_trajectory):
    actions.close_trajectory(full_trajectory)
    member = full_trajectory.working_group.members.get()
    response = owner_client.post(reverse("inclusion:member_erase", args=[full_trajectory.pk, member.pk]))
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.name_erased_at is not None


def test_retention_erases_names_of_trajectories_closed_long_ago_only(full_trajectory, owner, organisation, settings):
    settings.MIA_RETENTION_DAYS = 365
    recent = actions.create_trajectory(owner, organisation, title="Recent", municipality="X")
    actions.add_member(recent.working_group, name="Blijft Staan")
    actions.close_trajectory(recent)
    actions.close_trajectory(full_trajectory)
    Trajectory.objects.filter(pk=full_trajectory.pk).update(closed_at=timezone.now() - dt.timedelta(days=400))
    result = apply_retention()
    assert result == {"trajectories": 1, "members": 1, "task_owners": 1, "export_files": 0}
    assert Member.objects.get(group__trajectory=full_trajectory).name == "Lid 1"
    assert full_trajectory.tasks.get().owner == ERASED_OWNER
    assert Member.objects.get(group__trajectory=recent).name == "Blijft Staan"
    assert apply_retention() == {"trajectories": 0, "members": 0, "task_owners": 0, "export_files": 0}  # once is enough
    full_trajectory.refresh_from_db()
    from mia.inclusion.actions import InclusionError

    try:
        actions.reopen_trajectory(full_trajectory)
    except InclusionError as error:
        assert "bewaartermijn" in str(error)
    else:  # pragma: no cover
        raise AssertionError("an erased trajectory must not reopen")


def test_the_privacy_map_lists_the_personal_fields():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[3] / "docs" / "privacy.md").read_text(encoding="utf-8")
    for field in ("inclusion.Member.name", "inclusion.Member.perspectives", "inclusion.Task.owner"):
        assert field in text
