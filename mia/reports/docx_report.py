"""The report as a Word document (python-docx), from the same context as the HTML."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Pt

from mia.reports.context import card_author


def _effect(answer) -> str:
    return answer.get_effect_display() or "–"


def build_docx(ctx: dict) -> bytes:
    a = ctx["assessment"]
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(10.5)
    doc.core_properties.title = f"MIA-rapport: {a.title}"
    doc.add_heading(f"MIA-rapport: {a.title}", level=0)
    if ctx["no_impact"]:
        doc.add_paragraph("Kort rapport: het kernteam besloot dat er geen vermoeden van maatschappelijke impact is.")
    doc.add_heading("Beleidskeuze", level=1)
    doc.add_paragraph(a.title)
    if a.description:
        doc.add_paragraph(a.description)
    doc.add_paragraph(f"Kernteam: {', '.join(ctx['kernteam'])}")

    doc.add_heading("1. Oriëntatie: MIA-scan", level=1)
    for label, text in (("Oorzaken en aanleiding", a.notes_causes), ("Literatuur en onderzoek", a.notes_literature), ("Zichtbaarheid in de media", a.notes_media)):
        if text:
            _labelled(doc, label, text)
    _table(doc, ["Startvraag", "Effect", "Toelichting"], [[s.question.text, _effect(s), s.explanation] for s in ctx["scan_answers"]])
    _labelled(doc, "Groepen", "; ".join(ctx["groups"]) or "–")
    _labelled(doc, "Signaalwoorden", "; ".join(ctx["signal_words"]) or "–")
    decision = {None: "nog niet genomen", True: "er is een vermoeden van impact; de MIA gaat verder.", False: "er is geen vermoeden van impact; de MIA is afgesloten."}[a.impact_suspected]
    _labelled(doc, "Besluit", f"{decision} {a.decision_explanation}".strip())
    if ctx["no_impact"]:
        return _save(doc)

    doc.add_heading("Domeinverkenner", level=1)
    _table(doc, ["Domein", "Relevant", "Subdomeinen", "Toelichting"], [
        [d.domain.name, {None: "–", True: "ja", False: "nee"}[d.relevant], ", ".join(s.name for s in d.subdomains.all()), d.explanation]
        for d in ctx["domain_answers"]
    ])
    doc.add_heading("2. Voorbereiding: dialoogvragen en deelnemers", level=1)
    for q in ctx["questions"]:
        doc.add_paragraph(q.text, style="List Number")
    for s in ctx["sessions"]:
        _labelled(doc, s.name, "; ".join(p.pseudonym for p in s.participants.all()) or "geen deelnemers")

    doc.add_heading("3. MIA-dialoog: wat de deelnemers zeiden", level=1)
    doc.add_paragraph(f"Vorm van het verslag: {a.get_report_form_display()}. Deelnemers staan er zonder naam in.")
    for q in ctx["question_summaries"]:
        doc.add_heading(f"Vraag {q.number}: {q.text}", level=2)
        if q.themes:
            _labelled(doc, "Thema's", "; ".join(f"{label} ({n})" for label, n in q.themes))
        if a.report_form == "beknopt":
            doc.add_paragraph(f"{len(q.conclusions)} conclusiekaartjes en {len(q.ideas)} ideeënkaartjes.")
            continue
        for title, cards in (("Conclusies", q.conclusions), ("Ideeën en suggesties", q.ideas)):
            doc.add_heading(title, level=3)
            for card in cards:
                _card(doc, card)
        for session, notes in q.notes:
            _labelled(doc, f"Notities {session}", notes)
    doc.add_heading(ctx["closing_question"] or "Afronding", level=2)
    for card in ctx["closing_cards"]:
        _card(doc, card)

    if ctx["themes"]:
        doc.add_heading("Thema's in wat de deelnemers schreven", level=1)
        for theme in ctx["themes"]:
            doc.add_heading(f"{theme['label']} ({theme['size']} kaartjes)" + (" – rode draad" if theme["rode_draad"] else ""), level=2)
            if theme["summary"]:
                doc.add_paragraph(theme["summary"])
            for card in theme["quotes"]:
                _card(doc, card)

    doc.add_heading("4. Vervolg: MIA-Chart en MIA-score", level=1)
    doc.add_paragraph("MIA-score per stelling (1 = helemaal mee oneens, 5 = helemaal mee eens).")
    _table(doc, ["Stelling", "Mediaan", "Spreiding", "Scores"], [
        [
            f"{row['statement'].number}. {row['statement'].text}",
            _num(row["score"].median),
            ("–" if row["score"].spread is None else str(row["score"].spread)) + (" (meningen lopen uiteen)" if row["score"].disagreement else ""),
            ", ".join(str(s) for s in row["score"].scores) or "–",
        ]
        for row in ctx["score_rows"]
    ])
    doc.add_heading("Hoofdconclusies", level=2)
    for c in ctx["conclusions"]:
        doc.add_paragraph(c.text, style="List Number")
    doc.add_heading("Vervolgstappen", level=2)
    _table(doc, ["Soort", "Actie", "Wie", "Wanneer"], [
        [x.get_domain_display(), x.description, x.owner, x.due_date.strftime("%d-%m-%Y") if x.due_date else "–"] for x in ctx["actions"]
    ])
    if ctx["next_steps_text"]:
        _labelled(doc, "Wat deelnemers horen over het vervolg", ctx["next_steps_text"])
    return _save(doc)


def _num(value) -> str:
    if value is None:
        return "–"
    return f"{value:g}".replace(".", ",")


def _labelled(doc, label: str, text: str) -> None:
    p = doc.add_paragraph()
    p.add_run(f"{label}: ").bold = True
    p.add_run(text)


def _card(doc, card) -> None:
    p = doc.add_paragraph(style="List Bullet")
    if card.topic:
        p.add_run(f"{card.topic}: ").bold = True
    p.add_run(card.text)
    p.add_run(f" – {card_author(card)}").italic = True


def _table(doc, headers: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=False):
        cell.text = header
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=False):
            # Plain text runs: Word never turns "=HYPERLINK(...)" typed by someone into a field.
            cell.text = value or ""


def _save(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
