from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mia.assessments.actions import set_finished
from mia.dialogues.privacy import apply_retention
from mia.tests.factories import make_dialogue


def test_a_participant_can_get_their_data(owner_client, assessment):
    session = make_dialogue(assessment, questions=1)
    p = session.participants.first()
    response = owner_client.post(
        reverse("dialogues:sessions", args=[assessment.pk]), {"action": "export-participant", "session": session.pk, "participant": p.pk}
    )
    data = response.json()
    assert data["naam"] == p.name and data["contact"] == p.contact and len(data["kaartjes"]) >= 1


def test_erasing_keeps_cards_anonymous(owner_client, assessment):
    session = make_dialogue(assessment, questions=1)
    p = session.participants.first()
    cards = p.cards.count()
    owner_client.post(
        reverse("dialogues:sessions", args=[assessment.pk]), {"action": "erase-participant", "session": session.pk, "participant": p.pk}
    )
    p.refresh_from_db()
    assert p.name == f"Deelnemer {p.number}" and p.contact == "" and p.personal_data_erased_at
    assert p.cards.count() == cards


def test_retention_erases_only_closed_and_old(assessment, stranger, content):
    from mia.tests.factories import make_assessment

    old = make_dialogue(assessment, questions=1)
    set_finished(assessment, True)
    assessment.closed_at = timezone.now() - timedelta(days=400)
    assessment.save()
    still_open = make_dialogue(make_assessment(stranger, title="Open"), questions=1)
    assert apply_retention(365) == old.participants.count()
    assert not old.participants.exclude(contact="").exists()
    assert not still_open.participants.filter(contact="").exists()
    assert apply_retention(365) == 0
    call_command("apply_retention", "--days", "365")


def test_deleting_a_participant_keeps_their_cards_without_link(owner_client, assessment):
    session = make_dialogue(assessment, questions=1)
    p = session.participants.first()
    card_ids = list(p.cards.values_list("pk", flat=True))
    owner_client.post(
        reverse("dialogues:sessions", args=[assessment.pk]), {"action": "remove-participant", "session": session.pk, "participant": p.pk}
    )
    from mia.dialogues.models import ConclusionCard

    assert ConclusionCard.objects.filter(pk__in=card_ids, participant__isnull=True).count() == len(card_ids)


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
    assert assessment.panel_pools.get().contact_erased_at is not None
