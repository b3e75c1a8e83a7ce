import pytest
from django.urls import reverse

from mia.assessments import actions
from mia.instrument.models import BankQuestion


@pytest.fixture
def bank(assessment):
    return list(BankQuestion.objects.filter(version=assessment.content_version))


def test_it_allows_at_most_five_questions(assessment, bank):
    for q in bank[:5]:
        actions.choose_bank_question(assessment, q)
    with pytest.raises(actions.ActionError, match="maximum"):
        actions.choose_bank_question(assessment, bank[5])
    with pytest.raises(actions.ActionError):
        actions.add_own_question(assessment, "Nog een vraag?")
    assert assessment.questions.count() == 5


def test_a_sixth_question_gets_a_clear_message_and_keeps_the_typed_text(owner_client, assessment, bank):
    for q in bank[:5]:
        actions.choose_bank_question(assessment, q)
    response = owner_client.post(reverse("assessments:question_add_own", args=[assessment.pk]), {"own-text": "Mijn zesde vraag"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "al 5 vragen gekozen" in page
    assert "Mijn zesde vraag" in page
    response = owner_client.post(reverse("assessments:question_choose", args=[assessment.pk]), {"bank_question": bank[5].pk}, follow=True)
    assert "al 5 vragen gekozen" in response.content.decode()
    assert assessment.questions.count() == 5


def test_choosing_the_same_question_twice_adds_it_once(assessment, bank):
    actions.choose_bank_question(assessment, bank[0])
    actions.choose_bank_question(assessment, bank[0])
    assert assessment.questions.count() == 1


def test_rewording_keeps_the_original(owner_client, assessment, bank):
    question = actions.choose_bank_question(assessment, bank[0])
    owner_client.post(reverse("assessments:question_reword", args=[assessment.pk, question.pk]),
                      {f"q{question.pk}-text": "Wat merkt u hiervan?"})
    question.refresh_from_db()
    assert question.text == "Wat merkt u hiervan?"
    assert question.original_text == bank[0].text and question.is_reworded
    owner_client.post(reverse("assessments:question_restore", args=[assessment.pk, question.pk]))
    question.refresh_from_db()
    assert question.text == bank[0].text


def test_the_bank_is_filtered_by_chosen_subdomains(owner_client, assessment):
    answer = assessment.domain_answers.select_related("domain").first()
    sub = answer.domain.subdomains.first()
    answer.relevant = True
    answer.save()
    answer.subdomains.set([sub])
    page = owner_client.get(reverse("assessments:questions", args=[assessment.pk])).content.decode()
    other = BankQuestion.objects.filter(version=assessment.content_version, subdomain__isnull=False).exclude(subdomain=sub).first()
    assert sub.questions.first().text in page
    assert other.text not in page
    page = owner_client.get(reverse("assessments:questions", args=[assessment.pk]) + "?alle=1").content.decode()
    assert other.text in page


def test_a_question_from_another_content_version_is_refused(assessment, bank):
    from mia.instrument.copying import copy_content_version

    other_version = copy_content_version(assessment.content_version)
    foreign = other_version.bankquestion_set.first()
    with pytest.raises(actions.ActionError):
        actions.choose_bank_question(assessment, foreign)


def test_moving_questions_changes_order(assessment, bank):
    first = actions.choose_bank_question(assessment, bank[0])
    second = actions.choose_bank_question(assessment, bank[1])
    actions.move_question(second, -1)
    assert list(assessment.questions.all()) == [second, first]
