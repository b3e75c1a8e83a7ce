"""A job's own page: its progress while it runs (refreshed by a small script, or by reloading),
its Dutch error and a restart button when it failed, a link to the result when it is done."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from mia.jobs import actions
from mia.jobs.models import Job
from mia.jobs.registry import get_kind


def _job_for(user, pk: int) -> Job:
    job = get_object_or_404(Job, pk=pk)
    kind = get_kind(job.kind)
    if kind is None or not kind.may_view(user, job):
        raise Http404("no access")
    return job


def job_state(job: Job) -> dict:
    return {
        "id": job.pk, "status": job.status, "status_label": str(job.get_status_display()), "percent": job.percent,
        "step": job.step, "message": job.message, "url": job.result.get("url", ""),
    }


@never_cache
@login_required
def job_detail(request, pk):
    job = _job_for(request.user, pk)
    if request.GET.get("format") == "json":
        return JsonResponse(job_state(job))
    kind = get_kind(job.kind)
    return render(request, "jobs/job.html", {"job": job, "label": kind.label, "back_url": job.params.get("back_url", "")})


@login_required
@require_POST
def job_retry(request, pk):
    job = _job_for(request.user, pk)
    try:
        actions.retry_job(job)
    except actions.JobError as error:
        messages.error(request, str(error))
    return redirect("jobs:detail", job.pk)
