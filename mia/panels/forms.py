from django import forms
from django.utils.translation import gettext_lazy as _

from mia.core.forms import CleanCharField, CleanTextMixin, short_text
from mia.panels.selection.pool import MAX_COUNT

FILE_HELP = _("Een CSV- of Excel-bestand (.csv of .xlsx).")


class PoolUploadForm(CleanTextMixin, forms.Form):
    name = short_text(_("Naam van de lijst"), required=True, max_length=200,
                      help_text=_("Bijvoorbeeld ‘Aanmeldingen voorjaar’."))
    people_file = forms.FileField(
        label=_("Bestand met vrijwilligers"),
        help_text=_("Eén rij per persoon. Zet in een kolom ‘id’ een nummer per persoon. Zet in de andere kolommen de kenmerken, zoals leeftijd of opleiding. Contactgegevens mogen er ook in."),
        error_messages={"required": _("Kies een bestand met vrijwilligers."), "empty": _("Dit bestand is leeg.")},
    )
    quotas_file = forms.FileField(
        label=_("Bestand met de aantallen per groep"),
        help_text=_("Eén rij per groep, met de kolommen kenmerk, waarde, min en max. Bijvoorbeeld: leeftijd, 16-29, 1, 3. Een kolom ‘aandeel’ met het deel van de bevolking (zoals 20%) mag ook. Engelse namen (feature, value) kunnen ook."),
        error_messages={"required": _("Kies een quotabestand."), "empty": _("Dit bestand is leeg.")},
    )
    id_column = short_text(_("Naam van de kolom met het nummer per persoon"), help_text=_("Laat leeg als de kolom ‘id’ heet."), max_length=100)


class SelectionForm(forms.Form):
    size = forms.IntegerField(
        label=_("Hoeveel mensen moeten er in het panel?"), min_value=1, max_value=10_000,
        error_messages={"required": _("Vul de grootte van het panel in."), "invalid": _("Vul een heel getal in."),
                        "min_value": _("Het panel moet ten minste 1 persoon hebben."),
                        "max_value": _("Een panel van meer dan 10.000 mensen kan hier niet.")},
    )
    algorithm = forms.ChoiceField(
        label=_("Manier van loten"),
        choices=[
            ("leximin", _("Zo eerlijk mogelijk: iedereen een zo gelijk mogelijke kans (aangeraden)")),
            ("legacy", _("Snel: de oude manier, om te vergelijken")),
        ],
        widget=forms.RadioSelect,
        initial="leximin",
    )
    seed = forms.IntegerField(
        label=_("Startgetal voor de loting"), required=False, min_value=0, max_value=2**62,
        help_text=_("Laat leeg, dan kiezen we zelf een getal. Met hetzelfde getal komt er weer hetzelfde panel uit. Zo kan iedereen de loting nagaan."),
        error_messages={"invalid": _("Vul een heel getal in."), "min_value": _("Vul 0 of meer in."), "max_value": _("Dit getal is te groot.")},
    )
    forced_ids = CleanCharField(
        label=_("Deze mensen moeten in het panel (hun nummers, met komma's ertussen)"), required=False, max_length=2000,
    )
    household_column = CleanCharField(
        label=_("Hoogstens één persoon per adres: kolom met het adres"), required=False, max_length=200,
        help_text=_("Bijvoorbeeld ‘adres’ of ‘postcode’. Laat leeg als dit niet nodig is."),
    )


QUOTA_ERRORS = {"invalid": _("Vul een heel getal in."), "min_value": _("Vul 0 of meer in."),
                "max_value": _("Dit getal is te groot (hoogstens %(limit_value)s).")}


class QuotaForm(forms.Form):
    min = forms.IntegerField(min_value=0, max_value=MAX_COUNT, error_messages=QUOTA_ERRORS)
    max = forms.IntegerField(min_value=0, max_value=MAX_COUNT, error_messages=QUOTA_ERRORS)
    population_share = forms.FloatField(
        required=False, min_value=0, max_value=100,
        error_messages={"invalid": _("Vul een percentage in."), "min_value": _("Vul 0 of meer in."), "max_value": _("Hoogstens 100.")},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("min") is not None and cleaned.get("max") is not None and cleaned["min"] > cleaned["max"]:
            raise forms.ValidationError(_("Het minimum is groter dan het maximum."))
        return cleaned
