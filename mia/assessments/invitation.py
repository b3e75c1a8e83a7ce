"""The invitation text generated from the instrument's template (step 2A)."""

from django.utils import formats, timezone

from mia.assessments.models import Assessment


class _Blank(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def default_invitation(assessment: Assessment) -> str:
    template = assessment.content.invitation_template
    session = assessment.sessions.exclude(date=None).first()
    kernteam = ", ".join(
        m.user.get_full_name() or m.user.username for m in assessment.memberships.filter(role="kernteam").select_related("user")
    )
    values = _Blank(
        titel=assessment.title,
        # Stored in UTC; people read the time on the clock of the place (Europe/Amsterdam).
        datum=formats.date_format(timezone.localtime(session.date), "l j F Y, H:i") if session else "[datum]",
        locatie=(session.location if session and session.location else "[plaats]"),
        organisatie=assessment.organisation.name if assessment.organisation else "[organisatie]",
        kernteam=kernteam,
    )
    # format_map with a forgiving dict: an unknown placeholder stays visible instead of crashing.
    try:
        return template.format_map(values)
    except (ValueError, IndexError):
        return template
