from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The top layer: worked examples of every domain, written through each app's own actions."""

    name = "mia.demo"
    verbose_name = _("Demo")
