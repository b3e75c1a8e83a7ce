"""A consultation series (burgerconsultaties): research questions, sessions in four parts,
a pool of sign-ups and the selections drawn from it, draft reports per theme that the
participants validate with a personal link, rode draden, recommendations per level and the
characteristics of the people who attended.

Contact data of sign-ups lives in its own table (``SignUpContact``), apart from the selection
features, and is erased at the retention date the person agreed to. Writes happen only in
``actions.py``.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mia.accounts.models import Organisation
from mia.dialogues.models import Participant


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Setting(models.TextChoices):
    STEDELIJK = "stedelijk", _("Stedelijk")
    LANDELIJK = "landelijk", _("Landelijk")
    ONLINE = "online", _("Online")


class SessionKind(models.TextChoices):
    BIJEENKOMST = "bijeenkomst", _("Burgerconsultatie")
    INTERVIEW = "interview", _("Aanvullend (duo-)interview")


class Part(models.TextChoices):
    """The four fixed parts of every session (Bijlage 1, "Opbouw van de sessies")."""

    DIEPTE = "diepte", _("De diepte in")
    BETEKENIS = "betekenis", _("Betekenis geven en keuzes maken")
    WERKPLAATS = "werkplaats", _("Werkplaats")
    ADVIES = "advies", _("Advies aan beleidsmakers")


class Level(models.TextChoices):
    OVERKOEPELEND = "overkoepelend", _("Overkoepelend")
    LANDELIJK = "landelijk", _("Landelijk")
    LOKAAL = "lokaal", _("Lokaal")


class Series(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="consultation_series")
    uid = models.CharField(max_length=64, unique=True, null=True, blank=True)  # the demo finds its series again
    title = models.CharField(_("titel"), max_length=300)
    commissioner = models.CharField(_("opdrachtgever"), max_length=300, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    # The selection features the organiser chose: [{"name": "Leeftijd", "categories": ["18-30", ...]}]
    features = models.JSONField(default=list)
    signup_open = models.BooleanField(_("aanmelden staat open"), default=False)
    signup_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    retention_until = models.DateField(_("contactgegevens bewaren tot"))
    summary = models.TextField(_("samenvatting"), blank=True)
    method_text = models.TextField(_("methode"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("raadplegingsreeks")
        verbose_name_plural = _("raadplegingsreeksen")

    def __str__(self) -> str:
        return self.title

    def feature_names(self) -> list[str]:
        return [f["name"] for f in self.features]


class ResearchQuestion(models.Model):
    """A main question with its sub-questions; the report is organised by these (one theme each)."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    theme = models.CharField(_("thema"), max_length=200)
    text = models.TextField(_("hoofdvraag"))
    sub_questions = models.TextField(_("subvragen (één per regel)"), blank=True)
    answer = models.TextField(_("antwoord in de samenvatting"), blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.theme

    def sub_question_list(self) -> list[str]:
        return [line.strip() for line in self.sub_questions.splitlines() if line.strip()]


class Session(models.Model):
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=SessionKind.choices, default=SessionKind.BIJEENKOMST)
    date = models.DateTimeField(_("datum en tijd"), null=True, blank=True)
    place = models.CharField(_("plaats"), max_length=200, blank=True)
    setting = models.CharField(_("omgeving"), max_length=20, choices=Setting.choices, default=Setting.STEDELIJK)
    questions = models.ManyToManyField(ResearchQuestion, related_name="sessions", verbose_name=_("onderzoeksvragen"))
    capacity = models.PositiveSmallIntegerField(_("aantal plaatsen"), default=20)
    # Minutes and the questions asked per part: {"diepte": {"minutes": 60, "questions": "..."}, ...}
    parts = models.JSONField(default=dict)
    # What the action researchers observed, per part: {"diepte": "...", ...}
    notes = models.JSONField(default=dict)
    # The live dialogue on phones runs in a dialogue session of its own working MIA.
    dialogue = models.OneToOneField("dialogues.DialogueSession", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="consultation_session")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Creation(models.Model):
    """Something made in the workshop: a spelregel, zinnebeeld or prototype, with its photo."""

    class Kind(models.TextChoices):
        SPELREGEL = "spelregel", _("Spelregel")
        ZINNEBEELD = "zinnebeeld", _("Zinnebeeld")
        PROTOTYPE = "prototype", _("Prototype")
        ANDERS = "anders", _("Anders")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="creations")
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.ZINNEBEELD)
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    image = models.BinaryField(null=True, blank=True)  # re-encoded JPEG, no metadata
    thumbnail = models.BinaryField(null=True, blank=True)  # a small copy for the documents (PDF, DOCX)
    width = models.PositiveIntegerField(null=True)
    height = models.PositiveIntegerField(null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]


