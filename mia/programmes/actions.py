"""Every write of programme state, one function per action.

Each checks the domain rule, writes in a short transaction and returns. A broken rule
raises ``ProgrammeError`` with a Dutch message that the view shows as it is.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable

import rules
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.assessments.models import Kind as AssessmentKind
from mia.consultations.access import CHANGE as SERIES_CHANGE
from mia.core.tables import TableError, read_table
from mia.dialogues.models import DialogueSession
from mia.programmes import inventory
from mia.programmes.content import seed_content
from mia.programmes.matching import Vocabulary, match_key
from mia.programmes.models import (
    ApproachPlan,
    Cycle,
    CycleLink,
    CycleStep,
    GapNote,
    Goal,
    GoalStatus,
    Initiative,
    InventoryImport,
    LinkKind,
    Phase,
    PolicyAction,
    Priority,
    ProblemTheme,
    Programme,
    Reach,
    Strategy,
    Term,
    TermKind,
    Theme,
)

# Above this size an inventory file is read by the job queue's worker, with progress.
INLINE_IMPORT_MAX_BYTES = 100_000
PLAN_FIELDS = ("leefwerelden_note", "procesplan", "stakeholders", "financien", "content_taakverdeling",
               "content_creatie", "communicatieframe")
ATTENTION_FIELDS = ("doelgroepen_bereiken", "dialogische_momenten", "handelingsperspectief", "gespreksleiders_trainen")
EDITOR_ROLES = ("kernteam", "beheerder")


class ProgrammeError(Exception):
    """A rule of the programme was broken; the message is Dutch and shown as it is."""


# --------------------------------------------------------------------------------------------
# The programme and its vocabularies
# --------------------------------------------------------------------------------------------


def organisations_for(user, *, operator: bool = False):
    """Organisations in which the user may start a programme: where they are kernteam or beheerder.
    In the app a superuser is no exception (issue 11 item 14); only the command line (``operator``:
    whoever runs it has the server itself) lets a superuser act in any organisation."""
    from mia.accounts.models import Organisation

    if operator and user.is_superuser:
        return Organisation.objects.all()
    return Organisation.objects.filter(memberships__user=user, memberships__role__in=EDITOR_ROLES).distinct()


@transaction.atomic
def create_programme(user, title: str, description: str = "", organisation=None, *, seed: bool = True,
                     uid: uuid.UUID | None = None, operator: bool = False) -> Programme:
    """A new programme with the seed's themes, problem themes and vocabularies as its starting set.
    A fixed ``uid`` lets a script (the demo) find it again."""
    title = " ".join((title or "").split())
    if not title:
        raise ProgrammeError(_("Geef het programma een naam."))
    allowed = organisations_for(user, operator=operator)
    if organisation is None:
        organisation = allowed.first()
    if organisation is None or not allowed.filter(pk=organisation.pk).exists():
        raise ProgrammeError(_("U kunt alleen een programma starten in een organisatie waarin u kernteamlid of beheerder bent."))
    programme = Programme.objects.create(organisation=organisation, title=title, description=description, created_by=user,
                                         **({"uid": uid} if uid else {}))
    if seed:
        seed_programme(programme)
    return programme


def seed_programme(programme: Programme) -> None:
    content = seed_content()
    programme.content_version = content.version
    programme.save(update_fields=["content_version"])
    for kind, terms in (
        (TermKind.TOPIC, content.topics), (TermKind.TARGET_GROUP, content.target_groups),
        (TermKind.CATEGORY, content.categories), (TermKind.SETTING, content.leefwerelden),
        (TermKind.UNDERREPRESENTED, content.underrepresented_groups),
    ):
        Term.objects.bulk_create(
            Term(programme=programme, kind=kind, label=t.label, key=match_key(t.label), description=t.description,
                 code=t.code, position=i)
            for i, t in enumerate(terms, start=1)
        )
    problems = {
        p.code: ProblemTheme.objects.create(programme=programme, title=p.title, description=p.description, code=p.code, position=i)
        for i, p in enumerate(content.problem_themes, start=1)
    }
    for i, theme in enumerate(content.themes, start=1):
        Theme.objects.create(programme=programme, title=theme.title, key=match_key(theme.title), question=theme.question,
                             reframes=problems.get(theme.reframes), code=theme.code, position=i)


def update_programme(programme: Programme, *, title: str, description: str) -> Programme:
    title = " ".join((title or "").split())
    if not title:
        raise ProgrammeError(_("Geef het programma een naam."))
    programme.title, programme.description = title, description
    programme.save(update_fields=["title", "description", "updated_at"])
    return programme


@transaction.atomic
def delete_programme(programme: Programme, confirmation: str) -> None:
    """Delete a programme with everything in it (its links, not the linked sessions). The title must be typed."""
    if " ".join((confirmation or "").split()).casefold() != programme.title.casefold():
        raise ProgrammeError(_("Typ de naam van het programma precies over om het te verwijderen."))
    # Cycles and priorities restrict deleting their theme on its own, not with the whole programme.
    programme.delete()


def touch(programme: Programme) -> None:
    Programme.objects.filter(pk=programme.pk).update(updated_at=timezone.now())


def _next_position(queryset) -> int:
    return (queryset.aggregate(m=Max("position"))["m"] or 0) + 1


@transaction.atomic
def save_term(programme: Programme, kind: str, label: str, description: str = "", term: Term | None = None) -> Term:
    label = " ".join((label or "").split())
    key = match_key(label)
    if not key:
        raise ProgrammeError(_("Geef een naam met letters of cijfers."))
    if kind not in TermKind.values:
        raise ProgrammeError(_("Deze soort waarde kennen we niet."))
    clash = programme.terms.filter(kind=kind, key=key).exclude(pk=term.pk if term else None)
    if clash.exists():
        raise ProgrammeError(_("‘%(label)s’ staat er al (als ‘%(existing)s’).") % {"label": label, "existing": clash.first().label})
    if term is None:
        term = Term(programme=programme, kind=kind, position=_next_position(programme.terms.filter(kind=kind)))
    term.label, term.key, term.description = label, key, description
    term.save()
    touch(programme)
    return term


def term_usage(term: Term) -> int:
    return (
        term.topic_initiatives.count() + term.target_group_initiatives.count()
        + Initiative.objects.filter(category=term).count() + term.cycles.count() + term.priorities.count()
        + ApproachPlan.objects.filter(leefwerelden=term).count() + CycleLink.objects.filter(target_groups=term).count()
    )


@transaction.atomic
def delete_term(term: Term) -> None:
    used = term_usage(term)
    if used:
        raise ProgrammeError(
            _("‘%(label)s’ wordt nog %(n)d keer gebruikt (bij initiatieven, cycli of prioriteiten). Haal het daar eerst weg.")
            % {"label": term.label, "n": used}
        )
    programme = term.programme
    term.delete()
    touch(programme)


@transaction.atomic
def save_theme(programme: Programme, *, title: str, question: str, reframes: ProblemTheme | None = None,
               energy: int | None = None, partners: str = "", theme: Theme | None = None) -> Theme:
    title = " ".join((title or "").split())
    key = match_key(title)
    if not key:
        raise ProgrammeError(_("Geef het thema een titel met letters of cijfers."))
    if not (question or "").strip():
        raise ProgrammeError(_("Elk dialoogthema heeft een vraag."))
    if reframes is not None and reframes.programme_id != programme.pk:
        raise ProgrammeError(_("Dit probleemthema hoort niet bij dit programma."))
    clash = programme.themes.filter(key=key).exclude(pk=theme.pk if theme else None)
    if clash.exists():
        raise ProgrammeError(_("Er is al een thema ‘%(title)s’.") % {"title": clash.first().title})
    if theme is None:
        theme = Theme(programme=programme, position=_next_position(programme.themes))
    theme.title, theme.key, theme.question = title, key, question.strip()
    theme.reframes, theme.energy, theme.partners = reframes, energy, partners
    theme.save()
    touch(programme)
    return theme


@transaction.atomic
def delete_theme(theme: Theme) -> None:
    used = theme.initiatives.count() + theme.cycles.count() + theme.priorities.count()
    if used:
        raise ProgrammeError(
            _("Het thema ‘%(title)s’ hoort nog bij %(n)d initiatieven, cycli of prioriteiten. Haal het daar eerst weg.")
            % {"title": theme.title, "n": used}
        )
    programme = theme.programme
    theme.delete()
    touch(programme)


@transaction.atomic
def save_problem_theme(programme: Programme, *, title: str, description: str = "", problem: ProblemTheme | None = None) -> ProblemTheme:
    title = " ".join((title or "").split())
    if not match_key(title):
        raise ProgrammeError(_("Geef het probleemthema een titel met letters of cijfers."))
    if problem is None:
        problem = ProblemTheme(programme=programme, position=_next_position(programme.problem_themes))
    problem.title, problem.description = title, description
    problem.save()
    touch(programme)
    return problem


# --------------------------------------------------------------------------------------------
# The inventory of initiatives
# --------------------------------------------------------------------------------------------


def _check_terms(programme: Programme, terms: Iterable[Term], kind: str) -> list[Term]:
    terms = list(terms)
    if any(t.programme_id != programme.pk or t.kind != kind for t in terms):
        raise ProgrammeError(_("Een gekozen waarde hoort niet bij dit programma."))
    return terms


@transaction.atomic
def save_initiative(programme: Programme, *, name: str, link: str = "", owner: str = "", category: Term | None = None,
                    goal: str = "", approach: str = "", topics=(), target_groups=(), other_target_group: str = "",
                    reaches: Iterable[str] = (), themes=(), notes: str = "", initiative: Initiative | None = None) -> Initiative:
    name = " ".join((name or "").split())
    key = match_key(name)
    if not key:
        raise ProgrammeError(_("Geef het initiatief een naam met letters of cijfers."))
    clash = programme.initiatives.filter(key=key).exclude(pk=initiative.pk if initiative else None).first()
    if clash:
        raise ProgrammeError(_("Er staat al een initiatief ‘%(name)s’ in de inventarisatie.") % {"name": clash.name})
    if category is not None:
        _check_terms(programme, [category], TermKind.CATEGORY)
    topics = _check_terms(programme, topics, TermKind.TOPIC)
    target_groups = _check_terms(programme, target_groups, TermKind.TARGET_GROUP)
    themes = list(themes)
    if any(t.programme_id != programme.pk for t in themes):
        raise ProgrammeError(_("Een gekozen thema hoort niet bij dit programma."))
    reaches = set(reaches)
    if not reaches <= set(Reach.values):
        raise ProgrammeError(_("Kies als reikwijdte lokaal, regionaal en/of nationaal."))
    if initiative is None:
        initiative = Initiative(programme=programme)
    initiative.name, initiative.key, initiative.link, initiative.owner = name, key, link, owner
    initiative.category, initiative.goal, initiative.approach, initiative.notes = category, goal, approach, notes
    initiative.other_target_group = other_target_group
    initiative.is_local, initiative.is_regional, initiative.is_national = (
        Reach.LOCAL in reaches, Reach.REGIONAL in reaches, Reach.NATIONAL in reaches
    )
    initiative.save()
    initiative.topics.set(topics)
    initiative.target_groups.set(target_groups)
    initiative.themes.set(themes)
    touch(programme)
    return initiative


@transaction.atomic
def delete_initiative(initiative: Initiative) -> None:
    programme = initiative.programme
    initiative.delete()
    touch(programme)


def vocabularies(programme: Programme) -> inventory.Vocabularies:
    terms = list(programme.terms.all())

    def of(kind):
        return Vocabulary.of((t.label, t.pk) for t in terms if t.kind == kind)

    return inventory.Vocabularies(
        categories=of(TermKind.CATEGORY), topics=of(TermKind.TOPIC), target_groups=of(TermKind.TARGET_GROUP),
        reaches=Vocabulary.of(((str(label), code) for code, label in Reach.choices), inventory.REACH_SYNONYMS),
        themes=Vocabulary.of((t.title, t.pk) for t in programme.themes.all()),
    )


def start_inventory_import(programme: Programme, data: bytes, file_name: str, user=None, *, inline: bool | None = None) -> InventoryImport:
    """Record the upload; read it at once when small (or ``inline``), else in the job queue's worker (with progress)."""
    record = InventoryImport.objects.create(programme=programme, file_name=(file_name or "bestand")[:255], data=data, created_by=user)
    if inline if inline is not None else len(data) <= INLINE_IMPORT_MAX_BYTES:
        run_inventory_import(record.pk)
        record.refresh_from_db()
        return record
    from mia.jobs.actions import start_job

    job = start_job("programmes.import_initiatives", subject=f"programmes.import:{record.pk}", params={"import": record.pk},
                    user=user)
    InventoryImport.objects.filter(pk=record.pk).update(job=job)
    record.refresh_from_db()
    return record


