"""Every write of assessment state goes through one function per action.

A rule of the method that is broken raises ``ActionError`` with a Dutch message; the
view shows it as it is."""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.assessments.models import (
    Assessment,
    AssessmentMember,
    BankQuestion,
    ChartRating,
    DialogueQuestion,
    DomainAnswer,
    FollowUpAction,
    Kind,
    MainConclusion,
    MemberInvitation,
    ScanAnswer,
    SignalWordChoice,
    Status,
)
from mia.assessments.signals import assessment_created, questions_changed
from mia.instrument.loader import active_version

MAIN_CONCLUSIONS = 4
MAX_INVITATIONS_PER_DAY = 50


class ActionError(Exception):
    """A rule of the method was broken; the message is shown to the user as is (Dutch)."""


@transaction.atomic
def create_assessment(user, title: str, description: str = "", organisation=None, *, uid: uuid.UUID | None = None,
                      kind: str = Kind.MIA) -> Assessment:
    """A new MIA with ``user`` in its kernteam. A fixed ``uid`` lets a script (the demo) find it again;
    ``kind=Kind.WORKING`` marks the working record of another app (not listed under "Mijn MIA's")."""
    version = active_version()
    if organisation is None:
        from mia.assessments.colleagues import home_organisation

        organisation = home_organisation(user)
    assessment = Assessment.objects.create(
        title=title, description=description, organisation=organisation, content_version=version, uid=uid or uuid.uuid4(),
        kind=kind,
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


def set_closing_text(assessment: Assessment, text: str) -> None:
    """What participants read at the end of the dialogue (also editable on the Werkvorm page)."""
    assessment.next_steps_text = text
    assessment.save(update_fields=["next_steps_text", "updated_at"])


def update_assessment(assessment: Assessment, *, title: str, description: str) -> None:
    assessment.title, assessment.description = title, description
    assessment.save(update_fields=["title", "description", "updated_at"])


# --- step 1 ------------------------------------------------------------------------------------


@transaction.atomic
def save_scan(assessment: Assessment, *, answers: dict, groups, signal_words: list[str], notes: dict) -> None:
    """1A/1B: the five start questions ({code: (effect, explanation)}), the groups, the signal words
    ("pair id:side") and the notes (causes, literature, media, other groups, other signal words)."""
    effects = {code for code, _label in assessment.content.effect_choices}
    for name, value in notes.items():
        setattr(assessment, name, value)
    assessment.save()
    assessment.groups.set(groups)
    for answer in assessment.scan_answers.select_related("question"):
        effect, explanation = answers.get(answer.question.code, (answer.effect, answer.explanation))
        if effect and effect not in effects:
            raise ActionError(_("Kies bij elke startvraag een antwoord uit de lijst."))
        answer.effect, answer.explanation = effect, explanation
        answer.save(update_fields=["effect", "explanation"])
    assessment.signal_word_choices.all().delete()
    pairs = set(assessment.content_version.signalwordpair_set.values_list("pk", flat=True))
    for value in signal_words:
        pair_id, side = value.split(":")
        if int(pair_id) in pairs and side in SignalWordChoice.Side.values:
            SignalWordChoice.objects.create(assessment=assessment, pair_id=int(pair_id), side=side)


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


@transaction.atomic
def save_domains(assessment: Assessment, answers: dict) -> None:
    """1C, the Domeinverkenner: {domain code: (relevant, explanation, subdomains)}."""
    for answer in assessment.domain_answers.select_related("domain"):
        if answer.domain.code not in answers:
            continue
        relevant, explanation, subdomains = answers[answer.domain.code]
        if subdomains and relevant is False:
            raise ActionError(
                _("U koos ‘nee’ bij %(domain)s, maar wel subdomeinen. Kies ‘ja’ of haal de vinkjes weg.")
                % {"domain": answer.domain.name}
            )
        answer.relevant, answer.explanation = relevant, explanation
        answer.save(update_fields=["relevant", "explanation"])
        answer.subdomains.set([s for s in subdomains if s.domain_id == answer.domain_id])


def set_finished(assessment: Assessment, finished: bool) -> None:
    assessment.status = Status.FINISHED if finished else Status.OPEN
    assessment.closed_at = timezone.now() if finished else None
    assessment.save(update_fields=["status", "closed_at", "updated_at"])


# --- step 2: the dialogue questions --------------------------------------------------------------


def _check_room(assessment: Assessment) -> None:
    maximum = assessment.content.max_dialogue_questions
    if assessment.questions.count() >= maximum:
        raise ActionError(
            _("U hebt al %(max)d vragen gekozen. Dat is het maximum voor één dialoog. Haal eerst een vraag weg.")
            % {"max": maximum}
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
    # A question that sits under two subdomains (Vertrouwen in rechtsstaat / in politiek) is one question.
    if assessment.questions.filter(bank_question__text=bank_question.text).exists():
        raise ActionError(_("Deze vraag is al gekozen."))
    _check_room(assessment)
    # Participants read the question's B1 form; the seed's wording stays as the original.
    question = DialogueQuestion.objects.create(
        assessment=assessment,
        bank_question=bank_question,
        original_text=bank_question.text,
        text=assessment.content.plain_question(bank_question.text),
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


def restore_question(question: DialogueQuestion) -> None:
    if not question.original_text:
        raise ActionError(_("Dit is een eigen vraag: er is geen oorspronkelijke tekst."))
    reword_question(question, question.original_text)


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


def save_preparation(assessment: Assessment, *, werkvorm: str, report_form: str, invitation_text: str,
                     next_steps_text: str) -> None:
    """2C: the work form, the report form, the invitation and what participants read at the end."""
    content = assessment.content
    if werkvorm and werkvorm not in dict(content.werkvorm_choices):
        raise ActionError(_("Kies een werkvorm uit de lijst."))
    if report_form not in dict(content.report_form_choices):
        raise ActionError(_("Kies een vorm van het verslag uit de lijst."))
    assessment.werkvorm, assessment.report_form = werkvorm, report_form
    assessment.invitation_text, assessment.next_steps_text = invitation_text, next_steps_text
    assessment.save(update_fields=["werkvorm", "report_form", "invitation_text", "next_steps_text", "updated_at"])


# --- step 4 ------------------------------------------------------------------------------------


@transaction.atomic
def save_chart_ratings(assessment: Assessment, member, ratings: dict) -> None:
    """One kernteam member's MIA-Chart: {statement: (score 1–5 or None, explanation)}."""
    if not assessment.memberships.filter(user=member, role=AssessmentMember.MemberRole.KERNTEAM).exists():
        raise ActionError(_("Alleen leden van het kernteam vullen de MIA-Chart in."))
    points = len(assessment.content.chart_scale)
    for statement, (score, explanation) in ratings.items():
        if statement.version_id != assessment.content_version_id:
            raise ActionError(_("Deze stelling hoort niet bij de versie van het instrument van deze MIA."))
        if score is not None and not 1 <= score <= points:
            raise ActionError(_("Kies een score uit de schaal."))
        ChartRating.objects.update_or_create(
            assessment=assessment, member=member, statement=statement,
            defaults={"score": score, "explanation": explanation},
        )


@transaction.atomic
def save_conclusions(assessment: Assessment, texts: dict) -> None:
    """4A: the main conclusions, {position: text}."""
    for conclusion in assessment.conclusions.all():
        if conclusion.position in texts:
            conclusion.text = texts[conclusion.position]
            conclusion.save(update_fields=["text"])


def add_follow_up(assessment: Assessment, *, domain: str, description: str, owner: str = "", due_date=None) -> FollowUpAction:
    """4C: a follow-up step in one of the instrument's domains (politiek, beleid, communicatie)."""
    if domain not in dict(assessment.content.followup_choices):
        raise ActionError(_("Kies een soort uit de lijst."))
    return FollowUpAction.objects.create(
        assessment=assessment, domain=domain, description=description, owner=owner, due_date=due_date
    )


def remove_follow_up(action: FollowUpAction) -> None:
    action.delete()


# --- the kernteam and readers --------------------------------------------------------------------


def add_member(assessment: Assessment, user, role: str = AssessmentMember.MemberRole.KERNTEAM) -> AssessmentMember:
    """Add a colleague directly: only a member of the assessment's own organisation. Anyone else
    is invited by e-mail (``invite_member``) and joins only by accepting."""
    from mia.assessments.colleagues import is_colleague

    if role not in AssessmentMember.MemberRole.values:
        raise ActionError(_("Kies de rol kernteam of lezer."))
    if not is_colleague(assessment, user):
        raise ActionError(_("Alleen collega's van uw eigen organisatie kunt u direct toevoegen. Nodig anderen uit per e-mail."))
    member, _created = AssessmentMember.objects.update_or_create(
        assessment=assessment, user=user, defaults={"role": role}
    )
    return member


def invite_member(assessment: Assessment, email: str, role: str, invited_by, *, accept_url) -> MemberInvitation:
    """Send a one-time link to ``email``. Nothing tells the sender whether the address belongs to an
    account, or to whom: the answer is the same for every address. ``accept_url(token)`` makes the link."""
    from django.core.mail import send_mail

    from mia.assessments.colleagues import new_token, token_hash

    if role not in AssessmentMember.MemberRole.values:
        raise ActionError(_("Kies de rol kernteam of lezer."))
    email = email.strip()
    recent = assessment.invitations.filter(created_at__gte=timezone.now() - timezone.timedelta(days=1)).count()
    if recent >= MAX_INVITATIONS_PER_DAY:
        raise ActionError(_("U hebt vandaag al veel uitnodigingen gestuurd voor deze MIA. Probeer het morgen opnieuw."))
    token = new_token()
    with transaction.atomic():
        invitation = MemberInvitation.objects.create(
            assessment=assessment, email=email, role=role, token_hash=token_hash(token), invited_by=invited_by
        )
    sender = invited_by.get_full_name() or invited_by.username
    role_text = _("kernteamlid") if role == AssessmentMember.MemberRole.KERNTEAM else _("lezer")
    body = _(
        "Hallo,\n\n%(sender)s nodigt u uit voor de MIA ‘%(title)s’ als %(role)s.\n\n"
        "Open deze link en log in om de uitnodiging aan te nemen:\n%(url)s\n\n"
        "De link werkt één keer en %(days)d dagen lang. Kent u deze uitnodiging niet? Dan kunt u deze e-mail weggooien.\n"
    ) % {"sender": sender, "title": assessment.title, "role": role_text, "url": accept_url(token),
         "days": MemberInvitation.VALID_DAYS}
    send_mail(_("Uitnodiging voor een MIA"), body, None, [email])
    return invitation


@transaction.atomic
def accept_invitation(invitation: MemberInvitation, user) -> AssessmentMember:
    """The logged-in user takes the invitation; it cannot be used again. Only the account with the
    invited e-mail address may take it: a forwarded or leaked link is of no use to anyone else."""
    from mia.assessments.colleagues import invitation_is_for

    invitation = MemberInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation_is_for(invitation, user):
        raise ActionError(_(
            "Deze uitnodiging is voor een ander e-mailadres. Log in met het account van het adres waarop u de "
            "uitnodiging kreeg. Hebt u dat account niet? Vraag dan om een nieuwe uitnodiging."
        ))
    if invitation.accepted_at is not None:
        raise ActionError(_("Deze uitnodiging is al gebruikt."))
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    member, created = AssessmentMember.objects.get_or_create(
        assessment=invitation.assessment, user=user, defaults={"role": invitation.role}
    )
    if not created and member.role == AssessmentMember.MemberRole.LEZER and invitation.role == AssessmentMember.MemberRole.KERNTEAM:
        member.role = invitation.role
        member.save(update_fields=["role"])
    return member


@transaction.atomic
def remove_member(member: AssessmentMember) -> None:
    """A MIA always keeps at least one kernteam member: someone must be able to carry on."""
    others = member.assessment.memberships.filter(role=AssessmentMember.MemberRole.KERNTEAM).exclude(pk=member.pk)
    if not others.exists():
        raise ActionError(_("Een MIA heeft ten minste één kernteamlid nodig."))
    member.delete()
