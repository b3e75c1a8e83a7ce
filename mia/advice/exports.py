"""The advice document the secretariat writes (penvoerder): the trajectory's inputs, the linked
factsheets and weighing, the decision and any minority opinion, as tagged A4 PDF, DOCX and JSON."""

from __future__ import annotations

import json

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from mia.advice import actions
from mia.advice.models import Structure, Trajectory
from mia.core.documents import add_table, docx_text, new_docx, render_pdf, save_docx


def _weighing_rows(trajectory: Trajectory) -> list[dict]:
    if trajectory.weighing_id is None:
        return []
    from mia.measures.evaluation import evaluate

    try:
        rows = evaluate(trajectory.weighing).rows()
    except Exception:  # noqa: BLE001 - a weighing that cannot be computed yet is left out, never breaks the advice
        return []
    return [{"rank": r["rank"], "measure": f"{r['measure'].code} {r['measure'].title}", "score": round(r["score"], 3)} for r in rows]


def advice_context(trajectory: Trajectory) -> dict:
    decision = trajectory.decisions.prefetch_related("votes__member", "present").first()
    return {
        "t": trajectory, "structure": trajectory.structure, "checklist": actions.checklist(trajectory),
        "expert_inputs": list(trajectory.expert_inputs.select_related("expert")),
        "circle_inputs": list(trajectory.circle_inputs.select_related("circle")),
        "stories": list(trajectory.stories.filter(withdrawn_at__isnull=True)),
        "measures": list(trajectory.measures.all()), "weighing_rows": _weighing_rows(trajectory),
        "decision": decision, "decision_label": actions.decision_label(decision), "minority": actions.minority_opinions(trajectory),
        "printed_at": timezone.now(),
    }


def advice_pdf(trajectory: Trajectory) -> bytes:
    return render_pdf(render_to_string("advice/print_advice.html", advice_context(trajectory)))


def advice_docx(trajectory: Trajectory) -> bytes:
    c = advice_context(trajectory)
    t = trajectory
    doc = new_docx(f"{t.code} {t.title}", author=t.structure.organisation.name, subject=_("Advies"))
    doc.add_heading(docx_text(f"{_('Advies')} {t.code}: {t.title}"), level=1)
    facts = [[_("Adviserend orgaan"), t.body.name], [_("Aan"), t.receiver.name if t.receiver else "–"],
             [_("Soort"), f"{t.get_request_kind_display()} · {t.get_subject_kind_display()}"],
             [_("Penvoerder"), str(t.penvoerder or "–")], [_("Uitgebracht op"), str(t.issued_on or _("nog niet"))]]
    add_table(doc, [_("Gegeven"), _("Waarde")], [[docx_text(a), docx_text(b)] for a, b in facts])
    for heading, text in ((_("Adviesvraag"), t.question), (_("Samenvatting"), t.summary), (_("Het advies"), t.advice_text),
                          (_("Overwegingen"), t.considerations)):
        if text:
            doc.add_heading(docx_text(heading), level=2)
            for para in text.split("\n\n"):
                doc.add_paragraph(docx_text(para))
    if c["minority"]:
        doc.add_heading(_("Minderheidsstandpunt"), level=2)
        for v in c["minority"]:
            doc.add_paragraph(docx_text(f"{v.member.name}: {v.minority_opinion}"))
    if c["decision"]:
        d = c["decision"]
        doc.add_heading(_("Besluit"), level=2)
        doc.add_paragraph(docx_text(f"{d.held_on} · {d.get_mode_display()} · {c['decision_label']}"))
        add_table(doc, [_("Lid"), _("Stem"), _("Reden")],
                  [[docx_text(v.member.name), v.get_choice_display(), docx_text(v.reason)] for v in d.votes.all()])
    doc.add_heading(_("Geraadpleegd"), level=2)
    add_table(doc, [_("Expert"), _("Aandachtsgebied"), _("Inbreng"), _("Hoe meegewogen")],
              [[docx_text(str(e.expert)), docx_text(e.expert.area), docx_text(e.summary), docx_text(e.how_weighed)] for e in c["expert_inputs"]],
              caption=_("Experts"))
    add_table(doc, [_("Praktijkkring"), _("Vorm"), _("Inbreng"), _("Thema's uit de sessie")],
              [[docx_text(ci.circle.name), ci.get_mode_display(), docx_text(ci.summary),
                docx_text(", ".join(th["label"] for th in ci.themes))] for ci in c["circle_inputs"]], caption=_("Praktijkkringen"))
    if c["stories"]:
        doc.add_heading(_("Verhalen uit de praktijk"), level=2)
        for s in c["stories"]:
            doc.add_heading(docx_text(s.title), level=3)
            doc.add_paragraph(docx_text(s.text))
    if c["measures"]:
        doc.add_heading(_("Fiches van maatregelen"), level=2)
        for m in c["measures"]:
            doc.add_paragraph(docx_text(f"{m.code} {m.title}: {m.meaning_for_people or m.description}"))
    if c["weighing_rows"]:
        add_table(doc, [_("Rang"), _("Maatregel"), _("Score")], [[str(r["rank"]), docx_text(r["measure"]), str(r["score"])]
                                                                for r in c["weighing_rows"]], caption=t.weighing.name)
    return save_docx(doc)


def advice_data(trajectory: Trajectory) -> dict:
    c = advice_context(trajectory)
    t = trajectory
    d = c["decision"]
    return {
        "format": "mia-advies", "version": 1, "code": t.code, "title": t.title, "body": t.body.name,
        "receiver": t.receiver.name if t.receiver else None, "request_kind": t.request_kind, "subject_kind": t.subject_kind,
        "question": t.question, "theme": t.theme, "status": t.status, "issued_on": t.issued_on.isoformat() if t.issued_on else None,
        "penvoerder": str(t.penvoerder) if t.penvoerder else None, "summary": t.summary, "advice": t.advice_text,
        "considerations": t.considerations,
        "experts": [{"expert": str(e.expert), "kind": e.expert.kind, "area": e.expert.area, "summary": e.summary,
                     "how_weighed": e.how_weighed} for e in c["expert_inputs"]],
        "practice_circles": [{"circle": ci.circle.name, "mode": ci.mode, "summary": ci.summary, "cards": len(ci.cards), "themes": ci.themes}
                             for ci in c["circle_inputs"]],
        "stories": [{"title": s.title, "text": s.text} for s in c["stories"]],
        "measures": [f"{m.code} {m.title}" for m in c["measures"]], "weighing": c["weighing_rows"],
        "decision": None if d is None else {
            "held_on": d.held_on.isoformat(), "mode": d.mode, "rule": d.rule, "quorum": d.quorum, "result": d.result,
            "for": d.votes_for, "against": d.votes_against, "abstentions": d.abstentions, "full_attendance": d.full_attendance,
            "unanimous": d.unanimous, "votes": [{"member": v.member.name, "choice": v.choice, "reason": v.reason} for v in d.votes.all()],
        },
        "minority_opinions": [{"member": v.member.name, "text": v.minority_opinion} for v in c["minority"]],
    }


def advice_json(trajectory: Trajectory) -> str:
    return json.dumps(advice_data(trajectory), ensure_ascii=False, indent=1)


def structure_json(structure: Structure, *, personal_data: bool = False) -> str:
    from mia.advice.exchange import export_structure

    return json.dumps(export_structure(structure, personal_data=personal_data), ensure_ascii=False, indent=1)
