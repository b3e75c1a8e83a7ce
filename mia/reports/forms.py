"""Forms of the report: the transcript of a session (typed or as a file). They never save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mia.core.forms import CleanCharField
from mia.reports.transcripts import MAX_CHARS


class TranscriptForm(forms.Form):
    text = CleanCharField(
        label=_("Transcript (typen of plakken)"), required=False,
        # Longer than the reader's cap, so that the reader gives the message with the numbers.
        max_length=MAX_CHARS * 2, widget=forms.Textarea(attrs={"rows": 14}),
        error_messages={"max_length": _("Het transcript is te lang.")},
    )
    file = forms.FileField(
        label=_("Of kies een bestand"), required=False,
        help_text=_("Een tekstbestand (.txt), een ondertitelbestand van een videogesprek (.vtt) of een Word-bestand (.docx), hoogstens 2 MB."),
        error_messages={"empty": _("Het bestand is leeg."), "invalid": _("Kies een bestand.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.vtt,.docx,text/plain,text/vtt"}),
    )
