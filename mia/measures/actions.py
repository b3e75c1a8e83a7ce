"""Every write of the impact team's state, one function per action. Each checks the domain rule,
writes in a short transaction and returns; a broken rule raises ``MeasuresError`` with a Dutch
message the page shows as it is. Access (who may call these) is checked by the views (``access.py``)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.measures.content import content
from mia.measures.models import (
    CbsFeed,
    Consideration,
    ContextDevelopment,
    Criterion,
    CriterionKind,
    CriterionScore,
    ExportFile,
    FicheStatus,
    FicheVersion,
    GroupImpact,
    Indicator,
    IndicatorComponent,
    Measure,
    MeasureScenario,
    Observation,
    Package,
    PackageLevel,
    PublicValue,
    Quadrant,
    Scale,
    ScaleLevel,
    Scenario,
    Source,
    Upload,
    VulnerableGroup,
    Weighing,
    Workspace,
)

# Indicator files up to this size are read in the request; larger ones by the job queue.
INLINE_IMPORT_BYTES = 256 * 1024


class MeasuresError(Exception):
    """A rule of the impact team's work was broken; the message is Dutch and shown as is."""


def _unique(save, message: str):
    """Run a write that may hit a unique constraint; turn that into a Dutch message."""
    try:
        with transaction.atomic():
            return save()
    except IntegrityError:
        raise MeasuresError(message) from None


# --- workspace --------------------------------------------------------------------------------------


@transaction.atomic
def create_workspace(user, organisation, name: str, description: str = "", crisis: str = "", *, uid=None) -> Workspace:
    """A new workspace with the seed's scales, quadrants, scenarios, groups and values (``data/impactteam-v1.json``).
    ``uid``: a fixed identity (the demo's, so that it is made once)."""
    data = content()
    workspace = Workspace.objects.create(
        **({"uid": uid} if uid else {}), organisation=organisation, name=name, description=description, crisis=crisis, created_by=user,
        content_version=data["version"], effective_from=data["matrix"]["effective_from"],
        high_impact_from=data["matrix"]["high_impact_from"],
    )
    for scale, key in ((Scale.IMPACT, "impact_scale"), (Scale.EFFECTIVENESS, "effectiveness_scale")):
        ScaleLevel.objects.bulk_create(
            ScaleLevel(workspace=workspace, scale=scale, level=x["level"], label=x["label"], description=x["description"])
            for x in data[key]["levels"]
        )
    Quadrant.objects.bulk_create(
        Quadrant(workspace=workspace, key=q["key"], label=q["label"], advice=q["advice"], order=q["order"])
        for q in data["matrix"]["quadrants"]
    )
    Scenario.objects.bulk_create(
        Scenario(workspace=workspace, name=s["name"], description=s["description"], position=i)
        for i, s in enumerate(data["scenarios"])
    )
    VulnerableGroup.objects.bulk_create(
        VulnerableGroup(workspace=workspace, name=g["name"], description=g["seed"], position=i)
        for i, g in enumerate(data["groups"])
    )
    PublicValue.objects.bulk_create(
        PublicValue(workspace=workspace, name=v["name"], description=v["description"], legal_basis=v["legal_basis"], position=i)
        for i, v in enumerate(data["values"])
    )
    return workspace


def update_workspace(workspace: Workspace, *, name: str, description: str, crisis: str) -> None:
    workspace.name, workspace.description, workspace.crisis = name, description, crisis
    workspace.save(update_fields=["name", "description", "crisis", "updated_at"])


def set_archived(workspace: Workspace, archived: bool) -> None:
    workspace.archived_at = timezone.now() if archived else None
    workspace.save(update_fields=["archived_at", "updated_at"])


@transaction.atomic
def update_scales(workspace: Workspace, *, effective_from: int, high_impact_from: int, levels: dict[int, tuple[str, str]],
                  quadrants: dict[int, tuple[str, str]]) -> None:
    """The beheerder's changes to the ladder, the effectiveness scale and the matrix (ids → (label, text))."""
    if not (1 <= effective_from <= 5 and 1 <= high_impact_from <= 5):
        raise MeasuresError(_("De grenzen van de matrix moeten tussen 1 en 5 liggen."))
    if effective_from == 1 or high_impact_from == 1:
        raise MeasuresError(_("Met grens 1 valt alles in één helft van de matrix. Kies 2 tot en met 5."))
    workspace.effective_from, workspace.high_impact_from = effective_from, high_impact_from
    workspace.save(update_fields=["effective_from", "high_impact_from", "updated_at"])
    for level in workspace.scale_levels.filter(pk__in=levels):
        level.label, level.description = levels[level.pk]
        level.save(update_fields=["label", "description"])
    for quadrant in workspace.quadrants.filter(pk__in=quadrants):
        quadrant.label, quadrant.advice = quadrants[quadrant.pk]
        quadrant.save(update_fields=["label", "advice"])


