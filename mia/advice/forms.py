"""Forms of the advice pages: they validate and clean (Dutch messages), they never save."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mia.advice.content import content, mandate_choices, rule_choices, template_choices
from mia.advice.models import (
    CircleMode,
    DecisionMode,
    ExpertKind,
    ItemKind,
    ItemStatus,
    MemberRole,
    RequestKind,
    SubjectKind,
    VoteChoice,
)
from mia.core.forms import CleanTextMixin, dutch_errors, long_text, short_text

DATE_ERRORS = {"invalid": _("Vul een geldige datum in (dag-maand-jaar)."), "required": _("Vul dit veld in.")}


def date_field(label, required=False, help_text=""):
    return forms.DateField(label=label, required=required, help_text=help_text, error_messages=DATE_ERRORS,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


def small_number(label, required=False, max_value=366, help_text=""):
    return forms.IntegerField(label=label, required=required, min_value=0, max_value=max_value, help_text=help_text, error_messages={
        "invalid": _("Vul een heel getal in."), "min_value": _("Vul 0 of meer in."),
        "max_value": _("Vul hoogstens %(limit_value)s in."), "required": _("Vul dit veld in.")})


def choice(label, choices, required=True, widget=None, help_text=""):
    return forms.ChoiceField(label=label, choices=choices, required=required, widget=widget or forms.Select, help_text=help_text,
                             error_messages={"required": _("Maak een keuze."), "invalid_choice": _("Kies een van de mogelijkheden.")})


def model_choice(label, queryset, required=True, empty_label="—", **kw):
    return forms.ModelChoiceField(label=label, queryset=queryset, required=required, empty_label=empty_label, error_messages={
        "required": _("Maak een keuze."), "invalid_choice": _("Kies een van de mogelijkheden.")}, **kw)


def model_multiple(label, queryset, required=False, help_text=""):
    return forms.ModelMultipleChoiceField(label=label, queryset=queryset, required=required, help_text=help_text,
                                          widget=forms.CheckboxSelectMultiple, error_messages={
                                              "required": _("Kies er ten minste één."), "invalid_choice": _("Kies uit de lijst."),
                                              "invalid_pk_value": _("Kies uit de lijst.")})


class NewStructureForm(CleanTextMixin, forms.Form):
    def __init__(self, *args, organisations, programmes=None, workspaces=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = model_choice(_("Organisatie"), organisations, empty_label=None)
        self.fields["name"] = short_text(_("Naam van de adviesstructuur"), required=True, max_length=200)
        self.fields["template_key"] = choice(_("Begin met"), [("", _("Een lege structuur")), *template_choices()], required=False,
                                             help_text=_("Een sjabloon neemt de organen, stromen en mandaten uit de bron over."))
        self.fields["description"] = long_text(_("Omschrijving"))
        if programmes is not None:
            self.fields["programme"] = model_choice(_("Dialoogprogramma (mag leeg)"), programmes, required=False)
        if workspaces is not None:
            self.fields["workspace"] = model_choice(_("Werkruimte impactteam, voor fiches en wegingen (mag leeg)"), workspaces,
                                                    required=False)


class BodyForm(CleanTextMixin, forms.Form):
    name = short_text(_("Naam van het orgaan"), required=True, max_length=200)
    description = long_text(_("Omschrijving"))
    mandate = choice(_("Mandaat"), mandate_choices())
    response_days = small_number(_("Reactietermijn in dagen (mag leeg)"), help_text=_("Leeg: de termijn van het mandaat."))
    meeting_rhythm = short_text(_("Vergaderritme"), help_text=_("Bijvoorbeeld: 3-4 keer per jaar, of 1x per maand."))
    meetings_per_year = small_number(_("Bijeenkomsten per jaar"), max_value=365)
    decision_rule = choice(_("Besluitregel"), rule_choices())
    quorum = small_number(_("Quorum: aantal stemgerechtigde leden dat aanwezig moet zijn (mag leeg)"), max_value=500,
                          help_text=_("Leeg: meer dan de helft van de leden."))


class MemberForm(CleanTextMixin, forms.Form):
    prefix = "member"

    name = short_text(_("Naam"), required=True, max_length=200)
    organisation = short_text(_("Organisatie"), max_length=200)
    role = choice(_("Rol"), MemberRole.choices)
    term_start = date_field(_("Termijn vanaf"))
    term_end = date_field(_("Termijn tot"))
    contact = short_text(_("Contact (e-mail of telefoon)"), max_length=200)


class SubcommitteeForm(CleanTextMixin, forms.Form):
    prefix = "sub"

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"] = short_text(_("Naam van de subcommissie"), required=True, max_length=200)
        self.fields["subject"] = short_text(_("Onderwerp"), required=True)
        self.fields["members"] = model_multiple(_("Leden (twee of meer)"), members, required=True)


class MeetingForm(CleanTextMixin, forms.Form):
    prefix = "meeting"

    held_on = date_field(_("Datum"), required=True)
    regular = forms.BooleanField(label=_("Reguliere vergadering"), required=False, initial=True)
    agenda = long_text(_("Agenda"))
    minutes = long_text(_("Verslag"))


class FlowForm(CleanTextMixin, forms.Form):
    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sender"] = model_choice(_("Van"), bodies)
        self.fields["receiver"] = model_choice(_("Naar"), bodies)
        self.fields["kind"] = choice(_("Soort"), ItemKind.choices)
        self.fields["text"] = short_text(_("Wat er stroomt (toelichting)"), max_length=1000)


class ItemForm(CleanTextMixin, forms.Form):
    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sender"] = model_choice(_("Van"), bodies)
        self.fields["receiver"] = model_choice(_("Naar"), bodies)
        self.fields["kind"] = choice(_("Soort"), ItemKind.choices)
        self.fields["title"] = short_text(_("Onderwerp"), required=True, max_length=200)
        self.fields["text"] = long_text(_("Inhoud"))
        self.fields["sent_on"] = date_field(_("Verzonden op (leeg: vandaag)"))
        self.fields["due_on"] = date_field(_("Reactie uiterlijk (alleen bij een adviesvraag; leeg: de termijn van het mandaat)"))


class RespondForm(CleanTextMixin, forms.Form):
    status = choice(_("Status"), ItemStatus.choices)
    response = long_text(_("Reactie"), help_text=_("Bij een adviesraad: een weloverwogen reactie. Wat doet u ermee, en waarom?"))
    reason = long_text(_("Reden (als het niet is overgenomen)"), rows=2)
    responded_on = date_field(_("Gereageerd op (leeg: vandaag)"))


class TrajectoryForm(CleanTextMixin, forms.Form):
    def __init__(self, *args, bodies, questions, measures, weighings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"] = short_text(_("Titel van het adviestraject"), required=True, max_length=200)
        self.fields["body"] = model_choice(_("Adviserend orgaan"), bodies)
        self.fields["request_kind"] = choice(_("Gevraagd of ongevraagd"), RequestKind.choices, widget=forms.RadioSelect)
        self.fields["subject_kind"] = choice(_("Waarover"), SubjectKind.choices, widget=forms.RadioSelect)
        self.fields["request_item"] = model_choice(_("Adviesvraag uit de stromen (mag leeg)"), questions, required=False)
        self.fields["receiver"] = model_choice(_("Aan wie het advies gaat (mag leeg)"), bodies, required=False)
        self.fields["question"] = long_text(_("Adviesvraag of aanleiding"))
        self.fields["theme"] = short_text(_("Strategisch thema (mag leeg)"), max_length=200)
        self.fields["measures"] = model_multiple(_("Fiches van maatregelen"), measures)
        self.fields["weighing"] = model_choice(_("Weging uit het afwegingskader (mag leeg)"), weighings, required=False)


class ExpertForm(CleanTextMixin, forms.Form):
    kind = choice(_("Soort expert"), ExpertKind.choices)
    organisation = short_text(_("Organisatie of instituut"), required=True, max_length=200)
    name = short_text(_("Naam (mag leeg)"), max_length=200)
    area = choice(_("Aandachtsgebied"), [("", "—"), *[(a, a) for a in content()["expert_areas"]]], required=False)
    contact = short_text(_("Contact (e-mail of telefoon)"), max_length=200)


class CircleForm(CleanTextMixin, forms.Form):
    prefix = "newcircle"

    name = short_text(_("Naam van de praktijkkring"), required=True, max_length=200)
    possible = forms.BooleanField(label=_("Mogelijke praktijkkring (nog niet opgebouwd)"), required=False)
    description = long_text(_("Wie er in zitten"), rows=2)


class ExpertInputForm(CleanTextMixin, forms.Form):
    prefix = "expert"

    def __init__(self, *args, experts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"] = model_choice(_("Expert"), experts)
        self.fields["summary"] = long_text(_("Inbreng van de expert"), required=True)
        self.fields["asked_on"] = date_field(_("Gevraagd op"))
        self.fields["received_on"] = date_field(_("Ontvangen op"))
        self.fields["how_weighed"] = long_text(_("Hoe het is meegewogen"), rows=2)


class CircleInputForm(CleanTextMixin, forms.Form):
    prefix = "circle"

    def __init__(self, *args, circles, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["circle"] = model_choice(_("Praktijkkring"), circles)
        self.fields["mode"] = choice(_("Vorm"), CircleMode.choices, widget=forms.RadioSelect)
        self.fields["session"] = forms.TypedChoiceField(
            label=_("Live sessie (bij een live sessie op telefoons)"), required=False, coerce=int, empty_value=None,
            choices=[("", "—"), *[(s.pk, f"{s.assessment.title} – {s.name}") for s in sessions]],
            error_messages={"invalid_choice": _("Kies een sessie uit de lijst.")})
        self.fields["held_on"] = date_field(_("Datum"))
        self.fields["summary"] = long_text(_("Inbreng van de praktijkkring"))
        self.fields["how_weighed"] = long_text(_("Hoe het is meegewogen"), rows=2)


class StoryForm(CleanTextMixin, forms.Form):
    prefix = "story"

    def __init__(self, *args, circles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"] = short_text(_("Titel van het verhaal"), required=True, max_length=200)
        self.fields["text"] = long_text(_("Het verhaal"), required=True)
        self.fields["teller"] = short_text(_("Wie het vertelt (mag leeg)"), max_length=200)
        self.fields["circle"] = model_choice(_("Uit praktijkkring (mag leeg)"), circles, required=False)
        self.fields["consent"] = forms.BooleanField(label=_("De verteller gaf toestemming om het verhaal te gebruiken"), required=False)


class AdviceTextForm(CleanTextMixin, forms.Form):
    prefix = "text"

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["penvoerder"] = model_choice(_("Penvoerder (secretariaat)"), members, required=False)
        self.fields["summary"] = long_text(_("Samenvatting"), rows=3)
        self.fields["advice_text"] = forms.CharField(label=_("Het advies"), required=False, max_length=50_000,
                                                     widget=forms.Textarea(attrs={"rows": 10}), error_messages=dutch_errors(50_000))
        self.fields["considerations"] = long_text(_("Overwegingen: hoe experts, praktijkkringen en verhalen zijn gewogen"), rows=5)


class NoCirclesForm(CleanTextMixin, forms.Form):
    prefix = "nocircle"

    circles_note = long_text(_("Waarom er geen praktijkkring is geraadpleegd"), required=True, rows=2)


class IssueForm(forms.Form):
    prefix = "issue"

    issued_on = date_field(_("Uitgebracht op (leeg: vandaag)"))
    public = forms.BooleanField(label=_("Opnemen in het openbare register van adviezen"), required=False, initial=True)


class DecisionForm(CleanTextMixin, forms.Form):
    """Who was present and each member's vote; one group of fields per voting member."""

    def __init__(self, *args, members, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.members = list(members)
        self.fields["mode"] = choice(_("Vorm van besluitvorming"), DecisionMode.choices, widget=forms.RadioSelect)
        self.fields["held_on"] = date_field(_("Datum"), required=True)
        self.fields["meeting"] = model_choice(_("In de vergadering van (mag leeg)"), meetings, required=False)
        for m in self.members:
            p = f"m{m.pk}"
            self.fields[f"{p}-present"] = forms.BooleanField(label=_("%(name)s was aanwezig") % {"name": m.name}, required=False)
            self.fields[f"{p}-choice"] = choice(_("Stem van %(name)s") % {"name": m.name}, [("", _("geen stem")), *VoteChoice.choices],
                                                required=False)
            self.fields[f"{p}-reason"] = short_text(_("Reden van %(name)s (bij tegen of onthouding)") % {"name": m.name}, max_length=2000)
            self.fields[f"{p}-minority_opinion"] = long_text(_("Minderheidsstandpunt van %(name)s") % {"name": m.name}, rows=2)
            self.fields[f"{p}-in_advice"] = forms.BooleanField(label=_("Minderheidsstandpunt van %(name)s opnemen in het advies") % {
                "name": m.name}, required=False)

    def rows(self):
        for m in self.members:
            p = f"m{m.pk}"
            yield m, [self[f"{p}-{n}"] for n in ("present", "choice", "reason", "minority_opinion", "in_advice")]

    def present(self):
        return [m for m in self.members if self.cleaned_data.get(f"m{m.pk}-present")]

    def votes(self):
        out = {}
        for m in self.members:
            p = f"m{m.pk}"
            out[m.pk] = {k: self.cleaned_data.get(f"{p}-{k}") for k in ("choice", "reason", "minority_opinion", "in_advice")}
        return out


class EvaluationForm(CleanTextMixin, forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        data = content()["evaluation"]
        self.fields["commissioned_by"] = short_text(_("Opdrachtgever van de evaluatie"), max_length=200)
        self.fields["due_on"] = date_field(_("Uiterlijk klaar op"))
        for a in data["aspects"]:
            self.fields[f"aspect-{a['key']}"] = long_text(a["label"], help_text=a["question"], rows=3)
        self.fields["stakeholders"] = forms.MultipleChoiceField(
            label=_("Wie is gevraagd?"), required=False, widget=forms.CheckboxSelectMultiple,
            choices=[(s, s) for s in data["stakeholders"]], error_messages={"invalid_choice": _("Kies uit de lijst.")})

    def answers(self):
        return {k.removeprefix("aspect-"): v for k, v in self.cleaned_data.items() if k.startswith("aspect-")}


class DeleteForm(forms.Form):
    typed_name = short_text(_("Typ de naam van de adviesstructuur om te bevestigen"), required=True, max_length=200)


class SeatPanelForm(forms.Form):
    prefix = "panel"

    def __init__(self, *args, selections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["selection"] = forms.TypedChoiceField(
            label=_("Panelselectie"), coerce=int, choices=[("", "—"), *[
                (s.pk, f"{s.pool.assessment.title} – {s.pool.name} ({s.created_at:%d-%m-%Y}, {s.size})") for s in selections]],
            error_messages={"required": _("Maak een keuze."), "invalid_choice": _("Kies een selectie uit de lijst.")})
        self.fields["term_start"] = date_field(_("Termijn vanaf (leeg: vandaag)"))
        self.fields["term_end"] = date_field(_("Termijn tot"))
