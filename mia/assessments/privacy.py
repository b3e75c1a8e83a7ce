"""Which assessments have passed their retention period."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from mia.assessments.models import Assessment, Status


def closed_before_retention(days: int, now=None):
    """Assessments that closed (finished, or stopped at step 1) more than ``days`` ago."""
    now = now or timezone.now()
    return Assessment.objects.exclude(status=Status.OPEN).filter(closed_at__lt=now - timedelta(days=days))
