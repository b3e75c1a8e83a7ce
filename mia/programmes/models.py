"""A dialogue programme: themes, an inventory of initiatives with its gaps, and cycles A–D.

After the VWS advice on a "maatschappelijke dialoog" about growing up
(``data/README.md``). A programme belongs to an organisation; its vocabularies
(topics, target groups, categories, leefwerelden, under-represented groups) start
from the seed's values and are the team's own to change. Writes go through
``actions.py`` only.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mia.accounts.models import Organisation
from mia.consultations.models import Series
from mia.dialogues.models import DialogueSession
from mia.jobs.models import Job


class Programme(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="programmes")
    title = models.CharField(_("naam van het programma"), max_length=300)
    description = models.TextField(_("omschrijving"), blank=True)
    # The seed content the programme started from (data/dialoog-jeugd-v1.json).
    content_version = models.CharField(max_length=40, default="dialoog-jeugd-v1")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("dialoogprogramma")
        verbose_name_plural = _("dialoogprogramma's")

    def __str__(self) -> str:
        return self.title


class TermKind(models.TextChoices):
    TOPIC = "onderwerp", _("Onderwerp")
    TARGET_GROUP = "doelgroep", _("Doelgroep")
    CATEGORY = "categorie", _("Categorie")
    SETTING = "leefwereld", _("Leefwereld (setting)")
    UNDERREPRESENTED = "ondervertegenwoordigd", _("Ondervertegenwoordigde groep")


class Term(models.Model):
    """A value of one of the programme's vocabularies."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="terms")
    kind = models.CharField(max_length=30, choices=TermKind.choices)
    label = models.CharField(_("naam"), max_length=200)
    # Case-, accent- and punctuation-free form of the label (mia.programmes.matching.match_key).
    key = models.CharField(max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    code = models.CharField(max_length=60, blank=True)  # the seed's code, for values that came from it
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kind", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["programme", "kind", "key"], name="programme_term_unique")]
        verbose_name = _("waarde")
        verbose_name_plural = _("waarden")

    def __str__(self) -> str:
        return self.label


class ProblemTheme(models.Model):
    """A recurring theme as research names it: the problem (Bijlage 1)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="problem_themes")
    title = models.CharField(_("thema"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    code = models.CharField(max_length=60, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("probleemthema")
        verbose_name_plural = _("probleemthema's")

    def __str__(self) -> str:
        return self.title


class Energy(models.IntegerChoices):
    LITTLE = 1, _("Weinig")
    SOME = 2, _("Enige")
    MUCH = 3, _("Veel")


class Theme(models.Model):
    """A dialogue theme in a positive frame, with the question it asks."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="themes")
    title = models.CharField(_("titel (positief geformuleerd)"), max_length=200)
    key = models.CharField(max_length=200)
    question = models.CharField(_("vraag van het thema"), max_length=500)
    reframes = models.ForeignKey(
        ProblemTheme, null=True, blank=True, on_delete=models.SET_NULL, related_name="reframed_by",
        verbose_name=_("herformuleert het probleemthema"),
    )
    # "Bekijk dan waar de meeste energie op zit": the team's judgement, beside the count of initiatives.
    energy = models.PositiveSmallIntegerField(_("energie"), choices=Energy.choices, null=True, blank=True)
    partners = models.TextField(_("partijen die energie steken in dit thema"), blank=True)
    code = models.CharField(max_length=60, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["programme", "key"], name="programme_theme_unique")]
        verbose_name = _("dialoogthema")
        verbose_name_plural = _("dialoogthema's")

    def __str__(self) -> str:
        return self.title


class Reach(models.TextChoices):
    LOCAL = "lokaal", _("Lokaal")
    REGIONAL = "regionaal", _("Regionaal")
    NATIONAL = "nationaal", _("Nationaal")


