"""Personal data in the impact team's workspaces, and the rights over it (AVG/GDPR).

The only personal data the app keeps on purpose is the name of an expert in a fiche's sources
(``Source.person``), which also lives on in the fiche's versions (``FicheVersion.snapshot``) and in
PDFs made by a job (``ExportFile``). Users' own accounts are in ``mia.accounts``. See docs/privacy.md.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from mia.measures.models import ExportFile, FicheVersion, Source, Upload

# Documents made by a job are a convenience download, made again in a minute.
EXPORT_FILE_DAYS = 7
# An uploaded file is kept only while its job reads it.
UPLOAD_DAYS = 1


def _named(name: str):
    return Source.objects.filter(person__iexact=name.strip()) if name.strip() else Source.objects.none()


def person_data(name: str) -> list[dict]:
    """Every mention of this expert (for an access request)."""
    return [
        {"werkruimte": s.measure.workspace.name, "fiche": str(s.measure), "bron": s.title, "organisatie": s.organisation,
         "soort": s.get_kind_display()}
        for s in _named(name).select_related("measure__workspace")
    ]


def _erase_in_snapshots(versions, name: str | None) -> int:
    changed = 0
    for version in versions:
        sources = version.snapshot.get("sources", [])
        touched = False
        for source in sources:
            if source.get("person") and (name is None or source["person"].strip().casefold() == name.strip().casefold()):
                source["person"] = ""
                touched = True
        if touched:
            version.save(update_fields=["snapshot"])
            changed += 1
    return changed


@transaction.atomic
def erase_person(name: str) -> int:
    """Remove this expert's name everywhere (sources, version history, documents made from them); returns how many sources."""
    sources = list(_named(name).select_related("measure"))
    measures = {s.measure_id for s in sources}
    workspaces = {s.measure.workspace_id for s in sources}
    Source.objects.filter(pk__in=[s.pk for s in sources]).update(person="")
    _erase_in_snapshots(FicheVersion.objects.filter(measure_id__in=measures), name)
    ExportFile.objects.filter(workspace_id__in=workspaces).delete()
    return len(sources)


@transaction.atomic
def apply_retention(days: int, now=None) -> dict:
    """Names of experts in workspaces archived more than ``days`` ago; documents and uploads kept longer than needed."""
    now = now or timezone.now()
    archived_before = now - timedelta(days=days)
    sources = Source.objects.filter(measure__workspace__archived_at__lt=archived_before).exclude(person="")
    erased = sources.update(person="")
    versions = FicheVersion.objects.filter(measure__workspace__archived_at__lt=archived_before)
    _erase_in_snapshots(versions, None)
    exports, _ = ExportFile.objects.filter(created_at__lt=now - timedelta(days=EXPORT_FILE_DAYS)).delete()
    uploads = Upload.objects.filter(created_at__lt=now - timedelta(days=UPLOAD_DAYS)).exclude(data=b"").update(data=b"")
    return {"expert_names": erased, "export_files": exports, "uploads": uploads}
