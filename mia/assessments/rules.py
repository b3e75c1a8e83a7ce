"""Who may do what with an assessment — read in one place.

- kernteam members of an assessment view and edit it;
- lezers (readers) added to an assessment view its report only;
- a beheerder (superuser) may view everything through the admin;
- nobody else sees that it exists.
"""

import rules

from mia.assessments.models import AssessmentMember


@rules.predicate
def is_kernteam_member(user, assessment) -> bool:
    if assessment is None or not user.is_authenticated:
        return False
    return assessment.memberships.filter(user=user, role=AssessmentMember.MemberRole.KERNTEAM).exists()


@rules.predicate
def is_member(user, assessment) -> bool:
    if assessment is None or not user.is_authenticated:
        return False
    return assessment.memberships.filter(user=user).exists()


@rules.predicate
def is_kernteam_user(user) -> bool:
    """May start a new assessment: a kernteam role in some organisation, or a beheerder."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.memberships.filter(role__in=["kernteam", "beheerder"]).exists()


rules.add_perm("assessments.add_assessment", is_kernteam_user)
rules.add_perm("assessments.change_assessment", is_kernteam_member)
rules.add_perm("assessments.view_assessment", is_kernteam_member)
rules.add_perm("assessments.view_report", is_member)
