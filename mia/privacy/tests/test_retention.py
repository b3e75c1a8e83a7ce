from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from mia.assessments.actions import set_finished
from mia.privacy.retention import apply_retention
from mia.tests.factories import make_dialogue


def test_retention_erases_only_closed_and_old(assessment, stranger, content):
    from mia.tests.factories import make_assessment

    old = make_dialogue(assessment, questions=1)
    set_finished(assessment, True)
    assessment.closed_at = timezone.now() - timedelta(days=400)
    assessment.save()
    still_open = make_dialogue(make_assessment(stranger, title="Open"), questions=1)
    assert apply_retention(365)["participants"] == old.participants.count()
    assert not old.participants.exclude(contact="").exists()
    assert not still_open.participants.filter(contact="").exists()
    assert apply_retention(365)["participants"] == 0
    call_command("apply_retention", "--days", "365")


def test_retention_also_erases_volunteer_contact_data(owner_client, assessment):
    from mia.panels.models import VolunteerContact
    from mia.panels.tests.test_web import upload

    upload(owner_client, assessment)
    assert VolunteerContact.objects.exists()
    set_finished(assessment, True)
    assessment.closed_at = timezone.now() - timedelta(days=400)
    assessment.save()
    apply_retention(365)
    assert not VolunteerContact.objects.exists()
    assert not assessment.panel_pools.exists()  # the whole pool goes: its features may be special categories