class Initiative(models.Model):
    """What already happens (Bijlage 2): one initiative, classified."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="initiatives")
    name = models.CharField(_("naam"), max_length=200)
    key = models.CharField(max_length=200)
    link = models.URLField(_("link"), max_length=500, blank=True)
    owner = models.CharField(_("eigenaar"), max_length=200, blank=True)
    category = models.ForeignKey(Term, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                 verbose_name=_("categorie"))
    goal = models.TextField(_("doel"), blank=True)
    approach = models.TextField(_("aanpak"), blank=True)
    topics = models.ManyToManyField(Term, blank=True, related_name="topic_initiatives", verbose_name=_("onderwerpen"))
    target_groups = models.ManyToManyField(Term, blank=True, related_name="target_group_initiatives",
                                           verbose_name=_("doelgroepen"))
    other_target_group = models.CharField(_("andere doelgroep, namelijk"), max_length=300, blank=True)
    is_local = models.BooleanField(_("lokaal"), default=False)
    is_regional = models.BooleanField(_("regionaal"), default=False)
    is_national = models.BooleanField(_("nationaal"), default=False)
    themes = models.ManyToManyField(Theme, blank=True, related_name="initiatives", verbose_name=_("thema's"))
    notes = models.TextField(_("notities"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["programme", "key"], name="programme_initiative_unique")]
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")

    def __str__(self) -> str:
        return self.name

    @property
    def reaches(self) -> list[str]:
        flags = [(Reach.LOCAL, self.is_local), (Reach.REGIONAL, self.is_regional), (Reach.NATIONAL, self.is_national)]
        return [str(reach) for reach, on in flags if on]

    @property
    def reach_labels(self) -> list[str]:
        return [str(Reach(code).label) for code in self.reaches]


class InventoryImport(models.Model):
    """One upload of an inventory file: who, when, what it did or why it was refused."""

    class Status(models.TextChoices):
        QUEUED = "wacht", _("Wacht")
        DONE = "klaar", _("Ingelezen")
        REFUSED = "geweigerd", _("Niet ingelezen: het bestand heeft fouten")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(max_length=255)
    # The uploaded bytes, only until the file is read (then emptied): a queued job needs them.
    data = models.BinaryField(default=b"", editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    row_count = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    issues = models.JSONField(default=list, blank=True)
    warnings = models.JSONField(default=list, blank=True)
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import van initiatieven")

    def __str__(self) -> str:
        return self.file_name


class GapNote(models.Model):
    """The team's conclusion about one cell of a matrix (topic × target group, or theme × reach)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="gap_notes")
    topic = models.ForeignKey(Term, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    target_group = models.ForeignKey(Term, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    reach = models.CharField(max_length=20, choices=Reach.choices, blank=True)
    conclusion = models.TextField(_("conclusie"), blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "topic", "target_group"], condition=models.Q(theme__isnull=True),
                                    name="gap_note_topic_group_unique"),
            models.UniqueConstraint(fields=["programme", "theme", "reach"], condition=models.Q(topic__isnull=True),
                                    name="gap_note_theme_reach_unique"),
        ]
        verbose_name = _("conclusie bij een cel")


