"""Forms of the consultations app: they validate and clean (Dutch messages), they never save."""

from __future__ import annotations

from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mia.consultations.models import Creation, HeardVia, IntakeStatus, Level, Part, ReactionKind, SessionKind, Setting
from mia.core.forms import CleanTextMixin, dutch_errors, long_text, short_text

MAX_UPLOAD = 20 * 1024 * 1024


class Form(CleanTextMixin, forms.Form):
    pass


def features_text(features: list[dict]) -> str:
    return "\n".join(f"{f['name']}: {', '.join(f['categories'])}" for f in features)


def parse_features(text: str) -> list[dict]:
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        name, _sep, rest = line.partition(":")
        out.append({"name": name.strip(), "categories": [c.strip() for c in rest.split(",") if c.strip()]})
    return out


class SeriesForm(Form):
    title = short_text(_("Titel van de reeks"), required=True)
    commissioner = short_text(_("Opdrachtgever"))
    description = long_text(_("Omschrijving"))
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisatie"), empty_label=None,
                                          error_messages={"invalid_choice": _("Kies een organisatie uit de lijst.")})
    features = long_text(_("Kenmerken voor de selectie (één per regel: naam: categorie, categorie, …)"), required=True, rows=6)
    retention_until = forms.DateField(label=_("Contactgegevens bewaren tot"), widget=forms.DateInput(attrs={"type": "date"}),
                                      error_messages={"invalid": _("Vul een datum in (JJJJ-MM-DD)."), "required": _("Vul dit veld in.")})

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations

    def clean_features(self):
        return parse_features(self.cleaned_data["features"])


class TextsForm(Form):
    summary = long_text(_("Samenvatting"), rows=5)
    method_text = long_text(_("Methode"), rows=5)


class QuestionForm(Form):
    theme = short_text(_("Thema"), required=True, max_length=200)
    text = long_text(_("Hoofdvraag"), required=True, rows=2)
    sub_questions = long_text(_("Subvragen (één per regel)"), rows=3)
    answer = long_text(_("Antwoord in de samenvatting"), rows=3)


class SessionForm(Form):
    title = short_text(_("Titel"), required=True, max_length=200)
    kind = forms.ChoiceField(label=_("Soort"), choices=SessionKind.choices)
    date = forms.DateTimeField(label=_("Datum en tijd"), required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                               error_messages={"invalid": _("Vul een datum en tijd in.")})
    place = short_text(_("Plaats"), max_length=200)
    setting = forms.ChoiceField(label=_("Omgeving"), choices=Setting.choices)
    capacity = forms.IntegerField(label=_("Aantal plaatsen"), min_value=1, max_value=500, initial=20,
                                  error_messages={"invalid": _("Vul een getal in."), "min_value": _("Minstens 1."), "max_value": _("Hoogstens 500.")})
    questions = forms.ModelMultipleChoiceField(queryset=None, label=_("Beantwoordt de vragen"), widget=forms.CheckboxSelectMultiple,
                                               error_messages={"required": _("Kies ten minste één onderzoeksvraag.")})

    def __init__(self, *args, series=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].queryset = series.questions.all()


class PartsForm(Form):
    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        for part in Part:
            current = (session.parts.get(part.value) if session else None) or {}
            self.fields[f"{part.value}_minutes"] = forms.IntegerField(
                label=_("%(part)s: minuten") % {"part": part.label}, min_value=0, max_value=600, initial=current.get("minutes", 0),
                error_messages={"invalid": _("Vul een getal in."), "min_value": _("Minstens 0."), "max_value": _("Hoogstens 600.")})
            self.fields[f"{part.value}_questions"] = long_text(_("%(part)s: vragen") % {"part": part.label}, rows=2)
            self.fields[f"{part.value}_questions"].initial = current.get("questions", "")

    def parts(self) -> dict:
        return {p: {"minutes": self.cleaned_data[f"{p}_minutes"], "questions": self.cleaned_data[f"{p}_questions"]} for p in Part.values}


