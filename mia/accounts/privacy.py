"""Personal data of the accounts app: login attempts counted by django-axes (username, client address,
browser) are needed only while they can lock someone out, so retention deletes them after the cool-off."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone


def apply_retention(now=None) -> int:
    from axes.models import AccessAttempt, AccessFailureLog

    before = (now or timezone.now()) - settings.AXES_COOLOFF_TIME
    deleted, _ = AccessAttempt.objects.filter(attempt_time__lt=before).delete()
    failures, _ = AccessFailureLog.objects.filter(attempt_time__lt=before).delete()
    return deleted + failures
