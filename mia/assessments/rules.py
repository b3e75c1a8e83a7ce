"""Who may do what with an assessment — read in one place.

- kernteam members of an assessment view and edit it;
- lezers (readers) added to an assessment view its report only;
- a superuser may view everything through the admin; in the app they are a user like any other
  (issue 11 item 14): they see and start MIAs only where their memberships let them;
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
    """May start a new assessment: a kernteam or beheerder role in some organisation (a superuser too
    needs one: the app is no back door, issue 11 item 14)."""
    if not user.is_authenticated:
        return False
    return user.memberships.filter(role__in=["kernteam", "beheerder"]).exists()


rules.add_perm("assessments.add_assessment", is_kernteam_user)
rules.add_perm("assessments.change_assessment", is_kernteam_member)
rules.add_perm("assessments.view_assessment", is_kernteam_member)
rules.add_perm("assessments.view_report", is_member)
