"""Form helpers shared by every app: bounded text fields with Dutch messages."""

from django import forms
from django.utils.translation import gettext_lazy as _

LONG_TEXT = 5000
SHORT_TEXT = 300


class CleanCharField(forms.CharField):
    """A text field that drops control characters (except newline and tab): they
    break DOCX, PDF and CSV exports later. Every text field of every form is one (tested)."""

    def to_python(self, value):
        value = super().to_python(value)
        if not isinstance(value, str):
            return value
        # NUL stays, for Django's own validator to refuse it with its message (PostgreSQL cannot store it).
        return "\x00".join(strip_control_chars(part) for part in value.split("\x00"))


def long_text(label, required: bool = False, help_text: str = "", rows: int = 4) -> forms.CharField:
    return CleanCharField(
        label=label,
        required=required,
        max_length=LONG_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages=dutch_errors(LONG_TEXT),
    )


def short_text(label, required: bool = False, help_text: str = "", max_length: int = SHORT_TEXT) -> forms.CharField:
    return CleanCharField(
        label=label, required=required, max_length=max_length, help_text=help_text, error_messages=dutch_errors(max_length)
    )


def dutch_errors(max_length: int | None = None) -> dict:
    messages = {"required": _("Vul dit veld in.")}
    if max_length:
        # Django fills in limit_value and show_value.
        messages["max_length"] = _("Dit is te lang. Gebruik hoogstens %(limit_value)d tekens (nu %(show_value)d).")
    return messages


class CleanTextMixin:
    """Strip control characters (except newlines and tabs) that break exports and PDFs."""

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if isinstance(value, str):
                cleaned[name] = strip_control_chars(value)
        return cleaned


def strip_control_chars(value: str) -> str:
    """Drop C0 control characters (carriage returns too) and DEL, keeping newline and tab."""
    return "".join(ch for ch in value if ch in "\n\t" or ch >= " " and ch != "\x7f")


def with_readability_check(field: forms.CharField) -> forms.CharField:
    """Mark a text that participants will read: the page shows a plain-language verdict
    under it, refreshed while typing (see mia.analysis)."""
    from django.urls import reverse_lazy

    field.widget.attrs["data-readability"] = reverse_lazy("analysis:readability")
    field.readability = True
    return field