def run_inventory_import(import_pk: int, progress=None) -> InventoryImport:
    """Read, check and write one upload. The reading and checking happen outside any transaction;
    the writing in one, so a file is imported completely or not at all."""
    report = progress or (lambda fraction, step="": None)
    record = InventoryImport.objects.select_related("programme").get(pk=import_pk)
    programme = record.programme
    report(0.05, _("Bestand lezen"))
    try:
        table = read_table(bytes(record.data), name=record.file_name)
    except TableError as error:
        return _refuse(record, [str(issue) for issue in error.issues], [], 0)
    report(0.15, _("Waarden controleren"))
    parsed = inventory.parse_inventory(table, vocabularies(programme), progress=lambda f: report(0.15 + 0.45 * f, _("Waarden controleren")))
    if not parsed.ok:
        return _refuse(record, [str(issue) for issue in parsed.issues], parsed.warnings, len(table.rows))
    report(0.6, _("Initiatieven opslaan"))
    created, updated, unchanged = _write_rows(programme, parsed.rows)
    InventoryImport.objects.filter(pk=record.pk).update(
        status=InventoryImport.Status.DONE, row_count=len(parsed.rows), created_count=created, updated_count=updated,
        unchanged_count=unchanged,
        warnings=parsed.warnings, issues=[], data=b"", finished_at=timezone.now(),
    )
    report(1.0, _("Klaar"))
    record.refresh_from_db()
    return record


