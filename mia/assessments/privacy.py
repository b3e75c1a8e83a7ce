"""Which assessments have passed their retention period; invitations nobody took."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from mia.assessments.models import Assessment, MemberInvitation, Status


def closed_before_retention(days: int, now=None):
    """Assessments that closed (finished, or stopped at step 1) more than ``days`` ago.

    A closed assessment without ``closed_at`` (an import of an older file) counts from its last change,
    so retention reaches it too."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=days)
    return Assessment.objects.exclude(status=Status.OPEN).filter(
        Q(closed_at__lt=cutoff) | Q(closed_at__isnull=True, updated_at__lt=cutoff)
    )


def apply_retention(now=None) -> int:
    """Delete invitations that were never accepted once their link has expired: the invited address
    served only to send the link. Accepted invitations stay with the MIA (who invited whom)."""
    now = now or timezone.now()
    expired = MemberInvitation.objects.filter(
        accepted_at__isnull=True, created_at__lt=now - timedelta(days=MemberInvitation.VALID_DAYS)
    )
    deleted, _details = expired.delete()
    return deleted
