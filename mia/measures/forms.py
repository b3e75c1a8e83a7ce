"""Forms of the impact team's pages: they validate and clean (Dutch messages), they never save."""

from __future__ import annotations

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from mia.core.forms import CleanCharField, CleanTextMixin, dutch_errors, long_text, short_text, with_readability_check
from mia.measures.indicators import parse_number
from mia.measures.models import (
    ConsiderationKind,
    Coverage,
    CriterionKind,
    Direction,
    Duration,
    FicheStatus,
    Frequency,
    IndicatorCategory,
    MeasureKind,
    Nature,
    Occasion,
    PackageKind,
    ResearchBasis,
    Scale,
    SourceKind,
    VulnerableTo,
)
from mia.measures.weighing import MAX_ABS_SCORE, MAX_WEIGHT, WEB_MAX_SAMPLES

FILE_ERRORS = {"required": _("Kies een bestand."), "empty": _("Dit bestand is leeg."),
               "invalid": _("Dit is geen bestand. Kies een bestand.")}


class DutchFloatField(forms.Field):
    """A number as people type it: "2,5", "2.5", "1.234,5"; bounded, so a huge number gets a Dutch message."""

    widget = forms.TextInput
    MAX_CHARS = 40

    def __init__(self, *, limit: float = 1e15, min_value: float | None = None, **kwargs):
        self.limit, self.min_value = limit, min_value
        kwargs.setdefault("error_messages", {"required": _("Vul een getal in.")})
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "maxlength": str(self.MAX_CHARS)})

    def to_python(self, value):
        text = "" if value is None else str(value).strip()
        if not text:
            return None
        if len(text) > self.MAX_CHARS:
            raise forms.ValidationError(_("Dit is te lang voor een getal."), code="max_length")
        try:
            number = parse_number(text)
        except ValueError:
            raise forms.ValidationError(_("Vul een getal in, bijvoorbeeld 2 of 2,5."), code="invalid") from None
        if abs(number) > self.limit:
            raise forms.ValidationError(_("Dit getal is te groot (hoogstens %(limit)s).") % {"limit": f"{self.limit:g}"}, code="max")
        if self.min_value is not None and number < self.min_value:
            raise forms.ValidationError(_("Vul %(min)s of meer in.") % {"min": f"{self.min_value:g}"}, code="min")
        return number


def level_field(label, levels: dict[int, str] | None = None, required: bool = False, help_text: str = "") -> forms.TypedChoiceField:
    levels = levels or {}
    choices = [("", _("– niet ingevuld –"))] + [(i, f"{i} {levels.get(i, '')}".strip()) for i in range(1, 6)]
    return forms.TypedChoiceField(
        label=label, choices=choices, coerce=int, empty_value=None, required=required, help_text=help_text,
        error_messages={"required": _("Kies een niveau."), "invalid_choice": _("Kies een niveau van 1 tot en met 5.")},
    )


def choice(label, choices, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, error_messages={
        "required": _("Maak een keuze."), "invalid_choice": _("Kies een van de mogelijkheden.")}, **kwargs)


def many(label, queryset, **kwargs) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label, queryset=queryset, widget=forms.CheckboxSelectMultiple, required=kwargs.pop("required", False),
        error_messages={"invalid_choice": _("Kies uit de lijst."), "invalid_pk_value": _("Kies uit de lijst."),
                        "list": _("Kies uit de lijst."), "required": _("Kies ten minste één.")}, **kwargs,
    )


def one(label, queryset, **kwargs) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label, queryset=queryset, empty_label=kwargs.pop("empty_label", _("– kies –")),
        error_messages={"invalid_choice": _("Kies uit de lijst."), "required": _("Maak een keuze.")}, **kwargs,
    )


class WorkspaceForm(CleanTextMixin, forms.Form):
    name = short_text(_("Naam van de werkruimte"), required=True, max_length=200)
    crisis = short_text(_("Voor welke crisis of pandemie?"), max_length=200,
                        help_text=_("Bijvoorbeeld: het coronavirus, een andere pandemie, of een andere crisis."))
    description = long_text(_("Omschrijving"))


