"""The work of a social impact team (werkprogramma MIT §2–3): fiches of measures per scenario,
clusters and packages, the impact ladder and the matrix, key indicators, and the weighing.

Everything hangs from a ``Workspace`` owned by one organisation; every member of that
organisation may read it, its kernteam and beheerders may change it (``rules.py``). The
scales, the quadrant names, the groups and the values start from ``data/impactteam-v1.json``
and are the workspace's own from then on. Writes happen only in ``actions.py``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mia.accounts.models import Organisation

LEVELS = [(i, str(i)) for i in range(1, 6)]
LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


def level_field(verbose_name, **options):
    return models.PositiveSmallIntegerField(
        verbose_name, choices=LEVELS, validators=LEVEL_VALIDATORS, null=True, blank=True, **options
    )


class Workspace(models.Model):
    """The impact team's shared workspace for one crisis (a pandemic, or another crisis)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="impact_workspaces")
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    crisis = models.CharField(_("crisis of pandemie"), max_length=200, blank=True)
    content_version = models.CharField(max_length=20, default="v1")
    # The matrix: from which level a measure counts as effective / as having much social impact.
    effective_from = models.PositiveSmallIntegerField(_("effectief vanaf niveau"), default=4, validators=LEVEL_VALIDATORS)
    high_impact_from = models.PositiveSmallIntegerField(_("veel impact vanaf niveau"), default=3, validators=LEVEL_VALIDATORS)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("gearchiveerd op"), null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("werkruimte impactteam")
        verbose_name_plural = _("werkruimtes impactteam")

    def __str__(self) -> str:
        return self.name


class Scale(models.TextChoices):
    IMPACT = "impact", _("Impactladder")
    EFFECTIVENESS = "effectiviteit", _("Effectiviteit")


class ScaleLevel(models.Model):
    """One rung of the impact ladder (used for social and for economic impact) or of the effectiveness scale."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="scale_levels")
    scale = models.CharField(max_length=20, choices=Scale.choices)
    level = models.PositiveSmallIntegerField(validators=LEVEL_VALIDATORS)
    label = models.CharField(_("naam"), max_length=60)
    description = models.TextField(_("omschrijving"), blank=True)

    class Meta:
        ordering = ["scale", "level"]
        constraints = [models.UniqueConstraint(fields=["workspace", "scale", "level"], name="measures_scale_level_unique")]

    def __str__(self) -> str:
        return f"{self.level} {self.label}"


class Quadrant(models.Model):
    """A quadrant of the matrix effectiveness × social impact, with its name and advice."""

    KEYS = ["effectief-weinig-impact", "effectief-veel-impact", "weinig-effectief-weinig-impact", "weinig-effectief-veel-impact"]

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="quadrants")
    key = models.CharField(max_length=40)
    label = models.CharField(_("naam"), max_length=80)
    advice = models.CharField(_("advies"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde in de gewogen ladder"))

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["workspace", "key"], name="measures_quadrant_unique")]

    def __str__(self) -> str:
        return self.label


class Scenario(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="scenarios")
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("omschrijving"), blank=True)
    consulted = models.TextField(_("geraadpleegd voor ladder en matrix"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["workspace", "name"], name="measures_scenario_unique")]

    def __str__(self) -> str:
        return self.name


class VulnerableGroup(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name", "pk"]
        constraints = [models.UniqueConstraint(fields=["workspace", "name"], name="measures_group_unique")]

    def __str__(self) -> str:
        return self.name


class PublicValue(models.Model):
    """An explicit value of the weighing framework (rechtvaardigheid, solidariteit, …) and what it rests on."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="values")
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("omschrijving"), blank=True)
    legal_basis = models.TextField(_("grondrecht of verdrag"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["workspace", "name"], name="measures_value_unique")]

    def __str__(self) -> str:
        return self.name


class Nature(models.TextChoices):
    VOLUNTARY = "vrijwillig", _("Vrijwillig (advies)")
    COMPULSORY = "verplichtend", _("Verplichtend")


