from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "mia.consultations"
    label = "consultations"
    verbose_name = _("Raadplegingen")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mia.consultations import rules, tasks  # noqa: F401  (register permissions and jobs)