class NotesForm(Form):
    part = forms.ChoiceField(choices=Part.choices, widget=forms.HiddenInput)
    text = long_text(_("Wat de actieonderzoekers zagen"), rows=4)


class CreationForm(Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=Creation.Kind.choices)
    title = short_text(_("Titel"), required=True, max_length=200)
    description = long_text(_("Omschrijving"), rows=2)
    image = forms.FileField(label=_("Foto"), required=False, error_messages={"invalid": _("Kies een bestand.")})

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if upload and upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("Deze foto is te groot. Kies een foto van hoogstens 8 MB."))
        return upload


class AdviceForm(Form):
    level = forms.ChoiceField(label=_("Niveau"), choices=[(Level.LOKAAL, _("Lokaal")), (Level.LANDELIJK, _("Landelijk"))])
    text = long_text(_("Advies aan beleidsmakers"), required=True, rows=2)


class SelectionForm(Form):
    size = forms.IntegerField(label=_("Aantal deelnemers"), min_value=1, max_value=500, initial=20,
                              error_messages={"invalid": _("Vul een getal in."), "min_value": _("Minstens 1."), "max_value": _("Hoogstens 500.")})
    reserves = forms.IntegerField(label=_("Reserves"), min_value=0, max_value=20, initial=3,
                                  error_messages={"invalid": _("Vul een getal in."), "min_value": _("Minstens 0."), "max_value": _("Hoogstens 20.")})


class StatusForm(Form):
    status = forms.ChoiceField(label=_("Status"), choices=IntakeStatus.choices)


class ImportForm(Form):
    file = forms.FileField(label=_("Bestand (CSV of XLSX)"), error_messages={"required": _("Kies een bestand.")})


class SignUpForm(Form):
    """The public sign-up page: only the features the organiser chose, B1 labels, phone first."""

    name = short_text(_("Uw naam"), required=True, max_length=200)
    phone = short_text(_("Uw telefoonnummer"), max_length=40)
    email = forms.EmailField(label=_("Uw e-mailadres (als u wilt)"), required=False, max_length=200,
                             error_messages={"invalid": _("Dit is geen e-mailadres."), **dutch_errors(200)})
    heard_via = forms.ChoiceField(label=_("Hoe hoorde u van ons?"), choices=[("", _("Kies…")), *HeardVia.choices], required=False)
    consent = forms.BooleanField(label=_("Ik doe mee. U mag mijn gegevens bewaren tot de datum hierboven."),
                                 error_messages={"required": _("Zonder toestemming kunt u zich niet aanmelden.")})
    # A honeypot: hidden from people (and screen readers), filled in by bots.
    website = forms.CharField(required=False, label=_("Laat dit veld leeg"),
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))
    started = forms.CharField(widget=forms.HiddenInput)

    MIN_SECONDS = 3

    def __init__(self, *args, series=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.series = series
        for index, feature in enumerate(series.features):
            self.fields[f"feature_{index}"] = forms.ChoiceField(
                label=feature["name"], choices=[(c, c) for c in feature["categories"]], widget=forms.RadioSelect,
                error_messages={"required": _("Kies een antwoord."), "invalid_choice": _("Kies een antwoord uit de lijst.")})
        self.fields["available"] = forms.ModelMultipleChoiceField(
            label=_("Wanneer kunt u komen?"), queryset=series.sessions.filter(kind="bijeenkomst"), required=False,
            widget=forms.CheckboxSelectMultiple, error_messages={"invalid_choice": _("Kies uit de lijst.")})
        self.fields["available"].label_from_instance = lambda s: f"{s.title}{', ' + s.place if s.place else ''}" + (
            f", {timezone.localtime(s.date):%d-%m-%Y %H:%M}" if s.date else "")
        if not self.is_bound:
            self.initial["started"] = signing.dumps(timezone.now().timestamp(), salt="consultations.signup")

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Laat dit veld leeg."))
        return ""

    def clean_started(self):
        try:
            started = signing.loads(self.cleaned_data["started"], salt="consultations.signup", max_age=24 * 3600)
        except signing.BadSignature:
            raise forms.ValidationError(_("Dit formulier is verlopen. Laad de pagina opnieuw.")) from None
        if timezone.now().timestamp() - float(started) < self.MIN_SECONDS:
            raise forms.ValidationError(_("Dat ging erg snel. Controleer uw antwoorden en verstuur opnieuw."))
        return started

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("phone") or "").strip() and not (cleaned.get("email") or "").strip():
            self.add_error("phone", _("Vul uw telefoonnummer of e-mailadres in."))
        return cleaned

    def features(self) -> dict:
        return {f["name"]: self.cleaned_data[f"feature_{i}"] for i, f in enumerate(self.series.features)}

    def feature_fields(self):
        return [self[f"feature_{i}"] for i in range(len(self.series.features))]


