"""Writes of panel state: a pool from uploaded files, quota edits, a selection run (a job of the
queue), and turning a drawn panel into the participants of a dialogue session.

Each function checks its rule and raises ``PanelError`` with a Dutch message that the page shows as
it is. Reading files and computing a selection happen outside any transaction; only the writes of
the result take a (short) transaction, so a long solver run never holds the database's write lock.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.assessments.models import Assessment
from mia.jobs.actions import JobError, active_job, start_job
from mia.jobs.models import Job
from mia.panels.models import PanelPool, PanelSelection, PoolQuota, PoolUpload, Volunteer, VolunteerContact
from mia.panels.selection.errors import PanelSelectionError
from mia.panels.selection.lottery import new_seed
from mia.panels.selection.pool import Person, Pool, Quota, Quotas, read_pool, read_quotas

SELECT_JOB = "panels.select"
READ_JOB = "panels.read_pool"
# Volunteers written per batch (a pool can hold 100,000 rows).
STORE_BATCH = 1000


class PanelError(Exception):
    """A panel action cannot be done; the message is Dutch and shown as it is."""


def pool_subject(record: PanelPool) -> str:
    """The subject of the jobs that work on this pool."""
    return f"panels.pool:{record.pk}"


def create_pool(assessment: Assessment, name: str, people_upload, quotas_upload, id_column: str | None = None) -> PanelPool:
    """Parse and validate both files first (in this process), then store them in one short transaction.

    For scripts and tests; the web page reads the files in the job queue (``start_pool_upload``)."""
    try:
        quotas = read_quotas(quotas_upload.read(), name=quotas_upload.name)
        pool = read_pool(people_upload.read(), quotas, id_column=id_column or None, name=people_upload.name)
    except PanelSelectionError as error:
        raise PanelError(str(error)) from None
    with transaction.atomic():
        return _store_pool(assessment, name, people_upload.name, quotas_upload.name, quotas, pool)


def _store_pool(assessment: Assessment, name: str, people_file: str, quotas_file: str, quotas: Quotas, pool: Pool) -> PanelPool:
    """Write a read pool; the caller holds the transaction, so it is stored whole or not at all."""
    record = PanelPool.objects.create(
        assessment=assessment, name=name, people_file=people_file[:255], quotas_file=quotas_file[:255],
        feature_names=pool.feature_names, contact_columns=pool.contact_columns, warnings=quotas.warnings + pool.warnings,
    )
    PoolQuota.objects.bulk_create(
        PoolQuota(pool=record, feature=q.feature, value=q.value, min=q.min, max=q.max,
                  population_share=q.population_share, position=i)
        for i, q in enumerate(quotas.items)
    )
    volunteers = Volunteer.objects.bulk_create(
        (Volunteer(pool=record, external_id=p.id, features=p.features, row=p.row) for p in pool.people),
        batch_size=STORE_BATCH,
    )
    VolunteerContact.objects.bulk_create(
        (VolunteerContact(volunteer=v, data=p.contact)
         for v, p in zip(volunteers, pool.people, strict=True) if any(p.contact.values())),
        batch_size=STORE_BATCH,
    )
    return record


# --- a pool read by the job queue ----------------------------------------------------------------


def upload_subject(assessment: Assessment) -> str:
    return f"panels.uploads:{assessment.pk}"


def start_pool_upload(assessment: Assessment, user, name: str, people_upload, quotas_upload, id_column: str = "") -> Job:
    """Keep both files (personal data, until the job has read them) and put the reading on the queue."""
    record = PoolUpload.objects.create(
        assessment=assessment, name=name, id_column=id_column or "", created_by=user,
        people_file=(people_upload.name or "bestand")[:255], people_data=_read_upload(people_upload),
        quotas_file=(quotas_upload.name or "bestand")[:255], quotas_data=_read_upload(quotas_upload),
    )
    params = {"upload": record.pk, "assessment": assessment.pk,
              "back_url": reverse("panels:pools", args=[assessment.pk])}
    try:
        return start_job(READ_JOB, subject=upload_subject(assessment), params=params, user=user)
    except JobError as error:
        record.delete()
        raise PanelError(str(error)) from None


def _read_upload(upload) -> bytes:
    from mia.core.tables import MAX_BYTES

    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise PanelError(_("Het bestand is groter dan %(mb)d MB. Splits het bestand of verwijder overbodige kolommen.")
                         % {"mb": MAX_BYTES // (1024 * 1024)})
    return data


def run_pool_upload(upload_pk: int, progress=None) -> PanelPool:
    """The job's work: read both files in a child process with a time and memory limit (outside any
    transaction), then store the pool and drop the files in one transaction. A file that cannot be
    used raises ``PanelError`` with every issue (Dutch) and the files are deleted; nothing is stored."""
    from mia.panels.pool_process import PoolTooLarge, read_pool_files

    report = progress or _no_progress
    record = PoolUpload.objects.select_related("assessment").filter(pk=upload_pk).first()
    if record is None or (record.pool_id is None and not record.people_data):
        raise PanelError(_("Het bestand is niet meer beschikbaar. Lees het opnieuw in."))
    if record.pool_id is not None:  # a restarted job whose first run had stored the pool
        return record.pool
    reading = _("De bestanden lezen en controleren")
    report(0.02, reading)
    try:
        quotas, pool = read_pool_files(
            bytes(record.people_data), record.people_file, bytes(record.quotas_data), record.quotas_file,
            id_column=record.id_column or None, progress=lambda fraction: report(0.05 + 0.75 * fraction, reading),
        )
    except (PanelSelectionError, PoolTooLarge) as error:
        record.delete()
        raise PanelError(str(error)) from None
    report(0.85, _("%(n)d vrijwilligers opslaan") % {"n": len(pool.people)})
    with transaction.atomic():
        stored = _store_pool(record.assessment, record.name, record.people_file, record.quotas_file, quotas, pool)
        PoolUpload.objects.filter(pk=record.pk).update(pool=stored, people_data=b"", quotas_data=b"")
    return stored


def drop_pool_upload(upload_pk: int) -> None:
    """After the job, whatever its outcome: the files go (a crash must not leave them behind)."""
    PoolUpload.objects.filter(pk=upload_pk).update(people_data=b"", quotas_data=b"")


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


def update_quotas(record: PanelPool, changes: list[tuple[PoolQuota, int, int, float | None]]) -> None:
    """New (minimum, maximum, population share) for quotas of this pool, all at once."""
    if any(quota.pool_id != record.pk for quota, *_ in changes):
        raise PanelError(_("Deze aantallen horen niet bij deze lijst."))
    with transaction.atomic():
        for quota, minimum, maximum, population_share in changes:
            quota.min, quota.max, quota.population_share = minimum, maximum, population_share
            quota.save(update_fields=["min", "max", "population_share"])


# --- selection -----------------------------------------------------------------------------------


def start_selection(record: PanelPool, user, *, size: int, algorithm: str, seed: int | None = None,
                    forced_ids: str = "", household_column: str = "") -> Job:
    """Put a selection on the job queue; the worker runs ``run_selection``."""
    if active_job(SELECT_JOB, pool_subject(record)) is not None:
        raise PanelError(_("Er wordt al een panel geloot uit deze lijst. Wacht tot dat klaar is."))
    params = {
        "pool": record.pk, "size": size, "algorithm": algorithm,
        # Chosen now, so that a job restarted after an interruption draws the same panel.
        "seed": new_seed() if seed is None else seed,
        "forced_ids": forced_ids, "household_column": household_column,
        "back_url": reverse("panels:pool", args=[record.assessment_id, record.pk]),
    }
    try:
        return start_job(SELECT_JOB, subject=pool_subject(record), params=params, user=user)
    except JobError as error:
        raise PanelError(str(error)) from None


def latest_selection_job(record: PanelPool) -> Job | None:
    return Job.objects.filter(kind=SELECT_JOB, subject=pool_subject(record)).first()


def run_selection(record: PanelPool, user, *, size: int, algorithm: str, seed=None, forced_ids: str = "",
                  household_column: str = "", progress=None) -> PanelSelection:
    """Run the selection and store it. Raises InfeasibleQuotasError / SelectionError (Dutch messages).

    Called by the job's handler in the worker: it computes with no transaction open and stores the
    result in one short one. ``progress(fraction, step)`` follows the solver's stages."""
    from mia.panels.selection import result_to_dict, select_panel

    report = progress or _no_progress
    report(0.02, _("De lijst en de aantallen lezen"))
    household = [household_column.strip()] if household_column.strip() else []
    pool = pool_of(record, with_contact=bool(household))
    quotas = quotas_of(record)
    computing = _("De eerlijkste loting berekenen")
    report(0.05, computing)
    result = select_panel(
        pool, quotas, size, algorithm, seed,
        forced_ids=[i.strip() for i in forced_ids.split(",") if i.strip()],
        household_columns=household, time_limit=settings.MIA_PANEL_TIME_LIMIT_SECONDS,
        progress=lambda fraction: report(0.05 + 0.85 * fraction, computing),
    )
    report(0.95, _("Het panel opslaan"))
    data = result_to_dict(result)
    # Keep the stored result small: the full lottery can hold thousands of panels.
    data["lottery"] = data["lottery"][:1000]
    with transaction.atomic():
        return PanelSelection.objects.create(
            pool=record, size=size, algorithm=result.algorithm, seed=result.seed, created_by=user,
            min_probability=result.min_probability, seconds=result.seconds, result=data,
        )