# --- scenarios, groups, values ----------------------------------------------------------------------


def add_scenario(workspace: Workspace, *, name: str, description: str = "", consulted: str = "") -> Scenario:
    position = (workspace.scenarios.aggregate(m=Max("position"))["m"] or 0) + 1
    return _unique(
        lambda: Scenario.objects.create(workspace=workspace, name=name, description=description, consulted=consulted, position=position),
        _("Er is al een scenario met deze naam."),
    )


def update_scenario(scenario: Scenario, *, name: str, description: str, consulted: str) -> None:
    scenario.name, scenario.description, scenario.consulted = name, description, consulted
    _unique(lambda: scenario.save(), _("Er is al een scenario met deze naam."))


def delete_scenario(scenario: Scenario) -> None:
    if scenario.weighings.exists():
        raise MeasuresError(_("Er hoort een afweging bij dit scenario. Verwijder eerst de afweging."))
    if scenario.workspace.scenarios.count() <= 1:
        raise MeasuresError(_("Er moet ten minste één scenario blijven."))
    scenario.delete()


def add_group(workspace: Workspace, *, name: str, description: str = "") -> VulnerableGroup:
    position = (workspace.groups.aggregate(m=Max("position"))["m"] or 0) + 1
    return _unique(
        lambda: VulnerableGroup.objects.create(workspace=workspace, name=name, description=description, position=position),
        _("Er is al een groep met deze naam."),
    )


def update_group(group: VulnerableGroup, *, name: str, description: str) -> None:
    group.name, group.description = name, description
    _unique(lambda: group.save(), _("Er is al een groep met deze naam."))


def delete_group(group: VulnerableGroup) -> None:
    used = group.impacts.count()
    if used:
        raise MeasuresError(
            _("Deze groep staat op %(n)d fiche(s). Haal haar daar eerst weg, of geef haar een andere naam.") % {"n": used}
        )
    group.delete()


def add_value(workspace: Workspace, *, name: str, description: str = "", legal_basis: str = "") -> PublicValue:
    position = (workspace.values.aggregate(m=Max("position"))["m"] or 0) + 1
    return _unique(
        lambda: PublicValue.objects.create(workspace=workspace, name=name, description=description, legal_basis=legal_basis, position=position),
        _("Er is al een waarde met deze naam."),
    )


def update_value(value: PublicValue, *, name: str, description: str, legal_basis: str) -> None:
    value.name, value.description, value.legal_basis = name, description, legal_basis
    _unique(lambda: value.save(), _("Er is al een waarde met deze naam."))


def delete_value(value: PublicValue) -> None:
    if value.criteria.exists():
        raise MeasuresError(_("Deze waarde is een criterium in een afweging. Haal haar daar eerst weg."))
    value.delete()


# --- fiches -----------------------------------------------------------------------------------------


@transaction.atomic
def create_measure(workspace: Workspace, *, title: str, scenarios: Iterable[Scenario] = (), **fields) -> Measure:
    number = (workspace.measures.aggregate(m=Max("number"))["m"] or 0) + 1
    measure = _unique(
        lambda: Measure.objects.create(workspace=workspace, number=number, title=title, status_date=timezone.localdate(), **fields),
        _("Er is al een fiche met deze titel."),
    )
    set_measure_scenarios(measure, scenarios)
    return measure


@transaction.atomic
def update_measure(measure: Measure, *, title: str, scenarios: Iterable[Scenario] | None = None, **fields) -> None:
    """The fiche's own fields (and, when given, its scenarios); number, status and version change only
    through ``set_status``."""
    for name in fields:
        if name in ("number", "status", "version", "status_date", "workspace", "workspace_id"):
            raise ValueError(f"{name} is not changed by update_measure")
    measure.title = title
    for name, value in fields.items():
        setattr(measure, name, value)
    _unique(lambda: measure.save(update_fields=["title", *fields, "updated_at"]), _("Er is al een fiche met deze titel."))
    if scenarios is not None:
        set_measure_scenarios(measure, scenarios)


@transaction.atomic
def set_measure_scenarios(measure: Measure, scenarios: Iterable[Scenario]) -> None:
    """The scenarios the measure belongs to. Leaving a scenario drops what was recorded for it there."""
    wanted = {s.pk for s in scenarios if s.workspace_id == measure.workspace_id}
    measure.scenario_impacts.exclude(scenario_id__in=wanted).delete()
    have = set(measure.scenario_impacts.values_list("scenario_id", flat=True))
    MeasureScenario.objects.bulk_create(MeasureScenario(measure=measure, scenario_id=pk) for pk in wanted - have)


def update_measure_scenario(impact: MeasureScenario, **fields) -> None:
    for name, value in fields.items():
        setattr(impact, name, value)
    impact.save()


