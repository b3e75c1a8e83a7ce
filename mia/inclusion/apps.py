from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InclusionConfig(AppConfig):
    name = "mia.inclusion"
    label = "inclusion"
    verbose_name = _("Inclusief beleid")
    default_auto_field = "django.db.models.BigAutoField"
