"""The worked demo trajectory: built once through the actions, and every page of it renders."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from mia.demo import inclusion_example
from mia.inclusion.models import Trajectory


@pytest.fixture
def demo(db):
    call_command("loaddemo", stdout=StringIO())
    return Trajectory.objects.get(uid=inclusion_example.DEMO_UID)


@pytest.fixture
def demo_client(client, demo):
    client.force_login(get_user_model().objects.get(username="demo"))
    return client


def test_the_demo_is_what_the_issue_asks_for(demo):
    assert demo.levensdomein == "vrije-tijd" and demo.area == "De Horst"
    assert demo.tasks.filter(question__gt="", done_at__isnull=True).count() == 3
    assert demo.answers.filter(state="overslaan").count() == 1
    assert demo.checks.get().factor_answers.count() == 8
    assert demo.checks.get().intersections.count() == 2
    assert demo.working_group.members.count() == 9
    outcome = demo.monitoring.indicators.filter(kind="outcome")
    assert outcome.count() == 2
    assert all(i.measurements.count() == 3 for i in outcome)


def test_loading_the_demo_twice_changes_nothing(demo):
    counts = (Trajectory.objects.count(), demo.tasks.count(), demo.working_group.members.count())
    out = StringIO()
    call_command("loaddemo", stdout=out)
    assert "Demo inclusief beleid bestaat al" in out.getvalue()
    assert (Trajectory.objects.count(), demo.tasks.count(), demo.working_group.members.count()) == counts


def page_urls(t: Trajectory) -> list[str]:
    check = t.checks.get()
    indicator = t.monitoring.indicators.first()
    member = t.working_group.members.first()
    task = t.tasks.first()
    return [
        reverse("inclusion:list"),
        reverse("inclusion:create"),
        reverse("inclusion:trajectory", args=[t.pk]),
        *[reverse("inclusion:step", args=[t.pk, n]) for n in range(1, 6)],
        *[reverse("inclusion:precondition", args=[t.pk, n]) for n in range(1, 4)],
        reverse("inclusion:check", args=[t.pk, check.pk]),
        reverse("inclusion:indicator", args=[t.pk, indicator.pk]),
        reverse("inclusion:member", args=[t.pk, member.pk]),
        reverse("inclusion:tasks", args=[t.pk]),
        reverse("inclusion:task", args=[t.pk, task.pk]),
        reverse("inclusion:coverage", args=[t.pk]),
        reverse("inclusion:summary", args=[t.pk]),
    ]


def test_every_page_of_the_demo_renders(demo_client, demo):
    for url in page_urls(demo):
        response = demo_client.get(url)
        assert response.status_code == 200, url


def test_the_exports_of_the_demo(demo_client, demo):
    for name, kind in [("export_json", "json"), ("measurements_csv", "text/csv")]:
        response = demo_client.get(reverse(f"inclusion:{name}", args=[demo.pk]))
        assert response.status_code == 200 and kind in response["Content-Type"], name
    # PDF and DOCX are made by the job queue (in the tests: at once), then downloaded.
    for fmt, kind in [("pdf", "application/pdf"), ("docx", "officedocument")]:
        job_page = demo_client.post(reverse("inclusion:export_start", args=[demo.pk]), {"format": fmt}, follow=True)
        assert "Klaar." in job_page.content.decode()
        export = demo.export_files.get(format=fmt)
        response = demo_client.get(reverse("inclusion:export_file", args=[demo.pk, export.pk]))
        assert response.status_code == 200 and kind in response["Content-Type"]
        assert response["Content-Disposition"].startswith('attachment; filename="inclusietraject-')