@transaction.atomic
def place_on_ladder(scenario: Scenario, placements: dict[int, dict]) -> int:
    """Levels of many measures in one scenario at once (the ladder page): measure id → {social_level,
    economic_level, effectiveness_level}. A measure not yet in the scenario joins it when it gets a level."""
    measures = {m.pk: m for m in scenario.workspace.measures.filter(pk__in=placements)}
    changed = 0
    for pk, levels in placements.items():
        measure = measures.get(pk)
        if measure is None:
            continue
        impact = MeasureScenario.objects.filter(measure=measure, scenario=scenario).first()
        if impact is None:
            if not any(v is not None for v in levels.values()):
                continue
            impact = MeasureScenario(measure=measure, scenario=scenario)
        before = (impact.social_level, impact.economic_level, impact.effectiveness_level)
        impact.social_level = levels.get("social_level")
        impact.economic_level = levels.get("economic_level")
        impact.effectiveness_level = levels.get("effectiveness_level")
        if impact.pk is None or before != (impact.social_level, impact.economic_level, impact.effectiveness_level):
            impact.save()
            changed += 1
    return changed


def set_group_impact(measure: Measure, group: VulnerableGroup, *, vulnerable_to: str, severity: int, duration: str,
                     explanation: str = "") -> GroupImpact:
    if group.workspace_id != measure.workspace_id:
        raise MeasuresError(_("Deze groep hoort niet bij deze werkruimte."))
    impact, _created = GroupImpact.objects.update_or_create(
        measure=measure, group=group,
        defaults={"vulnerable_to": vulnerable_to, "severity": severity, "duration": duration, "explanation": explanation},
    )
    return impact


def remove_group_impact(impact: GroupImpact) -> None:
    impact.delete()


def add_source(measure: Measure, *, kind: str, title: str, url: str = "", organisation: str = "", person: str = "") -> Source:
    position = (measure.sources.aggregate(m=Max("position"))["m"] or 0) + 1
    return Source.objects.create(measure=measure, kind=kind, title=title, url=url, organisation=organisation, person=person,
                                 position=position)


def delete_source(source: Source) -> None:
    source.delete()


def add_consideration(measure: Measure, *, kind: str, text: str) -> Consideration:
    position = (measure.considerations.aggregate(m=Max("position"))["m"] or 0) + 1
    return Consideration.objects.create(measure=measure, kind=kind, text=text, position=position)


def delete_consideration(consideration: Consideration) -> None:
    consideration.delete()


@transaction.atomic
def set_status(measure: Measure, status: str, *, note: str = "", user=None) -> FicheVersion:
    """Record the fiche's status as a new version, with the fiche as it is now (the history keeps every version)."""
    from mia.measures.exchange import measure_document

    if status not in FicheStatus.values:
        raise MeasuresError(_("Onbekende status."))
    measure = Measure.objects.select_for_update().get(pk=measure.pk)
    measure.status = status
    measure.version += 1
    measure.status_date = timezone.localdate()
    measure.save(update_fields=["status", "version", "status_date", "updated_at"])
    return FicheVersion.objects.create(
        measure=measure, number=measure.version, status=status, note=note, snapshot=measure_document(measure), created_by=user,
    )


def linkable_assessments(user, workspace: Workspace):
    """The MIA's this user may link: their own (kernteam) within the workspace's organisation (no working
    records of a consultation)."""
    from mia.assessments.models import Assessment, AssessmentMember

    return Assessment.objects.own_mias().filter(
        organisation=workspace.organisation, memberships__user=user, memberships__role=AssessmentMember.MemberRole.KERNTEAM,
    ).distinct()


def link_assessment(measure: Measure, assessment, user) -> None:
    """Link an MIA to the fiche: its MIA-Chart and conclusions then show on the fiche, for every member."""
    if assessment is not None and not linkable_assessments(user, measure.workspace).filter(pk=assessment.pk).exists():
        raise MeasuresError(_("Deze MIA kunt u niet koppelen: alleen een MIA van uw organisatie waarvan u in het kernteam zit."))
    measure.assessment = assessment
    measure.save(update_fields=["assessment", "updated_at"])


def adopt_mia_proposal(measure: Measure, scenario: Scenario) -> MeasureScenario:
    """Take the linked MIA's proposal (level and conclusions) as the social impact in this scenario."""
    from mia.measures.mia_link import mia_summary

    if measure.assessment_id is None:
        raise MeasuresError(_("Er is geen MIA aan deze fiche gekoppeld."))
    summary = mia_summary(measure.assessment)
    if summary.proposed_level is None and not summary.proposed_text:
        raise MeasuresError(_("De gekoppelde MIA heeft nog geen MIA-Chart of conclusies om over te nemen."))
    impact = MeasureScenario.objects.filter(measure=measure, scenario=scenario).first()
    if impact is None:
        raise MeasuresError(_("Deze maatregel hoort niet bij dit scenario."))
    if summary.proposed_level is not None:
        impact.social_level = summary.proposed_level
    if summary.proposed_text:
        impact.social_text = summary.proposed_text
    impact.save(update_fields=["social_level", "social_text"])
    return impact


