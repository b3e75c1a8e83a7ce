"""Every text a participant reads passes the app's own B1 check (mia.analysis.readability).

Two sources: the instrument's participant texts (consent, invitation, the closing text, the B1
forms of the bank questions and the closing question, card labels, perspective choices) and the
pages a participant sees (join, consent, refused, waiting, a round, closed round, thank-you, the
no-script card form and the phone script's status texts), read from the rendered HTML.

The kernteam keeps the seed's wording (scan questions, signal words such as "Erosie rechtsstaat",
the bank as printed, the perspective "Interne buitenstaander"); those are not participant texts.
"""

from __future__ import annotations

import re

import lxml.html
import pytest
from django.urls import reverse

from mia.analysis.readability import check_text
from mia.assessments.invitation import default_invitation
from mia.dialogues.models import ConclusionCard
from mia.live import actions
from mia.tests.factories import make_dialogue

pytestmark = pytest.mark.django_db

# Texts the test puts in itself (they are the kernteam's, not the app's) and are left out.
OWN_TEXTS = ("Invoering van een kilometerheffing", "Sessie 1")


def assert_b1(texts: dict[str, str]) -> None:
    hard = {where: check_text(text).verdict for where, text in texts.items() if not check_text(text).is_b1}
    assert not hard, "participant texts that fail the B1 check:\n" + "\n".join(
        f"- {where}: {texts[where]!r}\n  {verdict}" for where, verdict in hard.items()
    )


def page_texts(html: str, where: str) -> dict[str, str]:
    """The visible texts of a page's main content, one per block (heading, paragraph, label, button…),
    plus the status texts the phone script shows (data-* on #live-texts)."""
    tree = lxml.html.fromstring(html)
    main = tree.find(".//main")
    texts = {}
    for i, element in enumerate(main.iter("h1", "h2", "h3", "p", "label", "legend", "button", "li", "option", "a")):
        text = " ".join(element.text_content().split())
        for own in OWN_TEXTS:
            text = text.replace(own, "")
        if re.search(r"[^\W\d_]{2,}", text):
            texts[f"{where} <{element.tag}> #{i}"] = text
    for holder in main.iterfind(".//*[@id='live-texts']"):
        for name, value in holder.attrib.items():
            if name.startswith("data-"):
                texts[f"{where} {name}"] = value
    return texts


def test_the_instruments_participant_texts_are_b1(assessment):
    content = assessment.content
    texts = {
        "consent_text": content.consent_text,
        "invitation (filled in)": default_invitation(assessment),
        "after_dialogue_text": content.after_dialogue_text,
        "closing question (participants)": content.participant_closing_question,
        "card subject label": content.card_subject_label,
    }
    texts |= {f"card type {c.code}": c.label for c in content.card_types}
    texts |= {f"perspective {code}": label for code, label in content.participant_perspective_choices}
    texts |= {f"bank question (B1 form) {i}": plain for i, (_seed, plain) in enumerate(content.plain_questions)}
    assert_b1(texts)


def test_every_bank_question_has_a_b1_form_and_no_stale_one(assessment):
    content = assessment.content
    bank = content.distinct_bank_questions()
    plain = dict(content.plain_questions)
    assert sorted(plain) == sorted(bank), "every bank question needs one B1 form, and every form a question"
    assert all(plain[q] != q for q in bank)
    # Choosing a bank question gives participants its B1 form and keeps the seed's wording as the original.
    from mia.assessments import actions as assessment_actions
    from mia.instrument.models import BankQuestion

    row = BankQuestion.objects.filter(version=assessment.content_version).first()
    question = assessment_actions.choose_bank_question(assessment, row)
    assert question.text == plain[row.text] and question.original_text == row.text


def test_the_pages_participants_see_are_b1(client, assessment):
    session = make_dialogue(assessment, participants=2, questions=1)
    ConclusionCard.objects.all().delete()
    texts = {}
    texts |= page_texts(client.get(reverse("live:join")).content.decode(), "meedoen")
    session = actions.start_live(session)
    person, other = session.participants.all()[:2]
    token_url = reverse("live:participant", args=[person.invite_token])
    texts |= page_texts(client.get(token_url).content.decode(), "toestemming")
    actions.record_consent(other, accept=False)
    texts |= page_texts(client.get(reverse("live:participant", args=[other.invite_token])).content.decode(), "geweigerd")
    actions.record_consent(person, accept=True)
    texts |= page_texts(client.get(token_url).content.decode(), "wachten")
    round_ = actions.next_round(session)
    texts |= page_texts(client.get(token_url).content.decode(), "ronde")
    # The no-script form with an error, as a participant would see it.
    bad = client.post(reverse("live:participant_card", args=[person.invite_token]),
                      {"round": round_.pk, "kind": "conclusie", "client_id": "00000000-0000-4000-8000-000000000001", "text": ""})
    texts |= page_texts(bad.content.decode(), "leeg kaartje")
    actions.close_round(session)
    texts |= page_texts(client.get(token_url).content.decode(), "ronde gesloten")
    while actions.next_round(session) is not None and not session.current_round.is_closing:
        session.refresh_from_db()
    session.refresh_from_db()
    texts |= page_texts(client.get(token_url).content.decode(), "slotvraag")
    actions.close_live(session)
    texts |= page_texts(client.get(token_url).content.decode(), "bedankt")
    # The bank question the factory chose is shown in its B1 form too.
    assert any(assessment.questions.first().text in t for t in texts.values())
    assert len(texts) > 30
    assert_b1(texts)
