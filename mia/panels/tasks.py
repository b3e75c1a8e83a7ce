"""The panels app's kinds of job: reading an uploaded pool, and a fair panel selection, run by the worker."""

from __future__ import annotations

import rules
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mia.assessments.models import Assessment
from mia.jobs.registry import JobFailed, register
from mia.panels import actions
from mia.panels.models import PanelPool
from mia.panels.selection.errors import InfeasibleQuotasError, PanelSelectionError


def may_view(user, job) -> bool:
    record = PanelPool.objects.filter(pk=job.params.get("pool")).select_related("assessment").first()
    return record is not None and rules.has_perm("assessments.change_assessment", user, record.assessment)


@register(actions.SELECT_JOB, label=gettext_lazy("Panel loten"), may_view=may_view)
def select_panel(context) -> dict:
    params = context.params
    record = PanelPool.objects.filter(pk=params["pool"]).first()
    if record is None:
        raise JobFailed(_("Deze pool bestaat niet meer."))
    try:
        selection = actions.run_selection(
            record, context.job.created_by, size=params["size"], algorithm=params["algorithm"], seed=params["seed"],
            forced_ids=params.get("forced_ids", ""), household_column=params.get("household_column", ""),
            progress=context.progress,
        )
    except InfeasibleQuotasError as error:
        # The pool page shows which quotas conflict and the smallest change that helps.
        raise JobFailed(str(error), result={"explanation": error.explanation.text()}) from None
    except PanelSelectionError as error:
        raise JobFailed(str(error)) from None
    return {
        "url": reverse("panels:selection", args=[record.assessment_id, record.pk, selection.pk]),
        "selection": selection.pk,
    }


def may_view_upload(user, job) -> bool:
    # By the assessment, not the upload: the upload's row is gone once a file was refused.
    assessment = Assessment.objects.filter(pk=job.params.get("assessment")).first()
    return assessment is not None and rules.has_perm("assessments.change_assessment", user, assessment)


@register(actions.READ_JOB, label=gettext_lazy("Lijst met vrijwilligers inlezen"), may_view=may_view_upload)
def read_pool(context) -> dict:
    upload = context.params["upload"]
    try:
        record = actions.run_pool_upload(upload, progress=context.progress)
    except actions.PanelError as error:
        raise JobFailed(str(error)) from None
    finally:
        actions.drop_pool_upload(upload)
    return {
        "url": reverse("panels:pool", args=[record.assessment_id, record.pk]),
        "pool": record.pk, "volunteers": record.volunteers.count(),
    }
