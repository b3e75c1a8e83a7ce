"""Wrong session codes, kept briefly to stop codes being guessed by brute force."""

from django.conf import settings
from django.db import models


class JoinAttempt(models.Model):
    # A keyed hash of the client address: enough to count attempts, useless as personal data.
    client_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["client_key", "created_at"], name="join_attempts_by_client")]


class HiddenCard(models.Model):
    """A card the facilitator took off the crowd wall, with the reason. The card itself stays in the
    record (reports, exports, analysis): only the wall and its counts leave it out."""

    card = models.OneToOneField("dialogues.ConclusionCard", on_delete=models.CASCADE, related_name="wall_hidden")
    reason = models.CharField(max_length=200)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    hidden_at = models.DateTimeField(auto_now_add=True)


class WallThemes(models.Model):
    """The themes of a round's cards on the crowd wall, found in the background by a job."""

    round = models.OneToOneField("dialogues.Round", on_delete=models.CASCADE, related_name="wall_themes")
    themes = models.JSONField(default=list)
    cards_counted = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()
