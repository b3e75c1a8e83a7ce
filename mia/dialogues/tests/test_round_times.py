"""A round held on paper gets the times the notulist noted."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mia.dialogues import actions
from mia.dialogues.actions import DialogueError
from mia.tests.factories import make_assessment, make_dialogue, make_user


@pytest.fixture
def round_(db):
    session = make_dialogue(make_assessment(make_user("kim")), participants=1, questions=1)
    return session.rounds.first()


def test_it_records_when_a_paper_round_began_and_ended(round_):
    start = timezone.now() - timedelta(days=3)
    actions.record_round_times(round_, opened_at=start, closed_at=start + timedelta(minutes=15))
    round_.refresh_from_db()
    assert (round_.opened_at, round_.closed_at) == (start, start + timedelta(minutes=15))
    assert not round_.is_open


def test_a_round_cannot_end_before_it_began(round_):
    start = timezone.now()
    with pytest.raises(DialogueError, match="Een ronde kan niet eindigen voordat hij begint."):
        actions.record_round_times(round_, opened_at=start, closed_at=start - timedelta(minutes=1))
    round_.refresh_from_db()
    assert round_.opened_at is None
