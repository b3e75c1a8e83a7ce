"""Small factories for tests: real objects made through the same actions the app uses."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from mia.accounts.models import Membership, Organisation

PASSWORD = "geheim-wachtwoord-123"


def make_user(username: str, *, role: str = "kernteam", organisation: str = "Ministerie van Voorbeelden", **fields):
    User = get_user_model()
    user = User.objects.create_user(username=username, password=PASSWORD, email=f"{username}@example.org", **fields)
    org, _created = Organisation.objects.get_or_create(name=organisation)
    Membership.objects.create(user=user, organisation=org, role=role)
    return user


def make_assessment(owner, *, title: str = "Invoering van een kilometerheffing", reader=None):
    from mia.assessments import actions

    assessment = actions.create_assessment(owner, title, "Een voorbeeld voor tests.")
    if reader is not None:
        actions.add_member(assessment, reader, "lezer")
    return assessment


def make_dialogue(assessment, *, participants: int = 6, questions: int = 2):
    """Questions, one session with participants, and one card of each kind per round."""
    from mia.assessments import actions
    from mia.dialogues import actions as dialogue_actions
    from mia.instrument.models import BankQuestion

    for bank_question in BankQuestion.objects.filter(version=assessment.content_version)[:questions]:
        actions.choose_bank_question(assessment, bank_question)
    # A new MIA comes with one empty session; use it, as a kernteam would.
    session = assessment.sessions.filter(participants__isnull=True).first() or dialogue_actions.create_session(assessment)
    perspectives = ["wetenschap", "praktijk", "samenleving", "interne-buitenstaander"]
    people = [
        dialogue_actions.add_participant(session, name=f"Persoon {i}", perspective=perspectives[i % 4], contact=f"p{i}@example.org")
        for i in range(1, participants + 1)
    ]
    for round_ in dialogue_actions.ensure_rounds(session):
        for kind in round_.card_kinds:
            dialogue_actions.save_card(round_, participant=people[0], kind=kind, text=f"Kaartje {kind} ronde {round_.position}")
    return session