# --- clusters and packages ------------------------------------------------------------------------


@transaction.atomic
def create_package(workspace: Workspace, *, kind: str, name: str, description: str = "", measures: Iterable[Measure] = ()) -> Package:
    package = _unique(
        lambda: Package.objects.create(workspace=workspace, kind=kind, name=name, description=description),
        _("Er is al een cluster of pakket met deze naam."),
    )
    package.measures.set([m for m in measures if m.workspace_id == workspace.pk])
    return package


@transaction.atomic
def update_package(package: Package, *, kind: str, name: str, description: str, measures: Iterable[Measure]) -> None:
    package.kind, package.name, package.description = kind, name, description
    _unique(lambda: package.save(), _("Er is al een cluster of pakket met deze naam."))
    package.measures.set([m for m in measures if m.workspace_id == package.workspace_id])


def delete_package(package: Package) -> None:
    package.delete()


def set_package_level(package: Package, scenario: Scenario, *, social_level, economic_level, effectiveness_level, explanation: str) -> None:
    """The team's own placement of a cluster or package; all levels empty: derive it from its measures again."""
    if all(v is None for v in (social_level, economic_level, effectiveness_level)):
        PackageLevel.objects.filter(package=package, scenario=scenario).delete()
        return
    PackageLevel.objects.update_or_create(
        package=package, scenario=scenario,
        defaults={"social_level": social_level, "economic_level": economic_level, "effectiveness_level": effectiveness_level,
                  "explanation": explanation},
    )


# --- indicators -------------------------------------------------------------------------------------


def create_indicator(workspace: Workspace, *, name: str, **fields) -> Indicator:
    position = (workspace.indicators.aggregate(m=Max("position"))["m"] or 0) + 1
    return _unique(
        lambda: Indicator.objects.create(workspace=workspace, name=name, position=position, **fields),
        _("Er is al een indicator met deze naam."),
    )


def update_indicator(indicator: Indicator, *, name: str, **fields) -> None:
    if fields.get("measure") is not None and fields["measure"].workspace_id != indicator.workspace_id:
        raise MeasuresError(_("Deze maatregel hoort niet bij deze werkruimte."))
    indicator.name = name
    for field_name, value in fields.items():
        setattr(indicator, field_name, value)
    _unique(lambda: indicator.save(update_fields=["name", *fields]), _("Er is al een indicator met deze naam."))


def delete_indicator(indicator: Indicator) -> None:
    if indicator.criteria.exists():
        raise MeasuresError(_("Deze indicator is een criterium in een afweging. Haal hem daar eerst weg."))
    indicator.delete()


@transaction.atomic
def set_components(composite: Indicator, components: list[tuple[Indicator, float]]) -> None:
    """Make an indicator composite ("kernwaarde"): the weighted mean of other indicators (none: not composite)."""
    for component, weight in components:
        if component.pk == composite.pk or component.components.exists():
            raise MeasuresError(_("Een samengestelde indicator bestaat uit gewone indicatoren, niet uit zichzelf of andere samengestelde."))
        if component.workspace_id != composite.workspace_id:
            raise MeasuresError(_("Deze indicator hoort niet bij deze werkruimte."))
        if weight < 0:
            raise MeasuresError(_("Een gewicht mag niet negatief zijn."))
    if composite.observations.exists() and components:
        raise MeasuresError(_("Deze indicator heeft eigen cijfers. Een samengestelde indicator wordt berekend; kies een nieuwe indicator."))
    if composite.used_in.exists() and components:
        raise MeasuresError(_("Deze indicator is zelf onderdeel van een samengestelde indicator."))
    composite.components.all().delete()
    IndicatorComponent.objects.bulk_create(
        IndicatorComponent(composite=composite, component=c, weight=w) for c, w in components
    )


@transaction.atomic
def create_composite(workspace: Workspace, *, name: str, description: str, components: list[tuple[Indicator, float]]) -> Indicator:
    """A composite indicator ("kernwaarde", 0–100, higher is better) of at least two others."""
    if len(components) < 2:
        raise MeasuresError(_("Een samengestelde indicator bestaat uit ten minste twee indicatoren."))
    indicator = create_indicator(workspace, name=name, description=description, direction="hoger-beter", unit="0–100")
    set_components(indicator, components)
    return indicator


