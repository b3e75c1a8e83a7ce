"""Who may do what in an impact team's workspace — read in one place.

- every member of the workspace's organisation (any role, also lezer) may view it;
- its kernteam members and beheerders may change it, while it is not archived;
- beheerders of the organisation may change the scales, the matrix and the
  quadrant names, and archive the workspace;
- anyone with a kernteam or beheerder role somewhere may start a workspace for that organisation;
- nobody else learns that it exists (``access.py`` answers 404);
- a superuser is no exception in the app (issue 11 item 14): they work on other organisations'
  data only in the admin.
"""

import rules

from mia.accounts.models import Membership, Role

EDITING_ROLES = (Role.KERNTEAM, Role.BEHEERDER)


def _role(user, workspace) -> str | None:
    if workspace is None or not user.is_authenticated:
        return None
    membership = Membership.objects.filter(user=user, organisation_id=workspace.organisation_id).only("role").first()
    return membership.role if membership else None


@rules.predicate
def is_member(user, workspace) -> bool:
    return _role(user, workspace) is not None


@rules.predicate
def is_editor(user, workspace) -> bool:
    return _role(user, workspace) in EDITING_ROLES


@rules.predicate
def is_beheerder(user, workspace) -> bool:
    return _role(user, workspace) == Role.BEHEERDER


@rules.predicate
def is_open(user, workspace) -> bool:
    return workspace is not None and workspace.archived_at is None


@rules.predicate
def may_start_somewhere(user) -> bool:
    return user.is_authenticated and user.memberships.filter(role__in=EDITING_ROLES).exists()


rules.add_perm("measures.add_workspace", may_start_somewhere)
# A superuser works in the admin; in the app they see only their own organisations' workspaces
# (issue 11 item 14: a superuser is no back door into other organisations' data).
rules.add_perm("measures.view_workspace", is_member)
rules.add_perm("measures.change_workspace", is_editor & is_open)
rules.add_perm("measures.manage_workspace", is_beheerder)


def organisations_for_new_workspace(user):
    """The organisations in which this user may start a workspace: those where they are kernteam or
    beheerder (a superuser too; the CLI names the organisation itself)."""
    from mia.accounts.models import Organisation

    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__role__in=EDITING_ROLES).distinct()
