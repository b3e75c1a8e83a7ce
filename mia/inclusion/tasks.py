"""The inclusion app's kind of job: a PDF or DOCX of a whole trajectory.

A large trajectory (fifty checks, fifty indicators with their charts) takes more than a minute to
lay out as PDF (see bench/inclusion_pages.py), so exports run in the worker. The document is made
outside any transaction; the file is written in one short one.
"""

from __future__ import annotations

import rules
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mia.inclusion import exports
from mia.inclusion.access import MANAGE, VIEW
from mia.inclusion.models import ExportFile, Trajectory
from mia.jobs.registry import JobFailed, register

KIND = "inclusion.export"


def may_view(user, job) -> bool:
    trajectory = Trajectory.objects.filter(pk=job.params.get("trajectory")).first()
    if trajectory is None:
        return False
    return rules.has_perm(MANAGE if job.params.get("personal_data") else VIEW, user, trajectory)


@register(KIND, label=_("Traject exporteren"), may_view=may_view)
def make_export(context) -> dict:
    params = context.params
    trajectory = Trajectory.objects.select_related("organisation", "content_version").filter(pk=params.get("trajectory")).first()
    if trajectory is None:
        raise JobFailed("Dit traject bestaat niet meer.")
    fmt, personal_data = params.get("format"), bool(params.get("personal_data"))
    if fmt not in ("pdf", "docx"):
        raise JobFailed("Kies PDF of DOCX.")
    context.progress(0.1, "Het document wordt opgemaakt")
    if fmt == "pdf":
        content = exports.trajectory_pdf(trajectory, personal_data=personal_data)
    else:
        content = exports.trajectory_docx(trajectory, personal_data=personal_data)
    context.progress(0.9, "Het document wordt bewaard")
    with transaction.atomic():
        export = ExportFile.objects.create(
            trajectory=trajectory, format=fmt, personal_data=personal_data, content=content,
            filename=exports.filename(trajectory, fmt), created_by_id=params.get("user"),
        )
    return {"url": reverse("inclusion:export_file", args=[trajectory.pk, export.pk])}