class Advice(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="advice")
    level = models.CharField(_("niveau"), max_length=20, choices=[(Level.LOKAAL, _("Lokaal")), (Level.LANDELIJK, _("Landelijk"))])
    text = models.TextField(_("advies"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]


# --- recruitment ----------------------------------------------------------------------------------


class HeardVia(models.TextChoices):
    SLEUTELPERSOON = "sleutelpersoon", _("Via een sleutelpersoon")
    FLYER = "flyer", _("Flyer")
    NETWERK = "netwerk", _("Bestaand netwerk")
    FACEBOOK = "facebook", _("Facebookgroep")
    BUURTKRANT = "buurtkrant", _("Buurtkrant")
    WHATSAPP = "whatsapp", _("WhatsApp")
    ANDERS = "anders", _("Anders")


class SignUp(models.Model):
    """One person in the broad pool (phase 1). No account: a personal token link."""

    class Source(models.TextChoices):
        WEB = "web", _("Aanmeldpagina")
        IMPORT = "import", _("Ingelezen bestand")

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="signups")
    number = models.PositiveIntegerField()  # "Deelnemer 12": the pseudonym used in reports
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    features = models.JSONField(default=dict)
    available = models.ManyToManyField(Session, blank=True, related_name="available_signups")
    heard_via = models.CharField(_("hoe gehoord"), max_length=20, choices=HeardVia.choices, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.WEB)
    consent_at = models.DateTimeField(null=True, blank=True)
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    retention_until = models.DateField()
    contact_erased_at = models.DateTimeField(null=True, blank=True)
    client_key = models.CharField(max_length=64, blank=True)  # keyed hash of the address, against floods
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        unique_together = [("series", "number")]
        indexes = [models.Index(fields=["client_key", "created_at"], name="signups_by_client")]

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def pseudonym(self) -> str:
        return f"Deelnemer {self.number}"

    @property
    def has_consent(self) -> bool:
        return self.consent_at is not None and self.consent_withdrawn_at is None


class SignUpContact(models.Model):
    """Personal data of a sign-up: only for inviting; erased at the retention date."""

    signup = models.OneToOneField(SignUp, on_delete=models.CASCADE, related_name="contact")
    name = models.CharField(max_length=200)
    phone = models.CharField(max_length=40, blank=True)
    email = models.CharField(max_length=200, blank=True)


class Selection(models.Model):
    """A fair selection (phase 2) for one session, drawn with mia.panels from the sign-ups."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="selections")
    size = models.PositiveSmallIntegerField()
    quotas = models.JSONField(default=list)
    result = models.JSONField(default=dict)  # panel, reserves, probabilities (signup numbers as ids)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]


class IntakeStatus(models.TextChoices):
    UITGENODIGD = "uitgenodigd", _("Uitgenodigd")
    BEVESTIGD = "bevestigd", _("Bevestigd")
    AFGEMELD = "afgemeld", _("Afgemeld")
    AANWEZIG = "aanwezig", _("Aanwezig")


class Invitation(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="invitations")
    signup = models.ForeignKey(SignUp, on_delete=models.CASCADE, related_name="invitations")
    status = models.CharField(max_length=20, choices=IntakeStatus.choices, default=IntakeStatus.UITGENODIGD)
    is_reserve = models.BooleanField(default=False)
    # The person's phone in the live dialogue (a participant of the session's dialogue).
    participant = models.OneToOneField(Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        unique_together = [("session", "signup")]


# --- draft, validation, report ----------------------------------------------------------------------


class Draft(models.Model):
    """The draft report of one theme (research question), made from its sessions."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="drafts")
    question = models.OneToOneField(ResearchQuestion, on_delete=models.CASCADE, related_name="draft")
    deadline = models.DateTimeField(_("reageren kan tot"), null=True, blank=True)
    validation_notes = models.TextField(_("notities van de validatiebijeenkomst"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question__position", "pk"]

    def is_open_for_reactions(self, now=None) -> bool:
        now = now or timezone.now()
        return self.deadline is not None and now <= self.deadline


class Paragraph(models.Model):
    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="paragraphs")
    position = models.PositiveSmallIntegerField(default=0)
    heading = models.CharField(_("kopje"), max_length=200, blank=True)
    text = models.TextField(_("tekst"))
    version = models.PositiveSmallIntegerField(default=1)
    meeting_note = models.TextField(_("uit de validatiebijeenkomst"), blank=True)

    class Meta:
        ordering = ["position", "pk"]


class ParagraphVersion(models.Model):
    """Every earlier text of a paragraph, so the difference between versions stays visible."""

    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["number"]
        unique_together = [("paragraph", "number")]


class ReactionKind(models.TextChoices):
    AANVULLEN = "aanvullen", _("Aanvullen")
    CORRIGEREN = "corrigeren", _("Corrigeren")
    VERDIEPEN = "verdiepen", _("Verdiepen")


class ReactionStatus(models.TextChoices):
    OPEN = "open", _("Nog niet bekeken")
    OVERGENOMEN = "overgenomen", _("Overgenomen")
    NIET_OVERGENOMEN = "niet_overgenomen", _("Niet overgenomen")


class Reaction(models.Model):
    paragraph = models.ForeignKey(Paragraph, on_delete=models.CASCADE, related_name="reactions")
    signup = models.ForeignKey(SignUp, on_delete=models.CASCADE, related_name="reactions")
    kind = models.CharField(max_length=20, choices=ReactionKind.choices)
    text = models.TextField()
    status = models.CharField(max_length=20, choices=ReactionStatus.choices, default=ReactionStatus.OPEN)
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]


