"""Personal data of advisory bodies, and the rights over it (AVG/GDPR). See docs/privacy.md.

- ``Member``: name, organisation, contact, term, account link, and their votes (with reasons and a
  minority opinion) — members act in a public role, so names stay with the advice they decided on;
  contacts and the account link go ``days`` after the member's term ended.
- ``Expert``: name, contact — the contact goes ``days`` after the expert's last input.
- ``Story``: the teller's name (optional) — goes ``days`` after the advice was issued; a withdrawn
  story is emptied at once (``actions.withdraw_story``).
Cards copied from a live session (``CircleInput.cards``) are texts without names.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from mia.advice import actions
from mia.advice.models import Expert, Member, Story, Vote


def _name_q(name: str, field: str = "name") -> Q:
    return Q(**{f"{field}__iexact": name.strip()})


def person_data(name: str) -> dict:
    """Everything kept about a person with this name (for an access request)."""
    if not name.strip():
        return {"leden": [], "experts": [], "verhalen": []}
    members = Member.objects.filter(_name_q(name), erased_at__isnull=True).select_related("body__structure")
    return {
        "leden": [{"structuur": m.body.structure.name, "orgaan": m.body.name, "rol": m.get_role_display(), "organisatie": m.organisation,
                   "contact": m.contact, "termijn": [str(m.term_start or ""), str(m.term_end or "")],
                   "stemmen": [{"advies": v.decision.trajectory.code, "stem": v.choice, "reden": v.reason,
                                "minderheidsstandpunt": v.minority_opinion}
                               for v in Vote.objects.filter(member=m).select_related("decision__trajectory")]}
                  for m in members],
        "experts": [{"structuur": e.structure.name, "organisatie": e.organisation, "contact": e.contact,
                     "inbreng": [i.summary for i in e.inputs.all()]}
                    for e in Expert.objects.filter(_name_q(name), erased_at__isnull=True).select_related("structure")],
        "verhalen": [{"advies": s.trajectory.code, "titel": s.title, "tekst": s.text}
                     for s in Story.objects.filter(_name_q(name, "teller"), withdrawn_at__isnull=True).select_related("trajectory")],
    }


@transaction.atomic
def erase_person(name: str) -> int:
    """Erase this person as member, expert and story teller; returns how many records changed."""
    if not name.strip():
        return 0
    n = 0
    for m in Member.objects.filter(_name_q(name), erased_at__isnull=True):
        actions.erase_member(m)
        Vote.objects.filter(member=m).update(minority_opinion="", in_advice=False)
        n += 1
    for e in Expert.objects.filter(_name_q(name), erased_at__isnull=True):
        actions.erase_expert(e)
        n += 1
    n += Story.objects.filter(_name_q(name, "teller")).update(teller="")
    return n


@transaction.atomic
def apply_retention(days: int, now=None) -> dict:
    now = now or timezone.now()
    cutoff = (now - timedelta(days=days)).date()
    members = Member.objects.filter(term_end__lt=cutoff).filter(~Q(contact="") | Q(user__isnull=False)).update(contact="", user=None)
    # An expert's contact goes when their last input is older than the period (an expert never asked keeps it).
    experts = (Expert.objects.exclude(contact="").annotate(last=Max("inputs__trajectory__updated_at"))
               .filter(last__lt=now - timedelta(days=days)).update(contact=""))
    stories = Story.objects.filter(trajectory__issued_on__lt=cutoff).exclude(teller="").update(teller="")
    return {"members": members, "experts": experts, "stories": stories}
