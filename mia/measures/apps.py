from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "mia.measures"
    label = "measures"
    verbose_name = _("Impactteam: maatregelen en afweging")
    default_auto_field = "django.db.models.BigAutoField"
