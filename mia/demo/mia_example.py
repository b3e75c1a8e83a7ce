"""The MIA demo: a fictional municipality, its users and one fully worked MIA.

Everything it writes comes from ``data/mia-example.json`` (see ``data/README.md``) and goes
through the apps' own actions (``mia.accounts``, ``mia.assessments``, ``mia.dialogues``): the demo
meets the same rules as a kernteam that typed it in, and this module writes no model itself.

``load()`` is idempotent: the demo MIA carries the file's fixed uid, and when it exists nothing is
created or changed (users keep their passwords; a content version a beheerder activated stays
active). The load is one transaction: a file that breaks a rule halfway leaves nothing behind.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from mia.accounts import actions as account_actions
from mia.accounts.actions import AccountError
from mia.accounts.models import Organisation
from mia.assessments import actions
from mia.assessments.actions import ActionError
from mia.assessments.invitation import default_invitation
from mia.assessments.models import Assessment
from mia.demo.datafile import DemoDataError, read_data_file, where
from mia.demo.mia_example_schema import MiaExample, references
from mia.dialogues import actions as dialogue_actions
from mia.dialogues.actions import DialogueError
from mia.dialogues.models import CardSource
from mia.instrument.content import CLOSING_CARD_KIND
from mia.instrument.loader import load_content_file
from mia.instrument.models import ContentVersion

DATA_FILE = Path(__file__).resolve().parent / "data" / "mia-example.json"


def read_example(path: Path | str | None = None) -> MiaExample:
    """The validated example (by default ``DATA_FILE``); ``DemoDataError`` (Dutch, naming the place) when the file is wrong."""
    path = path or DATA_FILE
    example = read_data_file(path, MiaExample)
    problems = references(example)
    if problems:
        raise DemoDataError(path, problems)
    return example


@dataclass
class DemoResult:
    assessment: Assessment
    created: bool


def find_demo(path: Path | str | None = None) -> Assessment | None:
    return Assessment.objects.filter(uid=read_example(path).assessment.uid).first()


def demo_usernames(path: Path | str | None = None) -> list[str]:
    return [person.username for person in read_example(path).users]


def login(path: Path | str | None = None) -> tuple[str, str]:
    """The username and password that loaddemo prints."""
    example = read_example(path)
    return example.login, example.password


def load(path: Path | str | None = None) -> str:
    """Build the demo once; the one line loaddemo prints about it."""
    result = load_demo(path)
    a = result.assessment
    if result.created:
        return f"Demo aangemaakt: MIA {a.pk} ‘{a.title}’."
    return f"Demo bestaat al: MIA {a.pk} ‘{a.title}’ (niets gewijzigd)."


def load_demo(path: Path | str | None = None) -> DemoResult:
    path = Path(path or DATA_FILE)
    example = read_example(path)  # before any write: a file that does not parse changes nothing
    with transaction.atomic():
        # Activate the bundled content only on a fresh database: a version a
        # beheerder activated later must survive every `make run`.
        has_active = ContentVersion.objects.filter(is_active=True).exists()
        load_content_file(activate=not has_active, keep_existing=True)
        builder = _Builder(example, path)
        organisation, users = builder.people()
        existing = Assessment.objects.filter(uid=example.assessment.uid).first()
        if existing is not None:
            return DemoResult(existing, created=False)
        return DemoResult(builder.build(organisation, users), created=True)


class _Builder:
    """Walks the MIA's steps in the order a kernteam would, one action per thing it records."""

    def __init__(self, example: MiaExample, path: Path):
        self.example, self.data, self.path = example, example.assessment, path
        self.a: Assessment | None = None
        self.version: ContentVersion | None = None

    # -- errors -----------------------------------------------------------------------------------

    def fail(self, place: str, message: str):
        raise DemoDataError(self.path, [(place, message)])

    @contextmanager
    def at(self, place: str):
        """A rule an action enforces, broken by the file: the action's own message, with the place."""
        try:
            yield
        except (AccountError, ActionError, DialogueError) as exc:
            raise DemoDataError(self.path, [(place, str(exc))]) from exc

    def lookup(self, items: dict, code, place: str, what: str):
        if code not in items:
            self.fail(place, f"{what} ‘{code}’ bestaat niet in de inhoud van het instrument (versie {self.version.version}).")
        return items[code]

    # -- the organisation and its users -----------------------------------------------------------

    def people(self) -> tuple[Organisation, dict]:
        example = self.example
        organisation = account_actions.ensure_organisation(example.organisation)
        users = {}
        for i, person in enumerate(example.users):
            with self.at(where("users", i)):
                user = account_actions.ensure_user(
                    person.username, password=example.password, email=person.email,
                    first_name=person.first_name, last_name=person.last_name, is_admin=person.admin,
                )
                account_actions.ensure_membership(user, organisation, person.organisation_role)
            users[person.username] = user
        return organisation, users

    # -- the assessment ---------------------------------------------------------------------------

    def build(self, organisation: Organisation, users: dict) -> Assessment:
        d = self.data
        a = actions.create_assessment(users[d.created_by], d.title, d.description, organisation=organisation, uid=d.uid)
        self.a, self.version = a, a.content_version
        for i, person in enumerate(self.example.users):
            if person.mia_role and person.username != d.created_by:
                with self.at(where("users", i, "mia_role")):
                    actions.add_member(a, users[person.username], person.mia_role)
        self.scan()
        self.domains()
        questions = self.questions()
        session, participants = self.session()
        self.preparation()
        self.rounds(session, participants, questions)
        self.step4(users)
        return a

    # -- step 1 -----------------------------------------------------------------------------------

    def scan(self) -> None:
        scan, version = self.data.scan, self.version
        questions = {q.code: q for q in version.scanquestion_set.all()}
        for code in scan.answers:
            self.lookup(questions, code, where("assessment", "scan", "answers", code), "Startvraag")
        groups = {g.code: g for g in version.affectedgroup_set.all()}
        pairs = {p.code: p for p in version.signalwordpair_set.all()}
        with self.at("assessment.scan"):
            actions.save_scan(
                self.a,
                answers={code: (answer.effect, answer.explanation) for code, answer in scan.answers.items()},
                groups=[self.lookup(groups, code, where("assessment", "scan", "groups", i), "Groep")
                        for i, code in enumerate(scan.groups)],
                signal_words=[
                    f"{self.lookup(pairs, word.pair, where('assessment', 'scan', 'signal_words', i, 'pair'), 'Signaalwoord').pk}:{word.side}"
                    for i, word in enumerate(scan.signal_words)
                ],
                notes={
                    "notes_causes": scan.notes_causes, "notes_literature": scan.notes_literature,
                    "notes_media": scan.notes_media, "groups_other": scan.groups_other,
                    "signal_words_other": scan.signal_words_other,
                },
            )
        decision = self.data.decision
        actions.record_decision(self.a, decision.impact_suspected, decision.explanation)

    def domains(self) -> None:
        domains = {d.code: d for d in self.version.domain_set.all()}
        subdomains = {s.code: s for s in self.version.subdomain_set.all()}
        answers = {}
        for code, answer in self.data.domains.items():
            place = where("assessment", "domains", code)
            domain = self.lookup(domains, code, place, "Domein")
            chosen = [self.lookup(subdomains, s, where("assessment", "domains", code, "subdomains", i), "Subdomein")
                      for i, s in enumerate(answer.subdomains)]
            for i, subdomain in enumerate(chosen):
                if subdomain.domain_id != domain.pk:
                    self.fail(where("assessment", "domains", code, "subdomains", i),
                              f"‘{subdomain.code}’ is een subdomein van een ander domein.")
            answers[code] = (answer.relevant, answer.explanation, chosen)
        with self.at("assessment.domains"):
            actions.save_domains(self.a, answers)

    # -- step 2 -----------------------------------------------------------------------------------

    def questions(self) -> dict:
        """{key: DialogueQuestion} in the file's order."""
        bank: dict[str, list] = {}
        for question in self.version.bankquestion_set.filter(subdomain__isnull=False).select_related("subdomain"):
            bank.setdefault(question.subdomain.code, []).append(question)  # in the bank's order (position)
        chosen = {}
        for i, q in enumerate(self.data.questions):
            place = where("assessment", "questions", i)
            candidates = self.lookup(bank, q.subdomain, f"{place}.subdomain", "Subdomein (met vragen)")
            if q.number > len(candidates):
                self.fail(f"{place}.number", f"subdomein ‘{q.subdomain}’ heeft {len(candidates)} vragen in de vragenbank.")
            with self.at(place):
                question = actions.choose_bank_question(self.a, candidates[q.number - 1])
                if q.reworded:
                    actions.reword_question(question, q.reworded)
            chosen[q.key] = question
        return chosen

    def start(self) -> datetime:
        s = self.data.session
        day = timezone.localdate() - timedelta(days=s.days_before_today)
        return timezone.make_aware(datetime.combine(day, s.start_time))

    def session(self):
        s, start = self.data.session, self.start()
        with self.at("assessment.session"):
            session = dialogue_actions.update_session(
                self.a.sessions.get(), name=s.name, date=start, location=s.location,
                facilitator=s.facilitator, note_taker=s.note_taker, notes=s.notes,
            )
        groups = {g.code: g for g in self.a.groups.all()}
        consent_at = start + timedelta(minutes=s.timing.consent_minutes_after_start)
        participants = []
        for i, p in enumerate(self.data.participants):
            with self.at(where("assessment", "participants", i)):
                # Consent was given on paper at the start of the session (3A), so it carries that
                # time; ``live.actions.record_consent`` is for phones and stamps the present.
                participants.append(dialogue_actions.add_participant(
                    session, name=p.name, perspective=p.perspective, organisation=p.organisation,
                    contact=p.contact, groups=[groups[c] for c in p.groups], consent_given_at=consent_at,
                ))
        return session, participants

    def preparation(self) -> None:
        p = self.data.preparation
        # The invitation is made after the session has its date and place, which it names.
        invitation = p.invitation_text if p.invitation_text is not None else default_invitation(self.a)
        with self.at("assessment.preparation"):
            actions.save_preparation(
                self.a, werkvorm=p.werkvorm, report_form=p.report_form, invitation_text=invitation,
                next_steps_text=p.next_steps_text,
            )

    # -- step 3: the cards, as the notulist typed them in from paper ------------------------------

    def rounds(self, session, participants: list, questions: dict) -> None:
        by_question = {questions[r.question].pk: (i, r) for i, r in enumerate(self.data.rounds)}
        timing = self.data.session.timing
        clock = session.date + timedelta(minutes=timing.first_round_minutes_after_start)
        for round_ in dialogue_actions.ensure_rounds(session):
            if round_.is_closing:
                place, data = "assessment.closing_round", self.data.closing_round
                cards = [(CLOSING_CARD_KIND, c) for c in data.cards]
            elif round_.question_id in by_question:
                i, data = by_question[round_.question_id]
                place = where("assessment", "rounds", i)
                cards = [(c.kind, c) for c in data.cards]
            else:
                place, data, cards = "", None, []
            for j, (kind, card) in enumerate(cards):
                with self.at(where(place, "cards", j)):
                    dialogue_actions.save_card(
                        round_, participant=participants[card.participant - 1], kind=kind, topic=card.topic,
                        text=card.text, source=CardSource.PAPIER,
                    )
            if data is not None and data.notes:
                dialogue_actions.save_round_notes(round_, data.notes)
            dialogue_actions.record_round_times(
                round_, opened_at=clock, closed_at=clock + timedelta(minutes=timing.round_minutes)
            )
            clock += timedelta(minutes=timing.minutes_between_round_starts)

    # -- step 4: MIA-Chart, conclusions, follow-up ------------------------------------------------

    def step4(self, users: dict) -> None:
        statements = {s.number: s for s in self.version.chartstatement_set.all()}
        by_member: dict[str, dict] = {}
        for i, item in enumerate(self.data.chart):
            statement = self.lookup(statements, item.statement, where("assessment", "chart", i, "statement"), "Stelling")
            for username, rating in item.ratings.items():
                by_member.setdefault(username, {})[statement] = (rating.score, rating.explanation)
        for username, ratings in by_member.items():
            with self.at(f"assessment.chart (de scores van {username})"):
                actions.save_chart_ratings(self.a, users[username], ratings)

        positions = list(self.a.conclusions.values_list("position", flat=True))
        if len(self.data.conclusions) > len(positions):
            self.fail("assessment.conclusions", f"een MIA heeft {len(positions)} hoofdconclusies.")
        actions.save_conclusions(self.a, dict(zip(positions, self.data.conclusions, strict=False)))

        today = timezone.localdate()
        for i, step in enumerate(self.data.follow_up):
            due = today + timedelta(days=step.due_in_days) if step.due_in_days is not None else None
            with self.at(where("assessment", "follow_up", i)):
                actions.add_follow_up(self.a, domain=step.domain, description=step.description, owner=step.owner, due_date=due)
