"""Every write of a consultation series: one function per action.

Each checks its rule and raises ``ConsultationError`` with a Dutch message that the page shows as
it is. Long work (a selection, the final PDF) is a job of the queue (``tasks.py``): it computes
outside any transaction and writes its result in one short one.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.consultations import content
from mia.consultations.models import (
    Advice,
    ClosingRecommendation,
    Creation,
    Draft,
    HeardVia,
    IntakeStatus,
    Invitation,
    Level,
    Paragraph,
    ParagraphVersion,
    Part,
    Quote,
    QuoteSource,
    Reaction,
    ReactionStatus,
    Recommendation,
    ResearchQuestion,
    Selection,
    Series,
    SeriesThemes,
    Session,
    SessionKind,
    SignUp,
    SignUpContact,
    Thread,
)
from mia.jobs.actions import JobError, active_job, start_job

SELECT_JOB = "consultations.select"
REPORT_JOB = "consultations.final_report"
THEMES_JOB = "consultations.themes"

# Bijlage 2 of the burgerconsultaties: the features the selection was spread over (data/).
DEFAULT_FEATURES = content.default_features()
DEFAULT_PART_MINUTES = content.default_minutes()

# Floods: at most this many sign-ups per address per hour (a keyed hash of the address).
SIGNUPS_PER_HOUR = 5
MAX_IMAGE_BYTES = 8 * 1024 * 1024
MAX_IMAGE_SIDE = 1600
MAX_FEATURES = 12
MAX_CATEGORIES = 12


class ConsultationError(Exception):
    """A consultation action cannot be done; the message is Dutch and shown as it is."""


# --- the series -----------------------------------------------------------------------------------


def clean_features(features) -> list[dict]:
    """The organiser's selection features: names and categories, trimmed, unique, bounded."""
    if not isinstance(features, list) or not features:
        raise ConsultationError(_("Kies ten minste één kenmerk voor de selectie."))
    if len(features) > MAX_FEATURES:
        raise ConsultationError(_("Kies hoogstens %(n)d kenmerken.") % {"n": MAX_FEATURES})
    out, seen = [], set()
    for item in features:
        name = str(item.get("name", "")).strip()[:60] if isinstance(item, dict) else ""
        categories = item.get("categories", []) if isinstance(item, dict) else []
        cats = []
        for c in categories if isinstance(categories, list) else []:
            c = str(c).strip()[:60]
            if c and c not in cats:
                cats.append(c)
        if not name or name.lower() in seen:
            raise ConsultationError(_("Elk kenmerk heeft een eigen naam."))
        if len(cats) < 2 or len(cats) > MAX_CATEGORIES:
            raise ConsultationError(_("Geef bij ‘%(name)s’ 2 tot %(n)d categorieën.") % {"name": name, "n": MAX_CATEGORIES})
        seen.add(name.lower())
        out.append({"name": name, "categories": cats})
    return out


@transaction.atomic
def create_series(user, organisation, *, title: str, commissioner: str = "", description: str = "",
                  features=None, retention_until: dt.date | None = None, uid: str | None = None) -> Series:
    if not user.memberships.filter(organisation=organisation, role__in=("kernteam", "beheerder")).exists():
        raise ConsultationError(_("U kunt alleen een reeks starten in uw eigen organisatie."))
    if not title.strip():
        raise ConsultationError(_("Geef de reeks een titel."))
    retention_until = retention_until or (timezone.localdate() + dt.timedelta(days=365))
    if retention_until <= timezone.localdate():
        raise ConsultationError(_("De bewaartermijn moet in de toekomst liggen."))
    return Series.objects.create(
        organisation=organisation, title=title.strip(), commissioner=commissioner, description=description,
        features=clean_features(features if features is not None else DEFAULT_FEATURES),
        retention_until=retention_until, created_by=user, uid=uid,
    )


def update_series(series: Series, **fields) -> None:
    allowed = {"title", "commissioner", "description", "summary", "method_text", "retention_until"}
    if set(fields) - allowed:
        raise ConsultationError(_("Dit veld kan hier niet worden veranderd."))
    if "features" in fields:
        fields["features"] = clean_features(fields["features"])
    for key, value in fields.items():
        setattr(series, key, value)
    series.save(update_fields=list(fields))


def set_features(series: Series, features) -> None:
    if series.signups.exists():
        raise ConsultationError(_("Er zijn al aanmeldingen. De kenmerken liggen nu vast."))
    series.features = clean_features(features)
    series.save(update_fields=["features"])


def set_signup_open(series: Series, is_open: bool) -> None:
    series.signup_open = bool(is_open)
    series.save(update_fields=["signup_open"])


