"""The final report as HTML, tagged A4 PDF and DOCX; the recommendations and the characteristics
table as CSV/XLSX; a whole series as JSON (without contact data) and back."""

from __future__ import annotations

import datetime as dt
import json

from django.template.loader import render_to_string
from django.utils.text import slugify

from mia.consultations.report import final_report, recommendation_table_rows
from mia.core.documents import add_table, new_docx, render_pdf, save_docx

RECOMMENDATION_HEADER = ["Thema", "Niveau", "Aanbeveling vanuit burgers", "Illustrerende citaten"]
CHARACTERISTICS_HEADER = ["Sessie", "Kenmerk", "Categorie", "Aantal", "Percentage"]


def filename(series, fmt: str) -> str:
    return f"raadpleging-{slugify(series.title)[:60] or series.pk}.{fmt}"


def report_html(series, report=None) -> str:
    return render_to_string("consultations/print/report.html", {"report": report or final_report(series)})


def report_pdf(series) -> bytes:
    return render_pdf(report_html(series))


def characteristics_rows(series, report=None) -> list[list[str]]:
    tables = (report or final_report(series))["characteristics"]
    rows = [["Alle sessies", *r] for r in tables["total"].rows()]
    for session, table in tables["sessions"]:
        rows += [[session.title, *r] for r in table.rows()]
    return rows


def recommendation_rows(series) -> list[list[str]]:
    return recommendation_table_rows(series)


def report_docx(series) -> bytes:
    report = final_report(series)
    doc = new_docx(series.title, author=series.organisation.name, subject="Eindrapport burgerconsultaties")
    doc.add_heading(series.title, level=0)
    if series.commissioner:
        doc.add_paragraph(f"In opdracht van: {series.commissioner}")
    doc.add_heading("Samenvatting", level=1)
    if series.summary:
        doc.add_paragraph(series.summary)
    for number, question in enumerate(report["questions"], start=1):
        p = doc.add_paragraph(style="List Number")
        p.add_run(question.text).bold = True
        if question.answer:
            doc.add_paragraph(question.answer)
        del number
    doc.add_heading("Methode", level=1)
    if series.method_text:
        doc.add_paragraph(series.method_text)
    doc.add_paragraph(
        "Elke sessie had vier vaste onderdelen: De diepte in · Betekenis geven en keuzes maken · Werkplaats · "
        "Advies aan beleidsmakers. Na de sessies lazen de deelnemers het conceptverslag en konden zij het aanvullen, "
        f"corrigeren of verdiepen. Er kwamen {report['reactions']['total']} reacties; {report['reactions']['accepted']} "
        f"zijn overgenomen en {report['reactions']['declined']} niet."
    )
    add_table(doc, ["Sessie", "Datum", "Plaats", "Omgeving"], [
        [f"{s.title} ({s.get_kind_display()})", s.date.strftime("%d-%m-%Y") if s.date else "–", s.place or "–", s.get_setting_display()]
        for s in report["sessions"]
    ], caption="Sessies")
    for number, theme in enumerate(report["themes"], start=1):
        question = theme["question"]
        doc.add_heading(f"{number}. {question.theme}", level=1)
        doc.add_paragraph(f"Hoofdvraag: {question.text}")
        for sub in question.sub_question_list():
            doc.add_paragraph(sub, style="List Bullet")
        doc.add_heading("Belangrijkste inzichten en opbrengsten", level=2)
        for paragraph in theme["paragraphs"]:
            if paragraph.heading:
                doc.add_heading(paragraph.heading, level=3)
            doc.add_paragraph(paragraph.text)
        rows = [
            [row["level"], rec.text, "\n".join(f"“{q.text}” ({q.speaker})" for q in rec.quotes.all()) or "–"]
            for row in theme["recommendations"] for rec in row["items"]
        ]
        add_table(doc, ["Niveau", "Aanbevelingen vanuit burgers", "Illustrerende citaten"], rows or [["–", "Nog geen aanbevelingen.", "–"]],
                  caption="Aanbevelingen voor beleid en uitvoering")
    doc.add_heading("Rode draden", level=1)
    for number, thread in enumerate(report["threads"], start=1):
        doc.add_heading(f"{number}. {thread.title}", level=2)
        if thread.text:
            doc.add_paragraph(thread.text)
        for quote in thread.quotes.all():
            doc.add_paragraph(f"“{quote.text}” ({quote.speaker})", style="Quote")
    doc.add_heading("Tot slot", level=1)
    for number, item in enumerate(report["closing"], start=1):
        doc.add_heading(f"{number}. {item.title}", level=2)
        doc.add_paragraph(f"Aanbeveling: {item.recommendation}")
        doc.add_paragraph(f"Doel: {item.goal}")
    doc.add_heading("Kenmerken deelnemers", level=1)
    doc.add_paragraph("Alleen de mensen die er echt waren. Aantallen van 1 tot 4 staan er als ‘< 5’, zodat niemand te herkennen is. "
                      "Een ‘x’ is weggelaten, zodat een klein aantal niet terug te rekenen is.")
    add_table(doc, CHARACTERISTICS_HEADER, characteristics_rows(series, report), caption="Kenmerken per sessie en in totaal")
    return save_docx(doc)