def import_observations(workspace: Workspace, rows, *, category: str | None = None, source_default: str = "") -> dict:
    """Write parsed rows (``indicators.Row``) in one transaction: new indicators are made, existing values
    are replaced (same indicator, period, group and region); returns what changed."""
    names = list(dict.fromkeys(r.indicator for r in rows))
    units: dict[str, str] = {}
    for r in rows:
        if r.unit:
            units.setdefault(r.indicator, r.unit)
    with transaction.atomic():
        existing = {i.name.casefold(): i for i in workspace.indicators.all()}
        position = workspace.indicators.aggregate(m=Max("position"))["m"] or 0
        created = 0
        for name in names:
            if name.casefold() not in existing:
                position += 1
                existing[name.casefold()] = Indicator.objects.create(
                    workspace=workspace, name=name, unit=units.get(name, ""), position=position, source=source_default[:300],
                    **({"category": category} if category else {}),
                )
                created += 1
        targets = {name: existing[name.casefold()] for name in names}
        for name, indicator in targets.items():
            if indicator.components.exists():
                raise MeasuresError(_("'%(name)s' is een samengestelde indicator; die krijgt geen eigen cijfers.") % {"name": name})
            unit = units.get(name, "")
            if unit and not indicator.unit:
                indicator.unit = unit
                indicator.save(update_fields=["unit"])
            elif unit and unit != indicator.unit:
                raise MeasuresError(
                    _("De eenheid van '%(name)s' is '%(old)s', maar het bestand geeft '%(new)s'.")
                    % {"name": name, "old": indicator.unit, "new": unit}
                )
        existing_obs = {
            (o.indicator_id, o.period, o.group, o.region): o for o in Observation.objects.filter(indicator__in=targets.values())
        }
        new, changed = [], []
        now = timezone.now()
        for r in rows:
            indicator = targets[r.indicator]
            source = (r.source or source_default)[:300]
            obs = existing_obs.get((indicator.pk, r.period, r.group, r.region))
            if obs is None:
                new.append(Observation(indicator=indicator, period=r.period, period_start=r.period_start, group=r.group,
                                       region=r.region, value=r.value, source=source))
            elif obs.value != r.value or obs.source != source:
                obs.value, obs.source, obs.imported_at = r.value, source, now
                changed.append(obs)
        Observation.objects.bulk_create(new, batch_size=1000)
        Observation.objects.bulk_update(changed, ["value", "source", "imported_at"], batch_size=1000)
    return {"indicators": len(names), "new_indicators": created, "new": len(new), "changed": len(changed),
            "unchanged": len(rows) - len(new) - len(changed)}


def import_indicator_file(workspace: Workspace, data: bytes, filename: str, user) -> tuple[dict | None, object | None]:
    """An uploaded indicator table: read now when small (returns the counts), else as a job (returns the job).
    A file with problems raises ``TableError`` with every problem (Dutch, per row) and changes nothing."""
    from mia.core.tables import read_table
    from mia.measures.indicators import parse_indicator_table

    if len(data) <= INLINE_IMPORT_BYTES:
        parsed = parse_indicator_table(read_table(data, name=filename))
        counts = import_observations(workspace, parsed.rows)
        counts["warnings"] = parsed.warnings
        return counts, None
    from mia.jobs.actions import start_job

    upload = Upload.objects.create(kind=Upload.Kind.INDICATORS, organisation=workspace.organisation, workspace=workspace,
                                   filename=filename[:255], data=data, created_by=user)
    job = start_job("measures.import_indicators", subject=f"measures.workspace:{workspace.pk}",
                    params={"workspace": workspace.pk, "upload": upload.pk}, user=user)
    return None, job


def finish_upload(upload: Upload, *, rows: int, warnings: list[str], workspace: Workspace | None = None) -> None:
    """After the job: drop the file's bytes, keep what was done (and, for an import, the new workspace)."""
    fields = {"workspace": workspace} if workspace is not None else {}
    Upload.objects.filter(pk=upload.pk).update(data=b"", rows=rows, warnings=warnings, finished_at=timezone.now(), **fields)


def add_cbs_feed(workspace: Workspace, *, url: str, topics: list[dict], category: str, refresh_hours: int) -> CbsFeed:
    from mia.measures.cbs import CbsError, parse_table_url

    try:
        table = parse_table_url(url)
    except CbsError as error:
        raise MeasuresError(str(error)) from None
    if workspace.cbs_feeds.filter(url=table.url).exists():
        raise MeasuresError(_("Deze CBS-tabel wordt al opgehaald."))
    return CbsFeed.objects.create(workspace=workspace, url=table.url, topics=topics, category=category, refresh_hours=refresh_hours)


def delete_cbs_feed(feed: CbsFeed) -> None:
    feed.delete()


def start_cbs_refresh(feed: CbsFeed, user=None):
    from mia.jobs.actions import active_job, start_job

    subject = f"measures.feed:{feed.pk}"
    running = active_job("measures.cbs_refresh", subject)
    if running is not None:
        return running
    return start_job("measures.cbs_refresh", subject=subject, params={"workspace": feed.workspace_id, "feed": feed.pk}, user=user)


def record_cbs_refresh(feed: CbsFeed, message: str) -> None:
    CbsFeed.objects.filter(pk=feed.pk).update(last_refreshed_at=timezone.now(), last_message=message[:2000])


