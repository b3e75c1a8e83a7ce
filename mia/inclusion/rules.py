"""Who may do what with an inclusion trajectory — read in one place.

A trajectory belongs to an organisation (a municipality):

- every member of that organisation (kernteam, beheerder or lezer) may read it and its exports;
- kernteam members and beheerders of that organisation may work on it while it is open, and
  close, reopen or delete it;
- starting or importing a trajectory needs a kernteam or beheerder role in some organisation;
- nobody else learns that it exists (access.py answers 404).
"""

import rules

from mia.accounts.models import Role

EDITOR_ROLES = (Role.KERNTEAM, Role.BEHEERDER)


@rules.predicate
def is_organisation_member(user, trajectory) -> bool:
    if trajectory is None or not user.is_authenticated:
        return False
    return user.memberships.filter(organisation_id=trajectory.organisation_id).exists()


@rules.predicate
def is_organisation_editor(user, trajectory) -> bool:
    if trajectory is None or not user.is_authenticated:
        return False
    return user.memberships.filter(organisation_id=trajectory.organisation_id, role__in=EDITOR_ROLES).exists()


@rules.predicate
def is_open(user, trajectory) -> bool:
    return trajectory is not None and trajectory.is_open


@rules.predicate
def may_start(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.memberships.filter(role__in=EDITOR_ROLES).exists()


rules.add_perm("inclusion.add_trajectory", may_start)
rules.add_perm("inclusion.view_trajectory", is_organisation_member)
rules.add_perm("inclusion.change_trajectory", is_organisation_editor & is_open)
rules.add_perm("inclusion.manage_trajectory", is_organisation_editor)


def editor_organisations(user):
    """The organisations in which the user may start a trajectory."""
    from mia.accounts.models import Organisation

    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__role__in=EDITOR_ROLES).distinct()
