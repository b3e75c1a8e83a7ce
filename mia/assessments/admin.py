from django.contrib import admin

from mia.assessments.models import Assessment, AssessmentMember


class MemberInline(admin.TabularInline):
    model = AssessmentMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    """For a beheerder: who is on which MIA, and its status. The content is edited in the app."""

    list_display = ["title", "organisation", "status", "content_version", "updated_at"]
    list_filter = ["status", "organisation", "content_version"]
    search_fields = ["title"]
    fields = ["title", "organisation", "status", "content_version", "closed_at"]
    readonly_fields = ["content_version"]
    inlines = [MemberInline]