class Priority(models.Model):
    """A theme and/or target group the team chose to work on (fase A, "prioriteer")."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="priorities")
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.RESTRICT, related_name="priorities",
                              verbose_name=_("thema"))
    target_group = models.ForeignKey(Term, null=True, blank=True, on_delete=models.RESTRICT, related_name="priorities",
                                     verbose_name=_("doelgroep"))
    reason = models.TextField(_("waarom deze prioriteit"), blank=True)
    gap_note = models.ForeignKey(GapNote, null=True, blank=True, on_delete=models.SET_NULL, related_name="priorities")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("prioriteit")
        verbose_name_plural = _("prioriteiten")

    def __str__(self) -> str:
        return " · ".join(str(x) for x in (self.theme, self.target_group) if x)


class Phase(models.TextChoices):
    A = "A", _("A – Monitoren en prioriteren")
    B = "B", _("B – Voorbereiden")
    C = "C", _("C – Uitvoeren van dialoog")
    D = "D", _("D – Evalueren")


class Strategy(models.TextChoices):
    CONNECT = "verbinden-versterken", _("Verbinden en versterken van wat er al is")
    INITIATE = "initieren", _("Initiëren van iets nieuws")
    BOTH = "beide", _("Beide (dan twee aanpakken)")


class Cycle(models.Model):
    """One pass through the phases A–D for a theme and/or target group; several run at once."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="cycles")
    title = models.CharField(_("naam van de cyclus"), max_length=200)
    theme = models.ForeignKey(Theme, null=True, blank=True, on_delete=models.RESTRICT, related_name="cycles",
                              verbose_name=_("thema"))
    target_group = models.ForeignKey(Term, null=True, blank=True, on_delete=models.RESTRICT, related_name="cycles",
                                     verbose_name=_("doelgroep"))
    priority = models.ForeignKey(Priority, null=True, blank=True, on_delete=models.SET_NULL, related_name="cycles")
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_cycles",
                                 verbose_name=_("vervolg op"))
    phase = models.CharField(_("fase"), max_length=1, choices=Phase.choices, default=Phase.A)
    started_on = models.DateField(_("gestart op"))
    closed_at = models.DateTimeField(null=True, blank=True)
    # The thema-aanpak (fase B): part 2 and the four aandachtspunten; parts 3–9 live in ApproachPlan.
    strategy = models.CharField(_("verbinden/versterken of initiëren"), max_length=30, choices=Strategy.choices, blank=True)
    doelgroepen_bereiken = models.TextField(_("bereiken van doelgroepen"), blank=True)
    dialogische_momenten = models.TextField(_("creëren van dialogische momenten"), blank=True)
    handelingsperspectief = models.TextField(_("bieden van handelingsperspectief"), blank=True)
    gespreksleiders_trainen = models.TextField(_("trainen van gespreksfacilitatoren"), blank=True)
    # Fase D: what the results mean, held against the goals.
    evaluation_summary = models.TextField(_("wat de resultaten betekenen"), blank=True)
    themes_result = models.JSONField(default=dict, blank=True)
    themes_card_count = models.PositiveIntegerField(default=0)
    themes_computed_at = models.DateTimeField(null=True, blank=True)
    themes_job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["started_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(theme__isnull=False) | models.Q(target_group__isnull=False),
                                   name="cycle_has_theme_or_group"),
        ]
        verbose_name = _("cyclus")
        verbose_name_plural = _("cycli")

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    @property
    def plan_kinds(self) -> list[str]:
        """The plans of the thema-aanpak in use: "both means two plans"."""
        if self.strategy == Strategy.BOTH:
            return [Strategy.CONNECT, Strategy.INITIATE]
        return [self.strategy] if self.strategy else []


