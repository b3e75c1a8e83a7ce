"""Volunteers' personal data: erased with the participant they became, and with the pool at retention.

A pool holds, per volunteer, the features the selection uses (age group, gender, sometimes
migration background or health: special categories) and their contact data (name, e-mail,
address), which only serves to invite the people drawn.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from mia.panels.models import PanelPool, PoolUpload, Volunteer, VolunteerContact

# The files of a pool upload are read within minutes; what a lost job left goes after this long.
UPLOAD_DAYS = 1


def volunteer_data(volunteer: Volunteer) -> dict:
    """Everything a pool holds about one volunteer (for an access request)."""
    contact = VolunteerContact.objects.filter(volunteer=volunteer).first()
    return {
        "pool": volunteer.pool.name,
        "id": volunteer.external_id,
        "kenmerken": volunteer.features,
        "contact": contact.data if contact else {},
    }


def erase_volunteers_of_participant(participant) -> int:
    """Erase the contact data of the volunteer(s) this participant came from; returns how many.

    The volunteer's features stay (without contact data they no longer identify anyone; the
    selection's fairness report depends on them) and go with the pool at retention."""
    deleted, _details = VolunteerContact.objects.filter(volunteer__participant=participant).delete()
    return deleted


def on_participant_erased(sender, participant, **kwargs) -> None:
    erase_volunteers_of_participant(participant)


@transaction.atomic
def apply_retention(assessments) -> int:
    """Delete the pools (volunteers, features, contacts, quotas, selections) of these assessments,
    which have passed their retention period; returns how many pools. Uploaded files that a job
    has not read (or dropped) within ``UPLOAD_DAYS`` go too, of any assessment."""
    PoolUpload.objects.filter(assessment__in=assessments).delete()
    PoolUpload.objects.filter(created_at__lt=timezone.now() - timedelta(days=UPLOAD_DAYS)).delete()
    pools = PanelPool.objects.filter(assessment__in=assessments)
    count = pools.count()
    VolunteerContact.objects.filter(volunteer__pool__in=pools).delete()
    pools.update(contact_erased_at=timezone.now())
    pools.delete()
    return count