def _refuse(record: InventoryImport, issues: list[str], warnings: list[str], rows: int) -> InventoryImport:
    # The file cannot be imported as it is: its bytes are not kept, only what was wrong with it.
    InventoryImport.objects.filter(pk=record.pk).update(
        status=InventoryImport.Status.REFUSED, issues=issues, warnings=warnings, row_count=rows, data=b"",
        finished_at=timezone.now(),
    )
    record.refresh_from_db()
    return record


WRITE_FIELDS = ("name", "link", "owner", "category_id", "goal", "approach", "other_target_group", "is_local", "is_regional",
                "is_national")
M2M = (("topics", Initiative.topics.through, "term_id"), ("target_groups", Initiative.target_groups.through, "term_id"),
       ("themes", Initiative.themes.through, "theme_id"))
CHUNK = 900  # below SQLite's limit of variables in one statement


def _row_values(row: inventory.InitiativeRow) -> dict:
    return {
        "name": row.name, "link": row.link, "owner": row.owner, "category_id": row.category, "goal": row.goal,
        "approach": row.approach, "other_target_group": row.other_target_group, "is_local": "lokaal" in row.reaches,
        "is_regional": "regionaal" in row.reaches, "is_national": "nationaal" in row.reaches,
    }


@transaction.atomic
def _write_rows(programme: Programme, rows: list[inventory.InitiativeRow]) -> tuple[int, int, int]:
    """Create new initiatives and update existing ones (same name, case- and accent-tolerant); rows that
    did not change are not written. Returns (created, changed, unchanged)."""
    from django.db import connection

    existing = {r["key"]: r for r in programme.initiatives.values("id", "key", *WRITE_FIELDS)}
    current_links = {name: {} for name, _through, _column in M2M}
    for name, through, column in M2M:
        for initiative_id, value in through.objects.filter(initiative__programme=programme).values_list("initiative_id", column):
            current_links[name].setdefault(initiative_id, set()).add(value)
    now = timezone.now()
    new, changed, relink, unchanged = [], [], {}, 0
    for row in rows:
        values = _row_values(row)
        current = existing.get(row.key)
        if current is None:
            new.append((row, Initiative(programme=programme, key=row.key, created_at=now, updated_at=now, **values)))
            continue
        links_differ = any(set(getattr(row, name)) != current_links[name].get(current["id"], set()) for name, _t, _c in M2M)
        fields_differ = any(current[f] != values[f] for f in WRITE_FIELDS)
        if fields_differ or links_differ:
            changed.append((current["id"], values))
        else:
            unchanged += 1
        if links_differ:
            relink[current["id"]] = row
    if changed:
        # One prepared statement for all changed rows: Django's bulk_update builds a CASE per field and row,
        # which costs minutes for ten thousand rows.
        meta = Initiative._meta
        quote = connection.ops.quote_name
        columns = [meta.get_field(f).column for f in (*WRITE_FIELDS, "updated_at")]
        sql = (f"UPDATE {quote(meta.db_table)} SET " + ", ".join(f"{quote(c)} = %s" for c in columns)
               + f" WHERE {quote(meta.pk.column)} = %s")
        stamp = meta.get_field("updated_at").get_db_prep_save(now, connection)
        with connection.cursor() as cursor:
            cursor.executemany(sql, [[*(values[f] for f in WRITE_FIELDS), stamp, pk] for pk, values in changed])
    created = Initiative.objects.bulk_create([initiative for _row, initiative in new], batch_size=500)
    if not connection_returns_ids():
        lookup = dict(programme.initiatives.filter(key__in=[i.key for i in created]).values_list("key", "id"))
        for initiative in created:
            initiative.pk = lookup[initiative.key]
    for _row, initiative in new:
        relink[initiative.pk] = _row
    existing_ids = {c["id"] for c in existing.values()}
    stale = [pk for pk in relink if pk in existing_ids]
    for name, through, column in M2M:
        for start in range(0, len(stale), CHUNK):
            through.objects.filter(initiative_id__in=stale[start:start + CHUNK]).delete()
        through.objects.bulk_create(
            [through(initiative_id=pk, **{column: value}) for pk, row in relink.items() for value in getattr(row, name)],
            batch_size=1000,
        )
    touch(programme)
    return len(new), len(changed), unchanged


