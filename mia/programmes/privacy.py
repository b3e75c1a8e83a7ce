"""Personal data in the programmes app (see docs/privacy.md).

A programme holds no participants: its personal data are the names of team members and partners
the team writes down (owners of steps and policy actions, parties fed back to), the accounts that
made or changed records, and — briefly — the bytes of an uploaded inventory file. Quotes of
participants' cards in the evaluation are shown only while the card is visible (consent not
withdrawn), see ``evaluation.py``.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from mia.programmes.models import InventoryImport

# An uploaded file is read within seconds; one that is still here after this long is left over.
UPLOAD_HOURS = 24


def apply_retention(now=None) -> int:
    """Empty the stored bytes of uploads older than a day (e.g. a job that never ran); returns how many."""
    now = now or timezone.now()
    stale = InventoryImport.objects.filter(created_at__lt=now - timedelta(hours=UPLOAD_HOURS)).exclude(data=b"")
    count = 0
    for record in stale:
        fields = {"data": b""}
        if record.status == InventoryImport.Status.QUEUED:
            fields.update(status=InventoryImport.Status.REFUSED, finished_at=now,
                          issues=["Het bestand is niet op tijd ingelezen en daarom verwijderd. Lees het opnieuw in."])
        InventoryImport.objects.filter(pk=record.pk).update(**fields)
        count += 1
    return count


def user_data(user) -> dict:
    """What the programmes app records about one account (for an access request)."""
    from mia.programmes.models import CycleLink, GapNote, Priority, Programme

    return {
        "programmas_gemaakt": list(Programme.objects.filter(created_by=user).values_list("title", flat=True)),
        "imports": list(InventoryImport.objects.filter(created_by=user).values_list("file_name", "created_at")),
        "conclusies_gewijzigd": GapNote.objects.filter(updated_by=user).count(),
        "prioriteiten_gemaakt": Priority.objects.filter(created_by=user).count(),
        "sessies_gekoppeld": CycleLink.objects.filter(linked_by=user).count(),
    }
