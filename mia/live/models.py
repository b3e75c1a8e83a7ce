"""Wrong session codes, kept briefly to stop codes being guessed by brute force."""

from django.db import models


class JoinAttempt(models.Model):
    # A keyed hash of the client address: enough to count attempts, useless as personal data.
    client_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["client_key", "created_at"], name="join_attempts_by_client")]