def connection_returns_ids() -> bool:
    from django.db import connection

    return connection.features.can_return_rows_from_bulk_insert


# --------------------------------------------------------------------------------------------
# Opportunities and gaps, priorities
# --------------------------------------------------------------------------------------------


@transaction.atomic
def save_gap_note(programme: Programme, user, *, conclusion: str, topic: Term | None = None, target_group: Term | None = None,
                  theme: Theme | None = None, reach: str = "") -> GapNote:
    if topic is not None and target_group is not None and theme is None and not reach:
        _check_terms(programme, [topic], TermKind.TOPIC)
        _check_terms(programme, [target_group], TermKind.TARGET_GROUP)
        note, _created = GapNote.objects.get_or_create(programme=programme, topic=topic, target_group=target_group, theme=None)
    elif theme is not None and reach in Reach.values and topic is None and target_group is None:
        if theme.programme_id != programme.pk:
            raise ProgrammeError(_("Dit thema hoort niet bij dit programma."))
        note, _created = GapNote.objects.get_or_create(programme=programme, theme=theme, reach=reach, topic=None)
    else:
        raise ProgrammeError(_("Deze cel bestaat niet in de tabel."))
    note.conclusion, note.updated_by = conclusion, user
    note.save()
    touch(programme)
    return note


@transaction.atomic
def add_priority(programme: Programme, user, *, theme: Theme | None, target_group: Term | None, reason: str = "",
                 gap_note: GapNote | None = None) -> Priority:
    if theme is None and target_group is None:
        raise ProgrammeError(_("Kies een thema, een doelgroep of allebei."))
    if theme is not None and theme.programme_id != programme.pk:
        raise ProgrammeError(_("Dit thema hoort niet bij dit programma."))
    if target_group is not None:
        _check_terms(programme, [target_group], TermKind.TARGET_GROUP)
    if programme.priorities.filter(theme=theme, target_group=target_group).exists():
        raise ProgrammeError(_("Deze prioriteit staat er al."))
    priority = Priority.objects.create(programme=programme, theme=theme, target_group=target_group, reason=reason,
                                       gap_note=gap_note, created_by=user)
    touch(programme)
    return priority


