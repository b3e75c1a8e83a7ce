"""The rules of bodies, flows, items, trajectories and decisions, through the app's actions."""

import datetime as dt

import pytest

from mia.advice import actions
from mia.advice.actions import AdviceError
from mia.advice.models import ItemStatus, TrajectoryStatus
from mia.advice.tests.conftest import body, finished_inputs, seat_members

MONDAY = dt.date(2026, 3, 2)


def test_it_sends_an_allowed_item_and_refuses_one_the_matrix_does_not_allow(youth, member):
    it, ob, vr, pl = (body(youth, k) for k in ("impactteam", "opgroeiberaad", "veldraad", "platform"))
    question = actions.send_item(youth, member, sender=pl, receiver=ob, kind="adviesvraag", title="Wat vinden jongeren van X?",
                                 sent_on=MONDAY, due_on=dt.date(2026, 4, 1))
    assert question.needs_response and question.due_on == dt.date(2026, 4, 1) and question.status == ItemStatus.SENT
    with pytest.raises(AdviceError, match="loopt geen stroom"):
        actions.send_item(youth, member, sender=vr, receiver=pl, kind="advies", title="Veldraad aan platform")
    with pytest.raises(AdviceError, match="alleen toe: bindend voorstel"):
        actions.send_item(youth, member, sender=ob, receiver=it, kind="signaal", title="Een signaal")
    assert youth.items.count() == 1


def test_due_dates_come_from_the_sender_mandate(youth, member):
    it, ob, pl = (body(youth, k) for k in ("impactteam", "opgroeiberaad", "platform"))
    advice = actions.send_item(youth, member, sender=ob, receiver=pl, kind="advies", title="Advies", sent_on=MONDAY)
    assert advice.needs_response and advice.due_on == MONDAY + dt.timedelta(days=42)  # adviesraad
    actions.update_body(ob, mandate="klankbordgroep", response_days=None)
    free = actions.send_item(youth, member, sender=ob, receiver=pl, kind="advies", title="Vrij advies", sent_on=MONDAY)
    assert not free.needs_response and free.due_on is None
    actions.update_body(ob, mandate="burgerberaad", response_days=28)
    binding = actions.send_item(youth, member, sender=ob, receiver=pl, kind="voorstel", title="Keuze", sent_on=MONDAY)
    assert binding.binding and binding.due_on == MONDAY + dt.timedelta(days=28)
    signal = actions.send_item(youth, member, sender=it, receiver=pl, kind="signaal", title="Signaal", sent_on=MONDAY)
    assert signal.due_on is None


def test_a_considered_response_is_required_and_binding_items_cannot_be_refused(youth, member):
    it, ob, pl = (body(youth, k) for k in ("impactteam", "opgroeiberaad", "platform"))
    advice = actions.send_item(youth, member, sender=ob, receiver=pl, kind="advies", title="Advies", sent_on=MONDAY)
    with pytest.raises(AdviceError, match="weloverwogen reactie"):
        actions.respond_item(advice, status="beantwoord", response="Dank.")
    with pytest.raises(AdviceError, match="reden"):
        actions.respond_item(advice, status="niet-overgenomen", response="We hebben dit advies besproken in het platform en gewogen.")
    actions.respond_item(advice, status="niet-overgenomen", response="We hebben dit advies besproken in het platform en gewogen.",
                         reason="Er is geen geld voor.", on=MONDAY + dt.timedelta(days=10))
    advice.refresh_from_db()
    assert advice.status == ItemStatus.NOT_ADOPTED and advice.reason == "Er is geen geld voor."
    with pytest.raises(AdviceError, match="al gereageerd"):
        actions.respond_item(advice, status="overgenomen", response="x" * 50)
    binding = actions.send_item(youth, member, sender=ob, receiver=it, kind="bindend-voorstel", title="Thema", sent_on=MONDAY)
    with pytest.raises(AdviceError, match="bindend"):
        actions.respond_item(binding, status="niet-overgenomen", response="x" * 50, reason="Liever niet.")
    actions.respond_item(binding, status="overgenomen", response="Het impactteam werkt het thema uit met de veldraad.")


def test_subcommittees_have_two_or_more_members(mit):
    m = body(mit, "mit")
    chair, second, *_ = seat_members(m, 3)
    secretary = m.members.get(role="secretaris")
    with pytest.raises(AdviceError, match="twee of meer"):
        actions.add_subcommittee(m, name="Subcommissie 4", subject="Communicatie", members=[chair, secretary])
    sub = actions.add_subcommittee(m, name="Subcommissie 4", subject="Communicatie", members=[chair, second, secretary])
    assert sub.members.count() == 3
    other = body(mit, "szw")
    stranger = actions.add_member(other, name="Ambtenaar")
    with pytest.raises(AdviceError, match="eigen orgaan"):
        actions.set_subcommittee_members(sub, [chair, stranger])


def test_a_flow_needs_two_different_bodies_of_the_structure(youth, mit):
    it = body(youth, "impactteam")
    with pytest.raises(AdviceError, match="zichzelf"):
        actions.add_flow(youth, sender=it, receiver=it, kind="advies")
    with pytest.raises(AdviceError, match="deze adviesstructuur"):
        actions.add_flow(youth, sender=it, receiver=body(mit, "mit"), kind="advies")
    with pytest.raises(AdviceError, match="al in de matrix"):
        actions.add_flow(youth, sender=it, receiver=body(youth, "opgroeiberaad"), kind="voorstel")
    actions.add_flow(youth, sender=body(youth, "veldraad"), receiver=body(youth, "platform"), kind="signaal")
    actions.send_item(youth, None, sender=body(youth, "veldraad"), receiver=body(youth, "platform"), kind="signaal", title="Nu wel")


