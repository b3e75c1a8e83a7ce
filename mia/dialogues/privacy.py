"""Participants' rights under the AVG/GDPR: see their data, have it erased, and a
retention period after which names and contact data of a closed MIA are erased.

Erasing keeps the cards (anonymous, under the pseudonym) because the MIA's
results depend on them; the person can no longer be identified from them.
"""

from __future__ import annotations

from django.utils import timezone

from mia.dialogues.models import Participant
from mia.dialogues.signals import participant_erased


def participant_data(p: Participant) -> dict:
    """Everything MIA holds about one participant (for an access request)."""
    return {
        "mia": p.session.assessment.title,
        "sessie": p.session.name,
        "deelnemernummer": p.number,
        "naam": p.name,
        "schermnaam": p.display_name,
        "perspectief": p.perspective_label,
        "organisatie": p.organisation,
        "contact": p.contact,
        "groepen": [g.label for g in p.groups.all()],
        "toestemming_gegeven_op": p.consent_given_at.isoformat() if p.consent_given_at else None,
        "toestemming_geweigerd_op": p.consent_refused_at.isoformat() if p.consent_refused_at else None,
        "kaartjes": [
            {"soort": c.kind_label, "onderwerp": c.topic, "tekst": c.text, "gemaakt_op": c.created_at.isoformat()}
            for c in p.cards.select_related("round__session")
        ],
    }


def erase_participant(p: Participant) -> None:
    """Name, screen name, contact, organisation and the groups they belong to (which may reveal
    health, disability or migration background: special categories, AVG art. 9) are erased; other
    apps erase their copies on ``participant_erased`` (the panel's volunteer contacts)."""
    p.name = f"Deelnemer {p.number}"
    p.display_name = ""
    p.contact = ""
    p.organisation = ""
    p.personal_data_erased_at = timezone.now()
    p.save(update_fields=["name", "display_name", "contact", "organisation", "personal_data_erased_at"])
    p.groups.clear()
    participant_erased.send(sender=Participant, participant=p)


def erase_participants_of(assessments) -> int:
    """Erase the personal data of every participant of these assessments; returns how many."""
    participants = Participant.objects.filter(session__assessment__in=assessments, personal_data_erased_at__isnull=True)
    count = 0
    for p in participants:
        erase_participant(p)
        count += 1
    return count