@transaction.atomic
def delete_priority(priority: Priority) -> None:
    if priority.cycles.exists():
        raise ProgrammeError(_("Voor deze prioriteit loopt al een cyclus; die blijft bestaan. Sluit de cyclus af in plaats van de prioriteit te verwijderen."))
    programme = priority.programme
    priority.delete()
    touch(programme)


# --------------------------------------------------------------------------------------------
# Cycles A–D
# --------------------------------------------------------------------------------------------


@transaction.atomic
def create_cycle(programme: Programme, *, title: str = "", theme: Theme | None = None, target_group: Term | None = None,
                 priority: Priority | None = None, previous: Cycle | None = None, phase: str = Phase.A,
                 started_on: dt.date | None = None) -> Cycle:
    if theme is None and target_group is None:
        raise ProgrammeError(_("Een cyclus gaat over een thema, een doelgroep of allebei. Kies er ten minste één."))
    if theme is not None and theme.programme_id != programme.pk:
        raise ProgrammeError(_("Dit thema hoort niet bij dit programma."))
    if target_group is not None:
        _check_terms(programme, [target_group], TermKind.TARGET_GROUP)
    if priority is not None and priority.programme_id != programme.pk:
        raise ProgrammeError(_("Deze prioriteit hoort niet bij dit programma."))
    if phase not in Phase.values:
        raise ProgrammeError(_("Kies fase A, B, C of D."))
    title = " ".join((title or "").split()) or " · ".join(str(x) for x in (theme, target_group) if x)
    cycle = Cycle.objects.create(programme=programme, title=title[:200], theme=theme, target_group=target_group,
                                 priority=priority, previous=previous, phase=phase,
                                 started_on=started_on or timezone.localdate())
    content = seed_content()
    CycleStep.objects.bulk_create(
        CycleStep(cycle=cycle, phase=p.code, code=step.code, label=step.label, position=i)
        for p in content.phases for i, step in enumerate(p.steps, start=1)
    )
    touch(programme)
    return cycle


