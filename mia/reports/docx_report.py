"""The report as a Word document (python-docx), from the same context as the HTML."""

from __future__ import annotations

from mia.core.documents import add_table, docx_text, new_docx, save_docx


def _effect(answer) -> str:
    return answer.effect_label or "–"


def build_docx(ctx: dict) -> bytes:
    a = ctx["assessment"]
    author = a.organisation.name if a.organisation else "MIA"
    doc = new_docx(f"MIA-rapport: {a.title}", author=author, subject="Maatschappelijke Impact Afwegen")
    _heading(doc, f"MIA-rapport: {a.title}", level=0)
    if ctx["no_impact"]:
        _para(doc, "Kort rapport: het kernteam besloot dat er geen vermoeden van maatschappelijke impact is.")
    _heading(doc, "Beleidskeuze", level=1)
    _para(doc, a.title)
    if a.description:
        _para(doc, a.description)
    _para(doc, f"Kernteam: {', '.join(ctx['kernteam'])}")

    _heading(doc, "1. Oriëntatie: MIA-scan", level=1)
    for label, text in (("Oorzaken en aanleiding", a.notes_causes), ("Literatuur en onderzoek", a.notes_literature), ("Zichtbaarheid in de media", a.notes_media)):
        if text:
            _labelled(doc, label, text)
    _table(doc, ["Startvraag", "Effect", "Toelichting"], [[s.question.text, _effect(s), s.explanation] for s in ctx["scan_answers"]])
    _labelled(doc, "Groepen", "; ".join(ctx["groups"]) or "–")
    _labelled(doc, "Signaalwoorden", "; ".join(ctx["signal_words"]) or "–")
    decision = {None: "nog niet genomen", True: "er is een vermoeden van impact; de MIA gaat verder.", False: "er is geen vermoeden van impact; de MIA is afgesloten."}[a.impact_suspected]
    _labelled(doc, "Besluit", f"{decision} {a.decision_explanation}".strip())
    if ctx["no_impact"]:
        return save_docx(doc)

    _heading(doc, "Domeinverkenner", level=1)
    _table(doc, ["Domein", "Relevant", "Subdomeinen", "Toelichting"], [
        [d.domain.name, {None: "–", True: "ja", False: "nee"}[d.relevant], ", ".join(s.name for s in d.subdomains.all()), d.explanation]
        for d in ctx["domain_answers"]
    ])
    _heading(doc, "2. Voorbereiding: dialoogvragen en deelnemers", level=1)
    for q in ctx["questions"]:
        _para(doc, q.text, style="List Number")
    for s in ctx["sessions"]:
        at = s.attendance
        _labelled(doc, s.name, f"{at.invited} uitgenodigd · {len(at.present)} aanwezig ({at.joined_by_code} met de "
                               f"sessiecode) · {at.cards} kaartjes van {at.with_cards} deelnemers")
        _labelled(doc, "Aanwezig", "; ".join(p.pseudonym for p in at.present) or "niemand vastgelegd")

    _heading(doc, "3. MIA-dialoog: wat de deelnemers zeiden", level=1)
    _para(doc, f"Vorm van het verslag: {a.report_form_label}. Deelnemers staan er zonder naam in.")
    for q in ctx["question_summaries"]:
        _heading(doc, f"Vraag {q.number}: {q.text}", level=2)
        if q.themes:
            _labelled(doc, "Thema's", "; ".join(f"{label} ({n})" for label, n in q.themes))
        if not q.discussed:
            _para(doc, "Niet besproken: de sessie kwam niet aan deze vraag toe.")
            continue
        if a.report_form == "beknopt":
            _para(doc, f"{len(q.conclusions)} conclusiekaartjes en {len(q.ideas)} ideeënkaartjes.")
            continue
        for title, cards in (("Conclusies", q.conclusions), ("Ideeën en suggesties", q.ideas)):
            _heading(doc, title, level=3)
            for card in cards:
                _card(doc, card)
        for session, notes in q.notes:
            _labelled(doc, f"Notities {session}", notes)
    _heading(doc, ctx["closing_question"] or "Afronding", level=2)
    if not ctx["closing_discussed"] and not ctx["closing_cards"]:
        _para(doc, "Niet besproken: de slotvraag is niet gesteld.")
    for card in ctx["closing_cards"]:
        _card(doc, card)

    if ctx["themes"]:
        _heading(doc, "Thema's in wat de deelnemers schreven", level=1)
        for theme in ctx["themes"]:
            _heading(doc, f"{theme['label']} ({theme['size']} kaartjes)" + (" – rode draad" if theme["rode_draad"] else ""), level=2)
            if theme["summary"]:
                _para(doc, theme["summary"])
            for card in theme["quotes"]:
                _card(doc, card)

    _heading(doc, "4. Vervolg: MIA-Chart en MIA-score", level=1)
    _para(doc, "MIA-score per stelling (1 = helemaal mee oneens, 5 = helemaal mee eens).")
    _table(doc, ["Stelling", "Mediaan", "Spreiding", "Scores"], [
        [
            f"{row['statement'].number}. {row['statement'].text}",
            _num(row["score"].median),
            ("–" if row["score"].spread is None else str(row["score"].spread)) + (" (meningen lopen uiteen)" if row["score"].disagreement else ""),
            ", ".join(str(s) for s in row["score"].scores) or "–",
        ]
        for row in ctx["score_rows"]
    ])
    _heading(doc, "Hoofdconclusies", level=2)
    for c in ctx["conclusions"]:
        _para(doc, c.text, style="List Number")
    _heading(doc, "Vervolgstappen", level=2)
    _table(doc, ["Soort", "Actie", "Wie", "Wanneer"], [
        [x.domain_label, x.description, x.owner, x.due_date.strftime("%d-%m-%Y") if x.due_date else "–"] for x in ctx["actions"]
    ])
    if ctx["next_steps_text"]:
        _labelled(doc, "Wat deelnemers horen over het vervolg", ctx["next_steps_text"])
    return save_docx(doc)


def _num(value) -> str:
    if value is None:
        return "–"
    return f"{value:g}".replace(".", ",")


def _para(doc, text: str, style: str | None = None):
    """Every text may come from users or imports: keep what Word accepts (no control characters)."""
    return doc.add_paragraph(docx_text(text), style=style)


def _heading(doc, text: str, level: int):
    return doc.add_heading(docx_text(text), level=level)


def _labelled(doc, label: str, text: str) -> None:
    p = doc.add_paragraph()
    p.add_run(docx_text(f"{label}: ")).bold = True
    p.add_run(docx_text(text))


def _card(doc, card) -> None:
    p = doc.add_paragraph(style="List Bullet")
    if card.topic:
        p.add_run(docx_text(f"{card.topic}: ")).bold = True
    p.add_run(docx_text(card.text))
    p.add_run(docx_text(f" – {card.author_label}")).italic = True


def _table(doc, headers: list[str], rows: list[list[str]]) -> None:
    # Plain text runs: Word never turns "=HYPERLINK(...)" typed by someone into a field.
    add_table(doc, headers, rows)