class CycleStep(models.Model):
    """A sub-step of a phase (from the seed) as a checklist item with an owner and a date."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="steps")
    phase = models.CharField(max_length=1, choices=Phase.choices)
    code = models.CharField(max_length=40)
    label = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)
    owner = models.CharField(_("wie"), max_length=200, blank=True)
    due_date = models.DateField(_("klaar op (datum)"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("notitie"), blank=True)

    class Meta:
        ordering = ["phase", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["cycle", "code"], name="cycle_step_unique")]
        verbose_name = _("stap")

    def __str__(self) -> str:
        return self.label

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class ApproachPlan(models.Model):
    """Parts 3–9 of the thema-aanpak for one strategy; "beide" means two of these."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="plans")
    kind = models.CharField(max_length=30, choices=[c for c in Strategy.choices if c[0] != Strategy.BOTH])
    leefwerelden = models.ManyToManyField(Term, blank=True, related_name="+", verbose_name=_("leefwerelden"))
    leefwerelden_note = models.TextField(_("toelichting op de leefwerelden"), blank=True)
    procesplan = models.TextField(_("procesplan met tijdsplanning"), blank=True)
    stakeholders = models.TextField(_("betrokken stakeholders"), blank=True)
    financien = models.TextField(_("benodigde financiële middelen"), blank=True)
    content_taakverdeling = models.TextField(_("benodigde content en taakverdeling"), blank=True)
    content_creatie = models.TextField(_("plan voor content creatie"), blank=True)
    communicatieframe = models.TextField(_("communicatieframe"), blank=True)
    # The initiatives this plan connects or strengthens (from the inventory).
    initiatives = models.ManyToManyField(Initiative, blank=True, related_name="plans", verbose_name=_("initiatieven"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle", "kind"], name="one_plan_per_strategy")]
        verbose_name = _("aanpak")


class GoalKind(models.TextChoices):
    REACH = "bereik", _("Bereik")
    SHORT = "korte-termijn", _("Effect op korte termijn")
    LONG = "lange-termijn", _("Effect op lange termijn")
    OTHER = "anders", _("Anders")


class GoalStatus(models.TextChoices):
    OPEN = "", _("Nog niet beoordeeld")
    MET = "behaald", _("Behaald")
    PARTLY = "deels", _("Deels behaald")
    NOT_MET = "niet-behaald", _("Niet behaald")


class Goal(models.Model):
    """A goal of the thema-aanpak (part 1), and in fase D what became of it."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="goals")
    text = models.TextField(_("doelstelling"))
    kind = models.CharField(_("soort doel"), max_length=20, choices=GoalKind.choices, default=GoalKind.REACH)
    indicator = models.CharField(_("waaraan zien we dat het gelukt is?"), max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)
    result = models.TextField(_("wat de dialoog opleverde voor dit doel"), blank=True)
    status = models.CharField(_("behaald?"), max_length=20, choices=GoalStatus.choices, blank=True, default="")
    revised_text = models.TextField(_("herziene doelstelling"), blank=True)
    revised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("doelstelling")
        verbose_name_plural = _("doelstellingen")

    def __str__(self) -> str:
        return self.text


class LinkKind(models.TextChoices):
    SESSION = "sessie", _("MIA-dialoog of live sessie")
    CONSULTATION = "raadpleging", _("Raadpleging (reeks sessies)")


class CycleLink(models.Model):
    """Real work linked to a cycle (fase C/D): a MIA-dialogue session (also when run live), or a
    consultation series (``mia.consultations``, a layer below this app) with all its sessions.

    One row per linked thing, with a ``kind`` and one nullable foreign key per kind
    (``sources.py`` reads each)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=20, choices=LinkKind.choices, default=LinkKind.SESSION)
    session = models.ForeignKey(DialogueSession, null=True, blank=True, on_delete=models.CASCADE, related_name="programme_links")
    series = models.ForeignKey(Series, null=True, blank=True, on_delete=models.CASCADE, related_name="programme_links")
    goals = models.ManyToManyField(Goal, blank=True, related_name="links", verbose_name=_("draagt bij aan de doelen"))
    target_groups = models.ManyToManyField(Term, blank=True, related_name="+", verbose_name=_("bereikte doelgroepen"))
    reach = models.CharField(_("reikwijdte"), max_length=20, choices=Reach.choices, blank=True)
    note = models.TextField(_("notitie"), blank=True)
    linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["linked_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "session"], condition=models.Q(session__isnull=False),
                                    name="session_linked_once_per_cycle"),
            models.CheckConstraint(condition=~models.Q(kind="sessie") | models.Q(session__isnull=False),
                                   name="session_link_has_session"),
            models.UniqueConstraint(fields=["cycle", "series"], condition=models.Q(series__isnull=False),
                                    name="series_linked_once_per_cycle"),
            models.CheckConstraint(condition=~models.Q(kind="raadpleging") | models.Q(series__isnull=False, session__isnull=True),
                                   name="series_link_has_series"),
        ]
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """The linked session's name or the series' title."""
        if self.session_id:
            return str(self.session)
        if self.series_id:
            return self.series.title
        return str(self.get_kind_display())

    @property
    def source(self) -> str:
        """Where it belongs: the session's MIA, or "Raadpleging" (shown beside the title in pages and exports)."""
        if self.session_id:
            return self.session.assessment.title
        return str(self.get_kind_display())


class ActionStatus(models.TextChoices):
    PROPOSED = "voorgesteld", _("Voorgesteld")
    RUNNING = "in-uitvoering", _("In uitvoering")
    DONE = "uitgevoerd", _("Uitgevoerd")
    DROPPED = "vervallen", _("Vervallen")


class PolicyAction(models.Model):
    """A policy action (or other handelingsperspectief) distilled from the results (fase D)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="policy_actions")
    goal = models.ForeignKey(Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="policy_actions",
                             verbose_name=_("bij doel"))
    description = models.TextField(_("beleidsactie"))
    owner = models.CharField(_("eigenaar"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PROPOSED)
    fed_back_to = models.CharField(_("teruggekoppeld aan (partij)"), max_length=200, blank=True)
    fed_back_on = models.DateField(_("teruggekoppeld op"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("beleidsactie")
        verbose_name_plural = _("beleidsacties")

    def __str__(self) -> str:
        return self.description[:80]
