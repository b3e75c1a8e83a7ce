"""Theme analysis of an assessment's cards and of imported responses, and the analyst's edits.

Each function checks its rule and raises ``AnalysisError`` with a Dutch message that the page shows
as it is. Finding themes is long work: it runs as a job of the queue (``start_theme_run``,
``import_responses``), computes with no transaction open and stores its result in one short one.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from mia.analysis.models import Code, ResponseAnalysis, Theme, ThemeCard, ThemeSet
from mia.analysis.themes import ThemeInputError, find_themes, result_to_json
from mia.analysis.themes.tables import read_table
from mia.assessments.models import Assessment
from mia.dialogues.models import ConclusionCard
from mia.dialogues.queries import assessment_cards
from mia.jobs.actions import JobError, active_job, start_job
from mia.jobs.models import Job

THEMES_JOB = "analysis.themes"
RESPONSES_JOB = "analysis.responses"


class AnalysisError(Exception):
    """An analysis action cannot be done; the message is Dutch and shown as it is."""


def cards_subject(assessment: Assessment) -> str:
    return f"analysis.assessment:{assessment.pk}"


def responses_subject(record: ResponseAnalysis) -> str:
    return f"analysis.responses:{record.pk}"


def _start(kind: str, subject: str, params: dict, user) -> Job:
    try:
        return start_job(kind, subject=subject, params=params, user=user)
    except JobError as error:
        raise AnalysisError(str(error)) from None


def _no_progress(fraction: float, step: str = "") -> None:
    pass


# --- themes in the cards of an MIA ---------------------------------------------------------------


def start_theme_run(assessment: Assessment, user, seed: int = 0) -> Job:
    """Put a theme run on the job queue; the worker runs ``run_themes``."""
    if active_job(THEMES_JOB, cards_subject(assessment)) is not None:
        raise AnalysisError(_("MIA zoekt al naar thema's in deze kaartjes. Wacht tot dat klaar is."))
    back_url = reverse("analysis:themes", args=[assessment.pk])
    return _start(THEMES_JOB, cards_subject(assessment), {"assessment": assessment.pk, "seed": seed, "back_url": back_url}, user)


def latest_theme_job(assessment: Assessment) -> Job | None:
    return Job.objects.filter(kind=THEMES_JOB, subject=cards_subject(assessment)).first()


def run_themes(assessment: Assessment, user, seed: int = 0, progress=None) -> ThemeSet:
    """Group every card into themes (raises ThemeInputError with a Dutch message) and store them.

    The grouping is computed with no transaction open; the new set is written in one short one."""
    cards = list(assessment_cards(assessment))
    texts = [f"{c.topic}. {c.text}" if c.topic else c.text for c in cards]
    groups = {
        "sessie": [c.round.session.name for c in cards],
        "vraag": [c.round.label for c in cards],
        "perspectief": [c.participant.perspective_label if c.participant else "onbekend" for c in cards],
    }
    result = find_themes(texts, ids=[c.pk for c in cards], groups=groups, seed=seed, progress=progress)
    (progress or _no_progress)(1.0, _("De thema's opslaan"))
    with transaction.atomic():
        theme_set = ThemeSet.objects.create(
            assessment=assessment, created_by=user, method=result.method, seed=result.seed, warnings=result.warnings
        )
        # Cards removed while the themes were computed are left out.
        existing = set(ConclusionCard.objects.filter(pk__in=[c.pk for c in cards]).values_list("pk", flat=True))
        for position, found in enumerate(result.themes):
            theme = Theme.objects.create(
                theme_set=theme_set, label=found.label[:200], automatic_label=found.label[:200], position=position,
                is_other=found.is_other, rode_draad=found.rode_draad, quote_ids=[q.id for q in found.quotes],
            )
            ThemeCard.objects.bulk_create(
                ThemeCard(theme_set=theme_set, theme=theme, card_id=i) for i in found.member_ids if i in existing
            )
    return theme_set


def current_theme_set(assessment: Assessment) -> ThemeSet | None:
    return assessment.theme_sets.first()


def require_theme_set(assessment: Assessment) -> ThemeSet:
    theme_set = current_theme_set(assessment)
    if theme_set is None:
        raise AnalysisError(_("Maak eerst een thema-indeling."))
    return theme_set


# --- the analyst's edits -------------------------------------------------------------------------


def rename_theme(theme: Theme, label: str, summary: str) -> None:
    if not label.strip():
        raise AnalysisError(_("Een thema heeft een naam nodig."))
    theme.label, theme.summary, theme.label_reviewed = label.strip(), summary, True
    theme.save(update_fields=["label", "summary", "label_reviewed"])


def accept_theme_label(theme: Theme) -> None:
    """The analyst read the cards and keeps the automatic name: the report may show it."""
    theme.label_reviewed = True
    theme.save(update_fields=["label_reviewed"])


@transaction.atomic
def merge_themes(into: Theme, others: list[Theme]) -> None:
    others = [other for other in others if other.theme_set_id == into.theme_set_id]
    if not others or any(other.pk == into.pk for other in others):
        raise AnalysisError(_("Kies twee verschillende thema's om samen te voegen."))
    for other in others:
        other.placements.update(theme=into)
        into.quote_ids = into.quote_ids + [q for q in other.quote_ids if q not in into.quote_ids]
        into.rode_draad = into.rode_draad or other.rode_draad
        other.delete()
    into.save()


def _require_cards(placements: list[ThemeCard]) -> None:
    if not placements:
        raise AnalysisError(_("Kies eerst een of meer kaartjes."))


def move_cards(placements: list[ThemeCard], target: Theme) -> int:
    """Move cards to another theme of the same set; returns how many moved."""
    _require_cards(placements)
    moved = [p.pk for p in placements if p.theme_set_id == target.theme_set_id]
    return ThemeCard.objects.filter(pk__in=moved).update(theme=target)


@transaction.atomic
def split_theme(theme: Theme, placements: list[ThemeCard], label: str) -> Theme:
    """Move some cards of a theme into a new theme."""
    _require_cards(placements)
    position = (theme.theme_set.themes.aggregate(m=Max("position"))["m"] or 0) + 1
    new = Theme.objects.create(theme_set=theme.theme_set, label=label or _("Nieuw thema"), position=position,
                               label_reviewed=bool(label))
    ThemeCard.objects.filter(pk__in=[p.pk for p in placements], theme=theme).update(theme=new)
    return new


def add_code(assessment: Assessment, name: str, description: str = "") -> tuple[Code, bool]:
    """A code of the assessment's codebook; returns (code, False) when one of that name exists."""
    if not name.strip():
        raise AnalysisError(_("Een code heeft een naam nodig."))
    return Code.objects.get_or_create(assessment=assessment, name=name.strip(), defaults={"description": description})