def _decide(trajectory, member, people, choices, extra=None):
    kw = extra or {}
    votes = {p.pk: {"choice": c, **kw.get(p.pk, {})} for p, c in zip(people, choices, strict=False) if c}
    present = [p for p, c in zip(people, choices, strict=False) if c]
    return actions.record_decision(trajectory, member, held_on=MONDAY, present=present, votes=votes)


def test_a_trajectory_from_question_to_issued_advice_with_a_minority_opinion(mit, member):
    m, szw = body(mit, "mit"), body(mit, "szw")
    people = seat_members(m, 9)
    question = actions.send_item(mit, member, sender=szw, receiver=m, kind="adviesvraag", title="Sluiting van scholen", sent_on=MONDAY)
    t = actions.create_trajectory(mit, body=m, title="Advies scholen", request_item=question)
    question.refresh_from_db()
    assert question.status == ItemStatus.IN_PROGRESS and t.receiver == szw and t.question == "Sluiting van scholen"
    with pytest.raises(AdviceError, match="Nog te doen"):
        actions.issue_advice(t, member)
    finished_inputs(t, member)
    actions.write_advice(t, summary="Kort.", advice_text="Houd de scholen open.")
    choices = ["voor"] * 7 + ["tegen", "onthouding"]
    with pytest.raises(AdviceError, match="reden"):
        _decide(t, member, people, choices)
    d = _decide(t, member, people, choices, {people[7].pk: {"reason": "Te riskant.", "minority_opinion": "Sluit de scholen twee weken.",
                                                             "in_advice": True}})
    assert (d.votes_for, d.votes_against, d.abstentions, d.result) == (7, 1, 1, "aangenomen")
    assert d.full_attendance and not d.unanimous
    t.refresh_from_db()
    assert t.status == TrajectoryStatus.DECIDED
    assert [v.minority_opinion for v in actions.minority_opinions(t)] == ["Sluit de scholen twee weken."]
    actions.issue_advice(t, member, on=MONDAY + dt.timedelta(days=20), public=True)
    question.refresh_from_db()
    assert question.status == ItemStatus.ANSWERED
    sent = mit.items.get(kind="advies")
    assert sent.receiver == szw and sent.trajectory == t
    assert list(actions.public_register(mit)) == [t]
    with pytest.raises(AdviceError, match="uitgebracht"):
        actions.write_advice(t, advice_text="Anders.")


def test_a_tie_is_no_majority_and_keeps_the_trajectory_open(mit, member):
    m = body(mit, "mit")
    people = seat_members(m, 4)
    t = actions.create_trajectory(mit, body=m, title="Gelijk")
    d = _decide(t, member, people, ["voor", "voor", "tegen", "tegen"], {p.pk: {"reason": "Nee."} for p in people[2:]})
    assert d.result == "geen-meerderheid" and "geen meerderheid" in actions.decision_label(d)
    t.refresh_from_db()
    assert t.status == TrajectoryStatus.OPEN


def test_the_quorum_and_who_may_vote(mit, member):
    m = body(mit, "mit")
    people = seat_members(m, 9)
    t = actions.create_trajectory(mit, body=m, title="Weinig mensen")
    d = _decide(t, member, people, ["voor"] * 4 + [None] * 5)
    assert d.result == "geen-quorum"
    secretary = m.members.get(role="secretaris")
    with pytest.raises(AdviceError, match="stemgerechtigde"):
        actions.record_decision(t, member, held_on=MONDAY, present=[secretary], votes={secretary.pk: {"choice": "voor"}})
    with pytest.raises(AdviceError, match="Elk aanwezig lid"):
        actions.record_decision(t, member, held_on=MONDAY, present=people[:5], votes={people[0].pk: {"choice": "voor"}})
    with pytest.raises(AdviceError, match="aanwezig"):
        actions.record_decision(t, member, held_on=MONDAY, present=people[:1],
                                votes={people[0].pk: {"choice": "voor"}, people[1].pk: {"choice": "voor"}})
    actions.update_body(m, quorum=4)
    assert _decide(t, member, people, ["voor"] * 4 + [None] * 5).result == "aangenomen"
    with pytest.raises(AdviceError, match="quorum"):
        actions.update_body(m, quorum=12)


def test_a_story_needs_consent_and_can_be_withdrawn(mit, member):
    t = actions.create_trajectory(mit, body=body(mit, "mit"), title="Verhalen")
    with pytest.raises(AdviceError, match="toestemming"):
        actions.add_story(t, title="Mijn winkel", text="Ik moest dicht.", consent=False)
    story = actions.add_story(t, title="Mijn winkel", text="Ik moest dicht.", consent=True, teller="Fatima")
    actions.withdraw_story(story)
    story.refresh_from_db()
    assert story.text == "" and story.teller == "" and story.withdrawn_at


def test_evaluation_template_is_checked(mit):
    m = body(mit, "mit")
    e = actions.save_evaluation(m, answers={"reikwijdte": "Breder dan corona.", "doelen": ""}, stakeholders=["leden", "politiek"])
    assert e.answers == {"reikwijdte": "Breder dan corona."}
    with pytest.raises(AdviceError):
        actions.save_evaluation(m, answers={"geheim": "x"}, stakeholders=[])
    with pytest.raises(AdviceError):
        actions.save_evaluation(m, answers={}, stakeholders=["iedereen"])
