"""One closing text per MIA: a session's own "wat er hierna gebeurt" moves to the MIA's
"Wat gebeurt er na de dialoog?" (Assessment.next_steps_text) when that is still empty."""

from django.db import migrations


def move_to_assessment(apps, schema_editor):
    Session = apps.get_model("dialogues", "DialogueSession")
    Assessment = apps.get_model("assessments", "Assessment")
    for session in Session.objects.exclude(closing_message="").order_by("position", "pk"):
        Assessment.objects.filter(pk=session.assessment_id, next_steps_text="").update(
            next_steps_text=session.closing_message
        )


class Migration(migrations.Migration):
    dependencies = [
        ("dialogues", "0003_choices_from_content"),
        ("assessments", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(move_to_assessment, migrations.RunPython.noop),
        migrations.RemoveField(model_name="dialoguesession", name="closing_message"),
    ]