def code_cards(code: Code, placements: list[ThemeCard]) -> int:
    _require_cards(placements)
    code.cards.add(*[p.card_id for p in placements])
    return len(placements)


# --- themes in an imported file of responses -----------------------------------------------------


# A file larger than this is read by the job (with its progress shown), not in the request.
PARSE_IN_REQUEST_BYTES = 256 * 1024


def import_responses(assessment: Assessment, user, upload, text_column: str, id_column: str = "",
                     group_column: str = "") -> tuple[ResponseAnalysis, Job]:
    """Read the file (Dutch messages for every problem), keep its texts, and start the analysis.

    A large file is kept as it is and read by the job (``analyse_responses``), so a request never
    parses megabytes of spreadsheet; its problems are then the job's Dutch message."""
    columns = {"text": text_column, "id": id_column or "", "group": group_column or ""}
    size = getattr(upload, "size", None)
    # A spreadsheet (a zip) always goes to the job: a small one can unpack to fifty megabytes.
    head = upload.read(4)
    upload.seek(0)
    if (size is not None and size > PARSE_IN_REQUEST_BYTES) or head == b"PK\x03\x04":
        data = upload.read()
        record = ResponseAnalysis.objects.create(
            assessment=assessment, created_by=user, file_name=upload.name[:255], text_column=text_column,
            pending_file=data, pending_columns=columns,
        )
    else:
        table = _read_responses(upload, columns, upload.name)
        record = ResponseAnalysis.objects.create(
            assessment=assessment, created_by=user, file_name=upload.name[:255], text_column=text_column,
            texts=table.texts, ids=table.ids, groups=table.groups,
        )
    back_url = reverse("analysis:responses", args=[assessment.pk])
    job = _start(RESPONSES_JOB, responses_subject(record), {"analysis": record.pk, "back_url": back_url}, user)
    return record, job


def _read_responses(source, columns: dict, name: str):
    try:
        return read_table(source, columns["text"], columns["id"] or None, [columns["group"]] if columns["group"] else [],
                          name=name)
    except ThemeInputError as error:
        raise AnalysisError(str(error)) from None


def read_pending_file(record: ResponseAnalysis, progress=None) -> None:
    """The job's first step for a large file or a spreadsheet: read it (in a child process with a
    time and memory limit), keep its texts, and drop the file's bytes (also when it is refused:
    raises AnalysisError with the Dutch message)."""
    (progress or _no_progress)(0.0, _("Het bestand lezen"))
    from mia.analysis.read_process import read_responses_limited

    data = bytes(record.pending_file)
    try:
        # In a child process with a time and memory limit (``mia.core.limits``).
        table = read_responses_limited(data, record.file_name, record.pending_columns)
    except ThemeInputError as error:
        ResponseAnalysis.objects.filter(pk=record.pk).update(pending_file=None)
        raise AnalysisError(str(error)) from None
    except Exception:
        ResponseAnalysis.objects.filter(pk=record.pk).update(pending_file=None)
        raise
    with transaction.atomic():
        ResponseAnalysis.objects.filter(pk=record.pk).update(
            texts=table.texts, ids=table.ids, groups=table.groups, pending_file=None
        )
    record.texts, record.ids, record.groups, record.pending_file = table.texts, table.ids, table.groups, None
    (progress or _no_progress)(0.1, _("Het bestand is gelezen"))


def response_job(record: ResponseAnalysis) -> Job | None:
    return Job.objects.filter(kind=RESPONSES_JOB, subject=responses_subject(record)).first()


def response_jobs(records) -> dict[int, Job]:
    """The latest job of each of these analyses, in one query."""
    subjects = {responses_subject(r): r.pk for r in records}
    jobs: dict[int, Job] = {}
    for job in Job.objects.filter(kind=RESPONSES_JOB, subject__in=subjects).order_by("created_at", "pk"):
        jobs[subjects[job.subject]] = job
    return jobs


def analyse_responses(record: ResponseAnalysis, progress=None) -> None:
    """Find the themes of an imported file (raises ThemeInputError, or AnalysisError for a large
    file that cannot be read) and store them."""
    if record.pending_file is not None:
        read_pending_file(record, progress)
    result = find_themes(record.texts, ids=record.ids, groups=record.groups or None, seed=0, progress=progress)
    ResponseAnalysis.objects.filter(pk=record.pk).update(result=result_to_json(result))
