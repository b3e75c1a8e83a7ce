"""A large JSON import does not hold the database's write lock for the whole import (issue 11, item 18)."""

from __future__ import annotations

import pytest

from mia.assessments.models import Assessment
from mia.dialogues.models import ConclusionCard
from mia.reports import exchange
from mia.tests.factories import make_assessment, make_dialogue

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def export(content, owner):
    source = make_assessment(owner, title="Bron")
    make_dialogue(source, participants=3, questions=2)
    data = exchange.export_assessment(source, personal_data=True)
    rounds = [r for s in data["sessions"] for r in s["rounds"]]
    template = next(c for r in rounds for c in r["cards"])
    for r in rounds:
        r["cards"] = [{**template, "text": f"Kaartje {i}"} for i in range(7)]
    return data, 7 * len(rounds)


def test_large_import_commits_cards_in_short_batches(export, owner, monkeypatch):
    data, total = export
    monkeypatch.setattr(exchange, "CARD_BATCH_SIZE", 5)
    monkeypatch.setattr(exchange, "SQLITE_PAUSE_SECONDS", 0)
    from django.db import connection

    batches = []
    original = ConclusionCard.objects.bulk_create

    def recording(cards, **kwargs):
        # Each batch runs in a transaction of its own, after the assessment itself was committed.
        assert connection.in_atomic_block
        batches.append(len(cards))
        assert Assessment.objects.filter(title="Bron").count() == 2
        return original(cards, **kwargs)

    monkeypatch.setattr(ConclusionCard.objects, "bulk_create", recording)
    imported = exchange.import_assessment(data, owner)
    assert sum(batches) == total and max(batches) <= 5 and len(batches) == -(-total // 5)
    assert ConclusionCard.objects.filter(round__session__assessment=imported).count() == total


def test_an_import_that_fails_in_a_later_batch_leaves_nothing_behind(export, owner, monkeypatch):
    data, _total = export
    monkeypatch.setattr(exchange, "CARD_BATCH_SIZE", 5)
    monkeypatch.setattr(exchange, "SQLITE_PAUSE_SECONDS", 0)
    original, calls = ConclusionCard.objects.bulk_create, []

    def failing(cards, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(cards, **kwargs)

    monkeypatch.setattr(ConclusionCard.objects, "bulk_create", failing)
    before = ConclusionCard.objects.count()
    with pytest.raises(RuntimeError):
        exchange.import_assessment(data, owner)
    assert Assessment.objects.filter(title="Bron").count() == 1
    assert ConclusionCard.objects.count() == before


def test_a_bad_card_is_refused_before_any_card_is_written(export, owner):
    data, _total = export
    data["sessions"][0]["rounds"][-1]["cards"][-1]["kind"] = "onbekend"
    before = ConclusionCard.objects.count()
    with pytest.raises(exchange.ImportFailed):
        exchange.import_assessment(data, owner)
    assert Assessment.objects.filter(title="Bron").count() == 1
    assert ConclusionCard.objects.count() == before
