"""The vote rules as pure logic: majority, tie, abstention, quorum, voltallig, unanimity."""

import pytest

from mia.advice import voting
from mia.advice.voting import ABSTAIN, AGAINST, FOR, decide

MEMBERS = list(range(1, 10))  # nine voting members


def test_it_adopts_with_a_simple_majority_and_reports_dissent():
    votes = {m: FOR for m in range(1, 8)} | {8: AGAINST, 9: ABSTAIN}
    out = decide(votes, members=MEMBERS, present=MEMBERS)
    assert out.result == voting.ADOPTED and (out.for_, out.against, out.abstain) == (7, 1, 1)
    assert out.full_attendance and not out.unanimous
    assert set(out.dissenters) == {8, 9}


def test_a_tie_is_no_majority():
    votes = {1: FOR, 2: FOR, 3: AGAINST, 4: AGAINST, 5: ABSTAIN}
    out = decide(votes, members=MEMBERS, present=[1, 2, 3, 4, 5])
    assert out.result == voting.NO_MAJORITY and not out.adopted and out.valid


def test_abstentions_do_not_count_in_a_simple_majority_but_do_in_an_absolute_one():
    votes = {1: FOR, 2: FOR, 3: AGAINST, 4: ABSTAIN, 5: ABSTAIN, 6: ABSTAIN}
    present = list(votes)
    assert decide(votes, members=MEMBERS, present=present).result == voting.ADOPTED
    assert decide(votes, members=MEMBERS, present=present, rule="volstrekte-meerderheid").result == voting.REJECTED


def test_more_against_rejects():
    votes = {1: FOR, 2: AGAINST, 3: AGAINST, 4: AGAINST, 5: FOR}
    assert decide(votes, members=MEMBERS, present=list(votes)).result == voting.REJECTED


def test_below_the_quorum_there_is_no_valid_decision():
    votes = {1: FOR, 2: FOR, 3: FOR, 4: FOR}
    out = decide(votes, members=MEMBERS, present=[1, 2, 3, 4])  # default quorum 5 of 9
    assert out.result == voting.NO_QUORUM and not out.valid and out.quorum == 5
    assert decide(votes, members=MEMBERS, present=[1, 2, 3, 4], quorum=4).result == voting.ADOPTED


def test_unanimous_and_complete():
    votes = {m: FOR for m in MEMBERS}
    out = decide(votes, members=MEMBERS, present=MEMBERS)
    assert out.unanimous and out.full_attendance and out.dissenters == ()


def test_unanimous_but_not_complete():
    votes = {m: FOR for m in MEMBERS[:6]}
    out = decide(votes, members=MEMBERS, present=MEMBERS[:6])
    assert out.unanimous and not out.full_attendance


def test_two_thirds_and_unanimity_rules():
    votes = {1: FOR, 2: FOR, 3: AGAINST, 4: ABSTAIN, 5: FOR}
    assert decide(votes, members=MEMBERS, present=list(votes), rule="twee-derde").result == voting.ADOPTED  # 3 of 4 cast
    votes[5] = AGAINST
    assert decide(votes, members=MEMBERS, present=list(votes), rule="twee-derde").result == voting.REJECTED  # 2 of 4
    assert decide({m: FOR for m in range(1, 6)}, members=MEMBERS, present=range(1, 6), rule="unaniem").result == voting.ADOPTED
    assert decide({1: FOR, 2: FOR, 3: FOR, 4: FOR, 5: ABSTAIN}, members=MEMBERS, present=range(1, 6), rule="unaniem").result == voting.REJECTED


def test_only_abstentions_is_no_majority():
    votes = {m: ABSTAIN for m in range(1, 6)}
    assert decide(votes, members=MEMBERS, present=list(votes)).result == voting.NO_MAJORITY
    assert decide(votes, members=MEMBERS, present=list(votes), rule="twee-derde").result == voting.NO_MAJORITY


@pytest.mark.parametrize("votes,present,code", [
    ({1: FOR}, [1, 2], "missing-vote"),
    ({1: FOR, 2: FOR}, [1], "absent-voter"),
    ({1: "misschien"}, [1], "bad-choice"),
    ({42: FOR}, [42], "not-a-member"),
])
def test_votes_that_do_not_fit_are_refused(votes, present, code):
    with pytest.raises(voting.VoteError) as error:
        decide(votes, members=MEMBERS, present=present)
    assert error.value.code == code


def test_unknown_rule_and_bad_quorum():
    with pytest.raises(voting.VoteError):
        decide({1: FOR}, members=MEMBERS, present=[1], rule="loting")
    with pytest.raises(voting.VoteError):
        decide({1: FOR}, members=MEMBERS, present=[1], quorum=99)
