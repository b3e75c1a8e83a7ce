from django import forms
from django.utils.translation import gettext_lazy as _

from mia.core.forms import LONG_TEXT, CleanCharField, CleanTextMixin, dutch_errors
from mia.dialogues.models import DialogueSession, Participant


class SessionForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = DialogueSession
        fields = ["name", "date", "location", "facilitator", "note_taker", "expected_participants"]
        widgets = {"date": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")}
        error_messages = {
            "name": dutch_errors(200),
            "date": {"invalid": _("Vul een geldige datum en tijd in.")},
            "location": dutch_errors(300),
            "facilitator": dutch_errors(200),
            "note_taker": dutch_errors(200),
            "expected_participants": {
                "invalid": _("Vul een heel getal in."), "min_value": _("Vul 1 of meer in."),
                "max_value": _("Hoogstens %(limit_value)s deelnemers."),
            },
        }


class ParticipantForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["name", "perspective", "organisation", "contact", "groups"]
        widgets = {"groups": forms.CheckboxSelectMultiple}
        error_messages = {
            "name": dutch_errors(200),
            "organisation": dutch_errors(200),
            "contact": dutch_errors(200),
        }
        help_texts = {
            "name": _("De naam komt nooit in het rapport. Daar staat ‘Deelnemer 1’ enzovoort."),
            "contact": _("Alleen om uit te nodigen en op de hoogte te houden. Wordt na de bewaartermijn gewist."),
            "groups": _("Voor welke groepen uit de scan kan deze persoon spreken?"),
        }

    def __init__(self, *args, content, groups_queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The perspectives come from the instrument content, not from the model.
        self.fields["perspective"] = forms.ChoiceField(
            label=_("Perspectief"), choices=content.perspective_choices, widget=forms.RadioSelect,
            error_messages={"required": _("Kies een perspectief."), "invalid_choice": _("Kies een perspectief uit de lijst.")},
        )
        self.order_fields(["name", "perspective", "organisation", "contact", "groups"])
        # Optional for people who join with a code; the kernteam always knows who it invites.
        self.fields["name"].required = True
        self.fields["perspective"].required = True
        if groups_queryset is not None:
            self.fields["groups"].queryset = groups_queryset
        self.fields["groups"].required = False


class CardForm(CleanTextMixin, forms.Form):
    participant = forms.ModelChoiceField(
        label=_("Deelnemer"), queryset=Participant.objects.none(), required=False, empty_label=_("Onbekend / anoniem")
    )
    kind = forms.ChoiceField(label=_("Soort kaartje"), widget=forms.RadioSelect)
    topic = CleanCharField(label=_("Onderwerp"), max_length=200, required=False, error_messages=dutch_errors(200))
    text = CleanCharField(
        label=_("Tekst op het kaartje"), max_length=LONG_TEXT, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=dutch_errors(LONG_TEXT),
    )

    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = round_.session.participants.all()
        content = round_.session.assessment.content
        kinds = round_.card_kinds
        self.fields["kind"].choices = [(k, content.card_kind_label(k)) for k in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]
        self.fields["kind"].error_messages["required"] = _("Kies de soort kaartje.")
        self.fields["kind"].error_messages["invalid_choice"] = _("Deze soort kaartje hoort niet bij deze ronde.")
        self.fields["participant"].error_messages["invalid_choice"] = _("Kies een deelnemer uit deze sessie.")


class RoundNotesForm(CleanTextMixin, forms.Form):
    notes = CleanCharField(
        label=_("Notities van deze ronde"), max_length=20000, required=False,
        widget=forms.Textarea(attrs={"rows": 5}), error_messages=dutch_errors(20000),
    )
