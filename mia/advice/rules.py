"""Who may do what with an advice structure — read in one place.

- every member of the structure's organisation (any role, also lezer) may view all of it;
- its kernteam members and beheerders may change it;
- a body member with an account (``Member.user``), also from another organisation, sees only their own
  body: its page and the items that flow to and from it; they never see the whole structure;
- anyone with a kernteam or beheerder role somewhere may start a structure for that organisation;
- nobody else learns that it exists (``access.py`` answers 404);
- a superuser is no exception in the app (issue 11 item 14): they work on other organisations'
  structures only in the admin.
"""

import rules

from mia.accounts.models import Membership, Role

EDITING_ROLES = (Role.KERNTEAM, Role.BEHEERDER)


def _role(user, structure) -> str | None:
    if structure is None or not user.is_authenticated:
        return None
    membership = Membership.objects.filter(user=user, organisation_id=structure.organisation_id).only("role").first()
    return membership.role if membership else None


@rules.predicate
def is_member(user, structure) -> bool:
    return _role(user, structure) is not None


@rules.predicate
def is_editor(user, structure) -> bool:
    return _role(user, structure) in EDITING_ROLES


@rules.predicate
def sits_on_body(user, body) -> bool:
    return body is not None and user.is_authenticated and body.members.filter(user=user, erased_at__isnull=True).exists()


@rules.predicate
def member_of_body_structure(user, body) -> bool:
    return body is not None and is_member(user, body.structure)


@rules.predicate
def may_start_somewhere(user) -> bool:
    return user.is_authenticated and user.memberships.filter(role__in=EDITING_ROLES).exists()


rules.add_perm("advice.add_structure", may_start_somewhere)
rules.add_perm("advice.view_structure", is_member)
rules.add_perm("advice.change_structure", is_editor)
rules.add_perm("advice.view_body", member_of_body_structure | sits_on_body)


def organisations_for_new_structure(user):
    from mia.accounts.models import Organisation

    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__role__in=EDITING_ROLES).distinct()
