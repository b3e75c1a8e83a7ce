from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "mia.jobs"
    verbose_name = _("Taken op de achtergrond")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Every app registers its kinds of job in its tasks module; the web process needs
        # them too (labels and access rules), not only the worker.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("tasks")