def set_phase(cycle: Cycle, phase: str) -> list[CycleStep]:
    """Move the cycle to a phase; returns the open steps of the phases before it (a warning, not a block)."""
    if phase not in Phase.values:
        raise ProgrammeError(_("Kies fase A, B, C of D."))
    if cycle.is_closed:
        raise ProgrammeError(_("Deze cyclus is afgesloten. Heropen haar eerst."))
    cycle.phase = phase
    cycle.save(update_fields=["phase", "updated_at"])
    touch(cycle.programme)
    return list(cycle.steps.filter(phase__lt=phase, done_at__isnull=True))


def update_step(step: CycleStep, *, done: bool, owner: str = "", due_date: dt.date | None = None, note: str = "") -> CycleStep:
    step.owner, step.due_date, step.note = owner, due_date, note
    if done and step.done_at is None:
        step.done_at = timezone.now()
    elif not done:
        step.done_at = None
    step.save(update_fields=["owner", "due_date", "note", "done_at"])
    touch(step.cycle.programme)
    return step


def close_cycle(cycle: Cycle, closed: bool) -> Cycle:
    cycle.closed_at = timezone.now() if closed else None
    cycle.save(update_fields=["closed_at", "updated_at"])
    touch(cycle.programme)
    return cycle


def plan(cycle: Cycle, kind: str) -> ApproachPlan:
    """The plan of one strategy (made on first use; its text stays when the strategy changes)."""
    found = cycle.plans.filter(kind=kind).first()
    return found or ApproachPlan(cycle=cycle, kind=kind)


@transaction.atomic
def save_approach(cycle: Cycle, *, strategy: str, attention: dict[str, str], plans: dict[str, dict]) -> Cycle:
    """Parts 2 and the aandachtspunten on the cycle, parts 3–9 per plan (``{kind: {field: text, "leefwerelden": [...],
    "initiatives": [...]}}``). A plan that is no longer chosen keeps its text (nothing typed is lost)."""
    if strategy and strategy not in Strategy.values:
        raise ProgrammeError(_("Kies verbinden/versterken, initiëren of beide."))
    cycle.strategy = strategy
    for name in ATTENTION_FIELDS:
        setattr(cycle, name, attention.get(name, getattr(cycle, name)))
    cycle.save()
    for kind, values in plans.items():
        if kind not in (Strategy.CONNECT, Strategy.INITIATE):
            raise ProgrammeError(_("Deze aanpak kennen we niet."))
        item = plan(cycle, kind)
        for name in PLAN_FIELDS:
            if name in values:
                setattr(item, name, values[name])
        item.save()
        if "leefwerelden" in values:
            item.leefwerelden.set(_check_terms(cycle.programme, values["leefwerelden"], TermKind.SETTING))
        if "initiatives" in values:
            initiatives = list(values["initiatives"])
            if any(i.programme_id != cycle.programme_id for i in initiatives):
                raise ProgrammeError(_("Een gekozen initiatief hoort niet bij dit programma."))
            item.initiatives.set(initiatives)
    touch(cycle.programme)
    return cycle


def save_goal(cycle: Cycle, *, text: str, kind: str, indicator: str = "", goal: Goal | None = None) -> Goal:
    if not (text or "").strip():
        raise ProgrammeError(_("Schrijf de doelstelling op."))
    if goal is None:
        goal = Goal(cycle=cycle, position=_next_position(cycle.goals))
    goal.text, goal.kind, goal.indicator = text.strip(), kind, indicator
    goal.save()
    touch(cycle.programme)
    return goal


