"""`loaddemo` builds the impact team's workspace once, with everything the issue asks of the demo."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from mia.demo import measures_example
from mia.measures.evaluation import evaluate
from mia.measures.models import Observation, Workspace
from mia.measures.placements import ladder_context, stacking_context

pytestmark = pytest.mark.django_db


def run() -> str:
    out = StringIO()
    call_command("loaddemo", stdout=out)
    return out.getvalue()


def test_the_demo_has_what_the_issue_asks_and_is_made_once():
    output = run()
    assert "Demo impactteam aangemaakt" in output
    workspace = Workspace.objects.get(uid=measures_example.DEMO_UID)
    assert workspace.scenarios.count() == 2
    assert workspace.measures.count() == 10
    for m in workspace.measures.all():
        assert m.description and m.meaning_for_people and m.impact_if_not_taken and m.scenario_impacts.exists(), m
    assert workspace.packages.count() == 2
    heavy = workspace.scenarios.get(name="Zwaarder scenario")
    context = ladder_context(workspace, heavy)
    assert len(context["weighted"]) == 12  # ten measures and two packages in the matrix
    stacked = stacking_context(workspace.packages.get(name="Zwaar pakket najaar"))
    assert stacked["stacking"].standout
    assert workspace.indicators.count() == 3 and Observation.objects.filter(indicator__workspace=workspace).count() == 8 + 8 + 12 * 4
    weighing = workspace.weighings.get()
    evaluation = evaluate(weighing)
    assert evaluation.result is not None, evaluation.problem
    assert workspace.developments.count() == 3
    assert workspace.measures.get(title="Sluiting van buurthuizen en ontmoetingsplekken").assessment is not None
    counts = (Workspace.objects.count(), Observation.objects.count())
    output = run()
    assert "Demo impactteam bestaat al" in output
    assert (Workspace.objects.count(), Observation.objects.count()) == counts


def test_the_demo_user_sees_it(client):
    run()
    client.force_login(get_user_model().objects.get(username="demo"))
    workspace = Workspace.objects.get(uid=measures_example.DEMO_UID)
    for url in [reverse("measures:list"), reverse("measures:workspace", args=[workspace.pk]),
                reverse("measures:weighing", args=[workspace.pk, workspace.weighings.get().pk]),
                reverse("measures:dashboard", args=[workspace.pk])]:
        response = client.get(url)
        assert response.status_code == 200 and "Maatschappelijk Impact Team (demo)" in response.content.decode()
