"""The advice app's long work on the job queue: the PDF of a large advice. The handler computes
outside any transaction and stores the document in one short one (``actions.store_export``)."""

from __future__ import annotations

import rules
from django.urls import reverse

from mia.advice import actions
from mia.advice.models import Trajectory
from mia.jobs.registry import JobFailed, register


def _may_view(user, job) -> bool:
    t = Trajectory.objects.select_related("structure").filter(pk=job.params.get("trajectory")).first()
    return t is not None and rules.has_perm("advice.view_structure", user, t.structure)


@register("advice.advice_pdf", label="Advies als PDF", may_view=_may_view)
def advice_pdf(context) -> dict:
    from mia.advice.exports import advice_pdf as build

    t = Trajectory.objects.select_related("structure__organisation", "body", "receiver").filter(pk=context.params["trajectory"]).first()
    if t is None:
        raise JobFailed("Dit adviestraject bestaat niet meer.")
    context.progress(0.1, "PDF opmaken")
    data = build(t)
    export = actions.store_export(t, filename=f"advies-{t.code}.pdf", content_type="application/pdf", data=data, user=context.job.created_by)
    return {"export": export.pk, "url": reverse("advice:export_file", args=[t.structure_id, t.pk, export.pk])}
