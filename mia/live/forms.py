from django import forms
from django.utils.translation import gettext_lazy as _

from mia.core.forms import CleanCharField, CleanTextMixin, dutch_errors, long_text
from mia.live.actions import MAX_CARD_CHARS, MAX_ROUND_MINUTES, MAX_TOPIC_CHARS


class CodeForm(forms.Form):
    code = CleanCharField(
        label=_("Sessiecode"), max_length=40,
        help_text=_("De code staat op het scherm van de gespreksleider, bijvoorbeeld ACD 4FG."),
        error_messages={"required": _("Vul de sessiecode in."), "max_length": _("Deze code is te lang.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false",
                                      "inputmode": "text", "class": "code-input"}),
    )


class ConsentForm(CleanTextMixin, forms.Form):
    display_name = CleanCharField(
        label=_("Hoe wilt u heten? (mag leeg blijven)"), max_length=60, required=False,
        help_text=_("Andere mensen zien deze naam niet. Alleen als de gespreksleider dat wil, staat hij op het scherm."),
        error_messages=dutch_errors(60),
    )
    perspective = forms.ChoiceField(
        label=_("Vanuit welk perspectief praat u mee? (mag leeg blijven)"), required=False, widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Kies een perspectief uit de lijst.")},
    )

    def __init__(self, *args, content, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["perspective"].choices = [("", _("Zeg ik liever niet")), *content.participant_perspective_choices]


class CardForm(CleanTextMixin, forms.Form):
    """The no-script way to send a card; the phone screen normally sends it through the API."""

    round = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    kind = forms.SlugField(max_length=30, widget=forms.HiddenInput)  # the action checks it against the round
    client_id = forms.UUIDField(widget=forms.HiddenInput)
    topic = CleanCharField(label=_("Onderwerp"), max_length=MAX_TOPIC_CHARS, required=False,
                            error_messages=dutch_errors(MAX_TOPIC_CHARS))
    text = CleanCharField(
        label=_("Uw kaartje"), max_length=MAX_CARD_CHARS, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={**dutch_errors(MAX_CARD_CHARS), "required": _("Het kaartje is leeg. Schrijf eerst iets op.")},
    )


class TimerForm(forms.Form):
    minutes = forms.IntegerField(
        label=_("Minuten voor deze ronde"), min_value=1, max_value=MAX_ROUND_MINUTES,
        error_messages={"required": _("Vul een aantal minuten in."), "invalid": _("Vul een heel getal in."),
                        "min_value": _("Gebruik minstens 1 minuut."),
                        "max_value": _("Gebruik hoogstens %(limit_value)s minuten.")},
    )


class ClosingMessageForm(CleanTextMixin, forms.Form):
    closing_message = long_text(
        _("Wat gebeurt er na de dialoog?"),
        help_text=_("Deelnemers lezen deze tekst aan het eind. Het is dezelfde tekst als bij ‘Werkvorm en uitnodiging’ "
                    "en in het rapport: wat u hier verandert, verandert daar ook."),
    )



class HideCardForm(CleanTextMixin, forms.Form):
    """Why a card leaves the crowd wall (it stays in the record)."""

    reason = CleanCharField(
        label=_("Waarom van de muur?"), max_length=200,
        error_messages={**dutch_errors(200), "required": _("Schrijf op waarom u dit kaartje van de muur haalt.")},
    )


class CrowdSearchForm(CleanTextMixin, forms.Form):
    zoek = CleanCharField(label=_("Zoek in de kaartjes"), max_length=100, required=False, error_messages=dutch_errors(100))
