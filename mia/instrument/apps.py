from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstrumentConfig(AppConfig):
    name = "mia.instrument"
    label = "instrument"
    verbose_name = _("Instrument (inhoud)")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from mia.instrument import models
        from mia.instrument.versions import forget_cached_content

        for model in (models.ContentVersion, models.ScanQuestion, models.AffectedGroup, models.SignalWordPair,
                      models.Domain, models.Subdomain, models.BankQuestion, models.ChartStatement, models.StepGuide):
            post_save.connect(forget_cached_content, sender=model, dispatch_uid=f"content-cache-{model.__name__}")
            post_delete.connect(forget_cached_content, sender=model, dispatch_uid=f"content-cache-del-{model.__name__}")
