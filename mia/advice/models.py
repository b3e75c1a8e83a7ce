"""Advisory bodies and the flow of proposals and advice between them (issue 16).

A ``Structure`` (adviesstructuur) belongs to one organisation and optionally to a dialogue programme
and an impact team's workspace. It holds bodies with members, mandates and subcommittees, the flow
matrix (``FlowRule``), the items sent along it, and the advice trajectories with their expert and
practice-circle inputs, stories, votes and the advice document. Writes happen only in ``actions.py``.

Personal data: members' and experts' names, organisations and contacts, the people who tell a story,
and the votes of members (see docs/privacy.md).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mia.accounts.models import Organisation


class Structure(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="advice_structures")
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    template_key = models.CharField(max_length=40, blank=True)
    content_version = models.CharField(max_length=20, default="v1")
    flow_note = models.TextField(_("toelichting bij de stromen"), blank=True)
    programme = models.ForeignKey("programmes.Programme", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="advice_structures", verbose_name=_("dialoogprogramma"))
    workspace = models.ForeignKey("measures.Workspace", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="advice_structures", verbose_name=_("werkruimte impactteam"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("adviesstructuur")
        verbose_name_plural = _("adviesstructuren")

    def __str__(self) -> str:
        return self.name


class Body(models.Model):
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="bodies")
    key = models.SlugField(max_length=40)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    mandate = models.CharField(_("mandaat"), max_length=40)
    response_days = models.PositiveSmallIntegerField(_("reactietermijn (dagen)"), null=True, blank=True)
    meeting_rhythm = models.CharField(_("vergaderritme"), max_length=300, blank=True)
    meetings_per_year = models.PositiveSmallIntegerField(_("bijeenkomsten per jaar"), default=0)
    decision_rule = models.CharField(_("besluitregel"), max_length=40, default="gewone-meerderheid")
    quorum = models.PositiveSmallIntegerField(_("quorum (aanwezige stemgerechtigde leden)"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["structure", "key"], name="advice_body_key_unique"),
            models.UniqueConstraint(fields=["structure", "name"], name="advice_body_name_unique"),
        ]
        verbose_name = _("orgaan")
        verbose_name_plural = _("organen")

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    CHAIR = "voorzitter", _("Voorzitter")
    MEMBER = "lid", _("Lid")
    SECRETARY = "secretaris", _("Secretaris")
    ADVISER = "adviseur", _("Adviseur")
    SUPPORT = "managementondersteuning", _("Managementondersteuning")
    COMMUNICATION = "communicatie", _("Communicatie")


# Only these vote; the secretariat (secretaris, adviseurs, ondersteuning, communicatie) holds the pen.
VOTING_ROLES = (MemberRole.CHAIR, MemberRole.MEMBER)


class Member(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("naam"), max_length=200)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    role = models.CharField(_("rol"), max_length=30, choices=MemberRole.choices, default=MemberRole.MEMBER)
    term_start = models.DateField(_("termijn vanaf"), null=True, blank=True)
    term_end = models.DateField(_("termijn tot"), null=True, blank=True)
    contact = models.CharField(_("contact (e-mail of telefoon)"), max_length=200, blank=True)
    # A member with an account sees their own body's page and what flows to and from it.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="advice_memberships", verbose_name=_("account"))
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["body", "role", "name", "pk"]
        verbose_name = _("lid")
        verbose_name_plural = _("leden")

    def __str__(self) -> str:
        return self.name

    @property
    def votes(self) -> bool:
        return self.role in VOTING_ROLES

    @property
    def in_secretariat(self) -> bool:
        return not self.votes


class Subcommittee(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="subcommittees")
    name = models.CharField(_("naam"), max_length=200)
    subject = models.CharField(_("onderwerp"), max_length=300)
    members = models.ManyToManyField(Member, related_name="subcommittees", blank=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["body", "name"], name="advice_subcommittee_unique")]

    def __str__(self) -> str:
        return f"{self.name}: {self.subject}"


class ItemKind(models.TextChoices):
    PROPOSAL = "voorstel", _("Voorstel")
    BINDING = "bindend-voorstel", _("Bindend voorstel")
    ADVICE = "advies", _("Advies")
    QUESTION = "adviesvraag", _("Adviesvraag")
    TEST = "toets", _("Toets")
    FEEDBACK = "feedback", _("Feedback")
    SIGNAL = "signaal", _("Signaal")
    EXCHANGE = "uitwisseling", _("Uitwisseling")


class FlowRule(models.Model):
    """One cell of the matrix: this kind of item may go from ``sender`` to ``receiver``."""

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="flow_rules")
    sender = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="outgoing_rules")
    receiver = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="incoming_rules")
    kind = models.CharField(_("soort"), max_length=20, choices=ItemKind.choices)
    text = models.TextField(_("wat er stroomt"), blank=True)
    reconstructed = models.BooleanField(default=False)

    class Meta:
        ordering = ["sender__position", "receiver__position", "kind"]
        constraints = [models.UniqueConstraint(fields=["sender", "receiver", "kind"], name="advice_flow_unique")]

    def __str__(self) -> str:
        return f"{self.sender} → {self.receiver}: {self.kind}"


class ItemStatus(models.TextChoices):
    SENT = "verzonden", _("Verzonden")
    IN_PROGRESS = "in-behandeling", _("In behandeling")
    ANSWERED = "beantwoord", _("Beantwoord")
    ADOPTED = "overgenomen", _("Overgenomen")
    NOT_ADOPTED = "niet-overgenomen", _("Niet overgenomen")


CLOSED_STATUSES = (ItemStatus.ANSWERED, ItemStatus.ADOPTED, ItemStatus.NOT_ADOPTED)


class Item(models.Model):
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="items")
    sender = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="sent_items")
    receiver = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="received_items")
    kind = models.CharField(_("soort"), max_length=20, choices=ItemKind.choices)
    title = models.CharField(_("onderwerp"), max_length=200)
    text = models.TextField(_("inhoud"), blank=True)
    sent_on = models.DateField(_("verzonden op"))
    due_on = models.DateField(_("reactie uiterlijk"), null=True, blank=True)
    needs_response = models.BooleanField(default=False)
    binding = models.BooleanField(default=False)
    status = models.CharField(_("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.SENT)
    response = models.TextField(_("reactie"), blank=True)
    reason = models.TextField(_("reden"), blank=True)
    responded_on = models.DateField(_("gereageerd op"), null=True, blank=True)
    trajectory = models.ForeignKey("Trajectory", null=True, blank=True, on_delete=models.SET_NULL, related_name="items")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        return self.due_on is not None and not self.is_closed and self.due_on < timezone.localdate()


class RequestKind(models.TextChoices):
    REQUESTED = "gevraagd", _("Gevraagd advies")
    UNSOLICITED = "ongevraagd", _("Ongevraagd advies")


class SubjectKind(models.TextChoices):
    MEASURE = "maatregel", _("Een maatregel")
    THEME = "thema", _("Een strategisch thema")
    PICTURE = "beeld", _("Het maatschappelijk beeld")


class TrajectoryStatus(models.TextChoices):
    OPEN = "open", _("In voorbereiding")
    DECIDED = "besloten", _("Besloten")
    ISSUED = "uitgebracht", _("Uitgebracht")


class Trajectory(models.Model):
    """An advice trajectory of one body (the advising body), from question to issued advice."""

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="trajectories")
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="trajectories", verbose_name=_("adviserend orgaan"))
    number = models.PositiveIntegerField()
    title = models.CharField(_("titel"), max_length=200)
    request_kind = models.CharField(_("gevraagd of ongevraagd"), max_length=20, choices=RequestKind.choices, default=RequestKind.REQUESTED)
    subject_kind = models.CharField(_("onderwerp"), max_length=20, choices=SubjectKind.choices, default=SubjectKind.MEASURE)
    question = models.TextField(_("adviesvraag"), blank=True)
    theme = models.CharField(_("thema"), max_length=200, blank=True)
    measures = models.ManyToManyField("measures.Measure", blank=True, related_name="advice_trajectories", verbose_name=_("fiches"))
    weighing = models.ForeignKey("measures.Weighing", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="advice_trajectories", verbose_name=_("weging"))
    request_item = models.ForeignKey(Item, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("adviesvraag uit de stromen"))
    receiver = models.ForeignKey(Body, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                 verbose_name=_("aan wie het advies gaat"))
    penvoerder = models.ForeignKey(Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("penvoerder"))
    circles_considered = models.BooleanField(_("praktijkkringen bewust niet geraadpleegd"), default=False)
    circles_note = models.TextField(_("waarom geen praktijkkring"), blank=True)
    # The advice document (the secretariat writes it).
    summary = models.TextField(_("samenvatting"), blank=True)
    advice_text = models.TextField(_("advies"), blank=True)
    considerations = models.TextField(_("overwegingen"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=TrajectoryStatus.choices, default=TrajectoryStatus.OPEN)
    issued_on = models.DateField(_("uitgebracht op"), null=True, blank=True)
    public = models.BooleanField(_("in het openbare register"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["structure", "number"], name="advice_trajectory_number_unique")]
        verbose_name = _("adviestraject")
        verbose_name_plural = _("adviestrajecten")

    def __str__(self) -> str:
        return self.title

    @property
    def code(self) -> str:
        return f"A{self.number}"


class ExpertKind(models.TextChoices):
    FIXED = "vast", _("Vaste expert (kennisinstituut)")
    POOL = "pool", _("Expert uit de pool")


class Expert(models.Model):
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="experts")
    kind = models.CharField(_("soort"), max_length=10, choices=ExpertKind.choices, default=ExpertKind.POOL)
    name = models.CharField(_("naam"), max_length=200, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=200)
    area = models.CharField(_("aandachtsgebied"), max_length=100, blank=True)
    contact = models.CharField(_("contact (e-mail of telefoon)"), max_length=200, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["kind", "area", "organisation", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.name else self.organisation


class PracticeCircle(models.Model):
    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="circles")
    name = models.CharField(_("naam"), max_length=200)
    possible = models.BooleanField(_("mogelijke praktijkkring"), default=False)
    description = models.TextField(_("wie er in zitten"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["structure", "name"], name="advice_circle_unique")]

    def __str__(self) -> str:
        return self.name


class ExpertInput(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="expert_inputs")
    expert = models.ForeignKey(Expert, on_delete=models.PROTECT, related_name="inputs")
    asked_on = models.DateField(_("gevraagd op"), null=True, blank=True)
    received_on = models.DateField(_("ontvangen op"), null=True, blank=True)
    summary = models.TextField(_("inbreng"))
    how_weighed = models.TextField(_("hoe het is meegewogen"), blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "expert"], name="advice_expert_input_unique")]


class CircleMode(models.TextChoices):
    MEETING = "bijeenkomst", _("Bijeenkomst")
    WRITTEN = "schriftelijk", _("Schriftelijk")
    LIVE = "live", _("Live sessie op telefoons")


class CircleInput(models.Model):
    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="circle_inputs")
    circle = models.ForeignKey(PracticeCircle, on_delete=models.PROTECT, related_name="inputs")
    mode = models.CharField(_("vorm"), max_length=20, choices=CircleMode.choices, default=CircleMode.MEETING)
    held_on = models.DateField(_("datum"), null=True, blank=True)
    summary = models.TextField(_("inbreng"), blank=True)
    how_weighed = models.TextField(_("hoe het is meegewogen"), blank=True)
    session = models.ForeignKey("dialogues.DialogueSession", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="advice_circle_inputs", verbose_name=_("live sessie"))
    # The session's cards and themes as they were when attached (texts only, no names).
    cards = models.JSONField(default=list, blank=True)
    themes = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["trajectory", "circle"], name="advice_circle_input_unique")]


class Story(models.Model):
    """A story from practice (werkprogramma §4.5), collected with the teller's consent."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("verhaal"))
    teller = models.CharField(_("wie het vertelt (mag leeg)"), max_length=200, blank=True)
    circle = models.ForeignKey(PracticeCircle, null=True, blank=True, on_delete=models.SET_NULL, related_name="stories")
    consent_on = models.DateField(_("toestemming gegeven op"))
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class Meeting(models.Model):
    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("datum"))
    regular = models.BooleanField(_("reguliere vergadering"), default=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("verslag"), blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.body} {self.held_on}"


