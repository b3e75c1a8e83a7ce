"""A workspace (or one fiche) as a JSON document: the export side of the exchange format in ``schema.py``.

Read-only. Names of experts in the sources are personal data and are left out unless asked for.
The import side (validation, then writing) is ``schema.parse_document`` + ``actions.import_workspace``.
"""

from __future__ import annotations

from django.utils import timezone

from mia.measures.models import Measure, Workspace
from mia.measures.schema import FORMAT, FORMAT_VERSION


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def measure_document(m: Measure, *, personal_data: bool = True) -> dict:
    return {
        "number": m.number,
        "title": m.title,
        "description": m.description,
        "nature": m.nature,
        "kind": m.kind,
        "themes": m.themes,
        "meaning_for_people": m.meaning_for_people,
        "impact_if_not_taken": m.impact_if_not_taken,
        "status": m.status,
        "version": m.version,
        "status_date": _iso(m.status_date),
        "scenarios": [
            {
                "scenario": s.scenario.name, "social_level": s.social_level, "social_text": s.social_text,
                "economic_level": s.economic_level, "economic_text": s.economic_text,
                "effectiveness_level": s.effectiveness_level, "effectiveness_source": s.effectiveness_source,
            }
            for s in m.scenario_impacts.select_related("scenario")
        ],
        "groups": [
            {"group": g.group.name, "vulnerable_to": g.vulnerable_to, "severity": g.severity, "duration": g.duration,
             "explanation": g.explanation}
            for g in m.group_impacts.select_related("group")
        ],
        "sources": [
            {"kind": s.kind, "title": s.title, "url": s.url, "organisation": s.organisation, "person": s.person if personal_data else ""}
            for s in m.sources.all()
        ],
        "considerations": [{"kind": c.kind, "text": c.text} for c in m.considerations.all()],
        "assessment": {"uid": str(m.assessment.uid), "title": m.assessment.title} if m.assessment_id else None,
    }


def export_workspace(w: Workspace, *, personal_data: bool = False) -> dict:
    measures = list(w.measures.select_related("assessment"))
    numbers = {m.pk: m.number for m in measures}
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "uid": str(w.uid),
        "exported_at": timezone.now().isoformat(),
        "content_version": w.content_version,
        "workspace": {
            "name": w.name, "description": w.description, "crisis": w.crisis,
            "effective_from": w.effective_from, "high_impact_from": w.high_impact_from,
        },
        "scales": [{"scale": s.scale, "level": s.level, "label": s.label, "description": s.description} for s in w.scale_levels.all()],
        "quadrants": [{"key": q.key, "label": q.label, "advice": q.advice, "order": q.order} for q in w.quadrants.all()],
        "scenarios": [{"name": s.name, "description": s.description, "consulted": s.consulted} for s in w.scenarios.all()],
        "groups": [{"name": g.name, "description": g.description} for g in w.groups.all()],
        "values": [{"name": v.name, "description": v.description, "legal_basis": v.legal_basis} for v in w.values.all()],
        "measures": [
            {
                **measure_document(m, personal_data=personal_data),
                "versions": [
                    {"number": v.number, "status": v.status, "note": v.note, "created_at": _iso(v.created_at)} for v in m.versions.all()
                ],
            }
            for m in measures
        ],
        "packages": [
            {
                "kind": p.kind, "name": p.name, "description": p.description,
                "measures": sorted(numbers[m.pk] for m in p.measures.all()),
                "levels": [
                    {"scenario": lv.scenario.name, "social_level": lv.social_level, "economic_level": lv.economic_level,
                     "effectiveness_level": lv.effectiveness_level, "explanation": lv.explanation}
                    for lv in p.levels.select_related("scenario")
                ],
            }
            for p in w.packages.prefetch_related("measures")
        ],
        "indicators": [
            {
                "name": i.name, "category": i.category, "unit": i.unit, "source": i.source, "description": i.description,
                "direction": i.direction, "frequency": i.frequency, "coverage": i.coverage, "research_basis": i.research_basis,
                "measure": numbers.get(i.measure_id), "explanation": i.explanation, "data_gap": i.data_gap,
                "components": [{"indicator": c.component.name, "weight": c.weight} for c in i.components.select_related("component")],
                "observations": [
                    {"period": o.period, "group": o.group, "region": o.region, "value": o.value, "source": o.source}
                    for o in i.observations.order_by("group", "region", "period_start")
                ],
            }
            for i in w.indicators.all()
        ],
        "cbs_feeds": [
            {"url": f.url, "topics": f.topics, "category": f.category, "refresh_hours": f.refresh_hours} for f in w.cbs_feeds.all()
        ],
        "developments": [{"title": d.title, "period": d.period, "text": d.text} for d in w.developments.all()],
        "weighings": [
            {
                "name": x.name, "scenario": x.scenario.name, "occasion": x.occasion, "description": x.description,
                "citizen_perspective": x.citizen_perspective, "samples": x.samples, "seed": x.seed,
                "measures": sorted(numbers[m.pk] for m in x.measures.all()),
                "criteria": [
                    {
                        "kind": c.kind, "name": c.name, "value": c.value.name if c.value_id else None,
                        "indicator": c.indicator.name if c.indicator_id else None, "weight": c.weight, "direction": c.direction,
                        "justification": c.justification, "legal_basis": c.legal_basis,
                        "scores": [{"measure": numbers[s.measure_id], "score": s.score, "note": s.note} for s in c.scores.all()],
                    }
                    for c in x.criteria.select_related("value", "indicator")
                ],
            }
            for x in w.weighings.select_related("scenario").prefetch_related("measures")
        ],
    }
