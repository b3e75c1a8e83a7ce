from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A ministry, municipality or agency whose people use MIA."""

    name = models.CharField(_("naam"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    BEHEERDER = "beheerder", _("Beheerder")
    KERNTEAM = "kernteam", _("Kernteam")
    LEZER = "lezer", _("Lezer")


class Membership(models.Model):
    """A user's role within an organisation. A user may belong to several."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.KERNTEAM)

    class Meta:
        unique_together = [("user", "organisation")]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


class ResetMailCount(models.Model):
    """How many password-reset mails were asked this hour for one e-mail address or one client address.

    Kept in the database so that every app process counts in the same place (a per-process cache
    would multiply the limit by the number of workers). ``key`` is a keyed hash: neither address is
    stored. Retention deletes the rows of past windows."""

    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window_start"], name="reset_mail_count_per_window")]
        verbose_name = _("teller van herstelmails")
        verbose_name_plural = _("tellers van herstelmails")
