"""Volunteers of pools made before the volunteer→participant link existed get their link from the data
migration where it is unambiguous, so erasing the participant erases their contact (issue 11, item 8)."""

from __future__ import annotations

import importlib

import pytest
from django.urls import reverse

from mia.dialogues.models import Participant
from mia.panels.models import PanelPool, PanelSelection, Volunteer, VolunteerContact
from mia.panels.tests.test_web import select, upload

pytestmark = pytest.mark.django_db

migration = importlib.import_module("mia.panels.migrations.0004_link_old_volunteers")


def _link_old() -> int:
    from mia.panels.models import PanelPool, PanelSelection

    return migration.link_old_volunteers(PanelPool, PanelSelection, Volunteer, Participant)


@pytest.fixture
def pool(owner_client, assessment):
    assert upload(owner_client, assessment).status_code == 302
    return PanelPool.objects.get(assessment=assessment)


@pytest.fixture
def drawn(owner_client, assessment, pool):
    """A pool whose panel of 8 became participants, then lost its links, as an old pool has none."""
    select(owner_client, assessment, pool)
    selection = PanelSelection.objects.get()
    owner_client.get(reverse("dialogues:sessions", args=[assessment.pk]))
    session = assessment.sessions.get()
    owner_client.post(reverse("panels:selection_to_session", args=[assessment.pk, pool.pk, selection.pk]),
                      {"session": session.pk, "perspective": "samenleving"})
    truth = dict(Volunteer.objects.filter(participant__isnull=False).values_list("pk", "participant_id"))
    assert len(truth) == 8
    Volunteer.objects.update(participant=None)
    return session, selection, truth


def test_old_volunteers_are_linked_to_the_participants_made_from_them(drawn):
    _session, _selection, truth = drawn
    assert _link_old() == 8
    assert dict(Volunteer.objects.filter(participant__isnull=False).values_list("pk", "participant_id")) == truth
    assert _link_old() == 0  # once is enough


def test_erasing_a_participant_of_an_old_pool_then_erases_the_volunteer_contact(drawn):
    from mia.dialogues.privacy import erase_participant

    session, _selection, _truth = drawn
    participant = session.participants.first()
    volunteer_pk = next(pk for pk, p in drawn[2].items() if p == participant.pk)
    erase_participant(participant)  # before the migration: the contact is missed
    assert VolunteerContact.objects.filter(volunteer_id=volunteer_pk).exists()

    other = session.participants.exclude(pk=participant.pk).first()
    other_volunteer = next(pk for pk, p in drawn[2].items() if p == other.pk)
    _link_old()
    erase_participant(Participant.objects.get(pk=other.pk))
    assert not VolunteerContact.objects.filter(volunteer_id=other_volunteer).exists()
    assert VolunteerContact.objects.count() == 40 - 1


def test_an_ambiguous_match_is_left_unlinked(drawn):
    from mia.dialogues.actions import add_participant

    session, _selection, truth = drawn
    twin_of = Participant.objects.get(pk=next(iter(truth.values())))
    add_participant(session, name=twin_of.name, perspective="samenleving", contact=twin_of.contact,
                    organisation=twin_of.organisation)
    assert _link_old() == 7
    volunteer = Volunteer.objects.get(pk=next(iter(truth)))
    assert volunteer.participant is None


def test_a_participant_whose_name_was_changed_or_a_pool_already_erased_is_not_linked(drawn, pool):
    from mia.panels.actions import erase_contacts

    _session, _selection, truth = drawn
    Participant.objects.filter(pk=next(iter(truth.values()))).update(name="Andere naam")
    assert _link_old() == 7
    Volunteer.objects.update(participant=None)
    erase_contacts(PanelPool.objects.get())
    assert _link_old() == 0