class NewWorkspaceForm(WorkspaceForm):
    organisation = one(_("Organisatie"), queryset=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()


class ScalesForm(CleanTextMixin, forms.Form):
    """The beheerder's ladder, effectiveness scale, thresholds and quadrant names, on one page."""

    effective_from = level_field(_("Effectief vanaf niveau"), required=True)
    high_impact_from = level_field(_("Veel maatschappelijke impact vanaf niveau"), required=True)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.level_rows, self.quadrant_rows = [], []
        for level in workspace.scale_levels.all():
            scale = _("Impactladder") if level.scale == Scale.IMPACT else _("Effectiviteit")
            self.fields[f"l{level.pk}_label"] = short_text(f"{scale} {level.level}: {_('naam')}", required=True, max_length=60)
            self.fields[f"l{level.pk}_description"] = short_text(f"{scale} {level.level}: {_('omschrijving')}", max_length=300)
            self.initial.setdefault(f"l{level.pk}_label", level.label)
            self.initial.setdefault(f"l{level.pk}_description", level.description)
            self.level_rows.append((level, f"l{level.pk}_label", f"l{level.pk}_description"))
        for quadrant in workspace.quadrants.all():
            self.fields[f"q{quadrant.pk}_label"] = short_text(f"{_('Kwadrant')} {quadrant.order}: {_('naam')}", required=True, max_length=80)
            self.fields[f"q{quadrant.pk}_advice"] = short_text(f"{_('Kwadrant')} {quadrant.order}: {_('advies')}", max_length=300)
            self.initial.setdefault(f"q{quadrant.pk}_label", quadrant.label)
            self.initial.setdefault(f"q{quadrant.pk}_advice", quadrant.advice)
            self.quadrant_rows.append((quadrant, f"q{quadrant.pk}_label", f"q{quadrant.pk}_advice"))
        self.initial.setdefault("effective_from", workspace.effective_from)
        self.initial.setdefault("high_impact_from", workspace.high_impact_from)

    def levels(self) -> dict[int, tuple[str, str]]:
        d = self.cleaned_data
        return {level.pk: (d[a], d[b]) for level, a, b in self.level_rows}

    def quadrants(self) -> dict[int, tuple[str, str]]:
        d = self.cleaned_data
        return {q.pk: (d[a], d[b]) for q, a, b in self.quadrant_rows}

    def level_fields(self):
        return [(level, self[a], self[b]) for level, a, b in self.level_rows]

    def quadrant_fields(self):
        return [(q, self[a], self[b]) for q, a, b in self.quadrant_rows]


class ScenarioForm(CleanTextMixin, forms.Form):
    name = short_text(_("Naam van het scenario"), required=True, max_length=120)
    description = long_text(_("Omschrijving"), help_text=_("Welke epidemiologische situatie? De ladders lopen niet altijd 1:1 op met de coronathermometer."))
    consulted = long_text(_("Geraadpleegd voor ladder en matrix"), help_text=_("Welke experts en vertegenwoordigers van doelgroepen en sectoren zijn geraadpleegd?"))


class GroupForm(CleanTextMixin, forms.Form):
    name = short_text(_("Naam van de groep"), required=True, max_length=200)
    description = long_text(_("Omschrijving"), rows=2)


class ValueForm(CleanTextMixin, forms.Form):
    name = short_text(_("Naam van de waarde"), required=True, max_length=120)
    description = long_text(_("Wat betekent deze waarde hier?"), rows=3)
    legal_basis = long_text(_("Grondrecht of verdrag waarop de waarde rust"), rows=2)


class MeasureForm(CleanTextMixin, forms.Form):
    title = short_text(_("Titel van de maatregel"), required=True, max_length=200)
    description = long_text(_("Omschrijving van de maatregel"))
    nature = choice(_("Vrijwillig of verplichtend?"), Nature.choices, widget=forms.RadioSelect, initial=Nature.VOLUNTARY)
    kind = choice(_("Soort maatregel"), MeasureKind.choices, initial=MeasureKind.OTHER)
    themes = short_text(_("Thema's"), max_length=300, help_text=_("Thema's die relevant zijn bij het nemen van deze maatregel, gescheiden door komma's."))
    meaning_for_people = with_readability_check(long_text(
        _("Wat betekent de maatregel voor mensen?"),
        help_text=_("In gewone taal (B1): wat merken mensen en de samenleving als geheel ervan?"),
    ))
    impact_if_not_taken = long_text(_("Wat is de impact als de maatregel níet wordt genomen?"))
    scenarios = many(_("Scenario's waarin de maatregel kan worden genomen"), queryset=None,
                     help_text=_("Haalt u hier een scenario weg, dan verdwijnt wat voor dat scenario op de fiche staat."))

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scenarios"].queryset = workspace.scenarios.all()


class MeasureScenarioForm(CleanTextMixin, forms.Form):
    social_level = level_field(_("Maatschappelijke impact: niveau op de impactladder"))
    social_text = long_text(_("Maatschappelijke impact: toelichting"))
    economic_level = level_field(_("Economische impact: niveau op de impactladder"))
    economic_text = long_text(_("Economische impact: toelichting"))
    effectiveness_level = level_field(_("Effectiviteit"))
    effectiveness_source = short_text(_("Bron van de effectiviteit"), max_length=300,
                                      help_text=_("Bijvoorbeeld het advies van het OMT of het Responsteam van het RIVM."))

    def __init__(self, *args, impact_levels: dict, effectiveness_levels: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("social_level", "economic_level"):
            self.fields[name] = level_field(self.fields[name].label, impact_levels)
        self.fields["effectiveness_level"] = level_field(self.fields["effectiveness_level"].label, effectiveness_levels)


class GroupImpactForm(CleanTextMixin, forms.Form):
    group = one(_("Groep"), queryset=None)
    vulnerable_to = choice(_("Kwetsbaar voor"), VulnerableTo.choices, widget=forms.RadioSelect, initial=VulnerableTo.MEASURE)
    severity = forms.TypedChoiceField(
        label=_("Hoe hard raakt de maatregel deze groep?"), coerce=int, initial=3,
        choices=[(1, _("1 nauwelijks")), (2, _("2 een beetje")), (3, _("3 merkbaar")), (4, _("4 hard")), (5, _("5 zeer hard"))],
        error_messages={"required": _("Maak een keuze."), "invalid_choice": _("Kies 1 tot en met 5.")},
    )
    duration = choice(_("Termijn"), Duration.choices, widget=forms.RadioSelect, initial=Duration.SHORT)
    explanation = long_text(_("Toelichting"), rows=3)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = workspace.groups.all()


class SourceForm(CleanTextMixin, forms.Form):
    kind = choice(_("Soort bron"), SourceKind.choices)
    title = short_text(_("Titel of omschrijving"), required=True, max_length=500)
    url = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https",
                         validators=[URLValidator(schemes=["http", "https"])],
                         error_messages={"invalid": _("Vul een geldig webadres in, zoals https://www.voorbeeld.nl."),
                                         **dutch_errors(500)})
    organisation = short_text(_("Organisatie"), max_length=200, help_text=_("Bijvoorbeeld de kennisinstelling of de intermediaire organisatie."))
    person = short_text(_("Naam van de expert"), max_length=200, help_text=_("Alleen als de expert ermee instemt dat de naam op de fiche staat."))


class ConsiderationForm(CleanTextMixin, forms.Form):
    kind = choice(_("Soort"), ConsiderationKind.choices)
    text = long_text(_("Omschrijving"), required=True, rows=3)


class StatusForm(CleanTextMixin, forms.Form):
    status = choice(_("Nieuwe status"), FicheStatus.choices)
    note = short_text(_("Toelichting bij deze versie"), max_length=500)


class LinkAssessmentForm(forms.Form):
    assessment = one(_("MIA"), queryset=None, required=False, empty_label=_("– geen MIA –"))

    def __init__(self, *args, assessments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessment"].queryset = assessments


class AdoptForm(forms.Form):
    scenario = one(_("Scenario"), queryset=None)

    def __init__(self, *args, measure, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scenario"].queryset = measure.scenarios.all()


class PackageForm(CleanTextMixin, forms.Form):
    kind = choice(_("Soort"), PackageKind.choices, widget=forms.RadioSelect, initial=PackageKind.PACKAGE)
    name = short_text(_("Naam"), required=True, max_length=200)
    description = long_text(_("Omschrijving"), rows=3)
    measures = many(_("Maatregelen"), queryset=None)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].queryset = workspace.measures.all()


class PackageLevelForm(CleanTextMixin, forms.Form):
    social_level = level_field(_("Maatschappelijke impact"))
    economic_level = level_field(_("Economische impact"))
    effectiveness_level = level_field(_("Effectiviteit"))
    explanation = long_text(_("Toelichting"), rows=2)

    def __init__(self, *args, impact_levels: dict, effectiveness_levels: dict, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("social_level", "economic_level"):
            self.fields[name] = level_field(self.fields[name].label, impact_levels)
        self.fields["effectiveness_level"] = level_field(self.fields["effectiveness_level"].label, effectiveness_levels)


class PlacementForm(forms.Form):
    """Place every measure of the workspace in one scenario: three levels each (the ladder page)."""

    ATTRIBUTES = (("social_level", _("maatschappelijke impact")), ("economic_level", _("economische impact")),
                  ("effectiveness_level", _("effectiviteit")))

    def __init__(self, *args, measures, impacts: dict, impact_levels: dict, effectiveness_levels: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.measures = list(measures)
        for m in self.measures:
            impact = impacts.get(m.pk)
            for attribute, label in self.ATTRIBUTES:
                name = f"{attribute}_{m.pk}"
                levels = effectiveness_levels if attribute == "effectiveness_level" else impact_levels
                self.fields[name] = level_field(f"{m.code} {m.title}: {label}", levels)
                self.initial[name] = getattr(impact, attribute) if impact else None

    def rows(self):
        return [(m, [self[f"{attribute}_{m.pk}"] for attribute, _label in self.ATTRIBUTES]) for m in self.measures]

    def placements(self) -> dict[int, dict]:
        return {m.pk: {a: self.cleaned_data[f"{a}_{m.pk}"] for a, _label in self.ATTRIBUTES} for m in self.measures}


class IndicatorUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand met indicatoren (CSV of Excel)"),
        help_text=_("Kolommen: indicator, periode, groep, regio, waarde, eenheid, bron. Periode bijvoorbeeld 2023, 2023-K1, 2023-05 of 2023-W05."),
        error_messages=FILE_ERRORS,
    )


class IndicatorForm(CleanTextMixin, forms.Form):
    name = short_text(_("Naam"), required=True, max_length=200)
    category = choice(_("Soort"), IndicatorCategory.choices)
    unit = short_text(_("Eenheid"), max_length=50)
    source = short_text(_("Bron"), max_length=300, help_text=_("De dataverzameling en de kennisinstelling die haar bijhoudt."))
    description = long_text(_("Omschrijving"), rows=2)
    direction = choice(_("Richting"), Direction.choices)
    frequency = choice(_("Hoe vaak komen er nieuwe cijfers?"), Frequency.choices)
    coverage = choice(_("Bereik van de data"), Coverage.choices)
    research_basis = choice(_("Grondslag"), ResearchBasis.choices)
    measure = one(_("Draagvlak voor maatregel"), queryset=None, required=False, empty_label=_("– geen –"))
    explanation = long_text(_("Wat verklaart de ontwikkeling? (verklarend onderzoek)"), rows=3)
    data_gap = long_text(_("Ontbrekende data: advies over een nieuwe dataverzameling"), rows=2)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = workspace.measures.all()


class CompositeForm(CleanTextMixin, forms.Form):
    name = short_text(_("Naam van de samengestelde indicator (kernwaarde)"), required=True, max_length=200)
    description = long_text(_("Omschrijving"), rows=2)

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = list(indicators)
        for i in self.indicators:
            self.fields[f"w{i.pk}"] = DutchFloatField(label=_("Gewicht van %(name)s") % {"name": i.name}, required=False,
                                                      limit=MAX_WEIGHT, min_value=0)

    def components(self):
        return [(i, self.cleaned_data[f"w{i.pk}"]) for i in self.indicators if self.cleaned_data.get(f"w{i.pk}")]

    def clean(self):
        cleaned = super().clean()
        if not self.errors and len(self.components()) < 2:
            raise forms.ValidationError(_("Geef ten minste twee indicatoren een gewicht groter dan 0."))
        return cleaned

    def weight_fields(self):
        return [self[f"w{i.pk}"] for i in self.indicators]


class CbsFeedForm(CleanTextMixin, forms.Form):
    url = short_text(_("Adres van de CBS-tabel"), required=True, max_length=300,
                     help_text=_("Bijvoorbeeld https://opendata.cbs.nl/ODataApi/odata/80590ned of https://datasets.cbs.nl/odata/v1/CBS/80590ned."))
    topics = CleanCharField(
        label=_("Onderwerpen (één per regel: sleutel = naam in MIA)"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}), error_messages=dutch_errors(5000),
        help_text=_("Bijvoorbeeld: Werkloosheidspercentage_4 = Werkloosheid. Laat leeg voor alle onderwerpen van de tabel."),
    )
    category = choice(_("Soort indicator"), IndicatorCategory.choices)
    refresh_hours = forms.IntegerField(
        label=_("Elke zoveel uur verversen (0: alleen met de hand)"), min_value=0, max_value=24 * 366, initial=24,
        error_messages={"required": _("Vul een aantal uren in."), "invalid": _("Vul een heel getal in."),
                        "min_value": _("Vul 0 of meer in."), "max_value": _("Hoogstens een jaar (8784 uur).")},
    )

    def clean_topics(self):
        topics = []
        for number, line in enumerate(self.cleaned_data["topics"].splitlines(), start=1):
            if not line.strip():
                continue
            key, _sep, name = line.partition("=")
            key, name = key.strip(), name.strip()
            if not key or len(key) > 100 or not key.replace("_", "").isalnum():
                raise forms.ValidationError(_("Regel %(n)d: de sleutel bestaat uit letters, cijfers en _ (zoals Werkloosheidspercentage_4).") % {"n": number})
            if len(name) > 200:
                raise forms.ValidationError(_("Regel %(n)d: de naam is te lang (hoogstens 200 tekens).") % {"n": number})
            topics.append({"key": key, "indicator": name})
        if len(topics) > 200:
            raise forms.ValidationError(_("Hoogstens 200 onderwerpen."))
        return topics


class DevelopmentForm(CleanTextMixin, forms.Form):
    title = short_text(_("Ontwikkeling"), required=True, max_length=200, help_text=_("Een andere oorzaak dan de crisis, bijvoorbeeld hoge energieprijzen."))
    period = short_text(_("Sinds"), max_length=40)
    text = long_text(_("Invloed op de indicatoren"), rows=2)


class WeighingForm(CleanTextMixin, forms.Form):
    name = short_text(_("Naam van de afweging"), required=True, max_length=200)
    scenario = one(_("Scenario"), queryset=None)
    occasion = choice(_("Aanleiding"), Occasion.choices, initial=Occasion.REQUESTED)
    description = long_text(_("Vraag of doel"), rows=3)
    measures = many(_("Maatregelen die worden afgewogen"), queryset=None)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scenario"].queryset = workspace.scenarios.all()
        self.fields["measures"].queryset = workspace.measures.all()


class WeighingEditForm(CleanTextMixin, forms.Form):
    name = short_text(_("Naam van de afweging"), required=True, max_length=200)
    occasion = choice(_("Aanleiding"), Occasion.choices)
    description = long_text(_("Vraag of doel"), rows=3)
    citizen_perspective = long_text(
        _("Burgerperspectief"), rows=3,
        help_text=_("Wat zeggen burgers, bijvoorbeeld in burgerdialogen of praktijkkringen, over de dilemma's? Is de afweging met hen getoetst?"),
    )
    measures = many(_("Maatregelen die worden afgewogen"), queryset=None)
    samples = forms.IntegerField(
        label=_("Aantal trekkingen voor de rangkansen"), min_value=100, max_value=WEB_MAX_SAMPLES,
        help_text=_("Meer trekkingen maken de rangkansen nauwkeuriger (de fout is ongeveer 1/√n), maar de pagina trager."),
        error_messages={"required": _("Vul een aantal in."), "invalid": _("Vul een heel getal in."),
                        "min_value": _("Ten minste 100."), "max_value": _("Hoogstens 100.000.")},
    )
    seed = forms.IntegerField(
        label=_("Startgetal van de trekking"), min_value=0, max_value=2**62,
        error_messages={"required": _("Vul een getal in."), "invalid": _("Vul een heel getal in."),
                        "min_value": _("Vul 0 of meer in."), "max_value": _("Dit getal is te groot.")},
    )

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measures"].queryset = workspace.measures.all()


class CriterionForm(CleanTextMixin, forms.Form):
    kind = choice(_("Soort criterium"), CriterionKind.choices)
    value = one(_("Waarde"), queryset=None, required=False, empty_label=_("– geen –"))
    indicator = one(_("Indicator"), queryset=None, required=False, empty_label=_("– geen –"))
    name = short_text(_("Naam (leeg: de naam van de waarde of indicator)"), max_length=200)
    weight = DutchFloatField(label=_("Gewicht"), required=True, limit=MAX_WEIGHT, min_value=0, initial="1")
    direction = choice(_("Richting"), [("max", _("Hoger is beter")), ("min", _("Lager is beter"))])
    justification = long_text(_("Onderbouwing van het gewicht"), rows=2)
    legal_basis = long_text(_("Grondrecht of verdrag"), rows=2)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value"].queryset = workspace.values.all()
        self.fields["indicator"].queryset = workspace.indicators.all()

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == CriterionKind.VALUE and not cleaned.get("value"):
            self.add_error("value", _("Kies de waarde voor dit criterium."))
        if kind == CriterionKind.INDICATOR and not cleaned.get("indicator"):
            self.add_error("indicator", _("Kies de indicator voor dit criterium."))
        if kind == CriterionKind.OWN and not cleaned.get("name"):
            self.add_error("name", _("Geef een eigen criterium een naam."))
        return cleaned


class CriterionEditForm(CleanTextMixin, forms.Form):
    name = short_text(_("Naam"), required=True, max_length=200)
    direction = choice(_("Richting"), [("max", _("Hoger is beter")), ("min", _("Lager is beter"))])
    justification = long_text(_("Onderbouwing van het gewicht"), rows=3)
    legal_basis = long_text(_("Grondrecht of verdrag"), rows=2)


class WeightsForm(forms.Form):
    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"w{c.pk}"] = DutchFloatField(label=_("Gewicht van %(name)s") % {"name": c.name}, required=True,
                                                      limit=MAX_WEIGHT, min_value=0)
            self.initial[f"w{c.pk}"] = f"{c.weight:g}".replace(".", ",")

    def weights(self) -> dict[int, float]:
        return {c.pk: self.cleaned_data[f"w{c.pk}"] for c in self.criteria}

    def rows(self):
        return [(c, self[f"w{c.pk}"]) for c in self.criteria]


class ScoresForm(forms.Form):
    def __init__(self, *args, criteria, measures, cells, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = [c for c in criteria if not c.from_fiches]
        self.measures = list(measures)
        for m in self.measures:
            for c in self.criteria:
                name = f"s{c.pk}_{m.pk}"
                self.fields[name] = DutchFloatField(label=f"{m.code} {m.title}: {c.name}", required=False, limit=MAX_ABS_SCORE)
                value = cells[(c.pk, m.pk)].value
                self.initial[name] = f"{value:g}".replace(".", ",") if value is not None else ""

    def scores(self) -> dict[tuple[int, int], float | None]:
        return {(c.pk, m.pk): self.cleaned_data[f"s{c.pk}_{m.pk}"] for m in self.measures for c in self.criteria}

    def rows(self):
        return [(m, [self[f"s{c.pk}_{m.pk}"] for c in self.criteria]) for m in self.measures]


class WorkspaceImportForm(forms.Form):
    file = forms.FileField(label=_("JSON-bestand van een werkruimte"), error_messages=FILE_ERRORS,
                           help_text=_("Een bestand dat MIA heeft geëxporteerd. Het wordt een nieuwe werkruimte; er verandert niets aan bestaande."))
    organisation = one(_("Organisatie"), queryset=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()
