"""Who may do what with a dialogue programme — read in one place.

- every member of the programme's organisation may read it (overview and exports);
- members with the role kernteam or beheerder in that organisation may change it;
- anyone with kernteam or beheerder role somewhere may start a programme there;
- nobody else learns that it exists (a 404, see access.py).
"""

import rules

EDITOR_ROLES = ("kernteam", "beheerder")


@rules.predicate
def is_organisation_member(user, programme) -> bool:
    if programme is None or not user.is_authenticated:
        return False
    return user.memberships.filter(organisation_id=programme.organisation_id).exists()


@rules.predicate
def is_organisation_editor(user, programme) -> bool:
    if programme is None or not user.is_authenticated:
        return False
    return user.memberships.filter(organisation_id=programme.organisation_id, role__in=EDITOR_ROLES).exists()


@rules.predicate
def may_start_programmes(user) -> bool:
    if not user.is_authenticated:
        return False
    return user.memberships.filter(role__in=EDITOR_ROLES).exists()


rules.add_perm("programmes.add_programme", may_start_programmes)
rules.add_perm("programmes.view_programme", is_organisation_member)
rules.add_perm("programmes.change_programme", is_organisation_editor)
