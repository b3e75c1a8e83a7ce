from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    """The layer above the domain apps: the step navigation and progress of an MIA, which
    look into every app that takes part in the steps (dialogues, analysis, panels, live, reports)."""

    name = "mia.workspace"
    verbose_name = _("Werkruimte")
