"""Themes found in what participants wrote, and the analyst's edits of them.

Every run makes a new ``ThemeSet``: the automatic grouping is a starting point and
never overwrites a set an analyst has renamed, merged or rearranged.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mia.assessments.models import Assessment
from mia.dialogues.models import ConclusionCard


class ThemeSet(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="theme_sets")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    method = models.CharField(max_length=20)
    seed = models.IntegerField(default=0)
    warnings = models.JSONField(default=list)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("thema-analyse")


class Theme(models.Model):
    theme_set = models.ForeignKey(ThemeSet, on_delete=models.CASCADE, related_name="themes")
    label = models.CharField(_("naam van het thema"), max_length=200)
    automatic_label = models.CharField(max_length=200, blank=True)
    summary = models.TextField(_("samenvatting"), blank=True)
    position = models.PositiveIntegerField(default=0)
    is_other = models.BooleanField(default=False)
    rode_draad = models.BooleanField(_("rode draad"), default=False)
    quote_ids = models.JSONField(default=list)  # most representative cards, as found
    # The analyst saved or accepted this name: only then does the report show it (a machine's
    # name is a guess until a person has read the cards under it).
    label_reviewed = models.BooleanField(_("naam beoordeeld"), default=False)

    class Meta:
        ordering = ["is_other", "position", "pk"]
        verbose_name = _("thema")

    def __str__(self) -> str:
        return self.label


class ThemeCard(models.Model):
    """A card's place in one theme set: exactly one theme per card per set."""

    theme_set = models.ForeignKey(ThemeSet, on_delete=models.CASCADE, related_name="placements")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="placements")
    card = models.ForeignKey(ConclusionCard, on_delete=models.CASCADE, related_name="theme_placements")

    class Meta:
        unique_together = [("theme_set", "card")]


class ResponseAnalysis(models.Model):
    """Themes in an imported file of responses (e.g. an internet consultation), found by a job of
    the queue (kind ``analysis.responses``, subject ``analysis.responses:<pk>``), which shows its
    progress and keeps its outcome; the themes are stored here when it is done."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="response_analyses")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    text_column = models.CharField(max_length=200)
    texts = models.JSONField(default=list)
    ids = models.JSONField(default=list)
    groups = models.JSONField(default=dict)
    result = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at"]


class Code(models.Model):
    """The analyst's own code (as in qualitative-analysis tools), attached to cards by hand."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="codes")
    name = models.CharField(_("code"), max_length=100)
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)
    cards = models.ManyToManyField(ConclusionCard, blank=True, related_name="codes")

    class Meta:
        ordering = ["name"]
        unique_together = [("assessment", "name")]
        verbose_name = _("code")

    def __str__(self) -> str:
        return self.name
