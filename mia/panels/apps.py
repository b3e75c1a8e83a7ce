from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PanelsConfig(AppConfig):
    name = "mia.panels"
    label = "panels"
    verbose_name = _("Panelselectie")

    def ready(self) -> None:
        from mia.dialogues.signals import participant_erased
        from mia.panels.privacy import on_participant_erased

        participant_erased.connect(on_participant_erased, dispatch_uid="panels-erase-volunteer-contact")
