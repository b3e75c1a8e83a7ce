"""Personal data of the consultations app (see docs/privacy.md): the contact data of sign-ups
(name, phone, e-mail), their selection features and availability, their reactions to drafts.

- ``signup_data``: everything held about one person, for an access request;
- ``erase_signup``: contact data deleted, features wiped, the person's reactions and quotes from
  them hidden (they keep their pseudonym "Deelnemer n" only as a number);
- ``apply_retention(now)`` (called by ``mia.privacy.retention``): contact data of every sign-up
  whose retention date has passed is deleted; report files older than a week are deleted.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from mia.consultations.models import Quote, QuoteSource, Reaction, ReportFile, SignUp, SignUpContact

REPORT_DAYS = 7


def signup_data(signup: SignUp) -> dict:
    contact = getattr(signup, "contact", None) if hasattr(signup, "contact") else None
    return {
        "reeks": signup.series.title,
        "organisatie": signup.series.organisation.name,
        "pseudoniem": signup.pseudonym,
        "naam": contact.name if contact else None,
        "telefoon": contact.phone if contact else None,
        "email": contact.email if contact else None,
        "kenmerken": signup.features,
        "beschikbaar_voor": [s.title for s in signup.available.all()],
        "hoe_gehoord": signup.get_heard_via_display() if signup.heard_via else None,
        "toestemming_op": signup.consent_at.isoformat() if signup.consent_at else None,
        "toestemming_ingetrokken_op": signup.consent_withdrawn_at.isoformat() if signup.consent_withdrawn_at else None,
        "bewaren_tot": signup.retention_until.isoformat(),
        "uitnodigingen": [{"sessie": i.session.title, "status": i.get_status_display()} for i in signup.invitations.select_related("session")],
        "reacties": [{"alinea": r.paragraph.heading, "soort": r.get_kind_display(), "tekst": r.text, "wat_ermee_gedaan": r.get_status_display(),
                      "reden": r.reason} for r in signup.reactions.select_related("paragraph")],
        "contactgegevens_gewist_op": signup.contact_erased_at.isoformat() if signup.contact_erased_at else None,
    }


@transaction.atomic
def erase_signup(signup: SignUp, now=None, *, everything: bool = True) -> None:
    """Delete the contact data; with ``everything`` also the features, reactions and quotes."""
    now = now or timezone.now()
    SignUpContact.objects.filter(signup=signup).delete()
    signup.contact_erased_at = signup.contact_erased_at or now
    fields = ["contact_erased_at"]
    if everything:
        reaction_ids = list(Reaction.objects.filter(signup=signup).values_list("pk", flat=True))
        Quote.objects.filter(source=QuoteSource.REACTION, source_id__in=reaction_ids).delete()
        Reaction.objects.filter(signup=signup).update(text="(gewist)")
        participant_ids = list(signup.invitations.exclude(participant=None).values_list("participant_id", flat=True))
        if participant_ids:
            from mia.dialogues.models import ConclusionCard, Participant

            card_ids = list(ConclusionCard.objects.filter(participant_id__in=participant_ids).values_list("pk", flat=True))
            Quote.objects.filter(source=QuoteSource.CARD, source_id__in=card_ids).delete()
            Participant.objects.filter(pk__in=participant_ids, consent_refused_at__isnull=True).update(consent_refused_at=now)
        signup.features = {}
        signup.consent_withdrawn_at = signup.consent_withdrawn_at or now
        fields += ["features", "consent_withdrawn_at"]
    signup.save(update_fields=fields)


@transaction.atomic
def apply_retention(now=None) -> dict:
    now = now or timezone.now()
    due = SignUp.objects.filter(retention_until__lt=now.date(), contact_erased_at__isnull=True)
    erased = 0
    for signup in due:
        erase_signup(signup, now, everything=False)
        erased += 1
    files, _kinds = ReportFile.objects.filter(created_at__lt=now - timedelta(days=REPORT_DAYS)).delete()
    return {"signups": erased, "report_files": files}
