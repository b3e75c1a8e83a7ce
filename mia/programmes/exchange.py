"""JSON export and import of a whole programme, checked with pydantic, with Dutch error paths.

Keys are Dutch and match the inventory's CSV columns, so a file can be read by people.
The import always makes a new programme in the importer's organisation. Links to dialogue
sessions belong to MIA's of the installation that made the file: they are exported for the
record and reported, not restored, on import.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

from django.conf import settings
from django.db import transaction
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mia.programmes import actions
from mia.programmes.matching import match_key
from mia.programmes.models import (
    ActionStatus,
    ApproachPlan,
    Cycle,
    GapNote,
    Goal,
    GoalKind,
    GoalStatus,
    Initiative,
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

FORMAT = "mia-programma"
FORMAT_VERSION = 1
TERM_KEYS = {
    TermKind.TOPIC: "onderwerpen", TermKind.TARGET_GROUP: "doelgroepen", TermKind.CATEGORY: "categorieen",
    TermKind.SETTING: "leefwerelden", TermKind.UNDERREPRESENTED: "ondervertegenwoordigde_groepen",
}
MAX_ITEMS = 100_000


class ImportFailed(Exception):
    """The file cannot be imported; the message says why, in Dutch."""


def _iso(value) -> str | None:
    return value.isoformat() if value else None


# --------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------


def export_programme(programme: Programme) -> dict[str, Any]:
    from mia.programmes.evaluation import evaluation

    terms = list(programme.terms.all())
    label = {t.pk: t.label for t in terms}
    themes = list(programme.themes.select_related("reframes"))
    theme_title = {t.pk: t.title for t in themes}
    initiatives = programme.initiatives.select_related("category").prefetch_related("topics", "target_groups", "themes")
    return {
        "formaat": FORMAT,
        "versie": FORMAT_VERSION,
        "inhoud": programme.content_version,
        "programma": {"naam": programme.title, "omschrijving": programme.description,
                      "organisatie": programme.organisation.name, "gemaakt_op": _iso(programme.created_at)},
        "waarden": {key: [{"naam": t.label, "toelichting": t.description} for t in terms if t.kind == kind]
                    for kind, key in TERM_KEYS.items()},
        "probleemthemas": [{"titel": p.title, "toelichting": p.description} for p in programme.problem_themes.all()],
        "themas": [{"titel": t.title, "vraag": t.question, "herformuleert": t.reframes.title if t.reframes else None,
                    "energie": t.energy, "partijen": t.partners} for t in themes],
        "initiatieven": [
            {"naam": i.name, "link": i.link, "eigenaar": i.owner, "categorie": i.category.label if i.category else None,
             "doel": i.goal, "aanpak": i.approach, "onderwerp": [t.label for t in i.topics.all()],
             "doelgroep": [t.label for t in i.target_groups.all()], "andere_doelgroep": i.other_target_group,
             "reikwijdte": i.reaches, "thema": [t.title for t in i.themes.all()], "notities": i.notes}
            for i in initiatives
        ],
        "conclusies": [
            {"onderwerp": label.get(n.topic_id), "doelgroep": label.get(n.target_group_id), "thema": theme_title.get(n.theme_id),
             "reikwijdte": n.reach or None, "conclusie": n.conclusion}
            for n in programme.gap_notes.all() if n.conclusion
        ],
        "prioriteiten": [{"thema": theme_title.get(p.theme_id), "doelgroep": label.get(p.target_group_id), "reden": p.reason}
                         for p in programme.priorities.all()],
        "cycli": [_export_cycle(c, label, theme_title, evaluation(c)) for c in programme.cycles.all()],
    }


def _export_cycle(cycle: Cycle, label: dict, theme_title: dict, data: dict) -> dict:
    goal_ref = {g.pk: n for n, g in enumerate(cycle.goals.all(), start=1)}
    return {
        "ref": cycle.pk,
        "naam": cycle.title,
        "thema": theme_title.get(cycle.theme_id),
        "doelgroep": label.get(cycle.target_group_id),
        "fase": cycle.phase,
        "gestart_op": _iso(cycle.started_on),
        "afgesloten": cycle.is_closed,
        "vervolg_op": cycle.previous_id,
        "prioriteit": {"thema": theme_title.get(cycle.priority.theme_id), "doelgroep": label.get(cycle.priority.target_group_id)}
        if cycle.priority else None,
        "stappen": [{"code": s.code, "gedaan": s.is_done, "wie": s.owner, "datum": _iso(s.due_date), "notitie": s.note}
                    for s in cycle.steps.all()],
        "thema_aanpak": {
            "strategie": cycle.strategy or None,
            **{name: getattr(cycle, name) for name in actions.ATTENTION_FIELDS},
            "aanpakken": [
                {"soort": p.kind, "leefwerelden": [t.label for t in p.leefwerelden.all()],
                 **{name: getattr(p, name) for name in actions.PLAN_FIELDS}, "initiatieven": [i.name for i in p.initiatives.all()]}
                for p in cycle.plans.prefetch_related("leefwerelden", "initiatives")
            ],
        },
        "doelen": [
            {"ref": goal_ref[g.pk], "tekst": g.text, "soort": g.kind, "indicator": g.indicator, "resultaat": g.result,
             "status": g.status, "herzien": g.revised_text}
            for g in cycle.goals.all()
        ],
        "koppelingen": [
            {"soort": row["link"].kind, "sessie": str(row["link"].session) if row["link"].session_id else "",
             "mia": row["link"].session.assessment.title if row["link"].session_id else "",
             "raadpleging": row["link"].series.title if row["link"].series_id else "",
             "doelen": [goal_ref[g.pk] for g in row["link"].goals.all()],
             "doelgroepen": [t.label for t in row["link"].target_groups.all()], "reikwijdte": row["link"].reach or None,
             "notitie": row["link"].note, "deelnemers": row["participants_shown"], "kaartjes": row["cards"]}
            for row in data["links"]
        ],
        "evaluatie": {"samenvatting": cycle.evaluation_summary, "themas": data["themes"],
                      "themas_berekend_op": _iso(cycle.themes_computed_at)},
        "beleidsacties": [
            {"beschrijving": a.description, "doel": goal_ref.get(a.goal_id), "eigenaar": a.owner, "status": a.status,
             "teruggekoppeld_aan": a.fed_back_to, "teruggekoppeld_op": _iso(a.fed_back_on)}
            for a in cycle.policy_actions.all()
        ],
    }


# --------------------------------------------------------------------------------------------
# The file's schema
# --------------------------------------------------------------------------------------------

Short = Annotated[str, Field(max_length=300)]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Long = Annotated[str, Field(max_length=5000)]
Names = Annotated[list[Name], Field(max_length=1000)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TermIn(_Model):
    naam: Name
    toelichting: Long = ""


class ValuesIn(_Model):
    onderwerpen: Annotated[list[TermIn], Field(max_length=1000)] = []
    doelgroepen: Annotated[list[TermIn], Field(max_length=1000)] = []
    categorieen: Annotated[list[TermIn], Field(max_length=1000)] = []
    leefwerelden: Annotated[list[TermIn], Field(max_length=1000)] = []
    ondervertegenwoordigde_groepen: Annotated[list[TermIn], Field(max_length=1000)] = []


class ProgrammeIn(_Model):
    naam: Annotated[str, Field(min_length=1, max_length=300)]
    omschrijving: Long = ""
    organisatie: Short | None = None
    gemaakt_op: Short | None = None


class ProblemIn(_Model):
    titel: Name
    toelichting: Long = ""


class ThemeIn(_Model):
    titel: Name
    vraag: Annotated[str, Field(min_length=1, max_length=500)]
    herformuleert: Name | None = None
    energie: Literal[1, 2, 3] | None = None
    partijen: Long = ""


class InitiativeIn(_Model):
    naam: Name
    link: Annotated[str, Field(max_length=500)] = ""
    eigenaar: Annotated[str, Field(max_length=200)] = ""
    categorie: Name | None = None
    doel: Long = ""
    aanpak: Long = ""
    onderwerp: Names = []
    doelgroep: Names = []
    andere_doelgroep: Short = ""
    reikwijdte: Annotated[list[Literal["lokaal", "regionaal", "nationaal"]], Field(max_length=3)] = []
    thema: Names = []
    notities: Long = ""


class NoteIn(_Model):
    onderwerp: Name | None = None
    doelgroep: Name | None = None
    thema: Name | None = None
    reikwijdte: Literal["lokaal", "regionaal", "nationaal"] | None = None
    conclusie: Long = ""


class PriorityIn(_Model):
    thema: Name | None = None
    doelgroep: Name | None = None
    reden: Long = ""


class StepIn(_Model):
    code: Annotated[str, Field(max_length=40)]
    gedaan: bool = False
    wie: Annotated[str, Field(max_length=200)] = ""
    datum: dt.date | None = None
    notitie: Long = ""


class PlanIn(_Model):
    soort: Literal["verbinden-versterken", "initieren"]
    leefwerelden: Names = []
    leefwerelden_note: Long = ""
    procesplan: Long = ""
    stakeholders: Long = ""
    financien: Long = ""
    content_taakverdeling: Long = ""
    content_creatie: Long = ""
    communicatieframe: Long = ""
    initiatieven: Names = []


class ApproachIn(_Model):
    strategie: Literal["verbinden-versterken", "initieren", "beide"] | None = None
    doelgroepen_bereiken: Long = ""
    dialogische_momenten: Long = ""
    handelingsperspectief: Long = ""
    gespreksleiders_trainen: Long = ""
    aanpakken: Annotated[list[PlanIn], Field(max_length=2)] = []


class GoalIn(_Model):
    ref: Annotated[int, Field(ge=1, le=MAX_ITEMS)]
    tekst: Annotated[str, Field(min_length=1, max_length=5000)]
    soort: Literal["bereik", "korte-termijn", "lange-termijn", "anders"] = "bereik"
    indicator: Short = ""
    resultaat: Long = ""
    status: Literal["", "behaald", "deels", "niet-behaald"] = ""
    herzien: Long = ""


class LinkIn(_Model):
    soort: Annotated[str, Field(max_length=20)]
    sessie: Short = ""
    mia: Short = ""
    raadpleging: Short = ""
    doelen: Annotated[list[int], Field(max_length=1000)] = []
    doelgroepen: Names = []
    reikwijdte: Literal["lokaal", "regionaal", "nationaal"] | None = None
    notitie: Long = ""
    deelnemers: Short = ""
    kaartjes: Annotated[int, Field(ge=0, le=10**9)] = 0


class ActionIn(_Model):
    beschrijving: Annotated[str, Field(min_length=1, max_length=5000)]
    doel: Annotated[int, Field(ge=1, le=MAX_ITEMS)] | None = None
    eigenaar: Annotated[str, Field(max_length=200)] = ""
    status: Literal["voorgesteld", "in-uitvoering", "uitgevoerd", "vervallen"] = "voorgesteld"
    teruggekoppeld_aan: Annotated[str, Field(max_length=200)] = ""
    teruggekoppeld_op: dt.date | None = None


class EvaluationIn(_Model):
    samenvatting: Long = ""
    themas: dict[str, Any] = {}
    themas_berekend_op: Short | None = None


class CycleIn(_Model):
    ref: Annotated[int, Field(ge=1, le=10**12)]
    naam: Name
    thema: Name | None = None
    doelgroep: Name | None = None
    fase: Literal["A", "B", "C", "D"] = "A"
    gestart_op: dt.date | None = None
    afgesloten: bool = False
    vervolg_op: Annotated[int, Field(ge=1, le=10**12)] | None = None
    prioriteit: PriorityIn | None = None
    stappen: Annotated[list[StepIn], Field(max_length=100)] = []
    thema_aanpak: ApproachIn = ApproachIn()
    doelen: Annotated[list[GoalIn], Field(max_length=1000)] = []
    koppelingen: Annotated[list[LinkIn], Field(max_length=10_000)] = []
    evaluatie: EvaluationIn = EvaluationIn()
    beleidsacties: Annotated[list[ActionIn], Field(max_length=10_000)] = []


class ProgrammeFile(_Model):
    formaat: Literal["mia-programma"]
    versie: Literal[1]
    inhoud: Short = ""
    programma: ProgrammeIn
    waarden: ValuesIn = ValuesIn()
    probleemthemas: Annotated[list[ProblemIn], Field(max_length=1000)] = []
    themas: Annotated[list[ThemeIn], Field(max_length=1000)] = []
    initiatieven: Annotated[list[InitiativeIn], Field(max_length=MAX_ITEMS)] = []
    conclusies: Annotated[list[NoteIn], Field(max_length=MAX_ITEMS)] = []
    prioriteiten: Annotated[list[PriorityIn], Field(max_length=10_000)] = []
    cycli: Annotated[list[CycleIn], Field(max_length=10_000)] = []


# --------------------------------------------------------------------------------------------
# Reading and checking
# --------------------------------------------------------------------------------------------

MESSAGES = {
    "missing": "ontbreekt",
    "extra_forbidden": "kennen we niet (verwijder dit veld)",
    "string_type": "moet tekst zijn",
    "string_too_short": "mag niet leeg zijn",
    "string_too_long": "is te lang (hoogstens {max_length} tekens)",
    "too_long": "heeft te veel onderdelen (hoogstens {max_length})",
    "int_type": "moet een heel getal zijn",
    "int_parsing": "moet een heel getal zijn",
    "int_from_float": "moet een heel getal zijn",
    "int_parsing_size": "is te groot",
    "bool_type": "moet waar (true) of onwaar (false) zijn",
    "bool_parsing": "moet waar (true) of onwaar (false) zijn",
    "list_type": "moet een lijst zijn",
    "dict_type": "moet een object zijn",
    "model_type": "moet een object zijn",
    "model_attributes_type": "moet een object zijn",
    "literal_error": "moet een van deze waarden zijn: {expected}",
    "date_type": "moet een datum zijn (jjjj-mm-dd)",
    "date_parsing": "moet een datum zijn (jjjj-mm-dd)",
    "date_from_datetime_parsing": "moet een datum zijn (jjjj-mm-dd)",
    "date_from_datetime_inexact": "moet een datum zijn (jjjj-mm-dd)",
    "greater_than_equal": "is te klein (minstens {ge})",
    "less_than_equal": "is te groot (hoogstens {le})",
    "recursion_loop": "is te diep genest",
}
MAX_ERRORS = 20


def dutch_path(loc: tuple) -> str:
    parts = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"nummer {item + 1}")
        else:
            parts.append(str(item).replace("_", " "))
    return " › ".join(parts) or "bestand"


def dutch_errors(error: ValidationError) -> list[str]:
    lines = []
    for item in error.errors(include_url=False)[:MAX_ERRORS]:
        template = MESSAGES.get(item["type"], "is niet geldig")
        context = {k: (", ".join(str(x) for x in v) if isinstance(v, (list, tuple)) else v) for k, v in (item.get("ctx") or {}).items()}
        if isinstance(context.get("expected"), str):
            context["expected"] = context["expected"].replace(" or ", " of ")  # pydantic writes "1, 2 or 3"
        try:
            text = template.format(**context)
        except (KeyError, IndexError):
            text = MESSAGES.get(item["type"], "is niet geldig").split(" (")[0]
        lines.append(f"{dutch_path(item['loc'])}: {text}")
    hidden = error.error_count() - len(lines)
    if hidden > 0:
        lines.append(f"… en nog {hidden} andere fouten.")
    return lines


def read_programme_file(raw: bytes) -> ProgrammeFile:
    if not raw or not raw.strip():
        raise ImportFailed("Het bestand is leeg.")
    if len(raw) > settings.MIA_MAX_IMPORT_BYTES:
        raise ImportFailed(f"Het bestand is te groot (hoogstens {settings.MIA_MAX_IMPORT_BYTES // (1024 * 1024)} MB).")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed("Het bestand is geen UTF-8-tekst. Kies een JSON-bestand dat MIA heeft gemaakt.") from None
    try:
        data = json.loads(text)
    except RecursionError:
        raise ImportFailed("Het bestand is te diep genest om te lezen. Kies een JSON-bestand dat MIA heeft gemaakt.") from None
    except ValueError as error:
        # Also an integer of thousands of digits (Python refuses those) ends here.
        line = getattr(error, "lineno", None)
        where = f" (rond regel {line})" if line else ""
        raise ImportFailed(f"Het bestand is geen geldige JSON{where}. Kies een JSON-bestand dat MIA heeft gemaakt.") from None
    if not isinstance(data, dict) or data.get("formaat") != FORMAT:
        raise ImportFailed("Dit is geen programma-bestand van MIA (het veld ‘formaat’ is niet ‘mia-programma’).")
    try:
        return ProgrammeFile.model_validate(data)
    except ValidationError as error:
        raise ImportFailed("Het bestand klopt niet:\n- " + "\n- ".join(dutch_errors(error))) from None
    except RecursionError:
        raise ImportFailed("Het bestand is te diep genest om te lezen.") from None


# --------------------------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------------------------


def _strip(text: str) -> str:
    from mia.core.forms import strip_control_chars

    return strip_control_chars(text or "")


def import_programme(data: ProgrammeFile, user, organisation=None, *, operator: bool = False) -> tuple[Programme, list[str]]:
    """A new programme from the file; every reference (a topic by name, a theme by title) must resolve.
    Returns the programme and notes on what was not taken over (links to sessions elsewhere)."""
    problems: list[str] = []
    with transaction.atomic():
        try:
            programme = actions.create_programme(user, _strip(data.programma.naam), _strip(data.programma.omschrijving),
                                                 organisation, seed=False, operator=operator)
        except actions.ProgrammeError as error:
            raise ImportFailed(str(error)) from None
        terms: dict[str, dict[str, Term]] = {}
        for kind, key in TERM_KEYS.items():
            terms[kind] = {}
            for position, item in enumerate(getattr(data.waarden, key), start=1):
                k = match_key(item.naam)
                if not k or k in terms[kind]:
                    problems.append(f"waarden › {key}: ‘{item.naam}’ is leeg of staat er twee keer in.")
                    continue
                terms[kind][k] = Term.objects.create(programme=programme, kind=kind, label=_strip(item.naam), key=k,
                                                     description=_strip(item.toelichting), position=position)

        def term(kind, name, where):
            if name is None:
                return None
            found = terms[kind].get(match_key(name))
            if found is None:
                problems.append(f"{where}: ‘{name}’ staat niet bij de {TERM_KEYS[kind].replace('_', ' ')}.")
            return found

        problem_of = {}
        for position, p in enumerate(data.probleemthemas, start=1):
            problem_of[match_key(p.titel)] = ProblemTheme.objects.create(programme=programme, title=_strip(p.titel),
                                                                         description=_strip(p.toelichting), position=position)
        themes: dict[str, Theme] = {}
        for position, t in enumerate(data.themas, start=1):
            k = match_key(t.titel)
            if not k or k in themes:
                problems.append(f"themas › nummer {position}: ‘{t.titel}’ is leeg of staat er twee keer in.")
                continue
            reframes = problem_of.get(match_key(t.herformuleert)) if t.herformuleert else None
            if t.herformuleert and reframes is None:
                problems.append(f"themas › nummer {position} › herformuleert: ‘{t.herformuleert}’ staat niet bij de probleemthema’s.")
            themes[k] = Theme.objects.create(programme=programme, title=_strip(t.titel), key=k, question=_strip(t.vraag),
                                             reframes=reframes, energy=t.energie, partners=_strip(t.partijen), position=position)

        def theme(name, where):
            if name is None:
                return None
            found = themes.get(match_key(name))
            if found is None:
                problems.append(f"{where}: het thema ‘{name}’ staat niet bij de thema’s.")
            return found

        initiatives = {}
        for n, i in enumerate(data.initiatieven, start=1):
            where = f"initiatieven › nummer {n}"
            k = match_key(i.naam)
            if not k or k in initiatives:
                problems.append(f"{where}: de naam ‘{i.naam}’ is leeg of staat er twee keer in.")
                continue
            link = _strip(i.link)
            if link and not _web_address(link):
                problems.append(f"{where} › link: ‘{i.link[:60]}’ is geen webadres.")
                continue
            initiative = Initiative.objects.create(
                programme=programme, name=_strip(i.naam), key=k, link=link, owner=_strip(i.eigenaar),
                category=term(TermKind.CATEGORY, i.categorie, f"{where} › categorie"), goal=_strip(i.doel),
                approach=_strip(i.aanpak), other_target_group=_strip(i.andere_doelgroep), notes=_strip(i.notities),
                is_local="lokaal" in i.reikwijdte, is_regional="regionaal" in i.reikwijdte, is_national="nationaal" in i.reikwijdte,
            )
            initiative.topics.set([x for name in i.onderwerp if (x := term(TermKind.TOPIC, name, f"{where} › onderwerp"))])
            initiative.target_groups.set([x for name in i.doelgroep if (x := term(TermKind.TARGET_GROUP, name, f"{where} › doelgroep"))])
            initiative.themes.set([x for name in i.thema if (x := theme(name, f"{where} › thema"))])
            initiatives[k] = initiative
        for n, note in enumerate(data.conclusies, start=1):
            where = f"conclusies › nummer {n}"
            if note.onderwerp and note.doelgroep:
                topic = term(TermKind.TOPIC, note.onderwerp, where)
                group = term(TermKind.TARGET_GROUP, note.doelgroep, where)
                if topic and group:
                    GapNote.objects.create(programme=programme, topic=topic, target_group=group, conclusion=_strip(note.conclusie))
            elif note.thema and note.reikwijdte:
                found = theme(note.thema, where)
                if found:
                    GapNote.objects.create(programme=programme, theme=found, reach=note.reikwijdte, conclusion=_strip(note.conclusie))
            else:
                problems.append(f"{where}: geef een onderwerp en doelgroep, of een thema en reikwijdte.")
        priorities = {}
        for n, p in enumerate(data.prioriteiten, start=1):
            where = f"prioriteiten › nummer {n}"
            found_theme = theme(p.thema, where)
            group = term(TermKind.TARGET_GROUP, p.doelgroep, where)
            if found_theme is None and group is None:
                problems.append(f"{where}: een prioriteit heeft een thema, een doelgroep of allebei.")
                continue
            priorities[(p.thema and match_key(p.thema), p.doelgroep and match_key(p.doelgroep))] = Priority.objects.create(
                programme=programme, theme=found_theme, target_group=group, reason=_strip(p.reden), created_by=user)
        _import_cycles(programme, data.cycli, terms, theme, term, initiatives, priorities, problems)
        if problems:
            shown = problems[:MAX_ERRORS]
            more = f"\n- … en nog {len(problems) - len(shown)} andere fouten." if len(problems) > len(shown) else ""
            transaction.set_rollback(True)
            raise ImportFailed("Het bestand klopt niet:\n- " + "\n- ".join(shown) + more)
    links = sum(len(c.koppelingen) for c in data.cycli)
    notes = []
    if links:
        notes.append(f"{links} koppeling(en) met dialoogsessies of raadplegingen zijn niet overgenomen: die horen bij "
                     "MIA’s en raadplegingen van de installatie die het bestand maakte. Koppel hier opnieuw.")
    return programme, notes


def _import_cycles(programme, cycles, terms, theme, term, initiatives, priorities, problems) -> None:
    made: dict[int, Cycle] = {}
    for n, c in enumerate(cycles, start=1):
        where = f"cycli › nummer {n}"
        found_theme = theme(c.thema, f"{where} › thema")
        group = term(TermKind.TARGET_GROUP, c.doelgroep, f"{where} › doelgroep")
        if found_theme is None and group is None:
            problems.append(f"{where}: een cyclus heeft een thema, een doelgroep of allebei.")
            continue
        if c.ref in made:
            problems.append(f"{where} › ref: {c.ref} komt twee keer voor.")
            continue
        priority = None
        if c.prioriteit is not None:
            priority = priorities.get((c.prioriteit.thema and match_key(c.prioriteit.thema),
                                       c.prioriteit.doelgroep and match_key(c.prioriteit.doelgroep)))
        cycle = actions.create_cycle(programme, title=_strip(c.naam), theme=found_theme, target_group=group, priority=priority,
                                     phase=c.fase, started_on=c.gestart_op)
        approach = c.thema_aanpak
        cycle.strategy = approach.strategie or ""
        for name in actions.ATTENTION_FIELDS:
            setattr(cycle, name, _strip(getattr(approach, name)))
        cycle.evaluation_summary = _strip(c.evaluatie.samenvatting)
        cycle.save()
        steps = {s.code: s for s in cycle.steps.all()}
        for s in c.stappen:
            step = steps.get(s.code)
            if step is None:
                problems.append(f"{where} › stappen: de stap ‘{s.code}’ kennen we niet.")
                continue
            step.owner, step.due_date, step.note = _strip(s.wie), s.datum, _strip(s.notitie)
            step.done_at = step.done_at or (cycle.created_at if s.gedaan else None)
            step.save()
        for p in approach.aanpakken:
            plan = ApproachPlan.objects.create(cycle=cycle, kind=p.soort, **{name: _strip(getattr(p, name)) for name in actions.PLAN_FIELDS})
            plan.leefwerelden.set([x for name in p.leefwerelden if (x := term(TermKind.SETTING, name, f"{where} › leefwerelden"))])
            plan.initiatives.set([initiatives[k] for name in p.initiatieven if (k := match_key(name)) in initiatives])
        goals = {}
        for g in c.doelen:
            goals[g.ref] = Goal.objects.create(cycle=cycle, text=_strip(g.tekst), kind=g.soort, indicator=_strip(g.indicator),
                                               result=_strip(g.resultaat), status=g.status, revised_text=_strip(g.herzien),
                                               position=g.ref)
        for a in c.beleidsacties:
            if a.doel is not None and a.doel not in goals:
                problems.append(f"{where} › beleidsacties: doel {a.doel} staat niet bij de doelen.")
                continue
            PolicyAction.objects.create(cycle=cycle, goal=goals.get(a.doel), description=_strip(a.beschrijving),
                                        owner=_strip(a.eigenaar), status=a.status, fed_back_to=_strip(a.teruggekoppeld_aan),
                                        fed_back_on=a.teruggekoppeld_op)
        if c.afgesloten:
            actions.close_cycle(cycle, True)
        made[c.ref] = cycle
    for c in cycles:
        if c.vervolg_op is not None and c.ref in made:
            made[c.ref].previous = made.get(c.vervolg_op)
            made[c.ref].save(update_fields=["previous"])


def _web_address(text: str) -> bool:
    from mia.programmes.inventory import _is_web_address

    return _is_web_address(text)


# The enumerations of the models, which the file's literals above must follow (checked by a test).
CHOICES = {
    "fase": Phase.values, "strategie": Strategy.values, "soort": GoalKind.values, "status": GoalStatus.values,
    "actie": ActionStatus.values, "reikwijdte": Reach.values,
}