class DecisionMode(models.TextChoices):
    ORAL = "mondeling", _("Mondeling (in de vergadering)")
    WRITTEN = "schriftelijk", _("Schriftelijk")


class Decision(models.Model):
    """A vote on a draft advice; the outcome is computed by ``voting.decide`` and stored with it."""

    trajectory = models.ForeignKey(Trajectory, on_delete=models.CASCADE, related_name="decisions")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="decisions")
    mode = models.CharField(_("vorm"), max_length=20, choices=DecisionMode.choices, default=DecisionMode.ORAL)
    held_on = models.DateField(_("datum"))
    draft = models.TextField(_("conceptadvies waarover is gestemd"), blank=True)
    rule = models.CharField(max_length=40)
    quorum = models.PositiveSmallIntegerField()
    members_count = models.PositiveSmallIntegerField()
    present = models.ManyToManyField(Member, related_name="+")
    result = models.CharField(max_length=20)
    votes_for = models.PositiveSmallIntegerField(default=0)
    votes_against = models.PositiveSmallIntegerField(default=0)
    abstentions = models.PositiveSmallIntegerField(default=0)
    full_attendance = models.BooleanField(default=False)
    unanimous = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]


class VoteChoice(models.TextChoices):
    FOR = "voor", _("Voor")
    AGAINST = "tegen", _("Tegen")
    ABSTAIN = "onthouding", _("Onthouding")


class Vote(models.Model):
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="votes_cast")
    choice = models.CharField(max_length=20, choices=VoteChoice.choices)
    reason = models.TextField(_("reden"), blank=True)
    minority_opinion = models.TextField(_("minderheidsstandpunt"), blank=True)
    in_advice = models.BooleanField(_("minderheidsstandpunt opnemen in het advies"), default=False)

    class Meta:
        ordering = ["member__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["decision", "member"], name="advice_vote_unique")]


class Evaluation(models.Model):
    """The evaluation of a body (werkprogramma §4.6): six aspects and the stakeholder groups asked."""

    body = models.OneToOneField(Body, on_delete=models.CASCADE, related_name="evaluation")
    due_on = models.DateField(_("uiterlijk klaar op"), null=True, blank=True)
    commissioned_by = models.CharField(_("opdrachtgever"), max_length=200, blank=True)
    answers = models.JSONField(default=dict, blank=True)  # aspect key → text
    stakeholders = models.JSONField(default=list, blank=True)  # keys of the groups asked
    updated_at = models.DateTimeField(auto_now=True)
