"""The core journey through the actions and pages: series → sessions → sign-ups → selection →
invitations → cards on phones → draft → validation → decisions → recommendations → report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from mia.consultations import actions, exports
from mia.consultations.models import IntakeStatus, Invitation, ReactionStatus
from mia.consultations.tests.conftest import attend
from mia.dialogues import actions as dialogue_actions

pytestmark = pytest.mark.django_db


def test_a_session_has_its_live_dialogue_with_the_four_parts(sessions):
    session = sessions[0]
    rounds = [r for r in dialogue_actions.ensure_rounds(session.dialogue) if not r.is_closing]
    assert [r.title.split(":")[0] for r in rounds] == [
        "De diepte in", "Betekenis geven en keuzes maken", "Werkplaats", "Advies aan beleidsmakers"]


def test_selection_invitations_and_the_participant_link(series, sessions, signups, owner):
    job = actions.start_selection(sessions[0], owner, size=12, reserves=2)
    job.refresh_from_db()
    assert job.status == "klaar", job.message
    selection = sessions[0].selections.get()
    assert len(selection.result["panel"]) == 12
    assert actions.invite(selection) == 14
    invitation = Invitation.objects.filter(session=sessions[0], is_reserve=False).first()
    assert invitation.participant is not None
    assert invitation.participant.session == sessions[0].dialogue
    # Inviting again adds nobody twice.
    assert actions.invite(selection) == 0


def test_draft_is_made_from_notes_cards_creations_and_advice(questions, sessions, signups):
    attend(sessions[0], signups[:3])
    actions.save_notes(sessions[0], "betekenis", "De groep zocht overeenkomsten.")
    actions.add_creation(sessions[0], title="Samen koken", kind="zinnebeeld", description="Een tekening van een keuken.")
    actions.add_advice(sessions[1], level="landelijk", text="Maak een landelijk fonds voor buurtfeesten.")
    round_ = [r for r in dialogue_actions.ensure_rounds(sessions[0].dialogue) if r.position == 1][0]
    invitation = Invitation.objects.filter(session=sessions[0]).first()
    dialogue_actions.save_card(round_, participant=invitation.participant, kind=round_.card_kinds[0], text="Mijn oma vertelde verhalen op de markt.")
    draft = actions.make_draft(questions[0])
    texts = {p.heading: p.text for p in draft.paragraphs.all()}
    assert "Mijn oma vertelde verhalen op de markt." in texts["De diepte in"]
    assert "De groep zocht overeenkomsten." in texts["Betekenis geven en keuzes maken"]
    assert "Samen koken" in texts["Werkplaats"]
    assert "Maak een landelijk fonds voor buurtfeesten." in texts["Advies aan beleidsmakers"]
    # A second call adds nothing and changes nothing.
    first = list(draft.paragraphs.values_list("text", flat=True))
    actions.make_draft(questions[0])
    assert list(draft.paragraphs.values_list("text", flat=True)) == first


def test_validation_accept_and_decline_with_versions(client, draft, signups, owner):
    paragraph = draft.paragraphs.first()
    one, two = signups[0], signups[1]
    url = reverse("consultations:participant_react", args=[one.token, paragraph.pk])
    response = client.post(url, {f"p{paragraph.pk}-kind": "corrigeren", f"p{paragraph.pk}-text": "Het was de markt op zaterdag."})
    assert response.status_code == 302
    actions.react(two, paragraph, kind="aanvullen", text="Ook de moskee was een plek om te praten.")
    correction, addition = paragraph.reactions.order_by("pk")
    new_text = paragraph.text.replace("de markt", "de markt op zaterdag")
    actions.decide_reaction(correction, accept=True, reason="Klopt, aangepast.", new_text=new_text)
    actions.decide_reaction(addition, accept=False, reason="Dit hoort bij een ander thema.")
    paragraph.refresh_from_db()
    assert paragraph.version == 2 and "op zaterdag" in paragraph.text
    assert paragraph.versions.get().number == 1
    correction.refresh_from_db()
    assert correction.status == ReactionStatus.OVERGENOMEN
    # The participant sees what was done with their reaction.
    page = client.get(reverse("consultations:participant_draft", args=[two.token, draft.pk]))
    assert "Wij hebben uw reactie niet overgenomen." in page.content.decode()
    assert "Dit hoort bij een ander thema." in page.content.decode()
    # The analyst sees the difference.
    client.force_login(owner)
    page = client.get(reverse("consultations:draft", args=[draft.series_id, draft.question_id])).content.decode()
    assert "<ins>" in page and "zaterdag" in page


def test_no_reaction_after_the_deadline(draft, signups):
    paragraph = draft.paragraphs.first()
    actions.set_deadline(draft, timezone.now() - dt.timedelta(minutes=1))
    with pytest.raises(actions.ConsultationError, match="De datum om te reageren is voorbij"):
        actions.react(signups[0], paragraph, kind="aanvullen", text="Te laat.")


def test_a_participant_reaches_only_drafts_of_sessions_they_attended(client, draft, signups, questions, sessions):
    outsider = signups[20]  # signed up, never attended
    assert client.get(reverse("consultations:participant_draft", args=[outsider.token, draft.pk])).status_code == 404
    attend(sessions[2], [outsider])  # Utrecht answers the other question
    assert client.get(reverse("consultations:participant_draft", args=[outsider.token, draft.pk])).status_code == 404
    assert client.get(reverse("consultations:participant_draft", args=[signups[0].token, draft.pk])).status_code == 200
    assert client.get(reverse("consultations:participant_draft", args=["onzin", draft.pk])).status_code == 404


def test_recommendations_with_real_quotes_and_the_final_report(draft, signups, questions, sessions, owner):
    paragraph = draft.paragraphs.first()
    reaction = actions.react(signups[0], paragraph, kind="verdiepen", text="In mijn straat kent niemand elkaar meer.")
    recommendation = actions.add_recommendation(questions[0], level="lokaal", text="Open buurthuizen ook in het weekend.")
    actions.add_recommendation(questions[0], level="landelijk", text="Geef gemeenten geld voor ontmoetingsplekken.")
    actions.add_recommendation(questions[0], level="overkoepelend", text="Betrek inwoners structureel.")
    quote = actions.add_quote(recommendation, source="reactie", source_id=reaction.pk, excerpt="niemand elkaar meer")
    assert quote.speaker == signups[0].pseudonym
    with pytest.raises(actions.ConsultationError, match="letterlijk"):
        actions.add_quote(recommendation, source="reactie", source_id=reaction.pk, excerpt="iedereen kent elkaar")
    advice = sessions[0].advice.first()
    actions.add_quote(recommendation, source="advies", source_id=advice.pk)
    actions.add_thread(draft.series, title="Erkenning", text="Mensen willen gezien worden.", sessions=sessions[:2])
    actions.add_closing(draft.series, title="Structurele dialoog", recommendation="Ontwikkel een doorlopende infrastructuur.", goal="Continu ophalen.")
    html = exports.report_html(draft.series)
    for text in ("Aanbevelingen vanuit burgers", "Illustrerende citaten", "niemand elkaar meer", "Erkenning", "Structurele dialoog",
                 "Overkoepelend", "Landelijk", "Lokaal", "Kenmerken deelnemers"):
        assert text in html
    for signup in signups:
        assert signup.contact.name not in html
    pdf = exports.report_pdf(draft.series)
    assert pdf.startswith(b"%PDF")
    docx = exports.report_docx(draft.series)
    assert docx[:2] == b"PK"
    job = actions.start_report(draft.series, owner, "pdf")
    job.refresh_from_db()
    assert job.status == "klaar", job.message


def test_intake_status_changes(sessions, signups):
    invitation = actions.add_invitation(sessions[0], signups[0])
    for status in IntakeStatus.values:
        actions.set_intake_status(invitation, status)
    with pytest.raises(actions.ConsultationError):
        actions.set_intake_status(invitation, "weg")