# --- JSON exchange ------------------------------------------------------------------------------


def series_json(series) -> dict:
    """The whole series without anybody's contact data; sign-ups by their pseudonym number."""
    from mia.consultations.schema import FORMAT

    sessions = list(series.sessions.prefetch_related("questions", "creations", "advice"))
    return {
        "format": FORMAT,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(),
        "title": series.title, "commissioner": series.commissioner, "description": series.description,
        "summary": series.summary, "method_text": series.method_text, "features": series.features,
        "retention_until": series.retention_until.isoformat(),
        "questions": [{"theme": q.theme, "text": q.text, "sub_questions": q.sub_questions, "answer": q.answer}
                      for q in series.questions.all()],
        "sessions": [{
            "title": s.title, "kind": s.kind, "date": s.date.isoformat() if s.date else None, "place": s.place,
            "setting": s.setting, "capacity": s.capacity, "parts": s.parts, "notes": s.notes,
            "questions": [q.theme for q in s.questions.all()],
            "creations": [{"kind": c.kind, "title": c.title, "description": c.description} for c in s.creations.all()],
            "advice": [{"level": a.level, "text": a.text} for a in s.advice.all()],
        } for s in sessions],
        "drafts": [{
            "question": d.question.theme, "deadline": d.deadline.isoformat() if d.deadline else None,
            "validation_notes": d.validation_notes,
            "paragraphs": [{
                "heading": p.heading, "text": p.text, "meeting_note": p.meeting_note,
                "versions": [{"number": v.number, "text": v.text, "reason": v.reason} for v in p.versions.all()],
                "reactions": [{"participant": r.signup.number, "kind": r.kind, "text": r.text, "status": r.status, "reason": r.reason}
                              for r in p.reactions.filter(signup__consent_withdrawn_at__isnull=True).select_related("signup")],
            } for p in d.paragraphs.all()],
        } for d in series.drafts.select_related("question")],
        "threads": [{"title": t.title, "text": t.text, "sessions": [s.title for s in t.sessions.all()],
                     "quotes": [{"text": q.text, "speaker": q.speaker} for q in t.quotes.all()]} for t in series.threads.all()],
        "recommendations": [{"question": r.question.theme, "level": r.level, "text": r.text,
                             "quotes": [{"text": q.text, "speaker": q.speaker} for q in r.quotes.all()]}
                            for r in series.recommendations.select_related("question")],
        "closing": [{"title": c.title, "recommendation": c.recommendation, "goal": c.goal} for c in series.closing.all()],
    }


def series_json_bytes(series) -> bytes:
    return json.dumps(series_json(series), ensure_ascii=False, indent=2).encode("utf-8")
