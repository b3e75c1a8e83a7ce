"""Decisions by majority, as pure logic (no Django): who was present, the quorum, the votes, the outcome.

The werkprogramma MIT §4.4: "Bij alle adviestrajecten vindt mondelinge of schriftelijke besluitvorming
plaats met het meerderheidsbeginsel, zo mogelijk in de voltallige bezetting en bij voorkeur unaniem na
beraadslaging." So a decision records whether the body was complete (voltallig) and whether it was
unanimous, beside the outcome under the body's rule.

Rules (``rule``):
- ``gewone-meerderheid`` (default): more votes for than against; abstentions do not count; a tie is
  no majority;
- ``volstrekte-meerderheid``: more than half of the members present vote for;
- ``twee-derde``: at least two thirds of the votes cast (for + against) are for;
- ``unaniem``: everyone present votes for.

Quorum: the least number of voting members that must be present; below it there is no valid decision.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

FOR, AGAINST, ABSTAIN = "voor", "tegen", "onthouding"
CHOICES = (FOR, AGAINST, ABSTAIN)
RULES = ("gewone-meerderheid", "volstrekte-meerderheid", "twee-derde", "unaniem")
DEFAULT_RULE = "gewone-meerderheid"

ADOPTED, REJECTED, NO_MAJORITY, NO_QUORUM = "aangenomen", "verworpen", "geen-meerderheid", "geen-quorum"


class VoteError(ValueError):
    """The votes do not fit the members present (a key of the caller's message table as ``code``)."""

    def __init__(self, code: str, detail: str = ""):
        super().__init__(code if not detail else f"{code}: {detail}")
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Outcome:
    result: str  # ADOPTED, REJECTED, NO_MAJORITY, NO_QUORUM
    for_: int
    against: int
    abstain: int
    present: int
    members: int
    quorum: int
    full_attendance: bool  # voltallig: every voting member present
    unanimous: bool  # everyone present voted for (no against, no abstention)
    dissenters: tuple = field(default_factory=tuple)  # who voted against or abstained

    @property
    def valid(self) -> bool:
        return self.result != NO_QUORUM

    @property
    def adopted(self) -> bool:
        return self.result == ADOPTED


def default_quorum(members: int) -> int:
    """More than half of the voting members."""
    return members // 2 + 1 if members else 0


def decide(votes: Mapping[object, str], *, members: Iterable[object], present: Iterable[object],
           rule: str = DEFAULT_RULE, quorum: int | None = None) -> Outcome:
    """The outcome of one vote. ``votes``: member → voor / tegen / onthouding, one for every member present."""
    if rule not in RULES:
        raise VoteError("unknown-rule", rule)
    members = list(dict.fromkeys(members))
    present = list(dict.fromkeys(present))
    member_set = set(members)
    strangers = [p for p in present if p not in member_set]
    if strangers:
        raise VoteError("not-a-member", ", ".join(map(str, strangers)))
    present_set = set(present)
    for voter, choice in votes.items():
        if choice not in CHOICES:
            raise VoteError("bad-choice", str(choice))
        if voter not in present_set:
            raise VoteError("absent-voter", str(voter))
    missing = [p for p in present if p not in votes]
    if missing:
        raise VoteError("missing-vote", ", ".join(map(str, missing)))
    if quorum is None:
        quorum = default_quorum(len(members))
    if quorum < 0 or quorum > len(members):
        raise VoteError("bad-quorum", str(quorum))

    n_for = sum(1 for c in votes.values() if c == FOR)
    n_against = sum(1 for c in votes.values() if c == AGAINST)
    n_abstain = sum(1 for c in votes.values() if c == ABSTAIN)
    n_present = len(present)
    full = bool(members) and n_present == len(members)
    unanimous = n_present > 0 and n_for == n_present
    dissenters = tuple(v for v, c in votes.items() if c != FOR)

    if n_present == 0 or n_present < quorum:
        result = NO_QUORUM
    elif rule == "gewone-meerderheid":
        result = ADOPTED if n_for > n_against else (NO_MAJORITY if n_for == n_against else REJECTED)
    elif rule == "volstrekte-meerderheid":
        if n_for * 2 > n_present:
            result = ADOPTED
        elif n_for * 2 == n_present:
            result = NO_MAJORITY
        else:
            result = REJECTED
    elif rule == "twee-derde":
        cast = n_for + n_against
        if cast == 0:
            result = NO_MAJORITY
        else:
            share = Fraction(n_for, cast)
            result = ADOPTED if share >= Fraction(2, 3) else REJECTED
    else:  # unaniem
        result = ADOPTED if unanimous else REJECTED
    return Outcome(result, n_for, n_against, n_abstain, n_present, len(members), quorum, full, unanimous, dissenters)
