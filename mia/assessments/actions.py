"""Every write of assessment state goes through one function per action."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.assessments.models import (
    MAX_DIALOGUE_QUESTIONS,
    Assessment,
    AssessmentMember,
    BankQuestion,
    DialogueQuestion,
    DomainAnswer,
    MainConclusion,
    ScanAnswer,
    Status,
)
from mia.assessments.signals import assessment_created, questions_changed
from mia.instrument.loader import active_version

MAIN_CONCLUSIONS = 4


class ActionError(Exception):
    """A rule of the method was broken; the message is shown to the user as is (Dutch)."""


@transaction.atomic
def create_assessment(user, title: str, description: str = "", organisation=None) -> Assessment:
    version = active_version()
    if organisation is None:
        membership = user.memberships.select_related("organisation").first()
        organisation = membership.organisation if membership else None
    assessment = Assessment.objects.create(
        title=title, description=description, organisation=organisation, content_version=version
    )
    AssessmentMember.objects.create(assessment=assessment, user=user, role=AssessmentMember.MemberRole.KERNTEAM)
    ensure_rows(assessment)
    assessment_created.send(sender=Assessment, assessment=assessment)
    return assessment


def ensure_rows(assessment: Assessment) -> None:
    """Create the empty answer rows the step forms fill in (idempotent)."""
    version = assessment.content_version
    for question in version.scanquestion_set.all():
        ScanAnswer.objects.get_or_create(assessment=assessment, question=question)
    for domain in version.domain_set.all():
        DomainAnswer.objects.get_or_create(assessment=assessment, domain=domain)
    for position in range(1, MAIN_CONCLUSIONS + 1):
        MainConclusion.objects.get_or_create(assessment=assessment, position=position)


def record_decision(assessment: Assessment, impact_suspected: bool, explanation: str) -> None:
    """Step 1: is there a (light) suspicion of impact? If not, the MIA closes here."""
    assessment.impact_suspected = impact_suspected
    assessment.decision_explanation = explanation
    assessment.decided_at = timezone.now()
    if impact_suspected:
        if assessment.status == Status.NO_IMPACT:
            assessment.status = Status.OPEN
            assessment.closed_at = None
    else:
        assessment.status = Status.NO_IMPACT
        assessment.closed_at = timezone.now()
    assessment.save()


def set_finished(assessment: Assessment, finished: bool) -> None:
    assessment.status = Status.FINISHED if finished else Status.OPEN
    assessment.closed_at = timezone.now() if finished else None
    assessment.save(update_fields=["status", "closed_at", "updated_at"])


def _check_room(assessment: Assessment) -> None:
    if assessment.questions.count() >= MAX_DIALOGUE_QUESTIONS:
        raise ActionError(
            _("U hebt al %(max)d vragen gekozen. Dat is het maximum voor één dialoog. Haal eerst een vraag weg.")
            % {"max": MAX_DIALOGUE_QUESTIONS}
        )


def _next_position(assessment: Assessment) -> int:
    last = assessment.questions.order_by("-position").first()
    return (last.position + 1) if last else 1


@transaction.atomic
def choose_bank_question(assessment: Assessment, bank_question: BankQuestion) -> DialogueQuestion:
    if bank_question.version_id != assessment.content_version_id:
        raise ActionError(_("Deze vraag hoort niet bij de versie van het instrument van deze MIA."))
    existing = assessment.questions.filter(bank_question=bank_question).first()
    if existing:
        return existing
    _check_room(assessment)
    question = DialogueQuestion.objects.create(
        assessment=assessment,
        bank_question=bank_question,
        original_text=bank_question.text,
        text=bank_question.text,
        position=_next_position(assessment),
    )
    questions_changed.send(sender=Assessment, assessment=assessment)
    return question


@transaction.atomic
def add_own_question(assessment: Assessment, text: str) -> DialogueQuestion:
    _check_room(assessment)
    question = DialogueQuestion.objects.create(assessment=assessment, text=text, position=_next_position(assessment))
    questions_changed.send(sender=Assessment, assessment=assessment)
    return question


def reword_question(question: DialogueQuestion, text: str) -> None:
    """The original wording stays in ``original_text``, so a reword can always be undone."""
    question.text = text
    question.save(update_fields=["text"])


@transaction.atomic
def remove_question(question: DialogueQuestion) -> None:
    question.delete()
    questions_changed.send(sender=Assessment, assessment=question.assessment)


@transaction.atomic
def move_question(question: DialogueQuestion, offset: int) -> None:
    questions = list(question.assessment.questions.all())
    index = questions.index(question)
    target = index + offset
    if not 0 <= target < len(questions):
        return
    questions[index], questions[target] = questions[target], questions[index]
    for position, q in enumerate(questions, start=1):
        if q.position != position:
            q.position = position
            q.save(update_fields=["position"])
    questions_changed.send(sender=Assessment, assessment=question.assessment)


def add_member(assessment: Assessment, user, role: str = AssessmentMember.MemberRole.KERNTEAM) -> AssessmentMember:
    member, _created = AssessmentMember.objects.update_or_create(
        assessment=assessment, user=user, defaults={"role": role}
    )
    return member
