from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdviceConfig(AppConfig):
    name = "mia.advice"
    label = "advice"
    verbose_name = _("Adviesorganen: organen, stromen, adviestrajecten en besluiten")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from mia.advice import api, rules  # noqa: F401

        api.install()
