"""An MIA for one policy choice: its kernteam, and what they record in steps 1, 2 and 4.

Step 3 (sessions, participants, cards) lives in ``mia.dialogues``.
"""

import uuid
from functools import cached_property

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mia.instrument.models import (
    AffectedGroup,
    BankQuestion,
    ChartStatement,
    ContentVersion,
    Domain,
    ScanQuestion,
    SignalWordPair,
    Subdomain,
)


class Kind(models.TextChoices):
    """An MIA of its own, or the working record another app keeps for its live dialogue (a session of a
    consultation series): reached from that app, not listed under "Mijn MIA's"."""

    MIA = "mia", _("MIA")
    WORKING = "werkruimte", _("Werkruimte van een ander onderdeel")


class AssessmentQuerySet(models.QuerySet):
    def own_mias(self):
        """MIAs of their own, without the working records of other apps."""
        return self.filter(kind=Kind.MIA)


class Status(models.TextChoices):
    OPEN = "open", _("Bezig")
    NO_IMPACT = "geen-impact", _("Afgesloten: geen vermoeden van impact")
    FINISHED = "afgerond", _("Afgerond")


class Assessment(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("beleidskeuze"), max_length=300)
    description = models.TextField(_("omschrijving van de beleidskeuze"), blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="assessments"
    )
    content_version = models.ForeignKey(ContentVersion, on_delete=models.PROTECT, related_name="assessments")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="AssessmentMember", related_name="assessments")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.MIA)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    # Step 1A: signalling
    notes_causes = models.TextField(_("oorzaken en aanleiding"), blank=True)
    notes_literature = models.TextField(_("literatuur en onderzoek"), blank=True)
    notes_media = models.TextField(_("zichtbaarheid in media"), blank=True)
    groups = models.ManyToManyField(AffectedGroup, blank=True, verbose_name=_("groepen"))
    groups_other = models.CharField(_("anders, namelijk"), max_length=300, blank=True)
    signal_words = models.ManyToManyField(SignalWordPair, through="SignalWordChoice", blank=True)
    signal_words_other = models.CharField(_("andere signaalwoorden"), max_length=300, blank=True)
    # Step 1B/1C: the decision whether to go on
    impact_suspected = models.BooleanField(_("vermoeden van impact"), null=True, blank=True)
    decision_explanation = models.TextField(_("toelichting op het besluit"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    # Step 2: preparation
    werkvorm = models.CharField(_("werkvorm"), max_length=60, blank=True)
    # A code of the content's report forms (beknopt, verslag, transcript).
    report_form = models.CharField(_("vorm van het verslag"), max_length=20, default="verslag")
    invitation_text = models.TextField(_("uitnodiging"), blank=True)
    next_steps_text = models.TextField(_("wat er na de dialoog gebeurt"), blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("MIA")
        verbose_name_plural = _("MIA's")

    def __str__(self) -> str:
        return self.title

    @cached_property
    def content(self):
        """The instrument content this MIA started with (typed, validated, cached per version)."""
        from mia.instrument.versions import content_for

        return content_for(self.content_version_id)

    @property
    def closing_text(self) -> str:
        """The one text participants read at the end ("Wat gebeurt er na de dialoog?"): the kernteam's own,
        else the instrument's default. Phones, the facilitator screen and the report all show this."""
        return self.next_steps_text or self.content.after_dialogue_text

    @property
    def report_form_label(self) -> str:
        return self.content.report_form_label(self.report_form)

    @property
    def werkvorm_label(self) -> str:
        return self.content.werkvorm_label(self.werkvorm) if self.werkvorm else ""


class AssessmentMember(models.Model):
    class MemberRole(models.TextChoices):
        KERNTEAM = "kernteam", _("Kernteam")
        LEZER = "lezer", _("Lezer")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessment_memberships")
    role = models.CharField(max_length=20, choices=MemberRole.choices, default=MemberRole.KERNTEAM)

    class Meta:
        unique_together = [("assessment", "user")]
        verbose_name = _("lid")
        verbose_name_plural = _("leden")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class MemberInvitation(models.Model):
    """An invitation by e-mail to join an assessment (issue 10 item 8, issue 11 item 12).

    Colleagues of the assessment's own organisation are added directly; anyone else gets a mail
    with a one-time link and becomes a member only by accepting it while logged in. Only a hash of
    the link's token is stored."""

    VALID_DAYS = 14

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(max_length=20, choices=AssessmentMember.MemberRole.choices, default=AssessmentMember.MemberRole.KERNTEAM)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"


class ScanAnswer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scan_answers")
    question = models.ForeignKey(ScanQuestion, on_delete=models.PROTECT)
    # A code of the content's scan answers (meer, minder, geen, onbekend); empty: not answered yet.
    effect = models.CharField(_("effect"), max_length=20, blank=True)
    explanation = models.TextField(_("toelichting"), blank=True)

    class Meta:
        unique_together = [("assessment", "question")]
        ordering = ["question__position"]

    @property
    def effect_label(self) -> str:
        return self.assessment.content.effect_label(self.effect) if self.effect else ""


class SignalWordChoice(models.Model):
    class Side(models.TextChoices):
        POSITIVE = "positief", _("Positief")
        NEGATIVE = "negatief", _("Negatief")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="signal_word_choices")
    pair = models.ForeignKey(SignalWordPair, on_delete=models.PROTECT)
    side = models.CharField(max_length=10, choices=Side.choices)

    class Meta:
        unique_together = [("assessment", "pair", "side")]
        ordering = ["pair__position", "side"]

    @property
    def word(self) -> str:
        return self.pair.positive if self.side == self.Side.POSITIVE else self.pair.negative


class DomainAnswer(models.Model):
    """Domeinverkenner: the start question of one domain answered yes/no, with subdomains."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="domain_answers")
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT)
    relevant = models.BooleanField(_("relevant"), null=True, blank=True)
    explanation = models.TextField(_("toelichting"), blank=True)
    subdomains = models.ManyToManyField(Subdomain, blank=True)

    class Meta:
        unique_together = [("assessment", "domain")]
        ordering = ["domain__position"]


class DialogueQuestion(models.Model):
    """A question chosen for the dialogue: from the bank (possibly reworded) or the kernteam's own."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="questions")
    bank_question = models.ForeignKey(BankQuestion, null=True, blank=True, on_delete=models.PROTECT)
    original_text = models.TextField(_("oorspronkelijke vraag"), blank=True)
    text = models.TextField(_("vraag"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("dialoogvraag")
        verbose_name_plural = _("dialoogvragen")

    def __str__(self) -> str:
        return self.text

    @property
    def is_own(self) -> bool:
        return self.bank_question_id is None

    @property
    def is_reworded(self) -> bool:
        return bool(self.original_text) and self.original_text != self.text


class ChartRating(models.Model):
    """One kernteam member's rating of one MIA-Chart statement."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="chart_ratings")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    statement = models.ForeignKey(ChartStatement, on_delete=models.PROTECT)
    # 1 to 5, a point of the content's chart scale (helemaal mee oneens … helemaal mee eens).
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    explanation = models.TextField(_("toelichting"), blank=True)

    class Meta:
        unique_together = [("assessment", "member", "statement")]
        ordering = ["statement__position", "member_id"]

    @property
    def score_label(self) -> str:
        return self.assessment.content.chart_label(self.score)


class MainConclusion(models.Model):
    """4A: the main conclusions of the kernteam (the instrument asks for four)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="conclusions")
    position = models.PositiveSmallIntegerField()
    text = models.TextField(_("conclusie"), blank=True)

    class Meta:
        unique_together = [("assessment", "position")]
        ordering = ["position"]


class FollowUpAction(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="actions")
    # A follow-up kind of the content: "politiek", "beleid-adaptief", "communicatie", …
    domain = models.CharField(_("soort"), max_length=30)
    description = models.TextField(_("actie"))
    owner = models.CharField(_("wie"), max_length=200, blank=True)
    due_date = models.DateField(_("wanneer"), null=True, blank=True)

    class Meta:
        ordering = ["domain", "due_date", "id"]
        verbose_name = _("vervolgactie")
        verbose_name_plural = _("vervolgacties")

    @property
    def domain_label(self) -> str:
        return self.assessment.content.followup_label(self.domain)