def add_question(series: Series, *, theme: str, text: str, sub_questions: str = "") -> ResearchQuestion:
    if not theme.strip() or not text.strip():
        raise ConsultationError(_("Geef een thema en een hoofdvraag."))
    position = (series.questions.aggregate(m=Max("position"))["m"] or 0) + 1
    return ResearchQuestion.objects.create(series=series, theme=theme.strip(), text=text.strip(),
                                           sub_questions=sub_questions, position=position)


def update_question(question: ResearchQuestion, *, theme: str, text: str, sub_questions: str = "", answer: str = "") -> None:
    if not theme.strip() or not text.strip():
        raise ConsultationError(_("Geef een thema en een hoofdvraag."))
    question.theme, question.text, question.sub_questions, question.answer = theme.strip(), text.strip(), sub_questions, answer
    question.save()


def _part_question_text(session: Session, part: str) -> str:
    label = Part(part).label
    asked = (session.parts.get(part) or {}).get("questions", "").strip()
    return f"{label}: {asked}" if asked else str(label)


@transaction.atomic
def add_session(series: Series, user, *, title: str, questions: Iterable[ResearchQuestion], date=None, place: str = "",
                setting: str = "stedelijk", kind: str = SessionKind.BIJEENKOMST, capacity: int = 20,
                parts: dict | None = None) -> Session:
    """A session, with its own working MIA whose four dialogue questions are the four parts, so the
    live dialogue on phones (``mia.live``) runs it as it runs any MIA-dialogue."""
    from mia.assessments.actions import add_own_question, create_assessment
    from mia.assessments.models import Kind

    questions = list(questions)
    if not title.strip():
        raise ConsultationError(_("Geef de sessie een titel."))
    if not questions:
        raise ConsultationError(_("Kies ten minste één onderzoeksvraag die deze sessie beantwoordt."))
    if any(q.series_id != series.pk for q in questions):
        raise ConsultationError(_("Deze vraag hoort niet bij deze reeks."))
    if not 1 <= capacity <= 500:
        raise ConsultationError(_("Kies een aantal plaatsen van 1 tot 500."))
    position = (series.sessions.aggregate(m=Max("position"))["m"] or 0) + 1
    parts = {p: {"minutes": DEFAULT_PART_MINUTES[p], "questions": ""} for p in Part.values} | (parts or {})
    session = Session.objects.create(series=series, title=title.strip(), date=date, place=place, setting=setting, kind=kind,
                                     capacity=capacity, parts=parts, position=position)
    session.questions.set(questions)
    assessment = create_assessment(user, f"{series.title} – {session.title}"[:300],
                                   _("Werkruimte van een sessie van de raadpleging ‘%(t)s’.") % {"t": series.title},
                                   series.organisation, kind=Kind.WORKING)
    for part in Part.values:
        add_own_question(assessment, _part_question_text(session, part))
    dialogue = assessment.sessions.first()
    from mia.dialogues.actions import update_session

    update_session(dialogue, name=session.title[:200], location=place[:300], date=date)
    session.dialogue = dialogue
    session.save(update_fields=["dialogue"])
    return session


@transaction.atomic
def save_parts(session: Session, parts: dict) -> None:
    """Minutes and questions per part; the live dialogue's questions follow."""
    clean = {}
    for part in Part.values:
        item = parts.get(part) or {}
        minutes = int(item.get("minutes") or 0)
        if not 0 <= minutes <= 600:
            raise ConsultationError(_("Kies per onderdeel 0 tot 600 minuten."))
        clean[part] = {"minutes": minutes, "questions": str(item.get("questions", ""))[:2000]}
    session.parts = clean
    session.save(update_fields=["parts"])
    if session.dialogue_id:
        from mia.assessments.actions import reword_question

        for question, part in zip(session.dialogue.assessment.questions.all(), Part.values, strict=False):
            reword_question(question, _part_question_text(session, part))


def save_notes(session: Session, part: str, text: str) -> None:
    if part not in Part.values:
        raise ConsultationError(_("Onbekend onderdeel van de sessie."))
    notes = dict(session.notes)
    notes[part] = text
    session.notes = notes
    session.save(update_fields=["notes"])


def add_advice(session: Session, *, level: str, text: str) -> Advice:
    if level not in (Level.LOKAAL, Level.LANDELIJK):
        raise ConsultationError(_("Kies ‘lokaal’ of ‘landelijk’."))
    if not text.strip():
        raise ConsultationError(_("Schrijf het advies op."))
    return Advice.objects.create(session=session, level=level, text=text.strip())


THUMBNAIL_SIDE = 600


def thumbnail_of(picture: bytes) -> bytes:
    """A small JPEG of an already cleaned picture, for the report documents."""
    from PIL import Image

    with Image.open(io.BytesIO(picture)) as image:
        image.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=72, optimize=True)
        return out.getvalue()


