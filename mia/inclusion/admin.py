"""Admin for the Stappenplan content. A beheerder edits the texts of a version; a version that a
trajectory uses is frozen (edits go into a copy, made with the action below), so every
trajectory keeps the texts it started with."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from mia.inclusion.content import ContentError, parse_content
from mia.inclusion.loader import copy_version
from mia.inclusion.models import StappenplanText, StappenplanVersion, set_pointer


class FrozenWhenInUse:
    def _version(self, obj):
        return obj if isinstance(obj, StappenplanVersion) else getattr(obj, "version", None)

    def has_change_permission(self, request, obj=None):
        version = self._version(obj) if obj else None
        if version is not None and version.is_in_use:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        version = self._version(obj) if obj else None
        if version is not None and version.is_in_use:
            return False
        return super().has_delete_permission(request, obj)


@admin.action(description=_("Kopieer als nieuwe (bewerkbare) versie"))
def make_copy(modeladmin, request, queryset):
    for version in queryset:
        new = copy_version(version)
        messages.success(request, _("Versie %(v)s gemaakt. Maak haar actief als ze klaar is.") % {"v": new.version})


@admin.action(description=_("Maak actief voor nieuwe trajecten"))
def activate(modeladmin, request, queryset):
    version = queryset.first()
    StappenplanVersion.objects.update(is_active=False)
    StappenplanVersion.objects.filter(pk=version.pk).update(is_active=True)


@admin.register(StappenplanVersion)
class VersionAdmin(FrozenWhenInUse, admin.ModelAdmin):
    list_display = ["version", "title", "is_active", "loaded_at"]
    actions = [make_copy, activate]
    readonly_fields = ["loaded_at", "document"]
    fields = ["version", "title", "source", "is_active", "loaded_at"]


class TextForm(forms.ModelForm):
    """A text is checked in its place: the version must stay a valid Stappenplan (no empty question)."""

    class Meta:
        model = StappenplanText
        fields = ["text"]

    def clean_text(self):
        text = self.cleaned_data["text"]
        document = self.instance.version.resolved_document()
        set_pointer(document, self.instance.pointer, text.strip())
        try:
            parse_content(document)
        except ContentError as error:
            raise forms.ValidationError(str(error)) from None
        return text.strip()


@admin.register(StappenplanText)
class TextAdmin(FrozenWhenInUse, admin.ModelAdmin):
    form = TextForm
    list_display = ["label", "text", "version"]
    list_filter = ["version"]
    search_fields = ["label", "text"]
    readonly_fields = ["version", "pointer", "label"]
    fields = ["version", "label", "pointer", "text"]

    def has_add_permission(self, request):
        return False  # the structure comes from the content file; only its texts are edited