@transaction.atomic
def delete_goal(goal: Goal) -> None:
    if goal.links.exists() or goal.policy_actions.exists():
        raise ProgrammeError(_("Aan dit doel zijn al sessies of beleidsacties gekoppeld. Herzie het doel in fase D in plaats van het te verwijderen."))
    programme = goal.cycle.programme
    goal.delete()
    touch(programme)


def linkable_sessions(cycle: Cycle, user):
    """Sessions the user may link: of MIAs in the programme's organisation where the user is in the kernteam.
    The sessions of a consultation (their working MIAs) are linked through their series (``link_series``)."""
    return (
        DialogueSession.objects.filter(
            assessment__organisation_id=cycle.programme.organisation_id, assessment__kind=AssessmentKind.MIA,
            assessment__memberships__user=user, assessment__memberships__role="kernteam",
        )
        .exclude(programme_links__cycle=cycle)
        .select_related("assessment").order_by("assessment__title", "position", "pk").distinct()
    )


@transaction.atomic
def link_session(cycle: Cycle, user, session: DialogueSession, *, goals=(), target_groups=(), reach: str = "",
                 note: str = "") -> CycleLink:
    if session.assessment.organisation_id != cycle.programme.organisation_id:
        raise ProgrammeError(_("U kunt alleen sessies koppelen van MIA's van uw eigen organisatie."))
    if not rules.has_perm("assessments.view_assessment", user, session.assessment):
        raise ProgrammeError(_("U kunt alleen sessies koppelen van MIA's waarin u in het kernteam zit."))
    if session.assessment.kind != AssessmentKind.MIA:
        raise ProgrammeError(_("Deze sessie hoort bij een raadpleging. Koppel de raadpleging; dan tellen al haar sessies mee."))
    link = CycleLink(cycle=cycle, kind=LinkKind.SESSION, session=session, linked_by=user)
    _save_new_link(link, _("Deze sessie is al aan deze cyclus gekoppeld."), session=session)
    return update_link(link, goals=goals, target_groups=target_groups, reach=reach, note=note)


def _save_new_link(link: CycleLink, already_linked: str, **linked) -> None:
    """Save a new link, or refuse with ``already_linked`` when the cycle has it (also when two people link at once)."""
    if link.cycle.links.filter(**linked).exists():
        raise ProgrammeError(already_linked)
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError:
        raise ProgrammeError(already_linked) from None


def linkable_series(cycle: Cycle, user):
    """Consultation series the user may link: of the programme's organisation, where the user may work on them."""
    from mia.consultations.models import Series

    candidates = (Series.objects.filter(organisation_id=cycle.programme.organisation_id)
                  .exclude(programme_links__cycle=cycle).order_by("title", "pk"))
    return candidates if rules.has_perm(SERIES_CHANGE, user, Series(organisation_id=cycle.programme.organisation_id)) \
        else candidates.none()


@transaction.atomic
def link_series(cycle: Cycle, user, series, *, goals=(), target_groups=(), reach: str = "", note: str = "") -> CycleLink:
    """Link a consultation series: its sessions' participants and cards count in fase D."""
    if series.organisation_id != cycle.programme.organisation_id:
        raise ProgrammeError(_("U kunt alleen raadplegingen van uw eigen organisatie koppelen."))
    if not rules.has_perm(SERIES_CHANGE, user, series):
        raise ProgrammeError(_("U kunt alleen raadplegingen koppelen waaraan u mag werken."))
    link = CycleLink(cycle=cycle, kind=LinkKind.CONSULTATION, series=series, linked_by=user)
    _save_new_link(link, _("Deze raadpleging is al aan deze cyclus gekoppeld."), series=series)
    return update_link(link, goals=goals, target_groups=target_groups, reach=reach, note=note)


def update_link(link: CycleLink, *, goals=(), target_groups=(), reach: str = "", note: str = "") -> CycleLink:
    goals = list(goals)
    if any(g.cycle_id != link.cycle_id for g in goals):
        raise ProgrammeError(_("Een gekozen doel hoort niet bij deze cyclus."))
    if reach and reach not in Reach.values:
        raise ProgrammeError(_("Kies als reikwijdte lokaal, regionaal of nationaal."))
    link.reach, link.note = reach, note
    link.save(update_fields=["reach", "note"])
    link.goals.set(goals)
    link.target_groups.set(_check_terms(link.cycle.programme, target_groups, TermKind.TARGET_GROUP))
    touch(link.cycle.programme)
    return link


