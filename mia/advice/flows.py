"""The flow matrix between bodies and the due dates that mandates set, as pure logic (no Django).

A matrix is a set of (from body, to body, kind) that may be sent; everything else is refused. A
mandate says whether the receiver owes a response (an adviesraad's advice requires "een weloverwogen
reactie") and whether the sender's choices bind (a burgerberaad's choices must become policy).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

# Kinds that carry the sender's weight (the mandate decides whether they must be answered).
WEIGHTED_KINDS = frozenset({"voorstel", "bindend-voorstel", "advies", "toets"})
# Kinds that ask for an answer whatever the mandate.
QUESTION_KINDS = frozenset({"adviesvraag"})
# Kinds that bind by their nature: they cannot be "niet overgenomen".
BINDING_KINDS = frozenset({"bindend-voorstel"})


@dataclass(frozen=True)
class Mandate:
    key: str
    requires_response: bool
    binding: bool
    response_days: int | None


class Matrix:
    """What may flow from which body to which."""

    def __init__(self, allowed: Iterable[tuple[object, object, str]]):
        self._allowed = frozenset(allowed)

    def allows(self, sender, receiver, kind: str) -> bool:
        return sender != receiver and (sender, receiver, kind) in self._allowed

    def kinds(self, sender, receiver) -> list[str]:
        return sorted(k for s, r, k in self._allowed if s == sender and r == receiver)

    def pairs(self) -> set[tuple[object, object]]:
        return {(s, r) for s, r, _k in self._allowed}


def needs_response(kind: str, sender_mandate: Mandate | None) -> bool:
    """Whether the receiver owes a (well-considered) response to this item."""
    if kind in QUESTION_KINDS:
        return True
    if kind in BINDING_KINDS:
        return True
    return bool(sender_mandate and sender_mandate.requires_response and kind in WEIGHTED_KINDS)


def is_binding(kind: str, sender_mandate: Mandate | None) -> bool:
    """Whether the receiver must take the item over (it cannot be "niet overgenomen")."""
    if kind in BINDING_KINDS:
        return True
    return bool(sender_mandate and sender_mandate.binding and kind in WEIGHTED_KINDS)


def due_date(sent_on: dt.date, kind: str, sender_mandate: Mandate | None, *, days: int | None = None,
             asked: dt.date | None = None) -> dt.date | None:
    """The date by which the receiver must respond, or None when no response is owed.

    ``asked``: a date the sender set (an adviesvraag's deadline); it wins when given. ``days``: the
    sender body's own term; else the mandate's."""
    if not needs_response(kind, sender_mandate):
        return None
    if asked is not None:
        return asked
    term = days if days is not None else (sender_mandate.response_days if sender_mandate else None)
    if term is None:
        return None
    return sent_on + dt.timedelta(days=term)
