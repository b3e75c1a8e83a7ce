"""The worked demo series: three sessions on two questions, sign-ups, a selection, reactions
accepted and declined, recommendations at all three levels, a suppressed characteristics cell,
and every page of it renders."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mia.consultations.characteristics import SUPPRESSED
from mia.consultations.models import ReactionStatus, Series
from mia.consultations.report import characteristics_tables
from mia.demo import consultations_example, mia_example

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(content):
    mia_example.load()
    consultations_example.load()
    return Series.objects.get(uid=consultations_example.UID)


def test_the_demo_has_everything_the_issue_asks(demo):
    assert demo.sessions.filter(kind="bijeenkomst").count() >= 3 and demo.questions.count() == 2
    assert demo.signups.count() >= 40 and demo.sessions.first().selections.exists()
    statuses = set(demo.drafts.values_list("paragraphs__reactions__status", flat=True))
    assert {ReactionStatus.OVERGENOMEN, ReactionStatus.NIET_OVERGENOMEN} <= statuses
    assert set(demo.recommendations.values_list("level", flat=True)) == {"overkoepelend", "landelijk", "lokaal"}
    tables = characteristics_tables(demo)
    cells = [c.shown_count for _s, t in tables["sessions"] for f in t.features for c in f.cells]
    cells += [c.shown_count for f in tables["total"].features for c in f.cells]
    assert SUPPRESSED in cells
    assert demo.closing.count() == 6 and demo.threads.count() == 2


def test_it_is_idempotent(demo):
    assert "bestaat al" in consultations_example.load()
    assert Series.objects.filter(uid=consultations_example.UID).count() == 1


def test_every_page_of_the_demo_renders(client, demo):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="demo"))
    pages = [reverse("consultations:list"), reverse("consultations:series", args=[demo.pk]),
             reverse("consultations:signups", args=[demo.pk]), reverse("consultations:recommendations", args=[demo.pk]),
             reverse("consultations:characteristics", args=[demo.pk]), reverse("consultations:report", args=[demo.pk])]
    pages += [reverse("consultations:session", args=[demo.pk, s.pk]) for s in demo.sessions.all()]
    pages += [reverse("consultations:recruitment", args=[demo.pk, s.pk]) for s in demo.sessions.all()]
    pages += [reverse("consultations:draft", args=[demo.pk, q.pk]) for q in demo.questions.all()]
    for url in pages:
        assert client.get(url).status_code == 200, url
    person = demo.drafts.first().paragraphs.first().reactions.first().signup
    assert client.get(reverse("consultations:participant", args=[person.token])).status_code == 200
