"""Writes of panel state: a pool from uploaded files, quota edits, a selection run,
and turning a drawn panel into the participants of a dialogue session."""

from __future__ import annotations

from django.db import transaction

from mia.assessments.models import Assessment
from mia.panels.models import PanelPool, PanelSelection, PoolQuota, Volunteer, VolunteerContact
from mia.panels.selection.pool import Person, Pool, Quota, Quotas, read_pool, read_quotas


@transaction.atomic
def create_pool(assessment: Assessment, name: str, people_upload, quotas_upload, id_column: str | None = None) -> PanelPool:
    """Parse and validate both files (raises PanelInputError with Dutch messages), then store them."""
    quotas = read_quotas(quotas_upload.read(), name=quotas_upload.name)
    pool = read_pool(people_upload.read(), quotas, id_column=id_column or None, name=people_upload.name)
    record = PanelPool.objects.create(
        assessment=assessment, name=name, people_file=people_upload.name[:255], quotas_file=quotas_upload.name[:255],
        feature_names=pool.feature_names, contact_columns=pool.contact_columns, warnings=quotas.warnings + pool.warnings,
    )
    PoolQuota.objects.bulk_create(
        PoolQuota(pool=record, feature=q.feature, value=q.value, min=q.min, max=q.max, population_share=q.population_share, position=i)
        for i, q in enumerate(quotas.items)
    )
    volunteers = Volunteer.objects.bulk_create(
        Volunteer(pool=record, external_id=p.id, features=p.features, row=p.row) for p in pool.people
    )
    VolunteerContact.objects.bulk_create(
        VolunteerContact(volunteer=v, data=p.contact) for v, p in zip(volunteers, pool.people, strict=True) if any(p.contact.values())
    )
    return record


def quotas_of(record: PanelPool) -> Quotas:
    return Quotas([
        Quota(q.feature, q.value, q.min, q.max, population_share=q.population_share) for q in record.quotas.all()
    ])


def pool_of(record: PanelPool, *, with_contact: bool = False) -> Pool:
    volunteers = record.volunteers.select_related("contact") if with_contact else record.volunteers.all()
    people = [
        Person(v.external_id, v.features, (getattr(v, "contact", None).data if with_contact and hasattr(v, "contact") else {}), v.row)
        for v in volunteers
    ]
    return Pool(people, list(record.feature_names), list(record.contact_columns))


def update_quota(quota: PoolQuota, minimum: int, maximum: int, population_share: float | None) -> None:
    quota.min, quota.max, quota.population_share = minimum, maximum, population_share
    quota.save(update_fields=["min", "max", "population_share"])


@transaction.atomic
def make_participants(selection: PanelSelection, session, perspective: str = "samenleving") -> int:
    """Add the drawn panel to a dialogue session as participants (name from the contact data if any)."""
    from mia.dialogues.actions import add_participant

    volunteers = {
        v.external_id: v for v in selection.pool.volunteers.filter(external_id__in=selection.result["panel"]).select_related("contact")
    }
    added = 0
    for external_id in selection.result["panel"]:
        volunteer = volunteers[external_id]
        contact = volunteer.contact.data if hasattr(volunteer, "contact") else {}
        name = _first(contact, ("naam", "name", "voornaam")) or f"Vrijwilliger {external_id}"
        email = _first(contact, ("email", "e-mail", "mail", "telefoon", "phone"))
        add_participant(session, name=name[:200], perspective=perspective, contact=(email or "")[:200],
                        organisation=", ".join(f"{k}: {v}" for k, v in volunteer.features.items())[:200])
        added += 1
    return added


def _first(data: dict, keys) -> str:
    lowered = {k.lower(): v for k, v in data.items()}
    for key in keys:
        if lowered.get(key):
            return str(lowered[key])
    return ""


def erase_contacts(record: PanelPool) -> None:
    from django.utils import timezone

    VolunteerContact.objects.filter(volunteer__pool=record).delete()
    record.contact_erased_at = timezone.now()
    record.save(update_fields=["contact_erased_at"])


# Web requests wait for the solver; keep them bounded (the CLI has no limit).
WEB_TIME_LIMIT_SECONDS = 60


@transaction.atomic
def run_selection(record: PanelPool, user, *, size: int, algorithm: str, seed=None, forced_ids: str = "",
                  household_column: str = "") -> PanelSelection:
    """Run the selection (raises InfeasibleQuotasError / SelectionError with Dutch messages) and store it."""
    from mia.panels.selection import result_to_dict, select_panel

    household = [household_column.strip()] if household_column.strip() else []
    pool = pool_of(record, with_contact=bool(household))
    result = select_panel(
        pool, quotas_of(record), size, algorithm, seed,
        forced_ids=[i.strip() for i in forced_ids.split(",") if i.strip()],
        household_columns=household, time_limit=WEB_TIME_LIMIT_SECONDS,
    )
    data = result_to_dict(result)
    # Keep the stored result small: the full lottery can hold thousands of panels.
    data["lottery"] = data["lottery"][:1000]
    return PanelSelection.objects.create(
        pool=record, size=size, algorithm=result.algorithm, seed=result.seed, created_by=user,
        min_probability=result.min_probability, seconds=result.seconds, result=data,
    )


def erase_contacts_of(assessments) -> int:
    """Erase the contact data of every pool of these assessments; returns how many pools."""
    pools = list(PanelPool.objects.filter(assessment__in=assessments, contact_erased_at__isnull=True))
    for pool in pools:
        erase_contacts(pool)
    return len(pools)
