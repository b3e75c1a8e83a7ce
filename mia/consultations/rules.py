"""Who may do what with a consultation series — read in one place.

A series belongs to an organisation (a ministry or municipality):

- every member of that organisation (kernteam, beheerder or lezer) may read it and its reports;
- kernteam members and beheerders of that organisation may work on it;
- starting a series needs a kernteam or beheerder role in some organisation;
- nobody else learns that it exists (access.py answers 404);
- participants have no account: their personal token link reaches only the drafts of the
  sessions they attended (``actions.drafts_for``).
"""

import rules

from mia.accounts.models import Role

EDITOR_ROLES = (Role.KERNTEAM, Role.BEHEERDER)


@rules.predicate
def is_organisation_member(user, series) -> bool:
    if series is None or not user.is_authenticated:
        return False
    return user.memberships.filter(organisation_id=series.organisation_id).exists()


@rules.predicate
def is_organisation_editor(user, series) -> bool:
    if series is None or not user.is_authenticated:
        return False
    return user.memberships.filter(organisation_id=series.organisation_id, role__in=EDITOR_ROLES).exists()


@rules.predicate
def may_start(user) -> bool:
    return user.is_authenticated and user.memberships.filter(role__in=EDITOR_ROLES).exists()


rules.add_perm("consultations.add_series", may_start)
rules.add_perm("consultations.view_series", is_organisation_member)
rules.add_perm("consultations.change_series", is_organisation_editor)


def editor_organisations(user):
    from mia.accounts.models import Organisation

    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__role__in=EDITOR_ROLES).distinct()
