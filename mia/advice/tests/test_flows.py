"""The flow matrix and due dates from mandates, as pure logic."""

import datetime as dt

from mia.advice import flows
from mia.advice.content import mandate

SENT = dt.date(2026, 3, 2)


def test_the_matrix_allows_only_its_cells():
    m = flows.Matrix([("a", "b", "advies"), ("b", "a", "feedback")])
    assert m.allows("a", "b", "advies")
    assert not m.allows("a", "b", "feedback")
    assert not m.allows("b", "c", "advies")
    assert not m.allows("a", "a", "advies")
    assert m.kinds("a", "b") == ["advies"] and m.pairs() == {("a", "b"), ("b", "a")}


def test_an_adviesraad_advice_requires_a_considered_response_within_its_term():
    raad = mandate("adviesraad")
    assert flows.needs_response("advies", raad)
    assert flows.due_date(SENT, "advies", raad) == SENT + dt.timedelta(days=42)
    assert flows.due_date(SENT, "advies", raad, days=14) == dt.date(2026, 3, 16)
    assert not flows.is_binding("advies", raad)


def test_a_klankbordgroep_leaves_the_receiver_free():
    bord = mandate("klankbordgroep")
    assert not flows.needs_response("advies", bord)
    assert flows.due_date(SENT, "advies", bord) is None


def test_a_burgerberaad_binds():
    beraad = mandate("burgerberaad")
    assert flows.is_binding("voorstel", beraad) and flows.needs_response("voorstel", beraad)
    assert not flows.is_binding("uitwisseling", beraad) and not flows.needs_response("uitwisseling", beraad)


def test_a_binding_proposal_binds_whatever_the_mandate_and_a_question_asks_an_answer():
    assert flows.is_binding("bindend-voorstel", None)
    assert flows.needs_response("adviesvraag", mandate("werkgroep"))
    # A question with no term and no date set: owed, but without a date.
    assert flows.due_date(SENT, "adviesvraag", mandate("werkgroep")) is None
    assert flows.due_date(SENT, "adviesvraag", mandate("werkgroep"), asked=dt.date(2026, 4, 1)) == dt.date(2026, 4, 1)


def test_signals_and_exchanges_ask_nothing():
    for kind in ("signaal", "uitwisseling", "feedback"):
        assert flows.due_date(SENT, kind, mandate("adviesraad")) is None
