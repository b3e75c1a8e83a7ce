from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "mia.programmes"
    label = "programmes"
    verbose_name = _("Dialoogprogramma's")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The five guidelines for dialogue on the facilitator screen of every live session
        # linked to a programme: the live app (below us) offers the slot, we fill it.
        from mia.live.facilitator_panels import register_facilitator_panel
        from mia.programmes.facilitator import guidelines_panel

        register_facilitator_panel("programmes.guidelines", guidelines_panel)