def clean_image(data: bytes) -> tuple[bytes, int, int]:
    """Check that the upload really is a picture, make it at most 1600 px, and re-encode it as a
    JPEG without any metadata (location, camera, names)."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if len(data) > MAX_IMAGE_BYTES:
        raise ConsultationError(_("Deze foto is te groot. Kies een foto van hoogstens 8 MB."))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ("JPEG", "PNG", "WEBP", "GIF"):
                raise ConsultationError(_("Dit is geen foto. Kies een JPG-, PNG- of WebP-bestand."))
            if probe.width * probe.height > 60_000_000:
                raise ConsultationError(_("Deze foto heeft te veel pixels."))
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image).convert("RGB")
            image.thumbnail((MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=82, optimize=True)  # no exif= : nothing carried over
            return out.getvalue(), image.width, image.height
    except ConsultationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise ConsultationError(_("Dit is geen foto die wij kunnen lezen. Kies een JPG-, PNG- of WebP-bestand.")) from None


def add_creation(session: Session, *, title: str, kind: str = "zinnebeeld", description: str = "", image: bytes | None = None) -> Creation:
    if not title.strip():
        raise ConsultationError(_("Geef de creatie een titel."))
    if kind not in Creation.Kind.values:
        raise ConsultationError(_("Kies een soort creatie uit de lijst."))
    picture, width, height = clean_image(image) if image else (None, None, None)
    return Creation.objects.create(session=session, title=title.strip(), kind=kind, description=description,
                                   image=picture, width=width, height=height, thumbnail=thumbnail_of(picture) if picture else None)


def remove_creation(creation: Creation) -> None:
    creation.delete()


# --- recruitment, phase 1: the broad pool -----------------------------------------------------------


def is_flooding(series: Series, client_key: str, now=None) -> bool:
    now = now or timezone.now()
    return SignUp.objects.filter(series=series, client_key=client_key, created_at__gte=now - dt.timedelta(hours=1)).count() >= SIGNUPS_PER_HOUR


def _next_number(series: Series) -> int:
    return (series.signups.aggregate(m=Max("number"))["m"] or 0) + 1


def _check_features(series: Series, features: dict) -> dict:
    allowed = {f["name"]: f["categories"] for f in series.features}
    clean = {}
    for name, categories in allowed.items():
        value = str(features.get(name, "")).strip()
        if value not in categories:
            raise ConsultationError(_("Kies bij ‘%(name)s’ een antwoord uit de lijst.") % {"name": name})
        clean[name] = value
    return clean


@transaction.atomic
def sign_up(series: Series, *, name: str, phone: str = "", email: str = "", features: dict, available: Iterable[Session] = (),
            heard_via: str = "", consent: bool, client_key: str = "", source: str = SignUp.Source.WEB) -> SignUp:
    if source == SignUp.Source.WEB and not series.signup_open:
        raise ConsultationError(_("Aanmelden kan nu niet meer."))
    if not consent:
        raise ConsultationError(_("U kunt zich alleen aanmelden als u toestemming geeft."))
    if not name.strip():
        raise ConsultationError(_("Vul uw naam in."))
    if not phone.strip() and not email.strip():
        raise ConsultationError(_("Vul uw telefoonnummer of e-mailadres in."))
    if heard_via and heard_via not in HeardVia.values:
        raise ConsultationError(_("Kies uit de lijst hoe u van ons hoorde."))
    if client_key and is_flooding(series, client_key):
        raise ConsultationError(_("Er zijn vanaf dit adres al veel aanmeldingen gedaan. Probeer het over een uur opnieuw."))
    available = list(available)
    if any(s.series_id != series.pk for s in available):
        raise ConsultationError(_("Deze sessie hoort niet bij deze reeks."))
    signup = SignUp.objects.create(
        series=series, number=_next_number(series), features=_check_features(series, features), heard_via=heard_via,
        source=source, consent_at=timezone.now(), retention_until=series.retention_until, client_key=client_key,
    )
    signup.available.set(available)
    SignUpContact.objects.create(signup=signup, name=name.strip()[:200], phone=phone.strip()[:40], email=email.strip()[:200])
    return signup


def withdraw_consent(signup: SignUp) -> None:
    """The person leaves: contact data is erased at once, reactions and quotes are hidden."""
    from mia.consultations.privacy import erase_signup

    with transaction.atomic():
        signup.consent_withdrawn_at = signup.consent_withdrawn_at or timezone.now()
        signup.save(update_fields=["consent_withdrawn_at"])
        Invitation.objects.filter(signup=signup).exclude(status=IntakeStatus.AANWEZIG).update(status=IntakeStatus.AFGEMELD)
        erase_signup(signup)


IMPORT_COLUMNS = {"naam", "telefoon", "email"}


def import_signups(series: Series, data: bytes, *, name: str = "aanmeldingen.csv") -> int:
    """Sign-ups from a CSV/XLSX file into the same pool. Columns: naam, telefoon, email, one per
    selection feature, optionally hoe_gehoord and sessies (titles, ';' between). Every row is
    checked first; nothing is stored when one row is wrong."""
    from mia.core.tables import TableError, normalise_key, read_table

    try:
        table = read_table(data, name=name)
    except TableError as error:
        raise ConsultationError(str(error)) from None
    except (UnicodeError, ValueError):  # e.g. a UTF-16 mark before truncated data (mia.core.tables lets it through)
        raise ConsultationError(_("Dit bestand kunnen wij niet lezen. Sla het op als CSV UTF-8 of als XLSX.")) from None
    header = [normalise_key(h) for h in table.header]
    features = {normalise_key(f["name"]): f for f in series.features}
    missing = [f["name"] for key, f in features.items() if key not in header]
    if "naam" not in header:
        missing.insert(0, "naam")
    if missing:
        raise ConsultationError(
            _("Het bestand mist de kolom(men): %(cols)s. Nodig zijn: naam, telefoon of email, en %(features)s.")
            % {"cols": ", ".join(missing), "features": ", ".join(f["name"] for f in series.features)}
        )
    sessions = {s.title.lower(): s for s in series.sessions.all()}
    rows, problems = [], []
    for number, cells in table.rows:
        record = dict(zip(header, cells, strict=False))
        person = {f["name"]: record.get(key, "").strip() for key, f in features.items()}
        for f in series.features:
            if person[f["name"]] not in f["categories"]:
                problems.append(_("Rij %(row)d: ‘%(value)s’ is geen categorie van %(feature)s.")
                                % {"row": number, "value": person[f["name"]][:40], "feature": f["name"]})
        if not record.get("naam", "").strip():
            problems.append(_("Rij %(row)d: de naam ontbreekt.") % {"row": number})
        if not (record.get("telefoon", "").strip() or record.get("email", "").strip()):
            problems.append(_("Rij %(row)d: telefoon of email ontbreekt.") % {"row": number})
        chosen = [sessions.get(t.strip().lower()) for t in record.get("sessies", "").split(";") if t.strip()]
        if any(s is None for s in chosen):
            problems.append(_("Rij %(row)d: een sessie in ‘sessies’ bestaat niet.") % {"row": number})
        heard = record.get("hoe_gehoord", "").strip().lower()
        rows.append((record, person, [s for s in chosen if s], heard if heard in HeardVia.values else (HeardVia.ANDERS if heard else "")))
    if problems:
        raise ConsultationError(" ".join(problems[:20]) + (_(" (en nog %(n)d)") % {"n": len(problems) - 20} if len(problems) > 20 else ""))
    with transaction.atomic():
        for record, person, chosen, heard in rows:
            sign_up(series, name=record.get("naam", ""), phone=record.get("telefoon", ""), email=record.get("email", ""),
                    features=person, available=chosen, heard_via=heard, consent=True, source=SignUp.Source.IMPORT)
    return len(rows)


# --- recruitment, phase 2: a fair selection per session ---------------------------------------------


def default_quotas(session: Session, size: int) -> list[dict]:
    """For each category at least a fair part of the panel (half an equal share, rounded down, and
    never more than the pool holds), at most all: spread without demanding the impossible."""
    pool = session_pool(session)
    out = []
    for feature in session.series.features:
        share = size // len(feature["categories"])
        for category in feature["categories"]:
            available = sum(1 for p in pool.people if p.features.get(feature["name"]) == category)
            out.append({"feature": feature["name"], "value": category, "min": min(share // 2, available), "max": size})
    return out


def session_pool(session: Session):
    """The sign-ups who can come to this session and still consent, as a pool for mia.panels."""
    from mia.panels.selection import Person, Pool

    names = session.series.feature_names()
    people = [
        Person(str(s.number), {n: s.features.get(n, "") for n in names})
        for s in session.series.signups.filter(available=session, consent_withdrawn_at__isnull=True).order_by("number")
    ]
    return Pool(people, names)


def _session_subject(session: Session) -> str:
    return f"consultations.session:{session.pk}"


def start_selection(session: Session, user, *, size: int, quotas: list[dict] | None = None, reserves: int = 3):
    if not 1 <= size <= session.capacity:
        raise ConsultationError(_("Kies een panel van 1 tot %(n)d mensen (de plaatsen van deze sessie).") % {"n": session.capacity})
    if not 0 <= reserves <= 20:
        raise ConsultationError(_("Kies 0 tot 20 reserves."))
    pool = session_pool(session)
    if len(pool) < size:
        raise ConsultationError(
            _("Er zijn %(n)d aanmeldingen voor deze sessie. Dat is te weinig voor een panel van %(k)d.") % {"n": len(pool), "k": size}
        )
    if active_job(SELECT_JOB, _session_subject(session)) is not None:
        raise ConsultationError(_("Er wordt al een panel geloot voor deze sessie. Wacht tot dat klaar is."))
    from mia.panels.selection.lottery import new_seed

    params = {"session": session.pk, "size": size, "reserves": reserves, "seed": new_seed(),
              "quotas": quotas if quotas is not None else default_quotas(session, size),
              "back_url": reverse("consultations:recruitment", args=[session.series_id, session.pk])}
    try:
        return start_job(SELECT_JOB, subject=_session_subject(session), params=params, user=user)
    except JobError as error:
        raise ConsultationError(str(error)) from None


def run_selection(session: Session, user, *, size: int, quotas: list[dict], reserves: int, seed: int, progress=None) -> Selection:
    """The job's work: the fairest lottery of mia.panels (leximin), outside any transaction."""
    from mia.panels.selection import Quota, Quotas, result_to_dict, select_panel

    report = progress or (lambda fraction, step="": None)
    report(0.05, _("De eerlijkste loting berekenen"))
    items = [Quota(q["feature"], q["value"], int(q["min"]), int(q["max"])) for q in quotas]
    result = select_panel(session_pool(session), Quotas(items), size, "leximin", seed, reserves=reserves,
                          time_limit=20, progress=lambda f: report(0.05 + 0.85 * f, _("De eerlijkste loting berekenen")))
    data = result_to_dict(result)
    data["lottery"] = data["lottery"][:200]
    with transaction.atomic():
        return Selection.objects.create(session=session, size=size, quotas=quotas, result=data, created_by=user)


