"""`loaddemo` builds the worked programme once, however often it runs."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from mia.demo import programmes_example
from mia.programmes.models import CycleLink, Initiative, PolicyAction, Programme


@pytest.fixture
def demo(db):
    call_command("loaddemo", stdout=StringIO())
    return Programme.objects.get(uid=programmes_example.PROGRAMME_UID)


def test_the_demo_programme_is_complete(demo):
    assert demo.themes.count() == 6 and demo.problem_themes.count() == 5
    assert demo.initiatives.count() >= 25
    phases = sorted(c.phase for c in demo.cycles.all())
    assert phases == ["A", "B", "D"]
    evaluated = demo.cycles.get(phase="D")
    links = list(evaluated.links.select_related("session"))
    assert len(links) == 2 and all(link.session.join_code is None or link.session.live_status for link in links)
    assert sum(link.session.rounds.filter(cards__isnull=False).count() for link in links) > 0
    assert evaluated.themes_result["all"]["cards"] >= 6 and evaluated.themes_result["all"]["themes"]
    assert evaluated.goals.exclude(status="").count() == 2
    assert PolicyAction.objects.filter(cycle=evaluated).count() == 2
    assert demo.gap_notes.count() == 2 and demo.priorities.count() == 2


def test_loaddemo_is_idempotent(demo):
    counts = (Programme.objects.count(), Initiative.objects.count(), CycleLink.objects.count())
    call_command("loaddemo", stdout=StringIO())
    assert (Programme.objects.count(), Initiative.objects.count(), CycleLink.objects.count()) == counts


def test_the_demo_user_sees_the_programme_and_its_evaluation(client, demo):
    client.force_login(get_user_model().objects.get(username="demo"))
    assert demo.title in client.get(reverse("programmes:list")).content.decode()
    evaluated = demo.cycles.get(phase="D")
    page = client.get(reverse("programmes:evaluation", args=[demo.pk, evaluated.pk])).content.decode()
    assert "Rode draad?" in page and "Les over online omgangsvormen" in page
    live = next(link.session for link in evaluated.links.select_related("session") if link.session.join_code)
    screen = client.get(reverse("live:facilitator", args=[live.assessment_id, live.pk])).content.decode()
    assert "5 richtlijnen voor het voeren van dialoog" in screen