class MeasureKind(models.TextChoices):
    SECTOR = "sectoraal", _("Sectorale maatregel (door sectoren zelf)")
    INTERVENTION = "interventie", _("Interventiemaatregel")
    EMERGENCY = "noodrem", _("Noodremmaatregel")
    OTHER = "overig", _("Overig")


class FicheStatus(models.TextChoices):
    DRAFT = "concept", _("Concept")
    REVIEW = "ter-bespreking", _("Ter bespreking")
    FINAL = "vastgesteld", _("Vastgesteld")
    EXPIRED = "vervallen", _("Vervallen")


class Measure(models.Model):
    """The fiche of one (possible) measure."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="measures")
    number = models.PositiveIntegerField(_("nummer"))
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    nature = models.CharField(_("vrijwillig of verplichtend"), max_length=20, choices=Nature.choices, default=Nature.VOLUNTARY)
    kind = models.CharField(_("soort maatregel"), max_length=20, choices=MeasureKind.choices, default=MeasureKind.OTHER)
    themes = models.CharField(_("thema's"), max_length=300, blank=True)
    meaning_for_people = models.TextField(_("wat betekent dit voor mensen"), blank=True)
    impact_if_not_taken = models.TextField(_("impact als de maatregel niet wordt genomen"), blank=True)
    assessment = models.ForeignKey(
        "assessments.Assessment", null=True, blank=True, on_delete=models.SET_NULL, related_name="impact_measures",
        verbose_name=_("gekoppelde MIA"),
    )
    scenarios = models.ManyToManyField(Scenario, through="MeasureScenario", related_name="measures")
    status = models.CharField(_("status"), max_length=20, choices=FicheStatus.choices, default=FicheStatus.DRAFT)
    version = models.PositiveIntegerField(_("versie"), default=0)
    status_date = models.DateField(_("datum van de status"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "number"], name="measures_measure_number_unique"),
            models.UniqueConstraint(fields=["workspace", "title"], name="measures_measure_title_unique"),
        ]
        verbose_name = _("fiche")
        verbose_name_plural = _("fiches")

    def __str__(self) -> str:
        return f"M{self.number} {self.title}"

    @property
    def code(self) -> str:
        return f"M{self.number}"


class MeasureScenario(models.Model):
    """A measure in one scenario: its social and economic impact (level + text) and its effectiveness."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="scenario_impacts")
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="measure_impacts")
    social_level = level_field(_("maatschappelijke impact (niveau)"))
    social_text = models.TextField(_("maatschappelijke impact"), blank=True)
    economic_level = level_field(_("economische impact (niveau)"))
    economic_text = models.TextField(_("economische impact"), blank=True)
    effectiveness_level = level_field(_("effectiviteit (niveau)"))
    effectiveness_source = models.CharField(_("bron van de effectiviteit"), max_length=300, blank=True)

    class Meta:
        ordering = ["scenario__position", "scenario_id"]
        constraints = [models.UniqueConstraint(fields=["measure", "scenario"], name="measures_measure_scenario_unique")]

    def __str__(self) -> str:
        return f"{self.measure} – {self.scenario}"


class VulnerableTo(models.TextChoices):
    CRISIS = "crisis", _("Kwetsbaar voor de crisis zelf")
    MEASURE = "maatregel", _("Kwetsbaar voor de maatregel")
    BOTH = "beide", _("Kwetsbaar voor beide")


class Duration(models.TextChoices):
    SHORT = "kort", _("Korte termijn")
    LONG = "lang", _("Langere termijn (gevolgen blijven)")


