"""Dialogue sessions of an MIA (step 3): participants, question rounds and conclusion cards.

Cards typed in from paper by the notulist and cards sent from phones (live mode)
are the same ``ConclusionCard`` records, so every report treats them alike.
"""

import secrets
import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from mia.assessments.content import content_of
from mia.assessments.models import Assessment, DialogueQuestion
from mia.instrument.content import CLOSING_CARD_KIND
from mia.instrument.models import AffectedGroup

MIN_PARTICIPANTS = 5
MAX_PARTICIPANTS = 8
# Joining a live session by code: the ceiling when the facilitator set no expected number (the help
# text of ``expected_participants`` says it), and the largest expected number (an event of issue 17).
DEFAULT_MAX_JOINS = 500
MAX_EXPECTED_PARTICIPANTS = 50_000


class LiveStatus(models.TextChoices):
    VOORBEREIDING = "voorbereiding", _("Nog niet gestart")
    LIVE = "live", _("Live")
    GESLOTEN = "gesloten", _("Gesloten")


class DialogueSession(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="sessions")
    name = models.CharField(_("naam van de sessie"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    date = models.DateTimeField(_("datum en tijd"), null=True, blank=True)
    location = models.CharField(_("plaats"), max_length=300, blank=True)
    facilitator = models.CharField(_("gespreksleider"), max_length=200, blank=True)
    note_taker = models.CharField(_("notulist"), max_length=200, blank=True)
    notes = models.TextField(_("algemene notities"), blank=True)
    # Live mode: participants join on their phones with the join code or their invite link.
    join_code = models.CharField(_("sessiecode"), max_length=8, unique=True, null=True, blank=True)
    live_status = models.CharField(max_length=20, choices=LiveStatus.choices, default=LiveStatus.VOORBEREIDING)
    # Raised on every change participants must see, so a waiting phone only compares one number.
    live_version = models.PositiveIntegerField(default=0)
    current_round = models.ForeignKey("Round", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    round_minutes = models.PositiveSmallIntegerField(_("minuten per ronde"), default=15)
    show_names = models.BooleanField(_("namen tonen op de kaartjesmuur"), default=False)
    live_started_at = models.DateTimeField(null=True, blank=True)
    live_closed_at = models.DateTimeField(null=True, blank=True)
    # How many people the facilitator expects; joining by code stops a little above it (mia.live).
    expected_participants = models.PositiveIntegerField(
        _("verwacht aantal deelnemers"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_EXPECTED_PARTICIPANTS)],
        help_text=_("Met de sessiecode kunnen iets meer mensen meedoen dan dit aantal, daarna is de sessie vol. "
                    "Leeg: hoogstens 500."),
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("dialoogsessie")
        verbose_name_plural = _("dialoogsessies")

    def __str__(self) -> str:
        return self.name

    @property
    def size_warning(self) -> str:
        count = self.participants.count()
        if count < MIN_PARTICIPANTS:
            return _("Deze sessie heeft %(n)d deelnemers. De MIA raadt 5 tot 8 deelnemers aan.") % {"n": count}
        if count > MAX_PARTICIPANTS:
            return _("Deze sessie heeft %(n)d deelnemers. Met meer dan 8 mensen krijgt niet iedereen genoeg tijd.") % {
                "n": count
            }
        return ""


def new_invite_token() -> str:
    return secrets.token_urlsafe(24)


class Participant(models.Model):
    session = models.ForeignKey(DialogueSession, on_delete=models.CASCADE, related_name="participants")
    number = models.PositiveIntegerField(_("deelnemernummer"))
    name = models.CharField(_("naam"), max_length=200, blank=True)
    # Chosen by the participant when joining; shown on the wall only if the facilitator allows it.
    display_name = models.CharField(_("schermnaam"), max_length=60, blank=True)
    # A code of the content's perspectives (wetenschap, praktijk, samenleving, interne-buitenstaander).
    perspective = models.CharField(_("perspectief"), max_length=30, blank=True)
    joined_by_code = models.BooleanField(default=False)
    organisation = models.CharField(_("organisatie of achtergrond"), max_length=200, blank=True)
    contact = models.CharField(_("contact (e-mail of telefoon)"), max_length=200, blank=True)
    groups = models.ManyToManyField(AffectedGroup, blank=True, verbose_name=_("vertegenwoordigt groepen"))
    invite_token = models.CharField(max_length=64, unique=True, default=new_invite_token, editable=False)
    consent_given_at = models.DateTimeField(_("toestemming gegeven op"), null=True, blank=True)
    consent_refused_at = models.DateTimeField(_("toestemming geweigerd op"), null=True, blank=True)
    personal_data_erased_at = models.DateTimeField(_("persoonsgegevens gewist op"), null=True, blank=True)

    class Meta:
        ordering = ["session", "number"]
        unique_together = [("session", "number")]
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def perspective_label(self) -> str:
        return content_of(self.session.assessment_id).perspective_label(self.perspective) if self.perspective else ""

    @property
    def pseudonym(self) -> str:
        """How a participant appears in every report: never by name."""
        if not self.perspective:
            return f"Deelnemer {self.number}"
        return f"Deelnemer {self.number} ({self.perspective_label.lower()})"

    @property
    def has_consented(self) -> bool:
        return self.consent_given_at is not None and self.consent_refused_at is None


class Round(models.Model):
    """One question round of a session; the last round asks the closing question."""

    session = models.ForeignKey(DialogueSession, on_delete=models.CASCADE, related_name="rounds")
    question = models.ForeignKey(DialogueQuestion, null=True, blank=True, on_delete=models.CASCADE)
    is_closing = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)
    notes = models.TextField(_("notities van deze ronde"), blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # When the facilitator's timer ends; the round stays open until it is closed.
    deadline = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "question"], name="one_round_per_question"),
        ]

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None and self.closed_at is None

    @property
    def label(self) -> str:
        """Short: "Vraag 2", or "Afronding" for the closing question."""
        return str(_("Afronding")) if self.is_closing else str(_("Vraag %(n)d") % {"n": self.position})

    @property
    def title(self) -> str:
        """What this round asks: the dialogue question, or the content's closing question."""
        if self.is_closing:
            return content_of(self.session.assessment_id).closing_question
        return self.question.text if self.question_id else ""

    @property
    def card_kinds(self) -> list[str]:
        """The cards each participant fills in after this round (the instrument's two, or the closing card)."""
        if self.is_closing:
            return [CLOSING_CARD_KIND]
        return [code for code, _label in content_of(self.session.assessment_id).card_type_choices]


