"""The retention period, in one place: each app erases its own personal data when asked.

Run daily (``mia apply_retention``)."""

from __future__ import annotations

from django.db import transaction

from mia.accounts.actions import prune_reset_counts
from mia.accounts.privacy import apply_retention as login_attempts_retention
from mia.advice.privacy import apply_retention as apply_advice_retention  # issue 16
from mia.analysis.privacy import apply_retention as analysis_retention
from mia.assessments.privacy import apply_retention as invitations_retention
from mia.assessments.privacy import closed_before_retention
from mia.consultations.privacy import apply_retention as consultations_retention
from mia.dialogues.privacy import erase_participants_of
from mia.inclusion.privacy import apply_retention as apply_inclusion_retention
from mia.live.actions import prune_join_attempts
from mia.measures.privacy import apply_retention as apply_impact_team_retention
from mia.panels.actions import erase_contacts_of
from mia.panels.privacy import apply_retention as panels_retention
from mia.programmes.privacy import apply_retention as programmes_retention

# reports (issue 10): transcripts go with the participants' personal data
from mia.reports.privacy import apply_retention as reports_retention
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
        "transcripts": delete_transcripts_of(closed),  # issue 10
        # issue 11 (items 10, 18): the job queue's report files and import uploads
        "reports": reports_retention(now),
        "consultations": consultations_retention(now),
        "advice": apply_advice_retention(days, now),  # issue 16
        # issue 11 item 3: django-axes' login attempts, after their cool-off
        "login_attempts": login_attempts_retention(now),
        # issue 11: the reset-mail counters of past hours (keyed hashes)
        "reset_mail_counts": prune_reset_counts(now),
        # issue 11: invitations to an MIA nobody accepted before the link expired
        "member_invitations": invitations_retention(now),
        # issue 11 (item 8)
        "response_uploads": analysis_retention(closed),
        "panel_pools": panels_retention(closed),
    }