@transaction.atomic
def invite(selection: Selection) -> int:
    """Invite the drawn panel (and its reserves as reserves): each gets a personal link to the
    session's live dialogue on their phone."""
    from mia.dialogues.actions import add_participant

    session = selection.session
    signups = {str(s.number): s for s in session.series.signups.filter(number__in=[
        int(n) for n in selection.result.get("panel", []) + selection.result.get("reserves", [])])}
    added = 0
    for number in selection.result.get("panel", []) + selection.result.get("reserves", []):
        signup = signups.get(str(number))
        if signup is None or not signup.has_consent or Invitation.objects.filter(session=session, signup=signup).exists():
            continue
        participant = None
        if session.dialogue_id:
            participant = add_participant(session.dialogue, name=signup.pseudonym, perspective="samenleving")
        Invitation.objects.create(session=session, signup=signup, participant=participant,
                                  is_reserve=str(number) not in map(str, selection.result.get("panel", [])))
        added += 1
    return added


def add_invitation(session: Session, signup: SignUp) -> Invitation:
    """Invite one person by hand (a supplementary interview, a replacement)."""
    from mia.dialogues.actions import add_participant

    if signup.series_id != session.series_id:
        raise ConsultationError(_("Deze persoon hoort niet bij deze reeks."))
    if not signup.has_consent:
        raise ConsultationError(_("Deze persoon heeft de toestemming ingetrokken."))
    with transaction.atomic():
        existing = Invitation.objects.filter(session=session, signup=signup).first()
        if existing:
            return existing
        participant = add_participant(session.dialogue, name=signup.pseudonym, perspective="samenleving") if session.dialogue_id else None
        return Invitation.objects.create(session=session, signup=signup, participant=participant)


