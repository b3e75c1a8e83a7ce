"""The impact team's long work on the job queue: large indicator and workspace imports, the CBS
refresh (also on a schedule), and one PDF of all fiches. Each handler computes outside any
transaction and writes its result in one short one (in ``actions``)."""

from __future__ import annotations

import rules
from django.urls import reverse
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from mia.jobs.registry import JobFailed, register
from mia.measures import actions
from mia.measures.models import CbsFeed, Upload, Workspace

# The CBS fetcher; the tests put one here that reads recorded responses.
fetch = None


def _fetcher():
    from mia.measures.cbs import http_fetch

    return fetch or http_fetch


def _may_view_workspace(user, job) -> bool:
    workspace = Workspace.objects.filter(pk=job.params.get("workspace")).first()
    return workspace is not None and rules.has_perm("measures.view_workspace", user, workspace)


def _may_view_own(user, job) -> bool:
    return user.is_authenticated and job.created_by_id == user.pk


@register("measures.import_indicators", label="Indicatoren inlezen", may_view=_may_view_workspace)
def import_indicators(context) -> dict:
    from mia.core.tables import TableError, read_table
    from mia.measures.indicators import parse_indicator_table

    upload = Upload.objects.select_related("workspace").filter(pk=context.params["upload"]).first()
    if upload is None or not upload.data:
        raise JobFailed("Het bestand is niet meer beschikbaar. Lees het opnieuw in.")
    context.progress(0.1, "Bestand lezen")
    try:
        parsed = parse_indicator_table(read_table(bytes(upload.data), name=upload.filename))
    except TableError as error:
        actions.finish_upload(upload, rows=0, warnings=[str(error)])
        raise JobFailed(str(error)) from None
    context.progress(0.6, f"{len(parsed.rows)} waarden opslaan")
    try:
        counts = actions.import_observations(upload.workspace, parsed.rows)
    except actions.MeasuresError as error:
        raise JobFailed(str(error)) from None
    actions.finish_upload(upload, rows=len(parsed.rows), warnings=parsed.warnings)
    return {**counts, "warnings": parsed.warnings, "url": reverse("measures:dashboard", args=[upload.workspace_id])}


@register("measures.import_workspace", label="Werkruimte importeren", may_view=_may_view_own)
def import_workspace(context) -> dict:
    from mia.measures.jsonfile import JsonFileError, load_json
    from mia.measures.schema import DocumentError, parse_document

    upload = Upload.objects.select_related("organisation", "created_by").filter(pk=context.params["upload"]).first()
    if upload is None or not upload.data:
        raise JobFailed("Het bestand is niet meer beschikbaar. Importeer het opnieuw.")
    context.progress(0.1, "Bestand controleren")
    try:
        document = parse_document(load_json(bytes(upload.data)))
    except (JsonFileError, DocumentError) as error:
        actions.finish_upload(upload, rows=0, warnings=[str(error)])
        raise JobFailed(str(error)) from None
    context.progress(0.5, "Werkruimte opslaan")
    try:
        workspace = actions.import_workspace(document, upload.organisation, upload.created_by)
    except actions.MeasuresError as error:
        raise JobFailed(str(error)) from None
    actions.finish_upload(upload, rows=len(document.measures), warnings=[], workspace=workspace)
    return {"workspace": workspace.pk, "url": reverse("measures:workspace", args=[workspace.pk])}


@register("measures.cbs_refresh", label="Cijfers van het CBS ophalen", may_view=_may_view_workspace)
def cbs_refresh(context) -> dict:
    from mia.measures.cbs import CbsError, as_indicator_rows, parse_table_url, read_cbs

    feed = CbsFeed.objects.select_related("workspace").filter(pk=context.params["feed"]).first()
    if feed is None:
        raise JobFailed("Deze CBS-tabel staat niet meer in de werkruimte.")
    context.progress(0.1, "Tabel ophalen bij het CBS")
    try:
        table = parse_table_url(feed.url)
        wanted = {t["key"]: t.get("indicator", "") for t in feed.topics if t.get("key")}
        result = read_cbs(table, _fetcher(), topics=wanted or None)
    except CbsError as error:
        actions.record_cbs_refresh(feed, f"Mislukt: {error}")
        raise JobFailed(str(error)) from None
    context.progress(0.7, f"{len(result.rows)} waarden opslaan")
    try:
        counts = actions.import_observations(feed.workspace, as_indicator_rows(result), category=feed.category,
                                             source_default=f"CBS StatLine, tabel {table.table_id}")
    except actions.MeasuresError as error:
        actions.record_cbs_refresh(feed, f"Mislukt: {error}")
        raise JobFailed(str(error)) from None
    message = f"{counts['new']} nieuwe en {counts['changed']} gewijzigde waarden uit ‘{result.title}’."
    if result.warnings:
        message += " " + " ".join(result.warnings)
    actions.record_cbs_refresh(feed, message)
    return {**counts, "warnings": result.warnings, "url": reverse("measures:dashboard", args=[feed.workspace_id])}


@register("measures.fiches_pdf", label="Alle fiches als PDF", may_view=_may_view_workspace)
def fiches_pdf(context) -> dict:
    from mia.measures.documents import fiches_pdf as build

    workspace = Workspace.objects.filter(pk=context.params["workspace"]).first()
    if workspace is None:
        raise JobFailed("Deze werkruimte bestaat niet meer.")
    data = build(workspace, progress=lambda f, step: context.progress(0.9 * f, step))
    user = context.job.created_by
    export = actions.store_export(workspace, filename=f"fiches-{workspace.pk}.pdf", content_type="application/pdf", data=data, user=user)
    return {"export": export.pk, "url": reverse("measures:export_file", args=[workspace.pk, export.pk])}


@db_periodic_task(crontab(minute="17"))
def refresh_cbs_feeds() -> None:
    """Hourly: start a refresh for every CBS table whose interval has passed."""
    actions.refresh_due_feeds()
