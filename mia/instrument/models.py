"""The MIA instrument's content as versioned data.

A ``ContentVersion`` is loaded from a data file (``mia/instrument/data``). Every
assessment points at the version it started with; a version that any assessment
uses is frozen, so later edits by a beheerder go into a new version.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContentVersion(models.Model):
    version = models.CharField(_("versie"), max_length=40, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    source = models.CharField(_("bron"), max_length=400, blank=True)
    is_active = models.BooleanField(_("actief voor nieuwe MIA's"), default=False)
    loaded_at = models.DateTimeField(auto_now_add=True)
    # The whole content document: texts that are read but not queried
    # (guidance, consent text, choices) come from here.
    document = models.JSONField(_("inhoud"), default=dict)

    class Meta:
        ordering = ["-loaded_at"]
        verbose_name = _("inhoudsversie")
        verbose_name_plural = _("inhoudsversies")

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    @property
    def is_in_use(self) -> bool:
        return self.assessments.exists()


class VersionedItem(models.Model):
    version = models.ForeignKey(ContentVersion, on_delete=models.CASCADE)
    code = models.SlugField(max_length=60)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position"]


class ScanQuestion(VersionedItem):
    text = models.TextField(_("startvraag"))
    help = models.TextField(_("toelichting"), blank=True)

    class Meta(VersionedItem.Meta):
        unique_together = [("version", "code")]
        verbose_name = _("scanvraag")
        verbose_name_plural = _("scanvragen")

    def __str__(self) -> str:
        return self.text


class AffectedGroup(VersionedItem):
    label = models.CharField(_("groep"), max_length=200)

    class Meta(VersionedItem.Meta):
        unique_together = [("version", "code")]
        verbose_name = _("groep (checklist)")
        verbose_name_plural = _("groepen (checklist)")

    def __str__(self) -> str:
        return self.label


class SignalWordPair(VersionedItem):
    positive = models.CharField(_("positief"), max_length=200)
    negative = models.CharField(_("negatief"), max_length=200)

    class Meta(VersionedItem.Meta):
        unique_together = [("version", "code")]
        verbose_name = _("signaalwoordpaar")
        verbose_name_plural = _("signaalwoordparen")

    def __str__(self) -> str:
        return f"{self.positive} ↔ {self.negative}"


class Domain(VersionedItem):
    name = models.CharField(_("domein"), max_length=200)
    start_question = models.TextField(_("startvraag"))
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta(VersionedItem.Meta):
        unique_together = [("version", "code")]
        verbose_name = _("domein")
        verbose_name_plural = _("domeinen")

    def __str__(self) -> str:
        return self.name


class Subdomain(VersionedItem):
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="subdomains")
    name = models.CharField(_("subdomein"), max_length=200)

    class Meta(VersionedItem.Meta):
        unique_together = [("version", "code")]
        verbose_name = _("subdomein")
        verbose_name_plural = _("subdomeinen")

    def __str__(self) -> str:
        return self.name


class BankQuestion(VersionedItem):
    """An example dialogue question from the question bank.

    Linked to a subdomain, or to a cross-cutting topic ("Denk ook aan: doenvermogen").
    """

    subdomain = models.ForeignKey(Subdomain, null=True, blank=True, on_delete=models.CASCADE, related_name="questions")
    topic = models.CharField(_("thema (buiten subdomeinen)"), max_length=200, blank=True)
    text = models.TextField(_("vraag"))

    class Meta(VersionedItem.Meta):
        unique_together = [("version", "code")]
        verbose_name = _("voorbeeldvraag")
        verbose_name_plural = _("vragenbank")

    def __str__(self) -> str:
        return self.text


class ChartStatement(VersionedItem):
    number = models.PositiveSmallIntegerField(_("nummer"))
    text = models.TextField(_("stelling"))
    prompt = models.TextField(_("vraag om toelichting"), blank=True)

    class Meta(VersionedItem.Meta):
        unique_together = [("version", "code")]
        verbose_name = _("MIA-Chart-stelling")
        verbose_name_plural = _("MIA-Chart-stellingen")

    def __str__(self) -> str:
        return f"{self.number}. {self.text}"


class StepGuide(VersionedItem):
    """Guidance for a step (1–4) or a sub-step (1A–4C), shown beside its form."""

    title = models.CharField(_("titel"), max_length=200)
    minutes = models.PositiveIntegerField(_("tijd (minuten)"), null=True, blank=True)
    who = models.CharField(_("wie"), max_length=200, blank=True)
    goal = models.TextField(_("doel"), blank=True)
    guidance = models.TextField(_("handreiking"), blank=True)

    class Meta(VersionedItem.Meta):
        unique_together = [("version", "code")]
        verbose_name = _("stap-handreiking")
        verbose_name_plural = _("stap-handreikingen")

    def __str__(self) -> str:
        return f"{self.code.upper()} {self.title}"