def refresh_due_feeds(now=None) -> list[int]:
    """The schedule: start a refresh job for every feed whose interval has passed (run hourly by the queue)."""
    now = now or timezone.now()
    started = []
    for feed in CbsFeed.objects.filter(refresh_hours__gt=0, workspace__archived_at__isnull=True):
        due = feed.last_refreshed_at is None or (now - feed.last_refreshed_at).total_seconds() >= feed.refresh_hours * 3600
        if due:
            started.append(start_cbs_refresh(feed).pk)
    return started


def add_development(workspace: Workspace, *, title: str, period: str = "", text: str = "") -> ContextDevelopment:
    return ContextDevelopment.objects.create(workspace=workspace, title=title, period=period, text=text)


def delete_development(development: ContextDevelopment) -> None:
    development.delete()


# --- the weighing -----------------------------------------------------------------------------------


@transaction.atomic
def create_weighing(workspace: Workspace, *, scenario: Scenario, name: str, occasion: str, description: str = "",
                    measures: Iterable[Measure] = ()) -> Weighing:
    """A weighing with a starting set of criteria: every explicit value of the workspace (with its legal basis),
    the effectiveness (higher is better) and the social impact (lower is better) from the fiches."""
    if scenario.workspace_id != workspace.pk:
        raise MeasuresError(_("Dit scenario hoort niet bij deze werkruimte."))
    weighing = _unique(
        lambda: Weighing.objects.create(workspace=workspace, scenario=scenario, name=name, occasion=occasion, description=description,
                                        seed=secrets.randbelow(2**31)),
        _("Er is al een afweging met deze naam."),
    )
    weighing.measures.set([m for m in measures if m.workspace_id == workspace.pk])
    criteria = [
        Criterion(weighing=weighing, kind=CriterionKind.EFFECTIVENESS, name=str(_("Effectiviteit")), direction="max", position=0),
        Criterion(weighing=weighing, kind=CriterionKind.SOCIAL, name=str(_("Maatschappelijke impact")), direction="min", position=1),
    ]
    for i, value in enumerate(workspace.values.all(), start=2):
        criteria.append(Criterion(weighing=weighing, kind=CriterionKind.VALUE, value=value, name=value.name, direction="max",
                                  legal_basis=value.legal_basis, position=i))
    Criterion.objects.bulk_create(criteria)
    return weighing


def update_weighing(weighing: Weighing, *, name: str, occasion: str, description: str, citizen_perspective: str,
                    measures: Iterable[Measure], samples: int, seed: int) -> None:
    weighing.name, weighing.occasion, weighing.description = name, occasion, description
    weighing.citizen_perspective, weighing.samples, weighing.seed = citizen_perspective, samples, seed
    with transaction.atomic():
        _unique(lambda: weighing.save(), _("Er is al een afweging met deze naam."))
        weighing.measures.set([m for m in measures if m.workspace_id == weighing.workspace_id])


def delete_weighing(weighing: Weighing) -> None:
    weighing.delete()


def add_criterion(weighing: Weighing, *, kind: str, name: str = "", value: PublicValue | None = None,
                  indicator: Indicator | None = None, weight: float = 1.0, direction: str = "max", justification: str = "",
                  legal_basis: str = "") -> Criterion:
    if kind == CriterionKind.VALUE and value is None:
        raise MeasuresError(_("Kies de waarde voor dit criterium."))
    if kind == CriterionKind.INDICATOR and indicator is None:
        raise MeasuresError(_("Kies de indicator voor dit criterium."))
    for obj in (value, indicator):
        if obj is not None and obj.workspace_id != weighing.workspace_id:
            raise MeasuresError(_("Dit hoort niet bij deze werkruimte."))
    if kind != CriterionKind.VALUE:
        value = None
    if kind != CriterionKind.INDICATOR:
        indicator = None
    if not name:
        name = value.name if value else indicator.name if indicator else str(CriterionKind(kind).label)
    if value is not None and not legal_basis:
        legal_basis = value.legal_basis
    if weight < 0:
        raise MeasuresError(_("Een gewicht mag niet negatief zijn."))
    position = (weighing.criteria.aggregate(m=Max("position"))["m"] or 0) + 1
    return _unique(
        lambda: Criterion.objects.create(weighing=weighing, kind=kind, name=name[:200], value=value, indicator=indicator,
                                         weight=weight, direction=direction, justification=justification,
                                         legal_basis=legal_basis, position=position),
        _("Er is al een criterium met deze naam in deze afweging."),
    )


def update_criterion(criterion: Criterion, *, name: str, direction: str, justification: str, legal_basis: str) -> None:
    criterion.name, criterion.direction, criterion.justification, criterion.legal_basis = name, direction, justification, legal_basis
    _unique(lambda: criterion.save(), _("Er is al een criterium met deze naam in deze afweging."))


def delete_criterion(criterion: Criterion) -> None:
    criterion.delete()


