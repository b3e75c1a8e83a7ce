from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mia.core"
    label = "core"
    verbose_name = "MIA"

    def ready(self) -> None:
        from mia.core import logs
        from mia.core.lookups import register

        register()
        logs.install()
