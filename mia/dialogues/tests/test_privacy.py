from django.urls import reverse

from mia.tests.factories import make_dialogue


def test_a_participant_can_get_their_data(owner_client, assessment):
    session = make_dialogue(assessment, questions=1)
    p = session.participants.first()
    response = owner_client.post(
        reverse("dialogues:participant_export", args=[assessment.pk, p.pk])
    )
    data = response.json()
    assert data["naam"] == p.name and data["contact"] == p.contact and len(data["kaartjes"]) >= 1


def test_erasing_keeps_cards_anonymous(owner_client, assessment):
    session = make_dialogue(assessment, questions=1)
    p = session.participants.first()
    cards = p.cards.count()
    owner_client.post(
        reverse("dialogues:participant_erase", args=[assessment.pk, p.pk])
    )
    p.refresh_from_db()
    assert p.name == f"Deelnemer {p.number}" and p.contact == "" and p.personal_data_erased_at
    assert p.cards.count() == cards


def test_deleting_a_participant_keeps_their_cards_without_link(owner_client, assessment):
    session = make_dialogue(assessment, questions=1)
    p = session.participants.first()
    card_ids = list(p.cards.values_list("pk", flat=True))
    owner_client.post(
        reverse("dialogues:participant_remove", args=[assessment.pk, p.pk])
    )
    from mia.dialogues.models import ConclusionCard

    assert ConclusionCard.objects.filter(pk__in=card_ids, participant__isnull=True).count() == len(card_ids)