def set_intake_status(invitation: Invitation, status: str) -> None:
    if status not in IntakeStatus.values:
        raise ConsultationError(_("Kies een status uit de lijst."))
    invitation.status = status
    invitation.save(update_fields=["status", "changed_at"])


# --- draft report per theme -------------------------------------------------------------------------


def visible_cards(sessions):
    """Cards of the sessions' live dialogues, without those of people who withdrew consent."""
    from django.db.models import Q

    from mia.dialogues.models import ConclusionCard

    return (ConclusionCard.objects.filter(round__session__consultation_session__in=sessions)
            .filter(Q(participant__isnull=True) | Q(participant__consent_refused_at__isnull=True))
            .select_related("round__question", "round__session__consultation_session").order_by("round__session_id", "round__position", "pk"))


def _part_of_round(round_) -> str | None:
    if round_.is_closing or not round_.question_id:
        return None
    index = round_.position - 1
    return Part.values[index] if 0 <= index < len(Part.values) else None


@transaction.atomic
def make_draft(question: ResearchQuestion) -> Draft:
    """The draft of a theme, assembled from the notes, cards, creations and advice of the sessions
    that answer its question: one paragraph per part of the method, then the advice. Analysts edit
    the paragraphs afterwards; a second call only adds what is new since (nothing is overwritten)."""
    draft, _created = Draft.objects.get_or_create(series=question.series, question=question)
    sessions = list(question.sessions.order_by("position"))
    if not sessions:
        raise ConsultationError(_("Geen sessie beantwoordt deze vraag. Koppel eerst een sessie."))
    cards_by_part: dict[str, list[str]] = {}
    for card in visible_cards(sessions):
        part = _part_of_round(card.round)
        if part:
            cards_by_part.setdefault(part, []).append(card.text.strip())
    existing = set(draft.paragraphs.values_list("heading", flat=True))
    position = (draft.paragraphs.aggregate(m=Max("position"))["m"] or 0)
    for part in Part.values:
        heading = str(Part(part).label)
        if heading in existing:
            continue
        pieces = []
        for session in sessions:
            note = (session.notes.get(part) or "").strip()
            if note:
                pieces.append(f"{session.title}: {note}")
        if part == Part.WERKPLAATS:
            for session in sessions:
                pieces += [f"{c.get_kind_display()} ‘{c.title}’ ({session.title}): {c.description}".strip()
                           for c in session.creations.all()]
        cards = cards_by_part.get(part, [])
        if cards:
            pieces.append(_("Uit de kaartjes: ") + " · ".join(cards[:30]))
        if part == Part.ADVIES:
            for session in sessions:
                pieces += [f"{a.get_level_display()} ({session.title}): {a.text}" for a in session.advice.all()]
        if not pieces:
            continue
        position += 1
        Paragraph.objects.create(draft=draft, position=position, heading=heading, text="\n\n".join(pieces))
    return draft


