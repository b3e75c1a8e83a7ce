"""Personal data of the inclusion app (see docs/privacy.md): working-group members (name, role,
organisation, the factors they bring in) and the owners of tasks (a name).

- ``member_data``: everything held about one member, for an access request;
- ``erase_member``: the name becomes "Lid n" and the perspectives are wiped; the member's tasks
  lose the name too. Role and organisation stay: they describe the function, not the person;
- ``apply_retention(days, now)`` (called by ``mia.privacy.retention``): for trajectories closed longer than the retention period ago,
  every member and task owner is erased this way (the trajectory's content stays); documents made
  by the export job are deleted after a week.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from mia.inclusion.models import ExportFile, Member, Task, Trajectory, TrajectoryStatus

ERASED_OWNER = "(gewist)"
# Made documents are copies: kept a week, then made again when needed.
EXPORT_DAYS = 7


def member_data(member: Member) -> dict:
    trajectory = member.group.trajectory
    content = trajectory.content
    kinds = {k.code: k.label for k in content.working_group.member_kinds}
    qualities = {q.code: q.label for q in content.working_group.qualities}
    from mia.instrument.factors import load_lens

    factors = {f.code: f.label for f in load_lens().factors}
    return {
        "traject": trajectory.title,
        "organisatie": trajectory.organisation.name,
        "naam": member.name,
        "rol_of_functie": member.role,
        "afdeling_of_organisatie": member.organisation,
        "soort_lid": kinds.get(member.kind, member.kind),
        "brengt_in": [qualities.get(q, q) for q in member.qualities],
        "perspectieven": [factors.get(p, p) for p in member.perspectives],
        "taken": [
            {"taak": t.title, "klaar_op": t.due_date.isoformat() if t.due_date else None, "afgerond": t.done_at is not None}
            for t in trajectory.tasks.filter(owner=member.name)
        ] if not member.name_erased_at else [],
        "naam_gewist_op": member.name_erased_at.isoformat() if member.name_erased_at else None,
    }


@transaction.atomic
def erase_member(member: Member, now=None) -> None:
    now = now or timezone.now()
    if member.name_erased_at is None:
        Task.objects.filter(trajectory=member.group.trajectory, owner=member.name).update(owner=ERASED_OWNER)
    # Documents made with names hold the name too.
    ExportFile.objects.filter(trajectory=member.group.trajectory, personal_data=True).delete()
    position = list(member.group.members.values_list("pk", flat=True)).index(member.pk) + 1
    member.name = f"Lid {position}"
    member.perspectives = []
    member.name_erased_at = member.name_erased_at or now
    member.save(update_fields=["name", "perspectives", "name_erased_at"])


def closed_before_retention(days: int, now=None):
    now = now or timezone.now()
    return Trajectory.objects.filter(
        status=TrajectoryStatus.AFGESLOTEN, closed_at__lt=now - timedelta(days=days), personal_data_erased_at__isnull=True
    )


@transaction.atomic
def apply_retention(days: int | None = None, now=None) -> dict:
    """Erase the names of members and task owners of trajectories closed ``days`` (default
    ``MIA_RETENTION_DAYS``) ago. Returns how many of each were erased."""
    now = now or timezone.now()
    days = settings.MIA_RETENTION_DAYS if days is None else days
    members = owners = 0
    trajectories = list(closed_before_retention(days, now))
    for trajectory in trajectories:
        for member in Member.objects.filter(group__trajectory=trajectory, name_erased_at__isnull=True):
            erase_member(member, now)
            members += 1
        owners += trajectory.tasks.exclude(owner=ERASED_OWNER).update(owner=ERASED_OWNER)
        trajectory.personal_data_erased_at = now
        trajectory.save(update_fields=["personal_data_erased_at"])
    exports, _kinds = ExportFile.objects.filter(created_at__lt=now - timedelta(days=EXPORT_DAYS)).delete()
    return {"trajectories": len(trajectories), "members": members, "task_owners": owners, "export_files": exports}