class Thread(models.Model):
    """A rode draad: a thread visible across the sessions."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="threads")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("beschrijving"), blank=True)
    sessions = models.ManyToManyField(Session, blank=True, related_name="threads")

    class Meta:
        ordering = ["position", "pk"]


class Recommendation(models.Model):
    """A row of the table per theme: Niveau | Aanbevelingen vanuit burgers | Illustrerende citaten."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="recommendations")
    question = models.ForeignKey(ResearchQuestion, on_delete=models.CASCADE, related_name="recommendations")
    level = models.CharField(_("niveau"), max_length=20, choices=Level.choices)
    text = models.TextField(_("aanbeveling vanuit burgers"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["question__position", "position", "pk"]


class QuoteSource(models.TextChoices):
    CARD = "kaartje", _("Kaartje")
    NOTE = "notitie", _("Notitie")
    REACTION = "reactie", _("Reactie")
    ADVICE = "advies", _("Advies")


class Quote(models.Model):
    """An illustrating quote: a verbatim copy of a real card, note, advice or reaction, linked to it.

    The text is copied at the moment of picking and never edited; ``source_text`` changes are
    detected by comparing with the source (``actions.quote_is_current``)."""

    recommendation = models.ForeignKey(Recommendation, null=True, blank=True, on_delete=models.CASCADE, related_name="quotes")
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE, related_name="quotes")
    source = models.CharField(max_length=20, choices=QuoteSource.choices)
    source_id = models.PositiveBigIntegerField()
    text = models.TextField()
    speaker = models.CharField(max_length=100, blank=True)  # pseudonym, e.g. "Deelnemer 12, Zwolle"
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]


class ClosingRecommendation(models.Model):
    """The closing list ("Tot slot"): a title, the Aanbeveling and the Doel."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="closing")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("titel"), max_length=200)
    recommendation = models.TextField(_("aanbeveling"))
    goal = models.TextField(_("doel"))

    class Meta:
        ordering = ["position", "pk"]


class ReportFile(models.Model):
    """A final report made by the job queue (PDF or DOCX): a copy, deleted after a week."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="report_files")
    format = models.CharField(max_length=10)
    filename = models.CharField(max_length=200)
    content = models.BinaryField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]


class SeriesThemes(models.Model):
    """The themes found in all cards of a series' sessions (candidate rode draden), by a job.

    Only labels, key terms, sizes and the spread over sessions are kept, no card texts; the
    ``fingerprint`` of the cards it was found in tells the page when the cards have changed since
    (new cards, an edit, a withdrawn consent)."""

    series = models.OneToOneField(Series, on_delete=models.CASCADE, related_name="found_themes")
    themes = models.JSONField(default=list)
    method = models.CharField(max_length=20, blank=True)
    message = models.CharField(max_length=300, blank=True)
    cards_counted = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64, blank=True)
    computed_at = models.DateTimeField()
