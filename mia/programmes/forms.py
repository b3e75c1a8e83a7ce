"""Forms of the programmes app: they validate and clean, with Dutch messages; they never save."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mia.core.forms import CleanTextMixin, dutch_errors, long_text, short_text, with_readability_check
from mia.programmes.models import (
    ActionStatus,
    Energy,
    GoalKind,
    GoalStatus,
    Phase,
    Reach,
    Strategy,
    TermKind,
)

DATE_ERRORS = {"invalid": _("Vul een geldige datum in, bijvoorbeeld 31-12-2026.")}
CHOICE_ERRORS = {"invalid_choice": _("Kies een van de mogelijkheden."), "required": _("Maak een keuze.")}
MULTI_ERRORS = {"invalid_choice": _("Kies alleen uit de mogelijkheden."), "invalid_list": _("Kies alleen uit de mogelijkheden."),
                "invalid_pk_value": _("Kies alleen uit de mogelijkheden.")}
FILE_ERRORS = {"required": _("Kies een bestand."), "empty": _("Dit bestand is leeg."), "invalid": _("Dit is geen bestand.")}


# The largest id a database column holds; a bigger number in a form would crash the query (SQLite: OverflowError).
MAX_ID = 2**63 - 1


def _valid_id(value) -> bool:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return False
    return 0 < number <= MAX_ID


class ModelChoiceField(forms.ModelChoiceField):
    """Refuses ids that are no whole number in the database's range before asking the database."""

    def to_python(self, value):
        if value not in self.empty_values and not _valid_id(value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        if any(not _valid_id(v) for v in value):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice", params={"value": ""})
        return super()._check_values(value)


class DateInput(forms.DateInput):
    input_type = "date"


def date_field(label, required: bool = False) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), error_messages=DATE_ERRORS)


def url_field(label) -> forms.URLField:
    return forms.URLField(label=label, required=False, max_length=500, assume_scheme="https",
                          error_messages={**dutch_errors(500), "invalid": _("Vul een geldig webadres in, bijvoorbeeld https://www.voorbeeld.nl.")})


class Form(CleanTextMixin, forms.Form):
    """Every form here strips control characters from its text."""


def terms_field(queryset, label, required: bool = False) -> forms.ModelMultipleChoiceField:
    return ModelMultipleChoiceField(queryset=queryset, label=label, required=required,
                                          widget=forms.CheckboxSelectMultiple, error_messages=MULTI_ERRORS)


def term_field(queryset, label, required: bool = False, empty_label: str = "—") -> forms.ModelChoiceField:
    return ModelChoiceField(queryset=queryset, label=label, required=required, empty_label=empty_label,
                                  error_messages=CHOICE_ERRORS)


class ProgrammeForm(Form):
    title = short_text(_("Naam van het programma"), required=True, max_length=300)
    description = long_text(_("Omschrijving"), help_text=_("Waar gaat de maatschappelijke dialoog over, en met wie?"))

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None and len(organisations) > 1:
            self.fields["organisation"] = ModelChoiceField(
                queryset=organisations, label=_("Organisatie"), empty_label=None, error_messages=CHOICE_ERRORS)


class ThemeForm(Form):
    title = short_text(_("Titel (positief geformuleerd)"), required=True, max_length=200,
                       help_text=_("Bijvoorbeeld: Beter een goede buur dan een online vriend"))
    question = with_readability_check(short_text(_("Vraag van het thema"), required=True, max_length=500,
                                                 help_text=_("Bijvoorbeeld: Hoe blijven we ook fysiek met elkaar verbonden?")))
    reframes = term_field(None, _("Herformuleert het probleemthema"))
    energy = forms.TypedChoiceField(label=_("Hoeveel energie zit erop?"), required=False, coerce=int, empty_value=None,
                                    choices=[("", _("Nog niet beoordeeld")), *Energy.choices], error_messages=CHOICE_ERRORS)
    partners = long_text(_("Partijen die energie steken in dit thema"), rows=3)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reframes"].queryset = programme.problem_themes.all()


class ProblemThemeForm(Form):
    title = short_text(_("Probleemthema"), required=True, max_length=200)
    description = long_text(_("Toelichting"), rows=3)


class TermForm(Form):
    kind = forms.ChoiceField(choices=TermKind.choices, widget=forms.HiddenInput, error_messages=CHOICE_ERRORS)
    label = short_text(_("Naam"), required=True, max_length=200)
    description = long_text(_("Toelichting"), rows=2)


