"""The MIAs that sessions made before the kind existed are working records too (not in "Mijn MIA's")."""

from django.db import migrations


def mark(apps, schema_editor):
    Session = apps.get_model("consultations", "Session")
    Assessment = apps.get_model("assessments", "Assessment")
    ids = Session.objects.exclude(dialogue=None).values_list("dialogue__assessment_id", flat=True)
    Assessment.objects.filter(pk__in=list(ids)).update(kind="werkruimte")


class Migration(migrations.Migration):

    dependencies = [
        ("consultations", "0003_series_themes"),
        ("assessments", "0004_assessment_kind"),
    ]

    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
