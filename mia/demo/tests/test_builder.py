"""The MIA demo is built through the apps' actions: it meets every rule a kernteam meets."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from mia.analysis.readability import check_text
from mia.assessments import forms as step_forms
from mia.assessments.models import Assessment, AssessmentMember
from mia.demo import mia_example
from mia.dialogues import forms as dialogue_forms

EXAMPLE = mia_example.read_example()


def test_it_writes_no_model_itself():
    source = Path(mia_example.__file__).read_text(encoding="utf-8")
    writes = re.findall(r"\.(?:save|delete|create|get_or_create|update_or_create|bulk_create|update|set|add|remove|clear)\(", source)
    assert writes == [], "the builder writes through the apps' actions only"


@pytest.fixture
def demo_mia(db) -> Assessment:
    call_command("loaddemo", stdout=StringIO())
    return Assessment.objects.get(uid=EXAMPLE.assessment.uid)


def refused(demo_file, data) -> str:
    demo_file(data)
    with pytest.raises(CommandError) as caught:
        call_command("loaddemo", stdout=StringIO())
    assert not Assessment.objects.exists()
    return str(caught.value)


def test_it_meets_the_maximum_of_five_questions(demo_file, example_data, db):
    questions = example_data["assessment"]["questions"]
    questions += [{"key": "gelijk", "subdomain": "inkomensverschillen", "number": 1},
                  {"key": "veilig", "subdomain": "sociale-controle", "number": 1}]
    message = refused(demo_file, example_data)
    assert "assessment.questions[5]: U hebt al 5 vragen gekozen. Dat is het maximum voor één dialoog." in message


def test_it_meets_the_rule_of_the_domeinverkenner(demo_file, example_data, db):
    example_data["assessment"]["domains"]["veiligheid"]["subdomains"] = ["sociale-controle"]
    message = refused(demo_file, example_data)
    assert "assessment.domains: U koos ‘nee’ bij Veiligheid, maar wel subdomeinen." in message


def test_only_the_kernteam_scores_the_chart(demo_file, example_data, db):
    example_data["assessment"]["chart"][0]["ratings"]["lezer"] = {"score": 3, "explanation": "Ik lees mee."}
    message = refused(demo_file, example_data)
    assert "Alleen leden van het kernteam vullen de MIA-Chart in." in message


def test_a_score_stays_on_the_scale(demo_file, example_data, db):
    example_data["assessment"]["chart"][2]["ratings"]["sanne"]["score"] = 6
    assert "assessment.chart (de scores van sanne): Kies een score uit de schaal." in refused(demo_file, example_data)


def test_a_card_fits_its_round(demo_file, example_data, db):
    example_data["assessment"]["rounds"][3]["cards"][1]["kind"] = "afsluiting"
    message = refused(demo_file, example_data)
    assert "assessment.rounds[3].cards[1]: Deze soort kaartje hoort niet bij deze ronde." in message


def test_a_participant_has_a_perspective_of_the_instrument(demo_file, example_data, db):
    example_data["assessment"]["participants"][4]["perspective"] = "jongeren"
    message = refused(demo_file, example_data)
    assert "assessment.participants[4]: Kies een perspectief uit de lijst." in message


def test_a_scan_answer_is_one_of_the_choices(demo_file, example_data, db):
    example_data["assessment"]["scan"]["answers"]["frictie"]["effect"] = "veel"
    message = refused(demo_file, example_data)
    assert "assessment.scan: Kies bij elke startvraag een antwoord uit de lijst." in message


def resubmit(form_class, *args, **kwargs):
    """Send a step form back with what it shows of the demo, as a user pressing "Opslaan" would."""
    shown = form_class(*args, **kwargs)
    data = {name: shown[name].value() for name in shown.fields}
    kwargs.pop("initial", None)
    form = form_class(*args, data=data, **kwargs)
    assert form.is_valid(), (form_class.__name__, form.errors)
    return form


def test_the_demo_passes_every_step_form(demo_mia):
    a = demo_mia
    content = a.content
    resubmit(step_forms.AssessmentForm, a)
    resubmit(step_forms.ScanForm, a)
    resubmit(step_forms.DecisionForm, initial={
        "impact_suspected": "ja" if a.impact_suspected else "nee", "decision_explanation": a.decision_explanation,
    })
    resubmit(step_forms.DomainForm, a)
    for question in a.questions.all():
        resubmit(step_forms.QuestionTextForm, initial={"text": question.text})
    resubmit(step_forms.PreparationForm, a)
    for member in a.memberships.filter(role=AssessmentMember.MemberRole.KERNTEAM):
        resubmit(step_forms.ChartForm, a, member.user)
    resubmit(step_forms.ConclusionsForm, a)
    for step in a.actions.all():
        resubmit(step_forms.FollowUpActionForm, content=content, initial={
            "domain": step.domain, "description": step.description, "owner": step.owner, "due_date": step.due_date,
        })
    (session,) = a.sessions.all()
    resubmit(dialogue_forms.SessionForm, instance=session)
    for person in session.participants.all():
        resubmit(dialogue_forms.ParticipantForm, instance=person, content=content, groups_queryset=a.groups.all())
    for round_ in session.rounds.all():
        resubmit(dialogue_forms.RoundNotesForm, initial={"notes": round_.notes})
        for card in round_.cards.all():
            resubmit(dialogue_forms.CardForm, round_=round_, initial={
                "participant": card.participant, "kind": card.kind, "topic": card.topic, "text": card.text,
            })


def test_what_participants_read_is_plain_dutch(demo_mia):
    texts = [demo_mia.next_steps_text, *(q.text for q in demo_mia.questions.all() if q.is_reworded)]
    for text in texts:
        report = check_text(text)
        assert report.is_b1, (text, report.reasons)
