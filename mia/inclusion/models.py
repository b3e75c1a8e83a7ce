"""An inclusion trajectory of an organisation, along Movisie's Stappenplan Inclusief Beleid.

The Stappenplan's texts are versioned data (``StappenplanVersion``, loaded from
``data/stappenplan-v1.json``; a beheerder edits them as ``StappenplanText`` rows). A trajectory
keeps the version it started with. Everything the organisation records hangs off the trajectory:
the step work, the verkenning (Bijlage 1) and its tasks, the vlechtwerk checks, the working
group, the participation plan (Bijlage 2) and the monitoring plan (Stap 5, Bijlage 3).

Writes happen only in ``actions.py``.
"""

from __future__ import annotations

import copy
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mia.inclusion.content import StappenplanContent, parse_content


class StappenplanVersion(models.Model):
    version = models.CharField(_("versie"), max_length=40, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    source = models.CharField(_("bron"), max_length=500, blank=True)
    is_active = models.BooleanField(_("actief voor nieuwe trajecten"), default=False)
    loaded_at = models.DateTimeField(auto_now_add=True)
    # The structure as loaded; the texts a beheerder may edit are the StappenplanText rows.
    document = models.JSONField(_("inhoud"), default=dict)

    class Meta:
        ordering = ["-loaded_at"]
        verbose_name = _("versie van het stappenplan")
        verbose_name_plural = _("versies van het stappenplan")

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"

    @property
    def is_in_use(self) -> bool:
        return self.trajectories.exists()

    def resolved_document(self) -> dict:
        """The document with the (possibly edited) texts put back in their places."""
        document = copy.deepcopy(self.document)
        for pointer, text in self.texts.values_list("pointer", "text"):
            set_pointer(document, pointer, text)
        return document

    @property
    def content(self) -> StappenplanContent:
        cached = getattr(self, "_content", None)
        if cached is None:
            cached = self._content = parse_content(self.resolved_document())
        return cached


def set_pointer(document, pointer: str, value) -> None:
    """Set a value at a JSON pointer ('/steps/0/title'); a pointer that no longer fits is ignored."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.strip("/").split("/")]
    target = document
    try:
        for part in parts[:-1]:
            target = target[int(part)] if isinstance(target, list) else target[part]
        last = parts[-1]
        if isinstance(target, list):
            target[int(last)] = value
        elif last in target:
            target[last] = value
    except (KeyError, IndexError, ValueError, TypeError):
        return


class StappenplanText(models.Model):
    """One text of a version (a title, a paragraph, a question) that a beheerder may edit."""

    version = models.ForeignKey(StappenplanVersion, on_delete=models.CASCADE, related_name="texts")
    pointer = models.CharField(_("plek in het bestand"), max_length=300)
    label = models.CharField(_("onderdeel"), max_length=400)
    text = models.TextField(_("tekst"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["version", "position"]
        unique_together = [("version", "pointer")]
        verbose_name = _("tekst van het stappenplan")
        verbose_name_plural = _("teksten van het stappenplan")

    def __str__(self) -> str:
        return self.label


class TrajectoryStatus(models.TextChoices):
    ACTIEF = "actief", _("Lopend")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


class Trajectory(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="inclusion_trajectories"
    )
    content_version = models.ForeignKey(StappenplanVersion, on_delete=models.PROTECT, related_name="trajectories")
    title = models.CharField(_("titel"), max_length=200)
    municipality = models.CharField(_("gemeente"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    # Bijlage 1, Deel 2: one levensdomein, and optionally one wijk or kern.
    levensdomein = models.CharField(_("levensdomein"), max_length=60, blank=True)
    levensdomein_bases = models.JSONField(_("gekozen op basis van"), default=list, blank=True)
    levensdomein_reason = models.TextField(_("waarom dit levensdomein"), blank=True)
    area = models.CharField(_("wijk of kern"), max_length=200, blank=True)
    area_reason = models.TextField(_("waarom deze wijk of kern"), blank=True)
    status = models.CharField(max_length=20, choices=TrajectoryStatus.choices, default=TrajectoryStatus.ACTIEF)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("inclusietraject")
        verbose_name_plural = _("inclusietrajecten")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == TrajectoryStatus.ACTIEF

    @property
    def content(self) -> StappenplanContent:
        return self.content_version.content


class StepWork(models.Model):
    """The organisation's work on one of the five steps: its state, answers, and per knelpunt
    whether it plays here and what is done about it."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="step_work")
    step = models.CharField(max_length=30)
    status = models.CharField(max_length=20, default="open")
    answers = models.JSONField(default=dict, blank=True)
    knelpunten = models.JSONField(default=dict, blank=True)
    notes = models.TextField(_("notities"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        unique_together = [("trajectory", "step")]

    def __str__(self) -> str:
        return f"{self.trajectory} – {self.step}"


class AnswerState(models.TextChoices):
    ANTWOORD = "antwoord", _("Beantwoord")
    WEET_NIET = "weet-niet", _("Weet ik niet")
    OVERSLAAN = "overslaan", _("Overgeslagen")


class VerkenningAnswer(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="answers")
    question = models.CharField(max_length=20)
    state = models.CharField(max_length=20, choices=AnswerState.choices, default=AnswerState.ANTWOORD)
    text = models.TextField(_("antwoord"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        unique_together = [("trajectory", "question")]

    def __str__(self) -> str:
        return f"{self.question}: {self.get_state_display()}"


class Task(models.Model):
    """A "hoe komen we hierachter?" task: from a "weet ik niet" in the verkenning, or added by hand."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="tasks")
    question = models.CharField(max_length=20, blank=True)
    title = models.CharField(_("wat zoeken we uit"), max_length=500)
    how = models.TextField(_("hoe komen we hierachter"), blank=True)
    ways = models.JSONField(default=list, blank=True)
    owner = models.CharField(_("wie zoekt het uit"), max_length=200)
    due_date = models.DateField(_("klaar op"), null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_at", "due_date", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "question"], condition=~models.Q(question=""), name="inclusion_one_task_per_question"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class PolicyCheck(models.Model):
    """The vlechtwerk check of one policy, plan or measure: per factor, and for combinations."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="checks")
    name = models.CharField(_("beleid of maatregel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name


class FactorAnswer(models.Model):
    policy_check = models.ForeignKey(PolicyCheck, on_delete=models.CASCADE, related_name="factor_answers")
    factor = models.CharField(max_length=40)
    answers = models.JSONField(default=dict, blank=True)

    class Meta:
        unique_together = [("policy_check", "factor")]

    def __str__(self) -> str:
        return self.factor


class Intersection(models.Model):
    policy_check = models.ForeignKey(PolicyCheck, on_delete=models.CASCADE, related_name="intersections")
    factors = models.JSONField(default=list)
    note = models.TextField(_("wat zien we bij deze combinatie"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return " × ".join(self.factors)


class WorkingGroup(models.Model):
    trajectory = models.OneToOneField(Trajectory, on_delete=models.CASCADE, related_name="working_group")
    composition = models.CharField(max_length=30, blank=True)
    goal = models.CharField(max_length=30, blank=True)
    goal_note = models.TextField(_("doel van de werkgroep"), blank=True)
    answers = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"Werkgroep {self.trajectory}"

    @property
    def current_role(self) -> RoleChange | None:
        return self.role_changes.order_by("-since", "-id").first()


class RoleChange(models.Model):
    """The working group's role over time: aanjager → kennisfunctie → monitoren."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="role_changes")
    role = models.CharField(max_length=30)
    since = models.DateField(_("sinds"))
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["since", "id"]

    def __str__(self) -> str:
        return f"{self.role} ({self.since})"


class Member(models.Model):
    """A working-group member. Name and perspectives are personal data (docs/privacy.md)."""

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("naam"), max_length=200)
    role = models.CharField(_("rol of functie"), max_length=200, blank=True)
    organisation = models.CharField(_("afdeling of organisatie"), max_length=200, blank=True)
    kind = models.CharField(max_length=20, default="collega")
    qualities = models.JSONField(default=list, blank=True)
    # Factors of the weave this member brings knowledge, experience or a network on; only what the
    # member agreed to record (may touch special categories of personal data).
    perspectives = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField(default=0)
    name_erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class ParticipationPlan(models.Model):
    trajectory = models.OneToOneField(Trajectory, on_delete=models.CASCADE, related_name="participation")
    approach = models.CharField(max_length=30, blank=True)
    approach_reason = models.TextField(blank=True)
    answers = models.JSONField(default=dict, blank=True)
    attention = models.JSONField(default=dict, blank=True)
    forms = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"Participatie {self.trajectory}"


class ParticipationActivity(models.Model):
    plan = models.ForeignKey(ParticipationPlan, on_delete=models.CASCADE, related_name="activities")
    form = models.CharField(max_length=40)
    title = models.CharField(_("activiteit"), max_length=200)
    date = models.DateField(_("datum"), null=True, blank=True)
    notes = models.TextField(_("notities"), blank=True)
    assessment = models.ForeignKey(
        "assessments.Assessment", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "created_at", "id"]

    def __str__(self) -> str:
        return self.title


class MonitoringPlan(models.Model):
    trajectory = models.OneToOneField(Trajectory, on_delete=models.CASCADE, related_name="monitoring")
    answers = models.JSONField(default=dict, blank=True)
    tips = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"Monitoring {self.trajectory}"


class Goal(models.Model):
    """A line of the veranderverhaal: an activity, an output or an outcome, with its assumption."""

    plan = models.ForeignKey(MonitoringPlan, on_delete=models.CASCADE, related_name="goals")
    kind = models.CharField(max_length=20)
    text = models.CharField(_("doel"), max_length=500)
    assumption = models.TextField(_("aanname"), blank=True)
    contributes_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="contributions"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class Indicator(models.Model):
    plan = models.ForeignKey(MonitoringPlan, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    kind = models.CharField(max_length=20, default="outcome")
    goal = models.ForeignKey(Goal, null=True, blank=True, on_delete=models.SET_NULL, related_name="indicators")
    source = models.CharField(max_length=40, blank=True)
    source_note = models.CharField(_("bron, nader"), max_length=300, blank=True)
    unit = models.CharField(_("eenheid"), max_length=40, blank=True)
    direction = models.CharField(max_length=20, default="duiden")
    target = models.DecimalField(_("streefwaarde"), max_digits=14, decimal_places=3, null=True, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    measured_on = models.DateField(_("gemeten op"))
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=3)
    note = models.TextField(_("duiding"), blank=True)

    class Meta:
        ordering = ["measured_on", "id"]
        unique_together = [("indicator", "measured_on")]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value} ({self.measured_on})"


class QualitativeCheck(models.Model):
    plan = models.ForeignKey(MonitoringPlan, on_delete=models.CASCADE, related_name="qualitative_checks")
    kind = models.CharField(max_length=30)
    held_on = models.DateField(_("datum"), null=True, blank=True)
    indicator = models.ForeignKey(Indicator, null=True, blank=True, on_delete=models.SET_NULL, related_name="qualitative_checks")
    summary = models.TextField(_("wat kwam eruit"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "created_at", "id"]

    def __str__(self) -> str:
        return self.summary[:60]


class ExportFile(models.Model):
    """A PDF or DOCX of a trajectory, made by the job queue (large ones take more than a minute)."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="export_files")
    format = models.CharField(max_length=10)
    personal_data = models.BooleanField(default=False)
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.filename
