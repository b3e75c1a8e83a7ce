"""What the report adds to an MIA: its status and version, and the transcripts of the dialogue.

The status ("concept" / "definitief") and the version are set by the kernteam through
``mia.reports.actions``; a transcript is stored pseudonymised (names and contact data of the
session's participants replaced by their pseudonyms) and never as it was uploaded.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mia.assessments.models import Assessment
from mia.dialogues.models import DialogueSession


class ReportStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    FINAL = "definitief", _("definitief")


class ReportState(models.Model):
    """One per MIA, made on the first change: without it the report is version 1, concept."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="report_state")
    status = models.CharField(_("status van het rapport"), max_length=20, choices=ReportStatus.choices,
                              default=ReportStatus.CONCEPT)
    version = models.PositiveIntegerField(_("versie"), default=1)
    finalised_at = models.DateTimeField(_("definitief gemaakt op"), null=True, blank=True)
    finalised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    # Kept as text too: it survives the user's deletion and an export to another installation.
    finalised_by_name = models.CharField(max_length=200, blank=True)
    # The follow-up step the first page names as the most important one.
    key_action = models.ForeignKey("assessments.FollowUpAction", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("belangrijkste vervolgstap"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("status van het rapport")

    def __str__(self) -> str:
        return f"{self.assessment} v{self.version} {self.status}"


class TranscriptSource(models.TextChoices):
    TYPED = "getypt", _("getypt of geplakt")
    UPLOAD = "bestand", _("bestand")


class Transcript(models.Model):
    """The word-for-word record of one dialogue session (report form "transcript")."""

    session = models.OneToOneField(DialogueSession, on_delete=models.CASCADE, related_name="transcript")
    text = models.TextField(_("transcript"))
    source = models.CharField(max_length=20, choices=TranscriptSource.choices, default=TranscriptSource.TYPED)
    file_name = models.CharField(max_length=255, blank=True)
    replacements = models.PositiveIntegerField(default=0)  # names and contact data replaced when saved
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        verbose_name = _("transcript")
        verbose_name_plural = _("transcripten")

    def __str__(self) -> str:
        return f"{self.session}: transcript"


class ReportFile(models.Model):
    """A large MIA's report made by the job queue (PDF or DOCX): a copy for download, deleted after a
    few days (``mia.reports.privacy.apply_retention``). It holds what the report holds: pseudonyms,
    never participants' names."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="report_files")
    format = models.CharField(max_length=10)
    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class ImportUpload(models.Model):
    """A large MIA file (JSON) uploaded for import, kept only until the import job has read it: it may
    hold participants' names and contact data. The job deletes it when it is done (or refused the file);
    retention deletes what a crashed job left after a day."""

    filename = models.CharField(max_length=255)
    data = models.BinaryField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