class InitiativeForm(Form):
    name = short_text(_("Naam"), required=True, max_length=200)
    link = url_field(_("Link"))
    owner = short_text(_("Eigenaar"), max_length=200)
    category = term_field(None, _("Categorie"))
    goal = long_text(_("Doel"), rows=3)
    approach = long_text(_("Aanpak"), rows=3)
    topics = terms_field(None, _("Onderwerpen"))
    target_groups = terms_field(None, _("Doelgroepen"))
    other_target_group = short_text(_("Andere doelgroep, namelijk"), max_length=300)
    reaches = forms.MultipleChoiceField(label=_("Reikwijdte"), required=False, choices=Reach.choices,
                                        widget=forms.CheckboxSelectMultiple, error_messages=MULTI_ERRORS)
    themes = ModelMultipleChoiceField(queryset=None, label=_("Thema’s"), required=False,
                                            widget=forms.CheckboxSelectMultiple, error_messages=MULTI_ERRORS)
    notes = long_text(_("Notities"), rows=2)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = programme.terms.filter(kind=TermKind.CATEGORY)
        self.fields["topics"].queryset = programme.terms.filter(kind=TermKind.TOPIC)
        self.fields["target_groups"].queryset = programme.terms.filter(kind=TermKind.TARGET_GROUP)
        self.fields["themes"].queryset = programme.themes.all()


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand met initiatieven"),
        help_text=_("CSV of Excel (.xlsx) met precies de kolommen naam, link, eigenaar, categorie, doel, aanpak, onderwerp, "
                    "doelgroep, reikwijdte, thema. Meer waarden in één cel scheidt u met een puntkomma (;)."),
        error_messages=FILE_ERRORS,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.MIA_MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Het bestand is te groot (hoogstens %(mb)d MB).")
                                        % {"mb": settings.MIA_MAX_IMPORT_BYTES // (1024 * 1024)})
        return upload


class JsonImportForm(ImportForm):
    file = forms.FileField(label=_("JSON-bestand van een programma"),
                           help_text=_("Een bestand dat MIA eerder heeft gemaakt met ‘Exporteren als JSON’."),
                           error_messages=FILE_ERRORS)


class MatrixFilterForm(forms.Form):
    """GET filters of the gap matrix; invalid values are ignored (a GET never fails on a filter)."""

    reikwijdte = forms.MultipleChoiceField(label=_("Reikwijdte"), required=False, choices=Reach.choices,
                                           widget=forms.CheckboxSelectMultiple)
    categorie = ModelMultipleChoiceField(queryset=None, label=_("Categorie"), required=False,
                                               widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categorie"].queryset = programme.terms.filter(kind=TermKind.CATEGORY)

    def filters(self) -> tuple[list[str], list[int]]:
        if not self.is_bound or not self.is_valid():
            return [], []
        return self.cleaned_data["reikwijdte"], [t.pk for t in self.cleaned_data["categorie"]]


class GapNoteForm(Form):
    conclusion = long_text(_("Conclusie van het team bij deze cel"), rows=4)


class PriorityForm(Form):
    theme = term_field(None, _("Thema"), empty_label=_("Geen thema"))
    target_group = term_field(None, _("Doelgroep"), empty_label=_("Geen doelgroep"))
    reason = long_text(_("Waarom deze prioriteit? (Waar zit de meeste energie op?)"), rows=3)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = programme.themes.all()
        self.fields["target_group"].queryset = programme.terms.filter(kind=TermKind.TARGET_GROUP)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("theme") and not cleaned.get("target_group") and not self.errors:
            raise forms.ValidationError(_("Kies een thema, een doelgroep of allebei."))
        return cleaned


class CycleForm(PriorityForm):
    title = short_text(_("Naam van de cyclus"), max_length=200, help_text=_("Laat leeg: dan heet de cyclus naar thema en doelgroep."))
    phase = forms.ChoiceField(label=_("Begint in fase"), choices=Phase.choices, initial=Phase.A, error_messages=CHOICE_ERRORS)
    started_on = date_field(_("Gestart op"))
    reason = None

    field_order = ["title", "theme", "target_group", "phase", "started_on"]


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Fase"), choices=Phase.choices, error_messages=CHOICE_ERRORS)


class StepForm(Form):
    done = forms.BooleanField(label=_("Gedaan"), required=False)
    owner = short_text(_("Wie"), max_length=200)
    due_date = date_field(_("Klaar op"))
    note = long_text(_("Notitie"), rows=2)


class ApproachForm(Form):
    strategy = forms.ChoiceField(label=_("Verbinden/versterken of initiëren"), required=False,
                                 choices=[("", _("Nog niet gekozen")), *Strategy.choices], widget=forms.RadioSelect,
                                 error_messages=CHOICE_ERRORS)
    doelgroepen_bereiken = long_text(_("Bereiken van doelgroepen"), rows=3)
    dialogische_momenten = long_text(_("Creëren van dialogische momenten"), rows=3)
    handelingsperspectief = long_text(_("Bieden van handelingsperspectief"), rows=3)
    gespreksleiders_trainen = long_text(_("Trainen van gespreksfacilitatoren"), rows=3)


class PlanForm(Form):
    """Parts 3–9 for one strategy; the form's prefix is the strategy."""

    leefwerelden = terms_field(None, _("In welke leefwereld(en) vindt de dialoog plaats?"))
    leefwerelden_note = long_text(_("Toelichting op de leefwerelden"), rows=2)
    procesplan = long_text(_("Procesplan, met tijdsplanning"), rows=4)
    stakeholders = long_text(_("Betrokken stakeholders"), rows=3)
    financien = long_text(_("Benodigde financiële middelen"), rows=3)
    content_taakverdeling = long_text(_("Benodigde content en taakverdeling"), rows=3)
    content_creatie = long_text(_("Plan voor content creatie"), rows=3)
    communicatieframe = with_readability_check(long_text(_("Sterk en positief communicatieframe"), rows=3,
                                                         help_text=_("De boodschap naar buiten: in eenvoudige taal (B1).")))
    initiatives = ModelMultipleChoiceField(queryset=None, label=_("Initiatieven die deze aanpak verbindt of versterkt"),
                                                 required=False, widget=forms.SelectMultiple(attrs={"size": 8}),
                                                 error_messages=MULTI_ERRORS)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leefwerelden"].queryset = programme.terms.filter(kind=TermKind.SETTING)
        self.fields["initiatives"].queryset = programme.initiatives.all()


class GoalForm(Form):
    text = long_text(_("Doelstelling"), required=True, rows=2)
    kind = forms.ChoiceField(label=_("Soort doel"), choices=GoalKind.choices, error_messages=CHOICE_ERRORS)
    indicator = short_text(_("Waaraan zien we dat het gelukt is?"), max_length=300)


class LinkForm(Form):
    session = ModelChoiceField(queryset=None, label=_("Sessie"), empty_label=None, error_messages={
        **CHOICE_ERRORS, "invalid_choice": _("Kies een sessie uit de lijst.")})
    goals = ModelMultipleChoiceField(queryset=None, label=_("Draagt bij aan de doelen"), required=False,
                                           widget=forms.CheckboxSelectMultiple, error_messages=MULTI_ERRORS)
    target_groups = terms_field(None, _("Welke doelgroepen deden mee?"))
    reach = forms.ChoiceField(label=_("Reikwijdte"), required=False, choices=[("", "—"), *Reach.choices],
                              error_messages=CHOICE_ERRORS)
    note = long_text(_("Notitie"), rows=2)

    def __init__(self, *args, cycle, sessions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sessions is None:
            del self.fields["session"]
        else:
            self.fields["session"].queryset = sessions
            self.fields["session"].label_from_instance = lambda s: f"{s.assessment.title} – {s.name}"
        self.fields["goals"].queryset = cycle.goals.all()
        self.fields["target_groups"].queryset = cycle.programme.terms.filter(kind=TermKind.TARGET_GROUP)


class SeriesLinkForm(LinkForm):
    """Link a consultation series: the same fields as a session link, with the series instead."""

    series = ModelChoiceField(queryset=None, label=_("Raadpleging"), empty_label=None, error_messages={
        **CHOICE_ERRORS, "invalid_choice": _("Kies een raadpleging uit de lijst.")})

    field_order = ["series", "goals", "target_groups", "reach", "note"]

    def __init__(self, *args, cycle, series, **kwargs):
        super().__init__(*args, cycle=cycle, **kwargs)
        self.fields["series"].queryset = series
        self.fields["series"].label_from_instance = lambda s: s.title
        self.order_fields(self.field_order)


class GoalEvaluationForm(Form):
    result = long_text(_("Wat leverde de dialoog op voor dit doel?"), rows=3)
    status = forms.ChoiceField(label=_("Is het doel behaald?"), required=False, choices=GoalStatus.choices,
                               error_messages=CHOICE_ERRORS)
    revised_text = long_text(_("Herziene doelstelling (als het nodig is)"), rows=2)


class EvaluationSummaryForm(Form):
    evaluation_summary = long_text(_("Wat betekenen de resultaten, naast de beoogde doelstellingen?"), rows=4)


class PolicyActionForm(Form):
    description = long_text(_("Beleidsactie of ander handelingsperspectief"), required=True, rows=2)
    goal = term_field(None, _("Bij doel"), empty_label=_("Bij geen bepaald doel"))
    owner = short_text(_("Eigenaar"), max_length=200)
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices, error_messages=CHOICE_ERRORS)
    fed_back_to = short_text(_("Teruggekoppeld aan (partij)"), max_length=200)
    fed_back_on = date_field(_("Teruggekoppeld op"))

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = cycle.goals.all()


class NextCycleForm(Form):
    mode = forms.ChoiceField(label=_("Hoe gaat het verder?"), widget=forms.RadioSelect, error_messages=CHOICE_ERRORS, choices=[
        ("voortzetten", _("Doorgaan met dit thema, met de herziene doelen (nieuwe cyclus vanaf fase B)")),
        ("nieuw", _("Een nieuw thema of een andere doelgroep (nieuwe cyclus vanaf fase A)")),
    ])
    title = short_text(_("Naam van de nieuwe cyclus"), max_length=200)
    theme = term_field(None, _("Thema (bij een nieuw thema)"), empty_label=_("Geen thema"))
    target_group = term_field(None, _("Doelgroep (bij een nieuw thema)"), empty_label=_("Geen doelgroep"))

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = programme.themes.all()
        self.fields["target_group"].queryset = programme.terms.filter(kind=TermKind.TARGET_GROUP)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mode") == "nieuw" and not cleaned.get("theme") and not cleaned.get("target_group"):
            raise forms.ValidationError(_("Kies voor een nieuwe cyclus een thema, een doelgroep of allebei."))
        return cleaned