class ParagraphForm(Form):
    heading = short_text(_("Kopje"), max_length=200)
    text = long_text(_("Tekst"), required=True, rows=6)
    reason = short_text(_("Waarom deze wijziging"), max_length=300)
    meeting_note = long_text(_("Uit de validatiebijeenkomst"), rows=2)


class DeadlineForm(Form):
    deadline = forms.DateTimeField(label=_("Reageren kan tot"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                   error_messages={"invalid": _("Vul een datum en tijd in."), "required": _("Vul dit veld in.")})
    validation_notes = long_text(_("Notities van de validatiebijeenkomst"), rows=3)


class ReactionForm(Form):
    kind = forms.ChoiceField(label=_("Wat wilt u doen?"), choices=ReactionKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": _("Kies: aanvullen, corrigeren of verdiepen."),
                                             "invalid_choice": _("Kies: aanvullen, corrigeren of verdiepen.")})
    text = long_text(_("Uw reactie"), required=True, rows=3)


class DecisionForm(Form):
    accept = forms.TypedChoiceField(choices=[("1", _("Overnemen")), ("0", _("Niet overnemen"))], coerce=lambda v: v == "1",
                                    widget=forms.HiddenInput)
    reason = short_text(_("Korte reden (de deelnemer ziet die)"), required=True, max_length=300)
    new_text = long_text(_("Nieuwe tekst van de alinea (als u die verandert)"), rows=4)


class ThreadForm(Form):
    title = short_text(_("Rode draad"), required=True, max_length=200)
    text = long_text(_("Beschrijving"), rows=3)
    sessions = forms.ModelMultipleChoiceField(queryset=None, label=_("Gezien in de sessies"), required=False,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, series=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sessions"].queryset = series.sessions.all()


class RecommendationForm(Form):
    question = forms.ModelChoiceField(queryset=None, label=_("Thema"), empty_label=None,
                                      error_messages={"invalid_choice": _("Kies een thema uit de lijst.")})
    level = forms.ChoiceField(label=_("Niveau"), choices=Level.choices)
    text = long_text(_("Aanbeveling vanuit burgers"), required=True, rows=2)

    def __init__(self, *args, series=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = series.questions.all()


class QuoteForm(Form):
    source = forms.CharField(max_length=40, error_messages={"required": _("Kies een citaat.")})
    excerpt = long_text(_("Alleen dit stuk (letterlijk uit de bron; leeg = alles)"), rows=2)

    def clean_source(self):
        kind, _sep, number = self.cleaned_data["source"].partition(":")
        if not number.isdigit() or len(number) > 15:
            raise forms.ValidationError(_("Kies een citaat uit de lijst."))
        return kind, int(number)


class ClosingForm(Form):
    title = short_text(_("Titel"), required=True, max_length=200)
    recommendation = long_text(_("Aanbeveling"), required=True, rows=2)
    goal = long_text(_("Doel"), required=True, rows=2)