@transaction.atomic
def set_weights(weighing: Weighing, weights: dict[int, float]) -> None:
    """The team's weights (criterion id → weight ≥ 0); at least one must be above 0."""
    criteria = list(weighing.criteria.all())
    merged = {c.pk: weights.get(c.pk, c.weight) for c in criteria}
    if any(w < 0 for w in merged.values()):
        raise MeasuresError(_("Een gewicht mag niet negatief zijn."))
    if criteria and sum(merged.values()) <= 0:
        raise MeasuresError(_("Alle gewichten zijn 0. Geef ten minste één criterium een gewicht groter dan 0."))
    for c in criteria:
        if c.weight != merged[c.pk]:
            c.weight = merged[c.pk]
            c.save(update_fields=["weight"])
    Weighing.objects.filter(pk=weighing.pk).update(updated_at=timezone.now())


@transaction.atomic
def set_scores(weighing: Weighing, scores: dict[tuple[int, int], float | None]) -> None:
    """The team's scores: (criterion id, measure id) → score, or None to remove it. Criteria from the fiches
    are not scored here (their scores are the fiche's levels)."""
    criteria = {c.pk: c for c in weighing.criteria.all() if not c.from_fiches}
    measure_ids = set(weighing.measures.values_list("pk", flat=True))
    existing = {(s.criterion_id, s.measure_id): s for s in CriterionScore.objects.filter(criterion__in=criteria.values())}
    for (criterion_id, measure_id), score in scores.items():
        if criterion_id not in criteria or measure_id not in measure_ids:
            continue
        current = existing.get((criterion_id, measure_id))
        if score is None:
            if current is not None:
                current.delete()
        elif current is None:
            CriterionScore.objects.create(criterion_id=criterion_id, measure_id=measure_id, score=score)
        elif current.score != score:
            current.score = score
            current.save(update_fields=["score"])
    Weighing.objects.filter(pk=weighing.pk).update(updated_at=timezone.now())


# --- exports made by a job --------------------------------------------------------------------------


def store_export(workspace: Workspace, *, filename: str, content_type: str, data: bytes, user=None) -> ExportFile:
    return ExportFile.objects.create(workspace=workspace, filename=filename, content_type=content_type, data=data, created_by=user)


# --- import of a whole workspace ----------------------------------------------------------------------


