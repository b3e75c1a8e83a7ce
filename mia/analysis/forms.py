from django import forms
from django.utils.translation import gettext_lazy as _

from mia.core.forms import short_text


class ResponseUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand met reacties (CSV of Excel)"),
        error_messages={"required": _("Kies een bestand."), "empty": _("Dit bestand is leeg.")},
    )
    text_column = short_text(_("Kolom met de tekst"), required=True, max_length=200, help_text=_("Bijvoorbeeld ‘reactie’."))
    id_column = short_text(_("Kolom met een id (mag leeg)"), max_length=200)
    group_column = short_text(_("Kolom met een groep, zoals sessie of gemeente (mag leeg)"), max_length=200)
