from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "mia.dialogues"
    label = "dialogues"
    verbose_name = _("MIA-dialogen")

    def ready(self):
        from mia.assessments.signals import assessment_created, questions_changed
        from mia.dialogues import actions

        assessment_created.connect(actions.on_assessment_created, dispatch_uid="dialogues-first-session")
        questions_changed.connect(actions.on_questions_changed, dispatch_uid="dialogues-rounds")