@transaction.atomic
def import_workspace(doc, organisation, user) -> Workspace:
    """A new workspace from a validated ``schema.WorkspaceDocument`` (always new; nothing existing changes).
    The scales, quadrants, groups and values are the file's (the seed's defaults where the file has none)."""
    import datetime as dt

    from mia.measures.periods import PeriodError, parse_period

    f = doc.workspace
    workspace = create_workspace(user, organisation, f.name, f.description, f.crisis)
    workspace.effective_from, workspace.high_impact_from = f.effective_from, f.high_impact_from
    workspace.save(update_fields=["effective_from", "high_impact_from"])
    for s in doc.scales:
        workspace.scale_levels.filter(scale=s.scale, level=s.level).update(label=s.label, description=s.description)
    for q in doc.quadrants:
        workspace.quadrants.filter(key=q.key).update(label=q.label, advice=q.advice, order=q.order)
    # Scenarios, groups and values: exactly the file's lists (they replace the defaults).
    workspace.scenarios.all().delete()
    scenarios = {}
    for i, s in enumerate(doc.scenarios):
        scenarios[s.name.casefold()] = Scenario.objects.create(workspace=workspace, name=s.name, description=s.description,
                                                                consulted=s.consulted, position=i)
    if doc.groups:
        workspace.groups.all().delete()
    for i, g in enumerate(doc.groups):
        VulnerableGroup.objects.create(workspace=workspace, name=g.name, description=g.description, position=i)
    groups = {g.name.casefold(): g for g in workspace.groups.all()}
    if doc.values:
        workspace.values.all().delete()
    for i, v in enumerate(doc.values):
        PublicValue.objects.create(workspace=workspace, name=v.name, description=v.description, legal_basis=v.legal_basis, position=i)
    values = {v.name.casefold(): v for v in workspace.values.all()}

    measures: dict[int, Measure] = {}
    for m in doc.measures:
        measure = Measure.objects.create(
            workspace=workspace, number=m.number, title=m.title, description=m.description, nature=m.nature, kind=m.kind,
            themes=m.themes, meaning_for_people=m.meaning_for_people, impact_if_not_taken=m.impact_if_not_taken,
            status=m.status, version=m.version,
            status_date=dt.date.fromisoformat(m.status_date) if m.status_date else timezone.localdate(),
        )
        measures[m.number] = measure
        for s in m.scenarios:
            MeasureScenario.objects.create(
                measure=measure, scenario=scenarios[s.scenario.casefold()], social_level=s.social_level, social_text=s.social_text,
                economic_level=s.economic_level, economic_text=s.economic_text, effectiveness_level=s.effectiveness_level,
                effectiveness_source=s.effectiveness_source,
            )
        for g in m.groups:
            GroupImpact.objects.create(measure=measure, group=groups[g.group.casefold()], vulnerable_to=g.vulnerable_to,
                                       severity=g.severity, duration=g.duration, explanation=g.explanation)
        for i, s in enumerate(m.sources):
            Source.objects.create(measure=measure, kind=s.kind, title=s.title, url=s.url, organisation=s.organisation,
                                  person=s.person, position=i)
        for i, c in enumerate(m.considerations):
            Consideration.objects.create(measure=measure, kind=c.kind, text=c.text, position=i)
        for v in m.versions:
            FicheVersion.objects.create(measure=measure, number=v.number, status=v.status, note=v.note,
                                        snapshot={"imported": True, "created_at": v.created_at})
    for p in doc.packages:
        package = Package.objects.create(workspace=workspace, kind=p.kind, name=p.name, description=p.description)
        package.measures.set([measures[n] for n in p.measures])
        for lv in p.levels:
            PackageLevel.objects.create(package=package, scenario=scenarios[lv.scenario.casefold()], social_level=lv.social_level,
                                        economic_level=lv.economic_level, effectiveness_level=lv.effectiveness_level,
                                        explanation=lv.explanation)
    indicators: dict[str, Indicator] = {}
    for i, x in enumerate(doc.indicators):
        indicator = Indicator.objects.create(
            workspace=workspace, name=x.name, category=x.category, unit=x.unit, source=x.source, description=x.description,
            direction=x.direction, frequency=x.frequency, coverage=x.coverage, research_basis=x.research_basis,
            measure=measures.get(x.measure) if x.measure else None, explanation=x.explanation, data_gap=x.data_gap, position=i,
        )
        indicators[x.name.casefold()] = indicator
        observations = []
        for j, o in enumerate(x.observations):
            try:
                period = parse_period(o.period)
            except PeriodError as error:
                raise MeasuresError(f"indicators[{i}].observations[{j}].period: {error}") from None
            observations.append(Observation(indicator=indicator, period=period.label, period_start=period.start, group=o.group,
                                            region=o.region, value=o.value, source=o.source))
        try:
            with transaction.atomic():
                Observation.objects.bulk_create(observations, batch_size=1000)
        except IntegrityError:
            raise MeasuresError(f"indicators[{i}].observations: een periode staat er twee keer in (anders geschreven).") from None
    for x in doc.indicators:
        if x.components:
            IndicatorComponent.objects.bulk_create(
                IndicatorComponent(composite=indicators[x.name.casefold()], component=indicators[c.indicator.casefold()], weight=c.weight)
                for c in x.components
            )
    for feed in doc.cbs_feeds:
        add_cbs_feed(workspace, url=feed.url, topics=feed.topics, category=feed.category, refresh_hours=feed.refresh_hours)
    for d in doc.developments:
        ContextDevelopment.objects.create(workspace=workspace, title=d.title, period=d.period, text=d.text)
    for w in doc.weighings:
        weighing = Weighing.objects.create(
            workspace=workspace, scenario=scenarios[w.scenario.casefold()], name=w.name, occasion=w.occasion,
            description=w.description, citizen_perspective=w.citizen_perspective, samples=w.samples, seed=w.seed,
        )
        weighing.measures.set([measures[n] for n in w.measures])
        for position, c in enumerate(w.criteria):
            criterion = Criterion.objects.create(
                weighing=weighing, kind=c.kind, name=c.name, weight=c.weight, direction=c.direction,
                justification=c.justification, legal_basis=c.legal_basis, position=position,
                value=values[c.value.casefold()] if c.kind == CriterionKind.VALUE else None,
                indicator=indicators[c.indicator.casefold()] if c.kind == CriterionKind.INDICATOR else None,
            )
            CriterionScore.objects.bulk_create(
                CriterionScore(criterion=criterion, measure=measures[s.measure], score=s.score, note=s.note) for s in c.scores
            )
    return workspace


def import_workspace_file(data: bytes, filename: str, organisation, user) -> tuple[Workspace | None, object | None]:
    """An uploaded workspace file: imported now when small (returns the workspace), else as a job (returns the job).
    Raises ``JsonFileError`` / ``DocumentError`` (Dutch, with paths) or ``MeasuresError`` and changes nothing."""
    from mia.measures.jsonfile import load_json
    from mia.measures.schema import parse_document

    if len(data) <= INLINE_IMPORT_BYTES:
        return import_workspace(parse_document(load_json(data)), organisation, user), None
    from mia.jobs.actions import start_job

    upload = Upload.objects.create(kind=Upload.Kind.WORKSPACE, organisation=organisation, filename=filename[:255], data=data,
                                   created_by=user)
    job = start_job("measures.import_workspace", subject=f"measures.organisation:{organisation.pk}",
                    params={"upload": upload.pk, "organisation": organisation.pk}, user=user)
    return None, job