class CardSource(models.TextChoices):
    PAPIER = "papier", _("Ingevoerd van papier")
    TELEFOON = "telefoon", _("Ingevuld op telefoon")


class CardQuerySet(models.QuerySet):
    def visible(self):
        """Cards that may be shown and used: not of a participant who withdrew consent (paper cards
        without a participant stay). Withdrawal hides a person's cards everywhere: report, CSV, wall,
        API, themes; the record stays for the kernteam to delete on request (``privacy.py``)."""
        return self.filter(models.Q(participant__isnull=True) | models.Q(participant__consent_refused_at__isnull=True))


class ConclusionCard(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="cards")
    participant = models.ForeignKey(Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="cards")
    # A card type of the content ("conclusie", "idee"), or "afsluiting" for the closing question.
    kind = models.CharField(_("soort kaartje"), max_length=20)
    topic = models.CharField(_("onderwerp"), max_length=200, blank=True)
    text = models.TextField(_("tekst"))
    # A client-generated id makes submissions idempotent: a retry updates, never duplicates.
    client_id = models.UUIDField(default=uuid.uuid4, unique=True)
    source = models.CharField(max_length=20, choices=CardSource.choices, default=CardSource.PAPIER)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CardQuerySet.as_manager()

    class Meta:
        ordering = ["round", "kind", "participant__number", "id"]
        constraints = [
            # On phones a participant has one card per kind per round; paper may hold more.
            models.UniqueConstraint(fields=["round", "participant", "kind"], condition=models.Q(source="telefoon"),
                                    name="one_phone_card_per_kind"),
        ]
        indexes = [
            models.Index(fields=["round", "participant", "kind"], name="card_of_participant"),
            models.Index(fields=["round", "updated_at"], name="card_recent"),
        ]
        verbose_name = _("conclusiekaartje")
        verbose_name_plural = _("conclusiekaartjes")

    @property
    def is_visible(self) -> bool:
        """See ``CardQuerySet.visible`` (for cards already loaded with their participant)."""
        return self.participant is None or self.participant.consent_refused_at is None

    @property
    def kind_label(self) -> str:
        return content_of(self.round.session.assessment_id).card_kind_label(self.kind)

    @property
    def author_label(self) -> str:
        """Who wrote it, as every report shows it: the pseudonym, never the name."""
        return self.participant.pseudonym if self.participant_id else str(_("Deelnemer (onbekend)"))

    @property
    def is_closing(self) -> bool:
        return self.kind == CLOSING_CARD_KIND
