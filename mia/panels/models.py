"""A pool of volunteers for the dialogue(s) of an MIA, its quotas, and the selections made.

Contact data (names, e-mail, addresses) is kept in its own table, apart from the
features the selection uses, never shown in reports, and erased after the
retention period together with the participants' data.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mia.assessments.models import Assessment


class PanelPool(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="panel_pools")
    name = models.CharField(_("naam"), max_length=200)
    people_file = models.CharField(_("bestand met deelnemers"), max_length=255, blank=True)
    quotas_file = models.CharField(_("quotabestand"), max_length=255, blank=True)
    feature_names = models.JSONField(default=list)
    contact_columns = models.JSONField(default=list)
    warnings = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    contact_erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("pool van vrijwilligers")
        verbose_name_plural = _("pools van vrijwilligers")

    def __str__(self) -> str:
        return self.name


class Volunteer(models.Model):
    pool = models.ForeignKey(PanelPool, on_delete=models.CASCADE, related_name="volunteers")
    external_id = models.CharField(max_length=200)
    features = models.JSONField(default=dict)
    row = models.PositiveIntegerField(null=True)
    # The participant this volunteer became (``make_participants``): erasing them erases this contact too.
    participant = models.ForeignKey(
        "dialogues.Participant", null=True, blank=True, on_delete=models.SET_NULL, related_name="volunteers"
    )

    class Meta:
        ordering = ["pk"]
        unique_together = [("pool", "external_id")]


class VolunteerContact(models.Model):
    """Personal data of a volunteer: only for inviting the selected people."""

    volunteer = models.OneToOneField(Volunteer, on_delete=models.CASCADE, related_name="contact")
    data = models.JSONField(default=dict)


class PoolQuota(models.Model):
    pool = models.ForeignKey(PanelPool, on_delete=models.CASCADE, related_name="quotas")
    feature = models.CharField(_("kenmerk"), max_length=200)
    value = models.CharField(_("waarde"), max_length=200)
    min = models.PositiveIntegerField(_("minimaal"))
    max = models.PositiveIntegerField(_("maximaal"))
    population_share = models.FloatField(_("aandeel in de bevolking"), null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        unique_together = [("pool", "feature", "value")]


class PanelSelection(models.Model):
    pool = models.ForeignKey(PanelPool, on_delete=models.CASCADE, related_name="selections")
    size = models.PositiveIntegerField(_("grootte van het panel"))
    algorithm = models.CharField(max_length=20)
    seed = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    min_probability = models.FloatField(null=True)
    seconds = models.FloatField(null=True)
    # The whole result as the selection module writes it (panel, probabilities, lottery, reserves…)
    result = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at"]


class PoolUpload(models.Model):
    """The two files of a pool upload, kept only until the job has read them (personal data).

    The job stores the pool and empties ``people_data`` and ``quotas_data`` in one transaction, or
    deletes this row when the files cannot be used; retention deletes what a lost job left behind."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="pool_uploads")
    name = models.CharField(max_length=200)
    id_column = models.CharField(max_length=100, blank=True)
    people_file = models.CharField(max_length=255)
    people_data = models.BinaryField(default=bytes)
    quotas_file = models.CharField(max_length=255)
    quotas_data = models.BinaryField(default=bytes)
    # The pool made from the files, once the job has stored it (a restarted job then does nothing again).
    pool = models.ForeignKey(PanelPool, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
