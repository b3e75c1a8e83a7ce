"""A script (the demo) can give a new MIA a fixed uid, to find it again on its next run."""

import uuid

from mia.assessments import actions
from mia.tests.factories import make_user


def test_it_takes_a_fixed_uid_or_makes_one(db):
    owner = make_user("kim")
    fixed = uuid.UUID("00000000-0000-4000-8000-000000000042")
    assert actions.create_assessment(owner, "Met een vaste uid", uid=fixed).uid == fixed
    first, second = (actions.create_assessment(owner, f"MIA {n}") for n in (1, 2))
    assert first.uid != second.uid and fixed not in (first.uid, second.uid)