class GroupImpact(models.Model):
    """How hard a measure hits one vulnerable group, and what that group is vulnerable to."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="group_impacts")
    group = models.ForeignKey(VulnerableGroup, on_delete=models.CASCADE, related_name="impacts")
    vulnerable_to = models.CharField(_("kwetsbaar voor"), max_length=20, choices=VulnerableTo.choices, default=VulnerableTo.MEASURE)
    severity = models.PositiveSmallIntegerField(_("hoe hard geraakt (1–5)"), choices=LEVELS, validators=LEVEL_VALIDATORS, default=3)
    duration = models.CharField(_("termijn"), max_length=10, choices=Duration.choices, default=Duration.SHORT)
    explanation = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["group__position", "group__name"]
        constraints = [models.UniqueConstraint(fields=["measure", "group"], name="measures_group_impact_unique")]

    def __str__(self) -> str:
        return f"{self.measure} – {self.group}"


class SourceKind(models.TextChoices):
    LITERATURE_NL = "literatuur-nationaal", _("Nationale literatuur")
    LITERATURE_INT = "literatuur-internationaal", _("Internationale literatuur")
    EXPERT = "expert", _("Expert")
    PRACTICE = "praktijk", _("Praktijkervaring via intermediaire organisatie")
    DATA = "data", _("Data of monitor")


class Source(models.Model):
    """What a fiche rests on. ``person`` (an expert's name) is personal data: see docs/privacy.md."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(_("soort bron"), max_length=30, choices=SourceKind.choices)
    title = models.CharField(_("titel of omschrijving"), max_length=500)
    url = models.URLField(_("link"), max_length=500, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    person = models.CharField(_("naam van de expert"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class ConsiderationKind(models.TextChoices):
    UNCERTAINTY = "onzekerheid", _("Onzekerheid")
    DILEMMA = "dilemma", _("Dilemma")
    CHOICE = "keuzemogelijkheid", _("Keuzemogelijkheid")
    TRADE_OFF = "uitruil", _("Uitruil")


class Consideration(models.Model):
    """A dilemma, uncertainty, choice or trade-off of a measure, for the cabinet and politics."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="considerations")
    kind = models.CharField(_("soort"), max_length=20, choices=ConsiderationKind.choices)
    text = models.TextField(_("omschrijving"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "position", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class FicheVersion(models.Model):
    """A fiche as it was when its status was set: the version history."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=FicheStatus.choices)
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    snapshot = models.JSONField(default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["measure", "number"], name="measures_fiche_version_unique")]

    def __str__(self) -> str:
        return f"{self.measure} v{self.number}"


class PackageKind(models.TextChoices):
    CLUSTER = "cluster", _("Cluster (samenhangende maatregelen)")
    PACKAGE = "pakket", _("Pakket (maatregelen die samen worden genomen)")


class Package(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="packages")
    kind = models.CharField(_("soort"), max_length=10, choices=PackageKind.choices, default=PackageKind.PACKAGE)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    measures = models.ManyToManyField(Measure, related_name="packages", blank=True, verbose_name=_("maatregelen"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["workspace", "name"], name="measures_package_unique")]

    def __str__(self) -> str:
        return self.name


class PackageLevel(models.Model):
    """The team's own placement of a cluster or package in a scenario (else derived from its measures)."""

    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="levels")
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="package_levels")
    social_level = level_field(_("maatschappelijke impact (niveau)"))
    economic_level = level_field(_("economische impact (niveau)"))
    effectiveness_level = level_field(_("effectiviteit (niveau)"))
    explanation = models.TextField(_("toelichting"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["package", "scenario"], name="measures_package_level_unique")]


class IndicatorCategory(models.TextChoices):
    HEALTH = "gezondheid", _("Gezondheid en welzijn")
    SICK_LEAVE = "ziekteverzuim", _("Ziekteverzuim")
    EMPLOYMENT = "werkgelegenheid", _("Werkgelegenheid")
    ECONOMY = "economie", _("Economie (brede welvaart)")
    WILLINGNESS = "bereidheid", _("Draagvlak: bereidheid om na te leven")
    COMPLIANCE = "naleving", _("Draagvlak: daadwerkelijke naleving")
    OTHER = "overig", _("Overige context")


class Direction(models.TextChoices):
    HIGHER_BETTER = "hoger-beter", _("Hoger is beter")
    LOWER_BETTER = "lager-beter", _("Lager is beter")
    NEUTRAL = "neutraal", _("Geen richting")


class Frequency(models.TextChoices):
    DAILY = "dagelijks", _("Dagelijks")
    WEEKLY = "wekelijks", _("Wekelijks")
    MONTHLY = "maandelijks", _("Maandelijks")
    QUARTERLY = "kwartaal", _("Per kwartaal")
    YEARLY = "jaarlijks", _("Jaarlijks")
    IRREGULAR = "onregelmatig", _("Onregelmatig")


class Coverage(models.TextChoices):
    NATIONAL = "nationaal", _("Nationaal")
    INTERNATIONAL = "internationaal", _("Internationaal")
    REGIONAL = "regionaal", _("Regionaal")


class ResearchBasis(models.TextChoices):
    QUANTITATIVE = "kwantitatief", _("Kwantitatief onderzoek")
    QUALITATIVE = "kwalitatief", _("Kwalitatief onderzoek")
    LITERATURE = "literatuur", _("Literatuuronderzoek")
    REGISTRATION = "registratie", _("Registratiedata")


class Indicator(models.Model):
    """A key indicator of the dashboard. A composite indicator (``components``) is computed from others."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("naam"), max_length=200)
    category = models.CharField(_("soort"), max_length=20, choices=IndicatorCategory.choices, default=IndicatorCategory.OTHER)
    unit = models.CharField(_("eenheid"), max_length=50, blank=True)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    direction = models.CharField(_("richting"), max_length=20, choices=Direction.choices, default=Direction.NEUTRAL)
    frequency = models.CharField(_("hoe vaak nieuwe cijfers"), max_length=20, choices=Frequency.choices, default=Frequency.IRREGULAR)
    coverage = models.CharField(_("bereik van de data"), max_length=20, choices=Coverage.choices, default=Coverage.NATIONAL)
    research_basis = models.CharField(_("grondslag"), max_length=20, choices=ResearchBasis.choices, default=ResearchBasis.QUANTITATIVE)
    measure = models.ForeignKey(
        Measure, null=True, blank=True, on_delete=models.SET_NULL, related_name="support_indicators",
        verbose_name=_("draagvlak voor maatregel"),
    )
    explanation = models.TextField(_("verklaring (verklarend onderzoek)"), blank=True)
    data_gap = models.TextField(_("ontbrekende data, advies over nieuwe dataverzameling"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name", "pk"]
        constraints = [models.UniqueConstraint(fields=["workspace", "name"], name="measures_indicator_unique")]

    def __str__(self) -> str:
        return self.name


class IndicatorComponent(models.Model):
    """A part of a composite indicator ("kernwaarde"), with its weight."""

    composite = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="components")
    component = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="used_in")
    weight = models.FloatField(_("gewicht"), default=1.0, validators=[MinValueValidator(0)])

    class Meta:
        constraints = [models.UniqueConstraint(fields=["composite", "component"], name="measures_component_unique")]


class Observation(models.Model):
    """One value of an indicator: for a period, a group (empty: everyone) and a region."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    period = models.CharField(_("periode"), max_length=40)
    period_start = models.DateField()
    group = models.CharField(_("groep"), max_length=200, blank=True)
    region = models.CharField(_("regio"), max_length=200, blank=True)
    value = models.FloatField(_("waarde"))
    source = models.CharField(_("bron"), max_length=300, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "group", "region", "period_start"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period", "group", "region"], name="measures_observation_unique")
        ]
        indexes = [models.Index(fields=["indicator", "period_start"], name="measures_obs_series")]


class Upload(models.Model):
    """An uploaded file (an indicator table, or a workspace to import) kept until the job has read it;
    then its bytes are dropped and what was done stays."""

    class Kind(models.TextChoices):
        INDICATORS = "indicatoren", _("Indicatoren")
        WORKSPACE = "werkruimte", _("Werkruimte")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    workspace = models.ForeignKey(Workspace, null=True, blank=True, on_delete=models.CASCADE, related_name="uploads")
    filename = models.CharField(max_length=255)
    data = models.BinaryField(default=b"")
    rows = models.PositiveIntegerField(default=0)
    warnings = models.JSONField(default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]


class CbsFeed(models.Model):
    """A CBS StatLine table (OData v3 or v4) that feeds indicators, refreshed on a schedule."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="cbs_feeds")
    url = models.URLField(_("adres van de CBS-tabel"), max_length=300)
    topics = models.JSONField(default=list)  # [{"key": CBS topic/measure key, "indicator": name}], empty: all topics
    group_dimension = models.CharField(_("dimensie met de groepen"), max_length=100, blank=True)
    category = models.CharField(_("soort indicator"), max_length=20, choices=IndicatorCategory.choices, default=IndicatorCategory.OTHER)
    refresh_hours = models.PositiveIntegerField(_("elke zoveel uur verversen (0: niet)"), default=24)
    last_refreshed_at = models.DateTimeField(null=True, blank=True)
    last_message = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.url


class ContextDevelopment(models.Model):
    """Another cause than the crisis that shapes the indicators (war, energy prices, …)."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="developments")
    title = models.CharField(_("ontwikkeling"), max_length=200)
    period = models.CharField(_("sinds"), max_length=40, blank=True)
    text = models.TextField(_("invloed op de indicatoren"), blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Occasion(models.TextChoices):
    REQUESTED = "gevraagd", _("Gevraagd advies")
    UNREQUESTED = "ongevraagd", _("Ongevraagd advies")
    KNOWLEDGE = "kennisopbouw", _("Kennisopbouw")


class Weighing(models.Model):
    """The weighing framework applied in one scenario: criteria, weights, scores, the ranking."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="weighings")
    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="weighings")
    name = models.CharField(_("naam"), max_length=200)
    occasion = models.CharField(_("aanleiding"), max_length=20, choices=Occasion.choices, default=Occasion.REQUESTED)
    description = models.TextField(_("vraag of doel"), blank=True)
    citizen_perspective = models.TextField(_("burgerperspectief"), blank=True)
    measures = models.ManyToManyField(Measure, related_name="weighings", verbose_name=_("maatregelen"))
    samples = models.PositiveIntegerField(_("aantal trekkingen"), default=10_000)
    seed = models.PositiveBigIntegerField(_("startgetal"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["workspace", "name"], name="measures_weighing_unique")]
        verbose_name = _("afweging")
        verbose_name_plural = _("afwegingen")

    def __str__(self) -> str:
        return self.name


class CriterionKind(models.TextChoices):
    VALUE = "waarde", _("Waarde")
    INDICATOR = "indicator", _("Indicator")
    SOCIAL = "sociale-impact", _("Maatschappelijke impact (uit de fiches)")
    ECONOMIC = "economische-impact", _("Economische impact (uit de fiches)")
    EFFECTIVENESS = "effectiviteit", _("Effectiviteit (uit de fiches)")
    OWN = "eigen", _("Eigen criterium")


# Criteria whose scores come from the fiches of the weighing's scenario, not from the score table.
FICHE_CRITERIA = {
    CriterionKind.SOCIAL: "social_level",
    CriterionKind.ECONOMIC: "economic_level",
    CriterionKind.EFFECTIVENESS: "effectiveness_level",
}


class Criterion(models.Model):
    weighing = models.ForeignKey(Weighing, on_delete=models.CASCADE, related_name="criteria")
    kind = models.CharField(_("soort"), max_length=20, choices=CriterionKind.choices)
    value = models.ForeignKey(PublicValue, null=True, blank=True, on_delete=models.PROTECT, related_name="criteria")
    indicator = models.ForeignKey(Indicator, null=True, blank=True, on_delete=models.PROTECT, related_name="criteria")
    name = models.CharField(_("naam"), max_length=200)
    weight = models.FloatField(_("gewicht"), default=1.0, validators=[MinValueValidator(0)])
    direction = models.CharField(_("richting"), max_length=3, choices=[("max", _("hoger is beter")), ("min", _("lager is beter"))], default="max")
    justification = models.TextField(_("onderbouwing van het gewicht"), blank=True)
    legal_basis = models.TextField(_("grondrecht of verdrag"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["weighing", "name"], name="measures_criterion_unique")]

    def __str__(self) -> str:
        return self.name

    @property
    def from_fiches(self) -> bool:
        return self.kind in FICHE_CRITERIA


class CriterionScore(models.Model):
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="criterion_scores")
    score = models.FloatField(_("score"))
    note = models.CharField(_("toelichting"), max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["criterion", "measure"], name="measures_criterion_score_unique")]


class ExportFile(models.Model):
    """A document made by a job (all fiches in one PDF), kept for download."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="export_files")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    data = models.BinaryField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