@transaction.atomic
def create_draft(question: ResearchQuestion, *, deadline=None, validation_notes: str = "", paragraphs=()) -> Draft:
    """A draft with given paragraphs (an import); refuses when the theme already has one."""
    if Draft.objects.filter(question=question).exists():
        raise ConsultationError(_("Dit thema heeft al een conceptverslag."))
    draft = Draft.objects.create(series=question.series, question=question, deadline=deadline, validation_notes=validation_notes)
    Paragraph.objects.bulk_create(
        Paragraph(draft=draft, position=i, heading=p.get("heading", ""), text=p["text"], meeting_note=p.get("meeting_note", ""))
        for i, p in enumerate(paragraphs, start=1)
    )
    return draft


def add_paragraph(draft: Draft, *, heading: str, text: str) -> Paragraph:
    if not text.strip():
        raise ConsultationError(_("Schrijf de tekst van de alinea."))
    position = (draft.paragraphs.aggregate(m=Max("position"))["m"] or 0) + 1
    return Paragraph.objects.create(draft=draft, position=position, heading=heading.strip(), text=text.strip())


@transaction.atomic
def edit_paragraph(paragraph: Paragraph, text: str, *, reason: str = "", meeting_note: str | None = None) -> Paragraph:
    """A new version of the paragraph; the old text is kept, so the difference stays visible."""
    if not text.strip():
        raise ConsultationError(_("Een alinea kan niet leeg zijn. Verwijder hem niet: schrijf wat er staat."))
    if meeting_note is not None:
        paragraph.meeting_note = meeting_note
    if text.strip() != paragraph.text:
        ParagraphVersion.objects.create(paragraph=paragraph, number=paragraph.version, text=paragraph.text, reason=reason[:300])
        paragraph.version += 1
        paragraph.text = text.strip()
    paragraph.save()
    return paragraph


def set_deadline(draft: Draft, deadline, validation_notes: str | None = None) -> None:
    draft.deadline = deadline
    fields = ["deadline"]
    if validation_notes is not None:
        draft.validation_notes = validation_notes
        fields.append("validation_notes")
    draft.save(update_fields=fields)


def attended_sessions(signup: SignUp):
    return Session.objects.filter(invitations__signup=signup, invitations__status=IntakeStatus.AANWEZIG)


def drafts_for(signup: SignUp):
    """The drafts a participant may read: those of the themes of the sessions they attended."""
    if not signup.has_consent:
        return Draft.objects.none()
    return Draft.objects.filter(series=signup.series, question__sessions__in=attended_sessions(signup)).distinct()


def react(signup: SignUp, paragraph: Paragraph, *, kind: str, text: str, now=None) -> Reaction:
    from mia.consultations.models import ReactionKind

    now = now or timezone.now()
    if not drafts_for(signup).filter(pk=paragraph.draft_id).exists():
        raise ConsultationError(_("U kunt alleen reageren op verslagen van sessies waar u was."))
    if not paragraph.draft.is_open_for_reactions(now):
        raise ConsultationError(_("Reageren kan niet meer. De datum om te reageren is voorbij."))
    if kind not in ReactionKind.values:
        raise ConsultationError(_("Kies wat u wilt doen: aanvullen, corrigeren of verdiepen."))
    if not text.strip():
        raise ConsultationError(_("Schrijf uw reactie op."))
    if Reaction.objects.filter(paragraph=paragraph, signup=signup).count() >= 10:
        raise ConsultationError(_("U hebt al 10 reacties op dit stuk gegeven."))
    return Reaction.objects.create(paragraph=paragraph, signup=signup, kind=kind, text=text.strip())


