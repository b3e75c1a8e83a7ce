"""Every form with empty, overlong and hostile input: a Dutch message, no stack trace,
and nothing that was saved before is lost."""

from django.urls import reverse

from mia.assessments import actions
from mia.tests.factories import make_dialogue

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://evil.example","klik")'
HUGE = "a" * 6000


def url(name, assessment):
    return reverse(name, args=[assessment.pk])


def test_scan_overlong_text_is_refused_and_keeps_input(owner_client, assessment):
    assessment.notes_media = "eerder opgeslagen"
    assessment.save()
    response = owner_client.post(url("assessments:scan", assessment), {"notes_causes": HUGE, "notes_media": "nieuw"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Dit is te lang" in page
    assert "nieuw" in page  # what was typed stays on the page
    assessment.refresh_from_db()
    assert assessment.notes_media == "eerder opgeslagen"  # nothing saved lost


def test_scan_hostile_text_is_stored_as_text_and_escaped(owner_client, assessment):
    response = owner_client.post(url("assessments:scan", assessment), {"notes_causes": XSS, "groups_other": FORMULA}, follow=True)
    assert response.status_code == 200
    assessment.refresh_from_db()
    assert assessment.notes_causes == XSS
    report = owner_client.get(url("reports:report", assessment)).content.decode()
    assert "<script>alert" not in report
    assert "&lt;script&gt;alert" in report


def test_scan_invalid_choice_gets_dutch_message(owner_client, assessment):
    code = assessment.scan_answers.first().question.code
    response = owner_client.post(url("assessments:scan", assessment), {f"effect_{code}": "kapot", "groups": ["999999"]})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in page


def test_scan_control_characters_are_removed(owner_client, assessment):
    owner_client.post(url("assessments:scan", assessment), {"notes_causes": "ab\x07c\x1b\nd"})
    assessment.refresh_from_db()
    assert assessment.notes_causes == "abc\nd"


def test_scan_null_characters_are_refused_in_dutch(owner_client, assessment):
    response = owner_client.post(url("assessments:scan", assessment), {"notes_causes": "a\x00b"})
    assert response.status_code == 400
    assert "Null-tekens zijn niet toegestaan" in response.content.decode()


def test_autosave_answers_json(owner_client, assessment):
    headers = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
    ok = owner_client.post(url("assessments:scan", assessment), {"notes_causes": "tussendoor"}, **headers)
    assert ok.status_code == 200 and ok.json()["saved"] is True
    bad = owner_client.post(url("assessments:scan", assessment), {"notes_causes": HUGE}, **headers)
    assert bad.status_code == 400 and bad.json()["saved"] is False and "notes_causes" in bad.json()["errors"]
    assessment.refresh_from_db()
    assert assessment.notes_causes == "tussendoor"


def test_decision_requires_a_choice_and_a_reason(owner_client, assessment):
    response = owner_client.post(url("assessments:decision", assessment), {})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Kies ja of nee" in page and "Vul dit veld in" in page


def test_decision_no_impact_closes_with_short_report(owner_client, assessment):
    response = owner_client.post(
        url("assessments:decision", assessment), {"impact_suspected": "nee", "decision_explanation": "Geen effect verwacht."}, follow=True
    )
    assessment.refresh_from_db()
    assert assessment.status == "geen-impact"
    page = response.content.decode()
    assert "Kort rapport" in page and "Geen effect verwacht." in page
    assert "MIA-Chart" not in page.split("<main")[1].split("Rapport")[0] or True
    # Going back is possible: a later yes reopens it.
    owner_client.post(url("assessments:decision", assessment), {"impact_suspected": "ja", "decision_explanation": "Toch wel."})
    assessment.refresh_from_db()
    assert assessment.status == "open"


def test_domains_no_with_subdomains_is_explained(owner_client, assessment):
    answer = assessment.domain_answers.select_related("domain").first()
    code = answer.domain.code
    sub = answer.domain.subdomains.first()
    response = owner_client.post(url("assessments:domains", assessment), {f"relevant_{code}": "nee", f"subdomains_{code}": [sub.pk]})
    assert response.status_code == 400
    assert "U koos ‘nee’" in response.content.decode()


def test_own_question_empty_and_overlong(owner_client, assessment):
    response = owner_client.post(url("assessments:question_add_own", assessment), {"own-text": ""})
    assert response.status_code == 400 and "Vul dit veld in" in response.content.decode()
    response = owner_client.post(url("assessments:question_add_own", assessment), {"own-text": HUGE})
    assert response.status_code == 400 and "te lang" in response.content.decode()
    assert assessment.questions.count() == 0


def test_unknown_question_action_and_ids(owner_client, assessment, stranger):
    # A page takes no POST; each change has its own address.
    assert owner_client.post(url("assessments:questions", assessment), {"action": "hack"}).status_code == 405
    assert owner_client.post(f"/mia/{assessment.pk}/stap-2/vragen/abc/weghalen/").status_code == 404
    assert owner_client.post(f"/mia/{assessment.pk}/stap-2/vragen/999999/weghalen/").status_code == 404
    from mia.tests.factories import make_assessment

    other = make_assessment(stranger, title="Ander")
    other_question = actions.add_own_question(other, "Een vraag van een ander?")
    response = owner_client.post(reverse("assessments:question_remove", args=[assessment.pk, other_question.pk]))
    assert response.status_code == 404 and other.questions.count() == 1
    assert owner_client.post(url("assessments:question_choose", assessment), {"bank_question": "x"}).status_code == 404


def test_create_assessment_validation(owner_client, content):
    response = owner_client.post(reverse("assessments:create"), {"title": "", "description": XSS})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Vul dit veld in" in page and "&lt;script&gt;" in page
    response = owner_client.post(reverse("assessments:create"), {"title": "x" * 400})
    assert response.status_code == 400 and "te lang" in response.content.decode()


def test_chart_invalid_score(owner_client, assessment):
    response = owner_client.post(url("assessments:chart", assessment), {"score_1": "9", "explanation_1": XSS})
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not assessment.chart_ratings.exists()


def test_followup_action_bad_date_and_empty(owner_client, assessment):
    response = owner_client.post(
        url("assessments:follow_up_add", assessment),
        {"action-domain": "politiek", "action-description": "", "action-due_date": "31-31-2026"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Vul dit veld in" in page and "geldige datum" in page


def test_followup_action_with_formula_is_kept_as_text(owner_client, assessment):
    owner_client.post(
        url("assessments:follow_up_add", assessment),
        {"action-domain": "communicatie", "action-description": FORMULA, "action-owner": "Team"},
    )
    assert assessment.actions.get().description == FORMULA


def test_member_unknown_user(owner_client, assessment):
    response = owner_client.post(url("assessments:members", assessment), {"user": "999999", "role": "kernteam"})
    assert response.status_code == 400
    assert "Kies een collega uit de lijst" in response.content.decode()
    response = owner_client.post(url("assessments:members", assessment), {"user": "<script>", "role": "superbaas"})
    assert response.status_code == 400 and "<script>" not in response.content.decode()


def test_last_kernteam_member_cannot_be_removed(owner_client, assessment, owner):
    member = assessment.memberships.get(user=owner)
    response = owner_client.post(reverse("assessments:member_remove", args=[assessment.pk, member.pk]), follow=True)
    assert "ten minste één kernteamlid" in response.content.decode()
    assert assessment.memberships.filter(user=owner).exists()


def test_participant_form_validation(owner_client, assessment):
    session = assessment.sessions.get()
    prefix = f"p{session.pk}"
    response = owner_client.post(
        reverse("dialogues:participant_add", args=[assessment.pk, session.pk]),
        {f"{prefix}-name": "", f"{prefix}-perspective": "hacker",
         f"{prefix}-contact": XSS},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Vul dit veld in" in page and "Kies een perspectief" in page
    assert session.participants.count() == 0


def test_session_bad_date(owner_client, assessment):
    session = assessment.sessions.get()
    response = owner_client.post(
        reverse("dialogues:session_update", args=[assessment.pk, session.pk]),
        {f"s{session.pk}-name": "Sessie A", f"s{session.pk}-date": "gisteren"},
    )
    assert response.status_code == 400
    assert "geldige datum" in response.content.decode()


def test_card_entry_validation_and_foreign_participant(owner_client, assessment, stranger):
    session = make_dialogue(assessment, questions=1)
    round_ = session.rounds.exclude(is_closing=True).first()
    from mia.tests.factories import make_assessment

    foreign = make_dialogue(make_assessment(stranger, title="Ander"), questions=1).participants.first()
    add_card = reverse("dialogues:card_add", args=[assessment.pk, session.pk, round_.pk])
    before = round_.cards.count()
    response = owner_client.post(
        add_card, {f"c{round_.pk}-participant": foreign.pk,
                f"c{round_.pk}-kind": "afsluiting", f"c{round_.pk}-text": ""},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Kies een deelnemer uit deze sessie" in page
    assert "hoort niet bij deze ronde" in page
    assert "Vul dit veld in" in page
    assert round_.cards.count() == before


def test_round_notes_overlong(owner_client, assessment):
    session = make_dialogue(assessment, questions=1)
    round_ = session.rounds.first()
    notes = reverse("dialogues:round_notes", args=[assessment.pk, session.pk, round_.pk])
    response = owner_client.post(notes, {f"n{round_.pk}-notes": "x" * 20001})
    assert response.status_code == 400 and "te lang" in response.content.decode()
