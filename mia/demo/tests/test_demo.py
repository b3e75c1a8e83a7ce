"""`loaddemo`: one fully worked, realistic MIA, created once however often it runs."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from mia.assessments.models import Assessment, AssessmentMember, ChartRating, Status
from mia.assessments.scoring import mia_score
from mia.demo import mia_example as demo
from mia.dialogues.models import ConclusionCard, Participant

# The example's names and numbers live in its data file (mia/demo/data/mia-example.json).
EXAMPLE = demo.read_example()
DEMO_UID, DEMO_TITLE = EXAMPLE.assessment.uid, EXAMPLE.assessment.title
ORGANISATION, PASSWORD = EXAMPLE.organisation, EXAMPLE.password


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    # The demo creates four users; the default PBKDF2 hashing would dominate the run time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def run_loaddemo() -> str:
    out = StringIO()
    call_command("loaddemo", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_mia(db) -> Assessment:
    run_loaddemo()
    return Assessment.objects.get(uid=DEMO_UID)


@pytest.fixture
def demo_client(client, demo_mia):
    client.force_login(get_user_model().objects.get(username="demo"))
    return client


def test_it_prints_the_login(db):
    output = run_loaddemo()
    assert "Demo-login: gebruiker demo, wachtwoord demo-mia-2026" in output
    assert "http://127.0.0.1:8000/" in output


def test_it_is_idempotent(db):
    run_loaddemo()
    User = get_user_model()
    demo_user = User.objects.get(username="demo")
    demo_user.set_password("een-ander-wachtwoord")
    demo_user.save()
    counts = (Assessment.objects.count(), User.objects.count(), ConclusionCard.objects.count())

    output = run_loaddemo()

    assert "bestaat al" in output
    assert Assessment.objects.filter(title=DEMO_TITLE).count() == 1
    assert (Assessment.objects.count(), User.objects.count(), ConclusionCard.objects.count()) == counts
    assert User.objects.get(username="demo").check_password("een-ander-wachtwoord")


def test_it_creates_the_users(demo_mia):
    User = get_user_model()
    demo_user = User.objects.get(username="demo")
    assert demo_user.check_password(PASSWORD)
    assert demo_user.is_staff and demo_user.is_superuser
    assert demo_user.get_full_name() == "Demi Demo"
    assert User.objects.get(username="sanne").get_full_name() == "Sanne de Vries"
    assert User.objects.get(username="youssef").get_full_name() == "Youssef El Amrani"
    roles = {m.user.username: m.role for m in demo_mia.memberships.select_related("user")}
    assert roles == {"demo": "kernteam", "sanne": "kernteam", "youssef": "kernteam", "lezer": "lezer"}
    for username, role in (("demo", "kernteam"), ("sanne", "kernteam"), ("youssef", "kernteam"), ("lezer", "lezer")):
        membership = User.objects.get(username=username).memberships.get()
        assert (membership.organisation.name, membership.role) == (ORGANISATION, role)


def test_step1_is_complete(demo_mia):
    a = demo_mia
    assert a.status == Status.OPEN
    assert a.notes_causes and a.notes_literature and a.notes_media
    answers = list(a.scan_answers.all())
    assert len(answers) == a.content_version.scanquestion_set.count() == 5
    assert all(answer.effect and answer.explanation for answer in answers)
    assert a.groups.count() >= 5 and a.groups_other
    sides = {c.side for c in a.signal_word_choices.all()}
    assert sides == {"positief", "negatief"}
    assert a.impact_suspected is True and a.decision_explanation and a.decided_at
    domains = list(a.domain_answers.all())
    assert len(domains) == 5
    for d in domains:
        assert d.relevant is not None and d.explanation
        assert d.subdomains.exists() == d.relevant


def test_step2_has_questions_and_one_session(demo_mia):
    a = demo_mia
    questions = list(a.questions.all())
    assert 4 <= len(questions) <= 5
    assert all(q.bank_question_id for q in questions)
    # Bank questions go in as their B1 form; the demo kernteam rewords one further in its own words.
    plain = a.content.plain_question
    assert all(q.original_text == q.bank_question.text for q in questions)
    assert sum(q.text != plain(q.original_text) for q in questions) == 1
    assert a.werkvorm in {w["code"] for w in a.content_version.document["werkvormen"]}
    assert a.report_form == "verslag"
    assert ORGANISATION in a.invitation_text and "{" not in a.invitation_text
    assert a.next_steps_text

    (session,) = a.sessions.all()
    assert session.date and session.location and session.facilitator and session.note_taker
    participants = list(session.participants.all())
    assert len(participants) == 6
    assert len({p.perspective for p in participants}) == 4
    ticked = set(a.groups.values_list("pk", flat=True))
    for p in participants:
        assert p.consent_given_at and p.contact.endswith("@example.org")
        groups = set(p.groups.values_list("pk", flat=True))
        assert groups and groups <= ticked


def test_step3_every_round_has_cards(demo_mia):
    (session,) = demo_mia.sessions.all()
    rounds = list(session.rounds.all())
    assert len(rounds) == demo_mia.questions.count() + 1
    for round_ in rounds:
        cards = list(round_.cards.all())
        if round_.is_closing:
            assert len(cards) == 6
            assert {c.kind for c in cards} == {"afsluiting"}
            assert len({c.participant_id for c in cards}) == 6
        else:
            assert round_.notes
            for kind in ("conclusie", "idee"):
                authors = {c.participant_id for c in cards if c.kind == kind}
                assert len(authors) >= 4  # most of the six participants
            assert all(c.topic for c in cards)
    texts = list(ConclusionCard.objects.filter(round__session=session).values_list("text", flat=True))
    assert len(texts) == len(set(texts)), "every card says something of its own"


def test_step4_chart_shows_disagreement(demo_mia):
    a = demo_mia
    kernteam = [m.user for m in a.memberships.filter(role=AssessmentMember.MemberRole.KERNTEAM)]
    assert len(kernteam) == 3
    statements = list(a.content_version.chartstatement_set.all())
    for user in kernteam:
        ratings = ChartRating.objects.filter(assessment=a, member=user)
        assert ratings.count() == len(statements) == 4
        assert all(r.score and r.explanation for r in ratings)
    scores = mia_score(
        {s.number: list(ChartRating.objects.filter(assessment=a, statement=s).values_list("score", flat=True)) for s in statements}
    )
    assert any(s.disagreement for s in scores)
    assert all(c.text for c in a.conclusions.all()) and a.conclusions.count() == 4
    actions = list(a.actions.all())
    assert 4 <= len(actions) <= 6
    assert len({x.domain for x in actions}) >= 4
    assert all(x.owner and x.due_date for x in actions)


def test_the_report_shows_pseudonyms_only(demo_client, demo_mia):
    response = demo_client.get(reverse("reports:report", args=[demo_mia.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert demo_mia.title in html
    assert "Deelnemer 1" in html
    for p in Participant.objects.filter(session__assessment=demo_mia):
        assert p.name not in html
        assert p.contact not in html


def test_the_reader_sees_the_report(client, demo_mia):
    client.force_login(get_user_model().objects.get(username="lezer"))
    assert client.get(reverse("reports:report", args=[demo_mia.pk])).status_code == 200


def test_the_pdf_downloads(demo_client, demo_mia):
    response = demo_client.get(reverse("reports:pdf", args=[demo_mia.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


PAGES = [
    "assessments:detail", "assessments:scan", "assessments:decision", "assessments:domains",
    "assessments:questions", "assessments:preparation", "assessments:chart", "assessments:conclusions",
    "assessments:members", "dialogues:sessions", "dialogues:step3",
]


def test_every_step_page_of_the_demo_renders(demo_client, demo_mia):
    for name in PAGES:
        response = demo_client.get(reverse(name, args=[demo_mia.pk]))
        assert response.status_code == 200, name


def test_loaddemo_prints_the_address_of_the_chosen_port(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("loaddemo", "--port", "8080", stdout=out)
    assert "http://127.0.0.1:8080/" in out.getvalue()
    assert "8000" not in out.getvalue()
