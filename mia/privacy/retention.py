"""The retention period, in one place: each app erases its own personal data when asked.

Run daily (``mia apply_retention``)."""

from __future__ import annotations

from django.db import transaction

from mia.assessments.privacy import closed_before_retention
from mia.dialogues.privacy import erase_participants_of
from mia.inclusion.privacy import apply_retention as apply_inclusion_retention
from mia.live.actions import prune_join_attempts
from mia.measures.privacy import apply_retention as apply_impact_team_retention
from mia.panels.actions import erase_contacts_of
from mia.programmes.privacy import apply_retention as programmes_retention

# reports (issue 10): transcripts go with the participants' personal data
from mia.reports.privacy import delete_transcripts_of


@transaction.atomic
def apply_retention(days: int, now=None) -> dict:
    closed = closed_before_retention(days, now)
    return {
        "participants": erase_participants_of(closed),
        "pools": erase_contacts_of(closed),
        "join_attempts": prune_join_attempts(now),
        "impact_team": apply_impact_team_retention(days, now),
        "inclusion": apply_inclusion_retention(days, now),
        "programme_uploads": programmes_retention(now),
        "transcripts": delete_transcripts_of(closed),
    }