@transaction.atomic
def decide_reaction(reaction: Reaction, *, accept: bool, reason: str, new_text: str = "") -> None:
    """Accept (and, for a correction, change the paragraph into a new version) or decline, with a
    short reason the participant sees."""
    if not reason.strip():
        raise ConsultationError(_("Schrijf kort waarom."))
    reaction.status = ReactionStatus.OVERGENOMEN if accept else ReactionStatus.NIET_OVERGENOMEN
    reaction.reason = reason.strip()[:300]
    reaction.decided_at = timezone.now()
    reaction.save(update_fields=["status", "reason", "decided_at"])
    if accept and new_text.strip():
        edit_paragraph(reaction.paragraph, new_text, reason=_("Reactie van %(p)s overgenomen: %(r)s")
                       % {"p": reaction.signup.pseudonym, "r": reaction.reason})


# --- rode draden, recommendations, closing list -----------------------------------------------------


def add_thread(series: Series, *, title: str, text: str = "", sessions: Iterable[Session] = ()) -> Thread:
    if not title.strip():
        raise ConsultationError(_("Geef de rode draad een titel."))
    sessions = list(sessions)
    if any(s.series_id != series.pk for s in sessions):
        raise ConsultationError(_("Deze sessie hoort niet bij deze reeks."))
    position = (series.threads.aggregate(m=Max("position"))["m"] or 0) + 1
    thread = Thread.objects.create(series=series, title=title.strip(), text=text, position=position)
    thread.sessions.set(sessions)
    return thread


def add_recommendation(question: ResearchQuestion, *, level: str, text: str) -> Recommendation:
    if level not in Level.values:
        raise ConsultationError(_("Kies een niveau: overkoepelend, landelijk of lokaal."))
    if not text.strip():
        raise ConsultationError(_("Schrijf de aanbeveling op."))
    position = (question.recommendations.aggregate(m=Max("position"))["m"] or 0) + 1
    return Recommendation.objects.create(series=question.series, question=question, level=level, text=text.strip(), position=position)


