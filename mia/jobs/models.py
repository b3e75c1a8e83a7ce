"""A long task (themes, a panel selection, a large import or PDF), run by the worker.

The queue only carries the job's id; everything a page or the CLI shows (status,
progress, the Dutch error) lives here, so it survives restarts of web and worker.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "wacht", _("Wacht op zijn beurt")
        RUNNING = "bezig", _("Bezig")
        DONE = "klaar", _("Klaar")
        FAILED = "mislukt", _("Mislukt")

    kind = models.CharField(max_length=60)
    # What the job works on (e.g. "panels.pool:12"), so a page can list the jobs of its object.
    subject = models.CharField(max_length=100, db_index=True)
    params = models.JSONField(default=dict)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.FloatField(default=0.0)
    step = models.CharField(max_length=200, blank=True)
    message = models.TextField(blank=True)  # Dutch, for the user, when it failed
    result = models.JSONField(default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Renewed by the worker while the job runs; a stale one means the worker died.
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="job_running")]
        verbose_name = _("taak")
        verbose_name_plural = _("taken")

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        return 100 if self.status == self.Status.DONE else round(self.progress * 100)
