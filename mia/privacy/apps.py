from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Above the domain apps: coordinates retention, asking each app to erase its own data."""

    name = "mia.privacy"
    verbose_name = _("Privacy")
