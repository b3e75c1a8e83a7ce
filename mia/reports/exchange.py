"""JSON export and import of a whole assessment.

The file carries the instrument content it was made with, so an assessment moves
between MIA installations even when the other one has a different content version.
Personal data of participants (names, contact) is left out unless asked for.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from mia.assessments.models import (
    Assessment,
    AssessmentMember,
    ChartRating,
    DialogueQuestion,
    FollowUpAction,
    SignalWordChoice,
)
from mia.core.forms import strip_control_chars
from mia.dialogues.models import CardSource, ConclusionCard, DialogueSession, Participant
from mia.instrument import content as content_module
from mia.instrument.content import CLOSING_CARD_KIND
from mia.instrument.loader import IMPORTED_PREFIX, _create_version, document_digest, same_document
from mia.instrument.models import ContentVersion
from mia.instrument.serialise import version_document
from mia.reports.schema import DocumentError, check_document

FORMAT = "mia-assessment"
FORMAT_VERSION = 1
ASSESSMENT_FIELDS = [
    "title", "description", "status", "notes_causes", "notes_literature", "notes_media", "groups_other",
    "signal_words_other", "impact_suspected", "decision_explanation", "werkvorm", "report_form",
    "invitation_text", "next_steps_text",
]


class ImportFailed(Exception):
    """The file cannot be imported; the message says why, in Dutch."""


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export_assessment(a: Assessment, *, personal_data: bool = False) -> dict[str, Any]:
    def member_name(user) -> str:
        return user.username

    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "uid": str(a.uid),
        "content_version": a.content_version.version,
        "content": version_document(a.content_version),
        "assessment": {
            **{f: getattr(a, f) for f in ASSESSMENT_FIELDS},
            "decided_at": _iso(a.decided_at),
            "created_at": _iso(a.created_at),
            "organisation": a.organisation.name if a.organisation else None,
        },
        "members": [
            {"username": member_name(m.user), "name": m.user.get_full_name(), "role": m.role}
            for m in a.memberships.select_related("user")
        ],
        "scan_answers": [
            {"question": s.question.code, "effect": s.effect, "explanation": s.explanation}
            for s in a.scan_answers.select_related("question")
        ],
        "groups": [g.code for g in a.groups.all()],
        "signal_words": [{"pair": c.pair.code, "side": c.side} for c in a.signal_word_choices.select_related("pair")],
        "domains": [
            {
                "domain": d.domain.code,
                "relevant": d.relevant,
                "explanation": d.explanation,
                "subdomains": [s.code for s in d.subdomains.all()],
            }
            for d in a.domain_answers.select_related("domain").prefetch_related("subdomains")
        ],
        "questions": [
            {
                "bank_question": q.bank_question.code if q.bank_question else None,
                "original_text": q.original_text,
                "text": q.text,
                "position": q.position,
            }
            for q in a.questions.select_related("bank_question")
        ],
        "sessions": [_export_session(s, personal_data) for s in a.sessions.all()],
        "chart_ratings": [
            {"member": member_name(r.member), "statement": r.statement.number, "score": r.score, "explanation": r.explanation}
            for r in a.chart_ratings.select_related("member", "statement")
        ],
        "conclusions": [{"position": c.position, "text": c.text} for c in a.conclusions.all()],
        "actions": [
            {"domain": x.domain, "description": x.description, "owner": x.owner, "due_date": _iso(x.due_date)}
            for x in a.actions.all()
        ],
        "report": _export_report_state(a),
    }


def _export_report_state(a: Assessment) -> dict:
    from mia.reports.actions import report_state

    state = report_state(a)
    action_ids = [x.pk for x in a.actions.all()]
    return {
        "status": state.status, "version": state.version, "finalised_at": _iso(state.finalised_at),
        "finalised_by": state.finalised_by_name,
        "key_action": action_ids.index(state.key_action_id) if state.key_action_id in action_ids else None,
    }


def _transcript_text(s: DialogueSession) -> str | None:
    from mia.reports.models import Transcript

    transcript = Transcript.objects.filter(session=s).first()
    return transcript.text if transcript else None


def _export_session(s: DialogueSession, personal_data: bool) -> dict:
    questions = {q.pk: i for i, q in enumerate(s.assessment.questions.all())}
    return {
        "name": s.name,
        "position": s.position,
        "date": _iso(s.date),
        "location": s.location,
        "facilitator": s.facilitator,
        "note_taker": s.note_taker,
        "notes": s.notes,
        # Stored pseudonymised: the same text with or without personal data.
        "transcript": _transcript_text(s),
        "participants": [
            {
                "number": p.number,
                "name": p.name if personal_data else p.pseudonym,
                "perspective": p.perspective,
                "organisation": p.organisation if personal_data else "",
                "contact": p.contact if personal_data else "",
                "groups": [g.code for g in p.groups.all()],
                "consent_given_at": _iso(p.consent_given_at),
                "consent_refused_at": _iso(p.consent_refused_at),
            }
            for p in s.participants.prefetch_related("groups")
        ],
        "rounds": [
            {
                "question_index": None if r.is_closing else questions.get(r.question_id),
                "is_closing": r.is_closing,
                "notes": r.notes,
                "cards": [
                    {
                        "participant": c.participant.number if c.participant else None,
                        "kind": c.kind,
                        "topic": c.topic,
                        "text": c.text,
                        "client_id": str(c.client_id),
                        "source": c.source,
                    }
                    for c in r.cards.select_related("participant")
                ],
            }
            for r in s.rounds.all()
        ],
    }


def read_import_file(raw: bytes) -> dict:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed("Dit bestand is geen UTF-8-tekst. Kies een JSON-bestand dat MIA heeft gemaakt.") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(
            f"Dit bestand is geen geldige JSON (regel {exc.lineno}, teken {exc.colno}). Kies een JSON-bestand dat MIA heeft gemaakt."
        ) from exc
    except RecursionError:
        raise ImportFailed("Dit bestand is te diep genest om te lezen. Kies een JSON-bestand dat MIA heeft gemaakt.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFailed("Dit is geen MIA-bestand. Kies een bestand dat u met ‘Download JSON’ hebt gemaakt.")
    if data.get("format_version") != FORMAT_VERSION:
        raise ImportFailed(
            f"Dit bestand heeft formaatversie {data.get('format_version')!r}; deze MIA leest versie {FORMAT_VERSION}."
        )
    return data


# Cards are written in batches, each in its own short transaction, so that a large import (75,000
# cards) does not hold SQLite's one write lock for seconds while phones send cards (issue 11, item 18).
CARD_BATCH_SIZE = 1000
# Between two batches on SQLite the import waits a little longer than SQLite's busy handler sleeps
# (at most 100 ms at a time), so a phone waiting for the lock gets it instead of the next batch.
SQLITE_PAUSE_SECONDS = 0.11


def import_assessment(data: dict, user, *, progress: Callable[[float, str], None] | None = None) -> Assessment:
    """Create a new assessment from exported data. All or nothing: the whole document is checked
    against the schema first, and a wrong one is answered with the paths that are wrong. Everything
    but the cards is written in one transaction, after every card has been checked; the cards then
    follow in batches of ``CARD_BATCH_SIZE``, and if one fails the new assessment is deleted again.

    ``progress(fraction, step)`` (the import job's) hears how far it is, once per batch of cards."""
    progress = progress or (lambda fraction, step: None)
    progress(0.1, "Bestand controleren")
    try:
        check_document(data)
    except DocumentError as exc:
        raise ImportFailed(f"Er is niets geïmporteerd. Dit klopt niet in het bestand: {exc}") from None
    progress(0.2, "MIA aanmaken")
    pending: list[tuple] = []
    try:
        with transaction.atomic():
            assessment = _import(data, user, pending)
    except ImportFailed:
        raise
    except _BAD_VALUES as exc:
        raise ImportFailed(_INCOMPLETE) from exc
    # The cards are checked and built outside the transaction: on SQLite it holds the one write lock.
    try:
        cards = [card for round_, participants, items in pending for card in _cards(assessment, round_, participants, items)]
    except (ImportFailed, *_BAD_VALUES) as exc:
        assessment.delete()
        raise exc if isinstance(exc, ImportFailed) else ImportFailed(_INCOMPLETE) from exc
    _write_cards(assessment, cards, progress)
    return assessment


_BAD_VALUES = (KeyError, TypeError, ValueError, AttributeError, LookupError)
_INCOMPLETE = "Het bestand is niet compleet of bevat onverwachte waarden. Er is niets geïmporteerd."


def _write_cards(assessment: Assessment, cards: list[ConclusionCard], progress=None) -> None:
    progress = progress or (lambda fraction, step: None)
    if transaction.get_connection().in_atomic_block:
        # Called inside a caller's transaction (a test, a larger job): batches would not release
        # the lock anyway, so write them in one go.
        ConclusionCard.objects.bulk_create(cards, batch_size=500)
        return
    pause = SQLITE_PAUSE_SECONDS if transaction.get_connection().vendor == "sqlite" else 0
    try:
        for start in range(0, len(cards), CARD_BATCH_SIZE):
            if start and pause:
                time.sleep(pause)
            with transaction.atomic():
                ConclusionCard.objects.bulk_create(cards[start : start + CARD_BATCH_SIZE], batch_size=500)
            done = min(len(cards), start + CARD_BATCH_SIZE)
            progress(0.3 + 0.65 * done / len(cards), f"Kaartjes opslaan: {done} van {len(cards)}")
    except Exception:
        assessment.delete()  # nothing half-imported stays behind
        raise


def _content_version(data: dict) -> ContentVersion:
    """The content the assessment was made with. A stored version is reused only when its content is
    exactly the file's; otherwise the file's content becomes a version of its own, named after its
    fingerprint (``import-…``), never active and never under the name the file claims: an import
    must not be able to put its texts under a global version that `load_content` would later trust."""
    document = data.get("content")
    if not isinstance(document, dict):
        raise ImportFailed("Het bestand mist de inhoud van het instrument waarmee de MIA is gemaakt.")
    claimed = data["content_version"]
    if document.get("version") != claimed:
        raise ImportFailed("De versie van de instrumentinhoud in het bestand klopt niet.")
    stored = ContentVersion.objects.filter(version=claimed).first()
    if stored is not None and same_document(version_document(stored), document):
        return stored
    try:
        content_module.parse_content(document)
    except content_module.ContentError as exc:
        raise ImportFailed(f"De instrumentinhoud in het bestand klopt niet: {exc}") from exc
    name = f"{IMPORTED_PREFIX}{document_digest(document)[:24]}"
    existing = ContentVersion.objects.filter(version=name).first()
    if existing is not None:
        return existing
    version = _create_version({**document, "version": name})
    return version


def _by_code(queryset, code: str, what: str):
    item = queryset.filter(code=code).first()
    if item is None:
        raise ImportFailed(f"Onbekende {what} in het bestand: {code!r}.")
    return item


def _choice(value, choices, what: str) -> str:
    if value not in {c for c, _label in choices}:
        raise ImportFailed(f"Onbekende {what} in het bestand: {value!r}.")
    return value


def _text(value, limit: int = 20000) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise TypeError("text expected")
    # Control characters would break PDF and DOCX output later; drop them here.
    return strip_control_chars(value)[:limit]


def _import(data: dict, user, pending: list | None = None) -> Assessment:
    from mia.assessments import actions as assessment_actions

    version = _content_version(data)
    fields = data["assessment"]
    a = Assessment(content_version=version)
    for name in ASSESSMENT_FIELDS:
        value = fields.get(name)
        setattr(a, name, value if name == "impact_suspected" else _text(value))
    if a.status not in {"open", "geen-impact", "afgerond"}:
        raise ImportFailed("Onbekende status in het bestand.")
    a.closed_at = None if a.status == "open" else timezone.now()  # so retention reaches an imported closed MIA
    content = a.content
    if a.report_form not in dict(content.report_form_choices):
        raise ImportFailed("Onbekende vorm van het verslag in het bestand.")
    if not a.title.strip():
        raise ImportFailed("Het bestand heeft geen beleidskeuze (titel).")
    a.title = a.title[:300]
    a.decided_at = parse_datetime(fields["decided_at"]) if fields.get("decided_at") else None
    from mia.assessments.colleagues import home_organisation

    a.organisation = home_organisation(user)
    a.save()
    AssessmentMember.objects.create(assessment=a, user=user, role="kernteam")
    assessment_actions.ensure_rows(a)
    members = _import_members(a, data.get("members", []), user)

    answers = {s.question.code: s for s in a.scan_answers.select_related("question")}
    for item in data["scan_answers"]:
        answer = answers.get(item["question"])
        if answer is None:
            raise ImportFailed(f"Onbekende scanvraag in het bestand: {item['question']!r}.")
        answer.effect = _choice(item["effect"], [("", ""), *content.effect_choices], "antwoord op een scanvraag")
        answer.explanation = _text(item["explanation"])
        answer.save()
    a.groups.set([_by_code(version.affectedgroup_set, code, "groep") for code in data["groups"]])
    for item in data["signal_words"]:
        SignalWordChoice.objects.create(
            assessment=a, pair=_by_code(version.signalwordpair_set, item["pair"], "signaalwoord"),
            side=_choice(item["side"], SignalWordChoice.Side.choices, "kant van een signaalwoord"),
        )
    domain_answers = {d.domain.code: d for d in a.domain_answers.select_related("domain")}
    for item in data["domains"]:
        d = domain_answers[item["domain"]]
        d.relevant, d.explanation = item["relevant"], _text(item["explanation"])
        d.save()
        d.subdomains.set([_by_code(version.subdomain_set, code, "subdomein") for code in item["subdomains"]])
    questions = [
        DialogueQuestion.objects.create(
            assessment=a,
            bank_question=_by_code(version.bankquestion_set, q["bank_question"], "vraag") if q["bank_question"] else None,
            original_text=_text(q["original_text"]),
            text=_text(q["text"]),
            position=int(q["position"]),
        )
        for q in data["questions"][: content.max_dialogue_questions]
    ]
    for s in data["sessions"]:
        _import_session(a, s, questions, version, pending)
    statements = {s.number: s for s in version.chartstatement_set.all()}
    for r in data["chart_ratings"]:
        score = r["score"]
        if score is not None and score not in dict(content.chart_choices):
            raise ImportFailed("Een score in de MIA-Chart ligt niet tussen 1 en 5.")
        member, statement = members.get(r["member"]), statements.get(r["statement"])
        if member is None or statement is None:
            continue  # a score of someone who was not a kernteam member in the file, or of no statement
        ChartRating.objects.update_or_create(
            assessment=a, member=member, statement=statement,
            defaults={"score": score, "explanation": _text(r.get("explanation"))},
        )
    for c in data["conclusions"]:
        a.conclusions.filter(position=int(c["position"])).update(text=_text(c["text"]))
    for x in data["actions"]:
        FollowUpAction.objects.create(
            assessment=a, domain=_choice(x["domain"], content.followup_choices, "soort vervolgstap"), description=_text(x["description"], 2000), owner=_text(x["owner"], 200),
            due_date=parse_date(x["due_date"]) if x.get("due_date") else None,
        )
    _import_report_state(a, data.get("report"))
    return a


def _import_report_state(a: Assessment, report) -> None:
    from mia.reports.models import ReportState, ReportStatus

    if not report:
        return
    if not isinstance(report, dict) or report.get("status") not in ReportStatus.values:
        raise ImportFailed("Onbekende status van het rapport in het bestand.")
    version = report.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= 10_000:
        raise ImportFailed("De versie van het rapport in het bestand is geen getal tussen 1 en 10.000.")
    actions = list(a.actions.all())
    index = report.get("key_action")
    ReportState.objects.create(
        assessment=a, status=report["status"], version=version,
        finalised_at=parse_datetime(report["finalised_at"]) if report.get("finalised_at") else None,
        finalised_by_name=_text(report.get("finalised_by"), 200),
        key_action=actions[index] if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(actions) else None,
    )


def _import_members(a: Assessment, items: list[dict], importer) -> dict:
    """Kernteam members named in the file. A file must not reach other people's accounts (a username
    in it may belong to anyone here), so only the importing user is linked, as kernteam. The file's
    other kernteam members become anonymous, inactive placeholders marked as imported ("Geïmporteerd
    kernteamlid 2"), so that their MIA-Chart scores keep counting as the imported team's; they cannot
    log in and belong to no organisation. Readers in the file are left out."""
    User = get_user_model()
    mapping = {}
    number = 0
    for item in items:
        if item["role"] != AssessmentMember.MemberRole.KERNTEAM or item["username"] in mapping:
            continue
        number += 1
        placeholder = User(
            username=f"geimporteerd-{str(a.uid)[:8]}-{number}", first_name="Geïmporteerd", last_name=f"kernteamlid {number}",
            is_active=False,
        )
        placeholder.set_unusable_password()
        placeholder.save()
        AssessmentMember.objects.create(assessment=a, user=placeholder, role=AssessmentMember.MemberRole.KERNTEAM)
        mapping[item["username"]] = placeholder
    return mapping


def _import_session(a: Assessment, s: dict, questions: list[DialogueQuestion], version, pending=None) -> None:
    """The session, its participants and rounds; its cards go to ``pending`` (checked and written by
    ``import_assessment`` in batches, outside this transaction), or are written at once without a list."""
    from mia.dialogues.actions import ensure_rounds

    session = DialogueSession.objects.create(
        assessment=a, name=_text(s["name"], 200) or "Sessie", position=int(s["position"]),
        date=parse_datetime(s["date"]) if s.get("date") else None, location=_text(s["location"], 300),
        facilitator=_text(s["facilitator"], 200), note_taker=_text(s["note_taker"], 200), notes=_text(s.get("notes")),
    )
    participants = {}
    for p in s["participants"]:
        participant = Participant.objects.create(
            session=session, number=int(p["number"]), name=_text(p["name"], 200), perspective=_choice(p["perspective"], [("", ""), *a.content.perspective_choices], "perspectief"),
            organisation=_text(p.get("organisation"), 200), contact=_text(p.get("contact"), 200),
            consent_given_at=parse_datetime(p["consent_given_at"]) if p.get("consent_given_at") else None,
            consent_refused_at=parse_datetime(p["consent_refused_at"]) if p.get("consent_refused_at") else None,
        )
        participant.groups.set([_by_code(version.affectedgroup_set, code, "groep") for code in p["groups"]])
        participants[participant.number] = participant
    if s.get("transcript"):
        from mia.reports.models import Transcript
        from mia.reports.transcripts import MAX_CHARS, clean_text

        text = clean_text(_text(s["transcript"], MAX_CHARS))
        if text:
            Transcript.objects.create(session=session, text=text, source="bestand", file_name="import")
    rounds = ensure_rounds(session)
    by_question = {r.question_id: r for r in rounds if not r.is_closing}
    closing = next(r for r in rounds if r.is_closing)
    for r in s["rounds"]:
        if r["is_closing"]:
            round_ = closing
        else:
            index = r["question_index"]
            if index is None or not 0 <= index < len(questions):
                continue
            round_ = by_question[questions[index].pk]
        round_.notes = _text(r["notes"])
        round_.save(update_fields=["notes"])
        if pending is None:
            ConclusionCard.objects.bulk_create(_cards(a, round_, participants, r["cards"]), batch_size=500)
        else:
            pending.append((round_, participants, r["cards"]))


def _cards(a: Assessment, round_, participants: dict, items: list[dict]) -> list[ConclusionCard]:
    kinds = [*a.content.card_type_choices, (CLOSING_CARD_KIND, "")]
    return [
        ConclusionCard(
            round=round_, participant=participants.get(c["participant"]), kind=_choice(c["kind"], kinds, "soort kaartje"),
            topic=_text(c["topic"], 200), text=_text(c["text"]),
            source=_choice(c.get("source", "papier"), CardSource.choices, "bron van een kaartje"),
        )
        for c in items
    ]