def _no_progress(fraction: float, step: str = "") -> None:
    pass


# --- after the selection -------------------------------------------------------------------------


@transaction.atomic
def make_participants(selection: PanelSelection, session, perspective: str = "samenleving") -> int:
    """Add the drawn panel to a dialogue session as participants (name from the contact data if any)."""
    from mia.dialogues.actions import add_participant

    if session.assessment_id != selection.pool.assessment_id:
        raise PanelError(_("Deze sessie hoort niet bij deze MIA."))
    volunteers = {
        v.external_id: v for v in selection.pool.volunteers.filter(external_id__in=selection.result["panel"]).select_related("contact")
    }
    added = 0
    for external_id in selection.result["panel"]:
        volunteer = volunteers[external_id]
        contact = volunteer.contact.data if hasattr(volunteer, "contact") else {}
        name = _first(contact, ("naam", "name", "voornaam")) or f"Vrijwilliger {external_id}"
        email = _first(contact, ("email", "e-mail", "mail", "telefoon", "phone"))
        participant = add_participant(
            session, name=name[:200], perspective=perspective, contact=(email or "")[:200],
            organisation=", ".join(f"{k}: {v}" for k, v in volunteer.features.items())[:200],
        )
        Volunteer.objects.filter(pk=volunteer.pk).update(participant=participant)
        added += 1
    return added


def _first(data: dict, keys) -> str:
    lowered = {k.lower(): v for k, v in data.items()}
    for key in keys:
        if lowered.get(key):
            return str(lowered[key])
    return ""


@transaction.atomic
def erase_contacts(record: PanelPool) -> None:
    VolunteerContact.objects.filter(volunteer__pool=record).delete()
    record.contact_erased_at = timezone.now()
    record.save(update_fields=["contact_erased_at"])


def erase_contacts_of(assessments) -> int:
    """Erase the contact data of every pool of these assessments; returns how many pools."""
    pools = list(PanelPool.objects.filter(assessment__in=assessments, contact_erased_at__isnull=True))
    for pool in pools:
        erase_contacts(pool)
    return len(pools)
