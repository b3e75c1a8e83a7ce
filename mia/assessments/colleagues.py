"""Who counts as a colleague for an assessment, and the one-time tokens of invitations."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from mia.assessments.models import Assessment, MemberInvitation


def home_organisation(user):
    """The organisation a new MIA of ``user`` belongs to: the first where they may start one (kernteam
    or beheerder), else None. Never one they only read in, and a superuser is no exception."""
    membership = (
        user.memberships.filter(role__in=["kernteam", "beheerder"]).select_related("organisation").order_by("pk").first()
    )
    return membership.organisation if membership else None


def colleagues(assessment: Assessment):
    """Active users of the assessment's own organisation who are not members yet (to choose from)."""
    if assessment.organisation_id is None:
        return get_user_model().objects.none()
    return (
        get_user_model().objects.filter(is_active=True, memberships__organisation_id=assessment.organisation_id)
        .exclude(assessment_memberships__assessment=assessment)
        .order_by("first_name", "last_name", "username")
        .distinct()
    )


def is_colleague(assessment: Assessment, user) -> bool:
    return (
        assessment.organisation_id is not None and user.is_active
        and user.memberships.filter(organisation_id=assessment.organisation_id).exists()
    )


def new_token() -> str:
    return secrets.token_urlsafe(24)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _open():
    since = timezone.now() - timedelta(days=MemberInvitation.VALID_DAYS)
    return MemberInvitation.objects.filter(accepted_at__isnull=True, created_at__gte=since)


def open_invitations(assessment: Assessment):
    """The assessment's invitations whose link still works (not used, not expired)."""
    return _open().filter(assessment=assessment)


def open_invitation(token: str) -> MemberInvitation | None:
    """The unused, unexpired invitation of this token, or None."""
    if not token or len(token) > 100:
        return None
    return _open().select_related("assessment", "invited_by").filter(token_hash=token_hash(token)).first()


def invitation_is_for(invitation: MemberInvitation, user) -> bool:
    """Whether ``user``'s e-mail address is the one the invitation was sent to (case does not matter)."""
    own = (getattr(user, "email", "") or "").strip().casefold()
    return bool(own) and own == invitation.email.strip().casefold()
