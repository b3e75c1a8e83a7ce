"""Admin for the instrument content. A version that an assessment uses is frozen:
edits go into a copy, so every assessment keeps the content it started with."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from mia.instrument import models


class FrozenWhenInUse:
    def _version_of(self, obj):
        return obj if isinstance(obj, models.ContentVersion) else getattr(obj, "version", None)

    def has_change_permission(self, request, obj=None):
        version = self._version_of(obj) if obj else None
        if version is not None and version.is_in_use:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        version = self._version_of(obj) if obj else None
        if version is not None and version.is_in_use:
            return False
        return super().has_delete_permission(request, obj)


def _register(model, list_display, search=("code",)):
    class ItemAdmin(FrozenWhenInUse, admin.ModelAdmin):
        pass

    ItemAdmin.list_display = ["version", *list_display]
    ItemAdmin.list_filter = ["version"]
    ItemAdmin.search_fields = list(search)
    admin.site.register(model, ItemAdmin)


_register(models.ScanQuestion, ["code", "text"], ("code", "text"))
_register(models.AffectedGroup, ["code", "label"], ("label",))
_register(models.SignalWordPair, ["positive", "negative"], ("positive", "negative"))
_register(models.Domain, ["name", "start_question"], ("name",))
_register(models.Subdomain, ["domain", "name"], ("name",))
_register(models.BankQuestion, ["subdomain", "topic", "text"], ("text",))
_register(models.ChartStatement, ["number", "text"], ("text",))
_register(models.StepGuide, ["code", "title", "minutes"], ("title", "guidance"))


@admin.action(description=_("Kopieer als nieuwe (bewerkbare) versie"))
def copy_version(modeladmin, request, queryset):
    from mia.instrument.copying import copy_content_version

    for version in queryset:
        new = copy_content_version(version)
        messages.success(request, _("Versie %(v)s gemaakt. Maak haar actief als ze klaar is.") % {"v": new.version})


@admin.action(description=_("Maak actief voor nieuwe MIA's"))
def activate_version(modeladmin, request, queryset):
    version = queryset.first()
    models.ContentVersion.objects.update(is_active=False)
    models.ContentVersion.objects.filter(pk=version.pk).update(is_active=True)


@admin.register(models.ContentVersion)
class ContentVersionAdmin(FrozenWhenInUse, admin.ModelAdmin):
    list_display = ["version", "title", "is_active", "loaded_at"]
    actions = [copy_version, activate_version]
    readonly_fields = ["loaded_at"]
