"""Documents a civil servant can hand on: a fiche, a package with its stacking, and the weighing's
annex, each as a tagged A4 PDF (``core/print_base.html`` + ``mia.core.documents.render_pdf``) and
as DOCX (``mia.core.documents.new_docx``); and all fiches of a workspace in one PDF (a job)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.core.documents import add_picture_png, add_table, docx_text, new_docx, render_pdf, save_docx, svg_to_png
from mia.measures.evaluation import weighing_context
from mia.measures.models import Measure, Package, Scale, Weighing, Workspace
from mia.measures.placements import package_code, quadrant_of, stacking_context

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _labels(workspace: Workspace) -> tuple[dict, dict]:
    impact, effectiveness = {}, {}
    for level in workspace.scale_levels.all():
        (impact if level.scale == Scale.IMPACT else effectiveness)[level.level] = level.label
    return impact, effectiveness


def _level(level, labels: dict) -> str:
    return f"{level} {labels.get(level, '')}".strip() if level is not None else "–"


def fiche_context(measure: Measure) -> dict:
    from mia.measures.mia_link import mia_summary

    workspace = measure.workspace
    impact_labels, effectiveness_labels = _labels(workspace)
    impacts = []
    for mi in measure.scenario_impacts.select_related("scenario"):
        impacts.append({
            "impact": mi, "social": _level(mi.social_level, impact_labels), "economic": _level(mi.economic_level, impact_labels),
            "effectiveness": _level(mi.effectiveness_level, effectiveness_labels),
            "quadrant": quadrant_of(workspace, mi.effectiveness_level, mi.social_level),
        })
    return {
        "measure": measure, "workspace": workspace, "impacts": impacts,
        "group_impacts": measure.group_impacts.select_related("group"), "sources": measure.sources.all(),
        "considerations": measure.considerations.all(), "versions": measure.versions.all()[:10],
        "packages": measure.packages.all(), "support": measure.support_indicators.all(),
        "mia": mia_summary(measure.assessment) if measure.assessment_id else None, "printed_at": timezone.now(),
    }


def fiche_pdf(measure: Measure) -> bytes:
    return render_pdf(render_to_string("measures/print_fiche.html", {**fiche_context(measure), "documents": None}))


def fiches_pdf(workspace: Workspace, progress=None) -> bytes:
    measures = list(workspace.measures.select_related("assessment", "workspace"))
    parts = []
    for i, measure in enumerate(measures):
        parts.append(fiche_context(measure))
        if progress:
            progress((i + 1) / max(1, len(measures)) * 0.5, f"Fiche {i + 1} van {len(measures)}")
    html = render_to_string("measures/print_fiches.html", {"workspace": workspace, "fiches": parts, "printed_at": timezone.now()})
    if progress:
        progress(0.6, "PDF opmaken")
    return render_pdf(html)


def _docx(title: str, workspace: Workspace, subject: str):
    return new_docx(title, author=workspace.organisation.name, subject=subject)


def _para(doc, label: str, text: str) -> None:
    if text:
        p = doc.add_paragraph()
        p.add_run(f"{label}: ").bold = True
        p.add_run(docx_text(text))


def _fiche_into(doc, ctx: dict) -> None:
    m = ctx["measure"]
    doc.add_heading(docx_text(f"{m.code} {m.title}"), level=1)
    doc.add_paragraph(docx_text(f"{_('Status')}: {m.get_status_display()} · {_('versie')} {m.version} · {m.status_date:%d-%m-%Y}"))
    _para(doc, _("Omschrijving"), m.description)
    _para(doc, _("Vrijwillig of verplichtend"), m.get_nature_display())
    _para(doc, _("Soort maatregel"), m.get_kind_display())
    _para(doc, _("Thema's"), m.themes)
    _para(doc, _("Wat betekent de maatregel voor mensen"), m.meaning_for_people)
    doc.add_heading(_("Impact per scenario"), level=2)
    add_table(doc, [_("Scenario"), _("Maatschappelijke impact"), _("Economische impact"), _("Effectiviteit"), _("Kwadrant")], [
        [x["impact"].scenario.name, f"{x['social']}\n{x['impact'].social_text}", f"{x['economic']}\n{x['impact'].economic_text}",
         f"{x['effectiveness']}\n{x['impact'].effectiveness_source}", x["quadrant"].label if x["quadrant"] else "–"]
        for x in ctx["impacts"]
    ])
    doc.add_heading(_("Impact als de maatregel níet wordt genomen"), level=2)
    doc.add_paragraph(docx_text(m.impact_if_not_taken or "–"))
    doc.add_heading(_("Kwetsbare groepen"), level=2)
    add_table(doc, [_("Groep"), _("Kwetsbaar voor"), _("Hoe hard (1–5)"), _("Termijn"), _("Toelichting")], [
        [g.group.name, g.get_vulnerable_to_display(), g.severity, g.get_duration_display(), g.explanation] for g in ctx["group_impacts"]
    ])
    if ctx["mia"]:
        mia = ctx["mia"]
        doc.add_heading(docx_text(_("Gekoppelde MIA: %(title)s") % {"title": mia.assessment.title}), level=2)
        add_table(doc, [_("Stelling"), _("Mediaan"), _("Scores")], [
            [f"{r['statement'].number}. {r['statement'].text}", r["score"].median if r["score"].median is not None else "–",
             ", ".join(str(s) for s in r["score"].scores) or "–"] for r in mia.chart["score_rows"]
        ])
        for conclusion in mia.conclusions:
            doc.add_paragraph(docx_text(conclusion), style="List Bullet")
    doc.add_heading(_("Dilemma's, onzekerheden en uitruil"), level=2)
    add_table(doc, [_("Soort"), _("Omschrijving")], [[c.get_kind_display(), c.text] for c in ctx["considerations"]])
    doc.add_heading(_("Bronnen"), level=2)
    add_table(doc, [_("Soort"), _("Bron"), _("Organisatie of expert"), _("Link")], [
        [s.get_kind_display(), s.title, ", ".join(x for x in (s.organisation, s.person) if x), s.url] for s in ctx["sources"]
    ])


def fiche_docx(measure: Measure) -> bytes:
    ctx = fiche_context(measure)
    doc = _docx(f"Fiche {measure.code} {measure.title}", measure.workspace, _("Fiche van een maatregel"))
    _fiche_into(doc, ctx)
    return save_docx(doc)


def package_context(package: Package) -> dict:
    workspace = package.workspace
    impact_labels, effectiveness_labels = _labels(workspace)
    impacts = {(mi.measure_id, mi.scenario_id): mi for m in package.measures.all() for mi in m.scenario_impacts.all()}
    scenarios = list(workspace.scenarios.all())
    measure_rows = []
    for m in package.measures.order_by("number"):
        cells = []
        for s in scenarios:
            mi = impacts.get((m.pk, s.pk))
            cells.append("–" if mi is None else f"{_('sociaal')} {_level(mi.social_level, impact_labels)}; "
                         f"{_('economisch')} {_level(mi.economic_level, impact_labels)}; "
                         f"{_('effectiviteit')} {_level(mi.effectiveness_level, effectiveness_labels)}")
        measure_rows.append((m, cells))
    return {"package": package, "workspace": workspace, "code": package_code(package), "scenarios": scenarios,
            "measure_rows": measure_rows, "printed_at": timezone.now(), **stacking_context(package)}


def package_pdf(package: Package) -> bytes:
    return render_pdf(render_to_string("measures/print_package.html", package_context(package)))


def package_docx(package: Package) -> bytes:
    ctx = package_context(package)
    doc = _docx(f"{package.get_kind_display()}: {package.name}", package.workspace, _("Stapeling van maatregelen"))
    doc.add_heading(docx_text(package.name), level=1)
    doc.add_paragraph(docx_text(package.get_kind_display()))
    if package.description:
        doc.add_paragraph(docx_text(package.description))
    doc.add_heading(_("Maatregelen"), level=2)
    add_table(doc, [_("Maatregel"), *[s.name for s in ctx["scenarios"]]], [[f"{m.code} {m.title}", *cells] for m, cells in ctx["measure_rows"]])
    doc.add_heading(_("Stapeling per kwetsbare groep"), level=2)
    if ctx["stack_rows"]:
        add_picture_png(doc, svg_to_png(ctx["heatmap_svg"]))
        add_table(doc, [_("Groep"), *[m.code for m in ctx["stack_measures"]], _("Aantal"), _("Samen"), _("Valt op")], [
            [s.group, *[v or "" for v in row], s.count, s.total, _("ja") if standout else ""] for s, row, standout in ctx["stack_rows"]
        ], caption=_("Hoe hard elke maatregel elke groep raakt (1–5)"))
    else:
        doc.add_paragraph(_("Geen van de maatregelen heeft kwetsbare groepen op de fiche."))
    return save_docx(doc)


def annex_context(weighing: Weighing) -> dict:
    return {**weighing_context(weighing), "workspace": weighing.workspace, "printed_at": timezone.now()}


def annex_pdf(weighing: Weighing) -> bytes:
    return render_pdf(render_to_string("measures/print_annex.html", annex_context(weighing)))


def _fmt(value, decimals: int = 3) -> str:
    if value is None:
        return "–"
    return f"{value:.{decimals}f}".replace(".", ",")


def annex_docx(weighing: Weighing) -> bytes:
    ctx = annex_context(weighing)
    evaluation = ctx["evaluation"]
    doc = _docx(f"Bijlage afweging: {weighing.name}", weighing.workspace, _("Afwegingskader"))
    doc.add_heading(docx_text(_("Bijlage: afweging %(name)s") % {"name": weighing.name}), level=1)
    doc.add_paragraph(docx_text(f"{_('Scenario')}: {weighing.scenario.name} · {_('Aanleiding')}: {weighing.get_occasion_display()}"))
    _para(doc, _("Vraag of doel"), weighing.description)
    doc.add_heading(_("Criteria en gewichten"), level=2)
    add_table(doc, [_("Criterium"), _("Soort"), _("Richting"), _("Gewicht"), _("Aandeel"), _("Onderbouwing"), _("Grondrecht of verdrag")], [
        [c.name, c.get_kind_display(), c.get_direction_display(), f"{c.weight:g}", _fmt(share), c.justification, c.legal_basis]
        for c, share in ctx["criteria_rows"]
    ])
    doc.add_heading(_("Scores"), level=2)
    add_table(doc, [_("Maatregel"), *[c.name for c in evaluation.criteria]], [
        [f"{m.code} {m.title}", *[_fmt(evaluation.cell(c, m).value, 2) for c in evaluation.criteria]] for m in evaluation.measures
    ])
    if evaluation.result is None:
        doc.add_paragraph(docx_text(evaluation.problem))
    else:
        doc.add_heading(_("Ranglijst"), level=2)
        add_picture_png(doc, svg_to_png(ctx["score_svg"]))
        add_table(doc, [_("Plaats"), _("Maatregel"), _("Score"), *[c.name for c in evaluation.criteria]], [
            [r["rank"], f"{r['measure'].code} {r['measure'].title}", _fmt(r["score"]),
             *[f"{_fmt(t['normalised'])} × {_fmt(t['weight'])} = {_fmt(t['contribution'])}" for t in r["terms"]]]
            for r in ctx["rows"]
        ], caption=_("Per criterium: genormaliseerde score × gewicht = bijdrage"))
        doc.add_heading(_("Gevoeligheid: hoe ver mag elk gewicht bewegen?"), level=2)
        add_table(doc, [_("Criterium"), _("Gewicht (aandeel)"), _("Van"), _("Tot")], [
            [s["criterion"].name, _fmt(s["weight"]), _fmt(s["low"]), _fmt(s["high"])] for s in ctx["stability"]
        ], caption=_("Binnen deze grenzen blijft %(top)s op de eerste plaats (de andere gewichten naar verhouding).")
           % {"top": ctx["rows"][0]["measure"].title})
        doc.add_heading(_("Rangkansen bij willekeurige gewichten"), level=2)
        add_table(doc, [_("Maatregel"), *[f"{rank}e" for rank in ctx["ranks"]]], [
            [f"{r['measure'].code} {r['measure'].title}", *[f"{100 * share:.1f}%".replace(".", ",") for share in r["acceptability"]]]
            for r in ctx["rows"]
        ], caption=_("%(n)d trekkingen, startgetal %(seed)d") % {"n": weighing.samples, "seed": weighing.seed})
    doc.add_heading(_("Dilemma's, onzekerheden en uitruil"), level=2)
    add_table(doc, [_("Maatregel"), _("Soort"), _("Omschrijving")], [
        [f"{c.measure.code} {c.measure.title}", c.get_kind_display(), c.text] for c in ctx["considerations"]
    ])
    if weighing.citizen_perspective:
        doc.add_heading(_("Burgerperspectief"), level=2)
        doc.add_paragraph(docx_text(weighing.citizen_perspective))
    return save_docx(doc)
