"""A programme (and one thema-aanpak, and the guidelines card) as tagged A4 PDF and as DOCX.

PDF through ``mia.core.documents.render_pdf`` with ``core/print_base.html``; DOCX through
``new_docx``/``add_table``, with the heat maps as pictures and their numbers as tables.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.core.documents import add_picture_png, add_table, new_docx, render_pdf, save_docx, svg_to_png
from mia.programmes import heatmap, matrix, queries
from mia.programmes.content import seed_content
from mia.programmes.evaluation import evaluation
from mia.programmes.models import Cycle, Programme, Strategy, TermKind

# Beyond this many initiatives the inventory goes to the CSV/XLSX download, not into the document.
MAX_INITIATIVES_IN_DOCUMENT = 500


def _grid_rows(grid: matrix.Grid) -> list[list]:
    return [[label, *[cell.count for cell in row]] for label, row in zip(grid.rows.labels, grid.cells, strict=True)]


def cycle_context(cycle: Cycle) -> dict:
    content = seed_content()
    plans = {p.kind: p for p in cycle.plans.prefetch_related("leefwerelden", "initiatives")}
    labels = dict(Strategy.choices)
    return {
        "cycle": cycle, "content": content,
        "steps": [{"phase": p, "steps": [s for s in cycle.steps.all() if s.phase == p.code]} for p in content.phases],
        "goals": list(cycle.goals.all()),
        "plans": [{"kind": kind, "label": labels[kind], "plan": plans.get(kind)} for kind in cycle.plan_kinds],
        "attention": [{"point": p, "text": getattr(cycle, p.code)} for p in content.attention_points],
        "evaluation": evaluation(cycle),
    }


def programme_context(programme: Programme) -> dict:
    a = queries.axes(programme)
    items = queries.matrix_items(programme)
    by_topic = matrix.topic_by_target_group(items, a["topics"], a["target_groups"])
    by_theme = matrix.theme_by_reach(items, a["themes"], a["reaches"])
    terms = list(programme.terms.all())
    count = programme.initiatives.count()
    initiatives = (
        programme.initiatives.select_related("category").prefetch_related("topics", "target_groups", "themes")[:MAX_INITIATIVES_IN_DOCUMENT]
    )
    return {
        "programme": programme, "content": seed_content(), "now": timezone.now(),
        "themes": programme.themes.select_related("reframes"), "problems": programme.problem_themes.all(),
        "terms": [{"label": label, "values": [t for t in terms if t.kind == kind]} for kind, label in TermKind.choices],
        "initiatives": list(initiatives), "initiative_count": count, "initiatives_cut": count > MAX_INITIATIVES_IN_DOCUMENT,
        "by_topic": by_topic, "by_theme": by_theme, "topic_rows": _grid_rows(by_topic), "theme_rows": _grid_rows(by_theme),
        "topic_svg": heatmap.heatmap_svg(by_topic, title=_("Aantal initiatieven per onderwerp en doelgroep"), element_id="p-topic"),
        "theme_svg": heatmap.heatmap_svg(by_theme, title=_("Aantal initiatieven per thema en reikwijdte"), element_id="p-theme"),
        "notes": [n for n in programme.gap_notes.select_related("topic", "target_group", "theme") if n.conclusion],
        "priorities": programme.priorities.select_related("theme", "target_group"),
        "cycles": [cycle_context(c) for c in programme.cycles.select_related("theme", "target_group").prefetch_related("steps")],
    }


def programme_pdf(programme: Programme) -> bytes:
    return render_pdf(render_to_string("programmes/print/programme.html", programme_context(programme)))


def approach_pdf(cycle: Cycle) -> bytes:
    context = {"c": cycle_context(cycle), "cycle": cycle, "programme": cycle.programme}
    return render_pdf(render_to_string("programmes/print/approach.html", context))


def guidelines_pdf() -> bytes:
    return render_pdf(render_to_string("programmes/print/guidelines.html", {"content": seed_content()}))


# --------------------------------------------------------------------------------------------
# DOCX
# --------------------------------------------------------------------------------------------


def _text(doc, label: str, text: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(text or "—")


def _cycle_docx(doc, c: dict, level: int = 2) -> None:
    cycle = c["cycle"]
    doc.add_heading(cycle.title, level=level)
    _text(doc, _("Thema"), str(cycle.theme or "—"))
    _text(doc, _("Doelgroep"), str(cycle.target_group or "—"))
    _text(doc, _("Fase"), cycle.get_phase_display() + (f" ({_('afgesloten')})" if cycle.is_closed else ""))
    doc.add_heading(_("Stappen"), level=level + 1)
    add_table(doc, [_("Fase"), _("Stap"), _("Gedaan"), _("Wie"), _("Klaar op")], [
        [s.phase, s.label, _("ja") if s.is_done else _("nee"), s.owner, s.due_date.isoformat() if s.due_date else ""]
        for group in c["steps"] for s in group["steps"]
    ])
    _approach_docx(doc, c, level + 1)
    _evaluation_docx(doc, c, level + 1)


def _approach_docx(doc, c: dict, level: int) -> None:
    cycle, content = c["cycle"], c["content"]
    doc.add_heading(_("Thema-aanpak"), level=level)
    doc.add_paragraph(content.part("doelstellingen").text, style="Intense Quote")
    if c["goals"]:
        add_table(doc, [_("Doelstelling"), _("Soort"), _("Waaraan zien we het?")],
                  [[g.text, g.get_kind_display(), g.indicator] for g in c["goals"]])
    else:
        doc.add_paragraph(_("Nog geen doelstellingen."))
    _text(doc, content.part("strategie").label, cycle.get_strategy_display() if cycle.strategy else _("nog niet gekozen"))
    for plan in c["plans"]:
        doc.add_heading(_("Aanpak: %(label)s") % {"label": plan["label"]}, level=level + 1)
        p = plan["plan"]
        for part in content.plan_parts:
            if part.code == "leefwerelden":
                values = ", ".join(t.label for t in p.leefwerelden.all()) if p else ""
                note = p.leefwerelden_note if p else ""
                _text(doc, part.label, "; ".join(x for x in (values, note) if x))
            else:
                _text(doc, part.label, getattr(p, part.code) if p else "")
        if p and p.initiatives.exists():
            _text(doc, _("Initiatieven"), ", ".join(i.name for i in p.initiatives.all()))
    doc.add_heading(_("Aandachtspunten"), level=level + 1)
    for item in c["attention"]:
        _text(doc, item["point"].label, item["text"])


def _evaluation_docx(doc, c: dict, level: int) -> None:
    data = c["evaluation"]
    if not data["links"] and not data["actions"] and not c["cycle"].evaluation_summary:
        return
    doc.add_heading(_("Evaluatie"), level=level)
    if data["links"]:
        add_table(doc, [_("Sessie of raadpleging"), _("Hoort bij"), _("Deelnemers"), _("Kaartjes")], [
            [r["link"].title, r["link"].source, r["participants_shown"], r["cards"]] for r in data["links"]
        ], caption=_("Gekoppelde sessies en raadplegingen"))
    for row in data["goals"]:
        goal = row["goal"]
        doc.add_heading(goal.text, level=level + 1)
        s = row["summary"]
        _text(doc, _("Opbrengst"), _("%(sessions)d sessies, %(people)s deelnemers, %(cards)d kaartjes") % {
            "sessions": s["sessions"], "people": s["participants_shown"], "cards": s["cards"]})
        if s["per_target_group"]:
            _text(doc, _("Bereik per doelgroep"), "; ".join(f"{g['label']}: {g['shown']}" for g in s["per_target_group"]))
        if row["themes"] and row["themes"].get("themes"):
            add_table(doc, [_("Thema in de kaartjes"), _("Kaartjes"), _("Rode draad?")], [
                [t["label"], t["size"], _("ja") if t["rode_draad"] else ""] for t in row["themes"]["themes"]])
        _text(doc, _("Resultaat"), goal.result)
        _text(doc, _("Behaald?"), goal.get_status_display())
        if goal.revised_text:
            _text(doc, _("Herziene doelstelling"), goal.revised_text)
    if c["cycle"].evaluation_summary:
        _text(doc, _("Wat de resultaten betekenen"), c["cycle"].evaluation_summary)
    if data["actions"]:
        add_table(doc, [_("Beleidsactie"), _("Eigenaar"), _("Status"), _("Teruggekoppeld aan")], [
            [a.description, a.owner, a.get_status_display(), " ".join(x for x in (a.fed_back_to, a.fed_back_on.isoformat() if a.fed_back_on else "") if x)]
            for a in data["actions"]], caption=_("Beleidsacties"))


def programme_docx(programme: Programme) -> bytes:
    c = programme_context(programme)
    doc = new_docx(programme.title, author=programme.organisation.name, subject=_("Dialoogprogramma"))
    doc.add_heading(programme.title, level=0)
    if programme.description:
        doc.add_paragraph(programme.description)
    doc.add_heading(_("Dialoogthema’s"), level=1)
    add_table(doc, [_("Thema"), _("Vraag"), _("Herformuleert"), _("Energie")], [
        [t.title, t.question, str(t.reframes or ""), t.get_energy_display() if t.energy else ""] for t in c["themes"]])
    add_table(doc, [_("Probleemthema"), _("Toelichting")], [[p.title, p.description] for p in c["problems"]])
    doc.add_heading(_("Instellingen"), level=1)
    for group in c["terms"]:
        _text(doc, str(group["label"]), ", ".join(t.label for t in group["values"]))
    doc.add_heading(_("Inventarisatie van initiatieven (%(n)d)") % {"n": c["initiative_count"]}, level=1)
    add_table(doc, [_("Naam"), _("Eigenaar"), _("Categorie"), _("Onderwerp"), _("Doelgroep"), _("Reikwijdte"), _("Thema")], [
        [i.name, i.owner, str(i.category or ""), ", ".join(t.label for t in i.topics.all()),
         ", ".join([t.label for t in i.target_groups.all()] + ([i.other_target_group] if i.other_target_group else [])),
         ", ".join(i.reach_labels), ", ".join(t.title for t in i.themes.all())] for i in c["initiatives"]])
    if c["initiatives_cut"]:
        doc.add_paragraph(_("Hier staan de eerste %(n)d initiatieven; de hele inventarisatie staat in de CSV- of Excel-download.")
                          % {"n": MAX_INITIATIVES_IN_DOCUMENT})
    doc.add_heading(_("Kansen en leemtes"), level=1)
    for svg, grid, rows in ((c["topic_svg"], c["by_topic"], c["topic_rows"]), (c["theme_svg"], c["by_theme"], c["theme_rows"])):
        add_picture_png(doc, svg_to_png(svg))
        add_table(doc, [grid.rows.title, *grid.columns.labels], rows, caption=f"{grid.rows.title} × {grid.columns.title}")
    if c["notes"]:
        add_table(doc, [_("Cel"), _("Conclusie")], [[_note_cell(n), n.conclusion] for n in c["notes"]], caption=_("Conclusies"))
    if c["priorities"]:
        add_table(doc, [_("Thema"), _("Doelgroep"), _("Waarom")],
                  [[str(p.theme or ""), str(p.target_group or ""), p.reason] for p in c["priorities"]], caption=_("Prioriteiten"))
    doc.add_heading(_("Cycli"), level=1)
    for cycle in c["cycles"]:
        _cycle_docx(doc, cycle)
    return save_docx(doc)


def _note_cell(note) -> str:
    if note.topic_id:
        return f"{note.topic} × {note.target_group}"
    return f"{note.theme} × {note.get_reach_display()}"


def approach_docx(cycle: Cycle) -> bytes:
    c = cycle_context(cycle)
    doc = new_docx(_("Thema-aanpak: %(title)s") % {"title": cycle.title}, author=cycle.programme.organisation.name,
                   subject=cycle.programme.title)
    doc.add_heading(_("Thema-aanpak: %(title)s") % {"title": cycle.title}, level=0)
    _text(doc, _("Programma"), cycle.programme.title)
    _text(doc, _("Thema"), f"{cycle.theme.title} – {cycle.theme.question}" if cycle.theme else "—")
    _text(doc, _("Doelgroep"), str(cycle.target_group or "—"))
    _approach_docx(doc, c, 1)
    return save_docx(doc)