def unlink(link: CycleLink) -> None:
    programme = link.cycle.programme
    link.delete()
    touch(programme)


# --------------------------------------------------------------------------------------------
# Fase D: evaluation, policy actions, the next cycle
# --------------------------------------------------------------------------------------------


def start_theme_analysis(cycle: Cycle, user):
    """Themes across all cards of the linked sessions, per goal, in the job queue."""
    from mia.jobs.actions import active_job, start_job

    subject = f"programmes.cycle:{cycle.pk}"
    running = active_job("programmes.cycle_themes", subject)
    if running is not None:
        return running
    if not cycle.links.exists():
        raise ProgrammeError(_("Koppel eerst een sessie of raadpleging aan deze cyclus; dan zijn er kaartjes om thema’s in te zoeken."))
    job = start_job("programmes.cycle_themes", subject=subject, params={"cycle": cycle.pk}, user=user)
    Cycle.objects.filter(pk=cycle.pk).update(themes_job=job)
    return job


def save_theme_result(cycle_pk: int, result: dict, card_count: int) -> None:
    with transaction.atomic():
        Cycle.objects.filter(pk=cycle_pk).update(themes_result=result, themes_card_count=card_count,
                                                 themes_computed_at=timezone.now())


def evaluate_goal(goal: Goal, *, result: str, status: str, revised_text: str) -> Goal:
    if status not in GoalStatus.values:
        raise ProgrammeError(_("Kies of het doel behaald is."))
    if revised_text.strip() != goal.revised_text.strip():
        goal.revised_at = timezone.now() if revised_text.strip() else None
    goal.result, goal.status, goal.revised_text = result, status, revised_text.strip()
    goal.save(update_fields=["result", "status", "revised_text", "revised_at"])
    touch(goal.cycle.programme)
    return goal


def save_evaluation_summary(cycle: Cycle, text: str) -> Cycle:
    cycle.evaluation_summary = text
    cycle.save(update_fields=["evaluation_summary", "updated_at"])
    touch(cycle.programme)
    return cycle


def save_policy_action(cycle: Cycle, *, description: str, owner: str = "", status: str = "voorgesteld",
                       goal: Goal | None = None, fed_back_to: str = "", fed_back_on: dt.date | None = None,
                       action: PolicyAction | None = None) -> PolicyAction:
    if not (description or "").strip():
        raise ProgrammeError(_("Beschrijf de beleidsactie."))
    if goal is not None and goal.cycle_id != cycle.pk:
        raise ProgrammeError(_("Dit doel hoort niet bij deze cyclus."))
    if fed_back_on and not fed_back_to.strip():
        raise ProgrammeError(_("Aan welke partij is de actie teruggekoppeld? Vul die ook in."))
    action = action or PolicyAction(cycle=cycle)
    action.description, action.owner, action.status, action.goal = description.strip(), owner, status, goal
    action.fed_back_to, action.fed_back_on = fed_back_to, fed_back_on
    action.save()
    touch(cycle.programme)
    return action


def delete_policy_action(action: PolicyAction) -> None:
    programme = action.cycle.programme
    action.delete()
    touch(programme)


@transaction.atomic
def start_next_cycle(cycle: Cycle, *, mode: str, theme: Theme | None = None, target_group: Term | None = None,
                     title: str = "") -> Cycle:
    """From the evaluation: go on with the same theme and the revised goals (from fase B), or start a new
    theme at fase A. The evaluated cycle stays as it is, and is closed."""
    if mode == "voortzetten":
        new = create_cycle(cycle.programme, title=title or _("%(title)s (vervolg)") % {"title": cycle.title},
                           theme=cycle.theme, target_group=cycle.target_group, previous=cycle, phase=Phase.B)
        for goal in cycle.goals.all():
            Goal.objects.create(cycle=new, text=goal.revised_text or goal.text, kind=goal.kind, indicator=goal.indicator,
                                position=goal.position)
        new.strategy = cycle.strategy
        new.save(update_fields=["strategy"])
    elif mode == "nieuw":
        new = create_cycle(cycle.programme, title=title, theme=theme, target_group=target_group, previous=cycle, phase=Phase.A)
    else:
        raise ProgrammeError(_("Kies of u doorgaat met dit thema of een nieuw thema start."))
    if not cycle.is_closed:
        close_cycle(cycle, True)
    return new