def quote_source(series: Series, source: str, source_id: int):
    """The real thing a quote comes from, with its verbatim text and a pseudonymous speaker."""
    if source == QuoteSource.CARD:
        card = visible_cards(series.sessions.all()).filter(pk=source_id).first()
        if card is None:
            return None
        session = card.round.session.consultation_session
        invitation = Invitation.objects.filter(participant_id=card.participant_id).select_related("signup").first() if card.participant_id else None
        who = invitation.signup.pseudonym if invitation else _("Deelnemer")
        return card.text, f"{who}, {session.place or session.title}"
    if source == QuoteSource.REACTION:
        reaction = Reaction.objects.filter(pk=source_id, paragraph__draft__series=series,
                                           signup__consent_withdrawn_at__isnull=True).select_related("signup").first()
        return (reaction.text, reaction.signup.pseudonym) if reaction else None
    if source == QuoteSource.ADVICE:
        advice = Advice.objects.filter(pk=source_id, session__series=series).select_related("session").first()
        return (advice.text, advice.session.place or advice.session.title) if advice else None
    if source == QuoteSource.NOTE:
        # A note is addressed as session pk * 10 + part index.
        session = series.sessions.filter(pk=source_id // 10).first()
        index = source_id % 10
        if session is None or index >= len(Part.values):
            return None
        text = (session.notes.get(Part.values[index]) or "").strip()
        return (text, _("Notitie, %(s)s") % {"s": session.place or session.title}) if text else None
    return None


def add_quote(target, *, source: str, source_id: int, excerpt: str = "") -> Quote:
    """A quote for a recommendation or rode draad: the source text verbatim (or an exact excerpt
    of it), never edited; the speaker as a pseudonym."""
    series = target.series
    found = quote_source(series, source, source_id)
    if found is None:
        raise ConsultationError(_("Dit citaat bestaat niet (meer) in deze reeks."))
    text, speaker = found
    excerpt = excerpt.strip()
    if excerpt and excerpt not in text:
        raise ConsultationError(_("Een citaat moet letterlijk in de bron staan. Kopieer een stuk van de tekst."))
    fields = {"recommendation": target} if isinstance(target, Recommendation) else {"thread": target}
    return Quote.objects.create(source=source, source_id=source_id, text=excerpt or text, speaker=speaker[:100], **fields)


def quote_is_current(quote: Quote, series: Series) -> bool:
    """False when the source is gone or no longer holds the quoted words."""
    found = quote_source(series, quote.source, quote.source_id)
    return found is not None and quote.text in found[0]


def add_closing(series: Series, *, title: str, recommendation: str, goal: str) -> ClosingRecommendation:
    if not (title.strip() and recommendation.strip() and goal.strip()):
        raise ConsultationError(_("Vul de titel, de aanbeveling en het doel in."))
    position = (series.closing.aggregate(m=Max("position"))["m"] or 0) + 1
    return ClosingRecommendation.objects.create(series=series, title=title.strip(), recommendation=recommendation.strip(),
                                                goal=goal.strip(), position=position)


def remove(obj) -> None:
    """Remove a paragraph-free item (a recommendation, quote, thread, closing item, advice)."""
    if isinstance(obj, Paragraph) and obj.reactions.exists():
        raise ConsultationError(_("Op deze alinea is gereageerd. Verander de tekst in plaats van hem te verwijderen."))
    obj.delete()


# --- the final report ------------------------------------------------------------------------------


def start_report(series: Series, user, fmt: str):
    if fmt not in ("pdf", "docx"):
        raise ConsultationError(_("Kies PDF of DOCX."))
    subject = f"consultations.series:{series.pk}:{fmt}"
    if active_job(REPORT_JOB, subject) is not None:
        raise ConsultationError(_("Dit rapport wordt al gemaakt. Wacht tot dat klaar is."))
    try:
        return start_job(REPORT_JOB, subject=subject, params={"series": series.pk, "format": fmt, "user": user.pk,
                         "back_url": reverse("consultations:report", args=[series.pk])}, user=user)
    except JobError as error:
        raise ConsultationError(str(error)) from None


# --- themes across all sessions (candidate rode draden), on the job queue -------------------------

MAX_THEME_CARDS = 2000  # the first cards in session order; more takes long and says little more
MIN_THEME_CARDS = 6  # below this a list says more than themes do


def themes_subject(series: Series) -> str:
    return f"consultations.themes:{series.pk}"


def theme_cards(series: Series) -> list:
    return list(visible_cards(series.sessions.all())[:MAX_THEME_CARDS])


def cards_fingerprint(pairs) -> str:
    """A hash of the cards' (id, edit time): it changes with a new, edited or hidden card."""
    import hashlib

    digest = hashlib.sha256()
    for pk, updated_at in pairs:
        digest.update(f"{pk}:{updated_at.isoformat()};".encode())
    return digest.hexdigest()


def current_fingerprint(series: Series) -> str:
    return cards_fingerprint(visible_cards(series.sessions.all()).values_list("pk", "updated_at")[:MAX_THEME_CARDS])


def start_themes(series: Series, user):
    """Put the theme search over all cards of the series on the job queue (never on a page view)."""
    if active_job(THEMES_JOB, themes_subject(series)) is not None:
        raise ConsultationError(_("MIA zoekt al naar thema's in deze kaartjes. Wacht tot dat klaar is."))
    try:
        return start_job(THEMES_JOB, subject=themes_subject(series), params={
            "series": series.pk, "back_url": reverse("consultations:recommendations", args=[series.pk]) + "#themas"}, user=user)
    except JobError as error:
        raise ConsultationError(str(error)) from None


def compute_themes(series: Series, progress=None) -> SeriesThemes:
    """Find the themes (with no transaction open) and store them in one short transaction."""
    from mia.analysis.themes import ThemeInputError, find_themes

    report = progress or (lambda fraction, step="": None)
    cards = theme_cards(series)
    themes, method, message = [], "", ""
    if len(cards) < MIN_THEME_CARDS:
        message = _("Te weinig kaartjes voor thema's (%(n)d; minstens %(min)d nodig).") % {"n": len(cards), "min": MIN_THEME_CARDS}
    else:
        report(0.1, _("Thema's zoeken"))
        try:
            found = find_themes([c.text for c in cards], ids=[c.pk for c in cards],
                                groups={"sessie": [c.round.session.consultation_session.title for c in cards]}, method="tfidf",
                                seed=0)
        except ThemeInputError as error:
            message = str(error)[:300]
        else:
            method = found.method
            themes = [{"label": t.label, "size": t.size, "key_terms": list(t.key_terms)[:8], "rode_draad": t.rode_draad,
                       "is_other": t.is_other, "sessions": sorted(t.spread.get("sessie", {}))} for t in found.themes]
    report(0.9, _("De thema's opslaan"))
    with transaction.atomic():
        stored, _created = SeriesThemes.objects.update_or_create(series=series, defaults={
            "themes": themes, "method": method, "message": message, "cards_counted": len(cards),
            "fingerprint": cards_fingerprint((c.pk, c.updated_at) for c in cards), "computed_at": timezone.now()})
    return stored
