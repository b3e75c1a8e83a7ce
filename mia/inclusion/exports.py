"""The whole trajectory as a document a policy officer can hand on: a tagged A4 PDF (from the
same template as the summary page) and an A4 DOCX, both from ``report.trajectory_report``.

Names of working-group members and task owners are in it only when asked for
(``personal_data=True``): by default a document can go to the council or a partner as it is.
"""

from __future__ import annotations

import json

from django.template.loader import render_to_string
from django.utils.text import slugify

from mia.core.documents import add_picture_png, add_table, new_docx, render_pdf, save_docx, svg_to_png
from mia.inclusion.report import trajectory_report


def json_bytes(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def filename(trajectory, extension: str) -> str:
    slug = slugify(trajectory.title)[:40] or "traject"
    return f"inclusietraject-{trajectory.pk}-{slug}.{extension}"


def trajectory_html(trajectory, *, personal_data: bool = False) -> str:
    report = trajectory_report(trajectory, personal_data=personal_data)
    return render_to_string("inclusion/print.html", {"report": report, "trajectory": trajectory})


def trajectory_pdf(trajectory, *, personal_data: bool = False) -> bytes:
    return render_pdf(trajectory_html(trajectory, personal_data=personal_data))


def trajectory_docx(trajectory, *, personal_data: bool = False) -> bytes:
    report = trajectory_report(trajectory, personal_data=personal_data)
    content = report["content"]
    doc = new_docx(f"Inclusief beleid: {trajectory.title}", author=trajectory.organisation.name,
                   subject=content.title)
    doc.add_heading(f"Inclusief beleid: {trajectory.title}", level=0)
    _labelled(doc, "Gemeente", trajectory.municipality)
    if trajectory.description:
        doc.add_paragraph(trajectory.description)
    _labelled(doc, "Volgens", f"{content.title} (versie {content.version}). {content.source}")

    _verkenning(doc, report)
    _vlechtwerk(doc, report)
    _working_group(doc, report)
    _participation(doc, report)
    _monitoring(doc, report)
    _steps(doc, report)
    _tasks(doc, report)
    return save_docx(doc)


def _labelled(doc, label: str, text: str) -> None:
    paragraph = doc.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(text or "–")


def _verkenning(doc, report) -> None:
    content, trajectory = report["content"], report["trajectory"]
    doc.add_heading(f"Verkenning (Bijlage 1: {content.verkenning.title})", level=1)
    for block in report["verkenning"]:
        part = block["part"]
        doc.add_heading(part.title, level=2)
        if part.number == 2:
            doc.add_paragraph(part.question.text)
            _labelled(doc, "Gekozen levensdomein", report["levensdomein"] or "nog niet gekozen")
            if report["bases"]:
                _labelled(doc, "Op basis van", "; ".join(report["bases"]))
            if trajectory.levensdomein_reason:
                _labelled(doc, part.reason_label, trajectory.levensdomein_reason)
            _labelled(doc, part.area_label, trajectory.area or "geen")
            if trajectory.area_reason:
                _labelled(doc, part.area_reason_label, trajectory.area_reason)
            continue
        for row in block["rows"]:
            question = row["question"]
            number = getattr(question, "number", None) or f"{question.letter}."
            heading = f"{number}{'.' if row['level'] == 0 else ''} {question.text}"
            paragraph = doc.add_paragraph(style="List Bullet 2" if row["level"] else None)
            paragraph.add_run(heading).bold = True
            answer = row["answer"]
            if answer is None:
                doc.add_paragraph("Nog niet beantwoord.")
            else:
                doc.add_paragraph(f"{row['state']}: {answer.text}" if row["state"] else answer.text)
            if row["task"] is not None and answer is not None and answer.state == "weet-niet":
                owner = row["task"].owner if report["personal_data"] else "(naam niet in deze export)"
                doc.add_paragraph(f"Taak ‘{content.verkenning.task_title}’: {owner}. {row['task'].how}".strip())


def _vlechtwerk(doc, report) -> None:
    content = report["content"]
    doc.add_heading("Het diversiteitsvlechtwerk", level=1)
    doc.add_paragraph("De twaalf factoren: " + ", ".join(f.label for f in report["factors"]) + ".")
    for prompt in content.vlechtwerk_check.prompts:
        _labelled(doc, prompt.title, prompt.text)
    if not report["checks"]:
        doc.add_paragraph("Er is nog geen beleid getoetst met het vlechtwerk.")
    questions = content.vlechtwerk_check.questions
    for item in report["checks"]:
        check = item["check"]
        doc.add_heading(f"Vlechtwerkcheck: {check.name}", level=2)
        if check.description:
            doc.add_paragraph(check.description)
        add_table(doc, ["Factor", *[q.text for q in questions]],
                  [[f["factor"].label, *[text or "–" for _q, text in f["answers"]]] for f in item["factors"]])
        if item["unanswered"]:
            _labelled(doc, "Nog niet bekeken", ", ".join(item["unanswered"]))
        if item["intersections"]:
            doc.add_heading(content.vlechtwerk_check.intersections.title, level=3)
            for labels, note in item["intersections"]:
                _labelled(doc, " × ".join(labels), note)


def _coverage_rows(coverage) -> list[list[str]]:
    return [[f.factor.label, f.status_label, ", ".join(f.covered_by) or "–"] for f in coverage.factors]


def _working_group(doc, report) -> None:
    wg = report["working_group"]
    content = report["content"]
    doc.add_heading("De werkgroep (Randvoorwaarde 2)", level=1)
    _labelled(doc, "Samenstelling", wg["composition"])
    _labelled(doc, "Doel", wg["goal"])
    if wg["group"].goal_note:
        doc.add_paragraph(wg["group"].goal_note)
    for question, text in wg["answers"]:
        _labelled(doc, question.text, text)
    if wg["size_warning"]:
        doc.add_paragraph(wg["size_warning"])
    add_table(doc, ["Lid", "Rol of functie", "Afdeling of organisatie", "Soort", "Brengt in", "Perspectieven"], [
        [m["label"], m["member"].role, m["member"].organisation, m["kind"], ", ".join(m["qualities"]), ", ".join(m["perspectives"])]
        for m in wg["members"]
    ], caption=f"Leden ({len(wg['members'])})")
    if wg["roles"]:
        add_table(doc, ["Sinds", "Rol", "Toelichting"], [
            [r["change"].since.strftime("%d-%m-%Y"), r["role"], r["change"].note] for r in wg["roles"]
        ], caption="De rol van de werkgroep door de tijd")
    doc.add_paragraph(content.working_group.role_change_hint)
    add_table(doc, ["Factor", "Stand", "Gedekt door"], _coverage_rows(wg["coverage"]),
              caption="Factoren van het vlechtwerk in de werkgroep (ontbrekende eerst)")


def _participation(doc, report) -> None:
    p = report["participation"]
    content = report["content"]
    doc.add_heading("Participatie (Randvoorwaarde 3, Bijlage 2)", level=1)
    _labelled(doc, "Aanpak", p["approach"])
    if p["plan"].approach_reason:
        doc.add_paragraph(p["plan"].approach_reason)
    doc.add_heading(content.participation.questions_title, level=2)
    for question, text in p["answers"]:
        _labelled(doc, question.text, text)
    doc.add_heading("Aandachtspunten", level=2)
    for point, text in p["attention"]:
        _labelled(doc, point.title, text)
    _labelled(doc, "Gekozen vormen", ", ".join(p["forms"]))
    if p["activities"]:
        add_table(doc, ["Vorm", "Activiteit", "Datum", "Notities"], [
            [a["form"], a["activity"].title, a["activity"].date.strftime("%d-%m-%Y") if a["activity"].date else "", a["activity"].notes]
            for a in p["activities"]
        ], caption="Activiteiten")


def _monitoring(doc, report) -> None:
    m = report["monitoring"]
    content = report["content"]
    definition = content.monitoring
    doc.add_heading("Monitoring en evaluatie (Stap 5, Bijlage 3)", level=1)
    doc.add_heading(definition.questions_title, level=2)
    for item in m["questions"]:
        _labelled(doc, item["question"].text, item["answer"])
        for sub, text in item["sub"]:
            _labelled(doc, f"– {sub.text}", text)
    doc.add_heading("Het veranderverhaal", level=2)
    doc.add_paragraph(definition.change_story)
    if not m["goals"]:
        doc.add_paragraph("Nog geen doelen.")
    for node in m["goals"]:
        goal = node["goal"]
        text = f"{'  ' * node['depth']}{m['goal_kinds'].get(goal.kind, goal.kind)}: {goal.text}"
        if goal.assumption:
            text += f" (aanname: {goal.assumption})"
        doc.add_paragraph(text)
    doc.add_heading("Indicatoren en metingen", level=2)
    for row in m["indicators"]:
        indicator = row["indicator"]
        doc.add_heading(indicator.name, level=3)
        _labelled(doc, "Soort", indicator.kind)
        _labelled(doc, "Bron", (row["source"].label if row["source"] else "–") + (f" ({indicator.source_note})" if indicator.source_note else ""))
        _labelled(doc, "Wat is gunstig", row["direction"])
        if row["measurements"]:
            add_picture_png(doc, svg_to_png(row["svg"]))
        add_table(doc, ["Datum", f"Waarde{f' ({indicator.unit})' if indicator.unit else ''}", "Duiding"], [
            [x["date"].strftime("%d-%m-%Y"), x["value"], x["measurement"].note] for x in row["measurements"]
        ], caption=f"Metingen van {indicator.name}" + (f"; streefwaarde {row['target']}" if row["target"] else ""))
    doc.add_heading("Kwalitatieve check", level=2)
    doc.add_paragraph(definition.qualitative.text)
    for q in m["qualitative"]:
        check = q["check"]
        _labelled(doc, q["kind"] + (f" ({check.held_on.strftime('%d-%m-%Y')})" if check.held_on else ""), check.summary)
    doc.add_heading(definition.tips_title, level=2)
    for tip, state in m["tips"]:
        mark = "☑" if state.get("done") else "☐"
        _labelled(doc, f"{mark} {tip.number}. {tip.title}", state.get("note", ""))


def _steps(doc, report) -> None:
    doc.add_heading("De vijf stappen", level=1)
    for item in report["steps"]:
        step = item["step"]
        doc.add_heading(f"Stap {step.number}: {step.title}", level=2)
        _labelled(doc, "Stand", item["status"])
        for prompt, text in item["prompts"]:
            if text:
                _labelled(doc, prompt.text, text)
        for knelpunt, applies, note in item["knelpunten"]:
            if applies or note:
                _labelled(doc, f"Knelpunt ‘{knelpunt.title}’", f"{applies}. {note}".strip(". "))
        if item["work"] is not None and item["work"].notes:
            _labelled(doc, "Notities", item["work"].notes)


def _tasks(doc, report) -> None:
    doc.add_heading("Taken", level=1)
    if not report["tasks"]:
        doc.add_paragraph("Geen taken.")
        return
    add_table(doc, ["Wat zoeken we uit", "Wie", "Hoe", "Klaar op", "Afgerond"], [
        [t["task"].title, t["owner"], "; ".join(filter(None, [t["task"].how, ", ".join(t["ways"])])),
         t["task"].due_date.strftime("%d-%m-%Y") if t["task"].due_date else "", "ja" if t["task"].done_at else "nee"]
        for t in report["tasks"]
    ])
