"""The report as a Word document (python-docx), from the same context as the HTML and the PDF.

It follows ``reports/report_body.html`` heading by heading, with the same (translated) wording
and the same date format ("2 december 2026"): a civil servant who compares the PDF and the DOCX
finds the same report. A4 with the title, version and status in the header and "Pagina X van Y"
in the footer (``mia.core.documents.new_docx``); the MIA-Chart as a picture with its table.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mia.core.documents import add_picture_png, add_table, docx_text, new_docx, save_docx, svg_to_png
from mia.reports.context import report_date


def build_docx(ctx: dict) -> bytes:
    a = ctx["assessment"]
    title = f"{_('MIA-rapport')}: {a.title}"
    doc = new_docx(title, author=ctx["organisation"] or "MIA", subject=_("Maatschappelijke Impact Afwegen"))
    _header_line(doc, ctx["version_line"])
    doc.core_properties.keywords = docx_text(ctx["report_status_label"])
    doc.core_properties.version = str(ctx["report_state"].version)
    _heading(doc, title, level=0)
    if ctx["no_impact"]:
        _para(doc, _("Kort rapport: het kernteam besloot dat er geen vermoeden van maatschappelijke impact is."))
    _first_page(doc, ctx)
    doc.add_page_break()
    _scan(doc, ctx)
    if ctx["no_impact"]:
        return save_docx(doc)
    _heading(doc, _("Domeinverkenner"), level=1)
    _table(doc, [_("Domein"), _("Relevant"), _("Subdomeinen"), _("Toelichting")], [
        [d.domain.name, {None: "–", True: _("ja"), False: _("nee")}[d.relevant], ", ".join(s.name for s in d.subdomains.all()), d.explanation]
        for d in ctx["domain_answers"]
    ], caption=_("Domeinen en subdomeinen"))
    _heading(doc, _("2. Voorbereiding: dialoogvragen en deelnemers"), level=1)
    for q in ctx["questions"]:
        _para(doc, q.text, style="List Number")
    if not ctx["questions"]:
        _para(doc, _("Geen vragen gekozen."))
    for s in ctx["sessions"]:
        name = s.name + (f", {report_date(s.date)}" if s.date else "")
        at = s.attendance
        _labelled(doc, name, _("%(invited)s uitgenodigd · %(present)s aanwezig (%(by_code)s met de sessiecode) · "
                               "%(cards)s kaartjes van %(with_cards)s deelnemers") % {
            "invited": at.invited, "present": len(at.present), "by_code": at.joined_by_code,
            "cards": at.cards, "with_cards": at.with_cards})
        _labelled(doc, _("Aanwezig"), "; ".join(p.pseudonym for p in at.present) or _("niemand vastgelegd"))
    _dialogue(doc, ctx)
    _themes(doc, ctx)
    _chart(doc, ctx)
    if ctx["show_transcripts"]:
        _transcripts(doc, ctx)
    return save_docx(doc)


def _first_page(doc, ctx: dict) -> None:
    a = ctx["assessment"]
    _heading(doc, _("Samenvatting"), level=1)
    meta = []
    if ctx["organisation"]:
        meta.append((_("Organisatie"), ctx["organisation"]))
    meta += [
        (_("Auteurs (kernteam)"), ", ".join(ctx["kernteam"]) or "–"),
        (ctx["report_date_label"], ctx["report_date"]),
        (_("Versie en status"), ctx["version_line"]),
        (_("Vorm van het verslag"), a.report_form_label),
    ]
    for label, value in meta:
        _labelled(doc, label, value)
    _heading(doc, _("Beleidskeuze"), level=2)
    doc.add_paragraph().add_run(docx_text(a.title)).bold = True
    if a.description:
        _para(doc, a.description)
    _heading(doc, _("Besluit: gaat de MIA verder?"), level=2)
    _para(doc, " ".join(t for t in (ctx["decision"], a.decision_explanation) if t))
    if ctx["no_impact"]:
        return
    _heading(doc, _("Hoofdconclusies"), level=2)
    for c in ctx["conclusions"]:
        _para(doc, c.text, style="List Number")
    if not ctx["conclusions"]:
        _para(doc, _("Nog geen hoofdconclusies."))
    _heading(doc, _("MIA-score per stelling"), level=2)
    _table(doc, [_("Stelling"), _("MIA-score"), _("Spreiding")], [
        [row["statement"].text, _num(row["score"].median), _spread(row["score"], short=True)] for row in ctx["score_rows"]
    ], caption=f"{_('MIA-score in het kort')} ({ctx['score_scale']})")
    _heading(doc, ctx["key_action_heading"], level=2)
    for x in ctx["first_page_actions"]:
        p = doc.add_paragraph(style="List Bullet")
        p.add_run(docx_text(f"{x.domain_label}: ")).bold = True
        extra = ", ".join(t for t in (x.owner, report_date(x.due_date) if x.due_date else "") if t)
        p.add_run(docx_text(x.description + (f" ({extra})" if extra else "")))
    if not ctx["first_page_actions"]:
        _para(doc, _("Nog geen vervolgstappen."), style="List Bullet")
    if ctx["more_actions"]:
        n = ctx["more_actions"]
        _para(doc, ngettext("En %(n)s vervolgstap meer in hoofdstuk 4.", "En %(n)s vervolgstappen meer in hoofdstuk 4.", n) % {"n": n})


def _scan(doc, ctx: dict) -> None:
    a = ctx["assessment"]
    _heading(doc, _("1. Oriëntatie: MIA-scan"), level=1)
    for label, text in ((_("Oorzaken en aanleiding"), a.notes_causes), (_("Literatuur en onderzoek"), a.notes_literature),
                        (_("Zichtbaarheid in de media"), a.notes_media)):
        if text:
            _labelled(doc, label, text)
    _table(doc, [_("Startvraag"), _("Effect"), _("Toelichting")],
           [[s.question.text, s.effect_label or "–", s.explanation] for s in ctx["scan_answers"]],
           caption=_("Startvragen van de MIA-scan"))
    _labelled(doc, _("Groepen"), "; ".join(ctx["groups"]) or "–")
    _labelled(doc, _("Signaalwoorden"), "; ".join(ctx["signal_words"]) or "–")
    _labelled(doc, _("Besluit"), " ".join(t for t in (ctx["decision"], a.decision_explanation) if t))


def _dialogue(doc, ctx: dict) -> None:
    a = ctx["assessment"]
    _heading(doc, _("3. MIA-dialoog: wat de deelnemers zeiden"), level=1)
    _para(doc, f"{_('Vorm van het verslag')}: {a.report_form_label}. {_('Deelnemers staan er zonder naam in.')}")
    for q in ctx["question_summaries"]:
        _heading(doc, f"{_('Vraag')} {q.number}: {q.text}", level=2)
        if q.themes:
            _labelled(doc, _("Thema's"), "; ".join(f"{label} ({n})" for label, n in q.themes))
        if not q.discussed:
            _para(doc, _("Niet besproken: de sessie kwam niet aan deze vraag toe."))
            continue
        if not ctx["show_cards"]:
            _para(doc, _("%(c)s conclusiekaartjes en %(i)s ideeënkaartjes.") % {"c": len(q.conclusions), "i": len(q.ideas)})
            continue
        for title, cards in ((_("Conclusies"), q.conclusions), (_("Ideeën en suggesties"), q.ideas)):
            _heading(doc, title, level=3)
            for card in cards:
                _card(doc, card)
            if not cards:
                _para(doc, "–", style="List Bullet")
        if q.notes:
            _heading(doc, _("Notities"), level=3)
            for session, notes in q.notes:
                _labelled(doc, session, notes)
    _heading(doc, ctx["closing_question"] or _("Afronding"), level=2)
    if not ctx["closing_discussed"] and not ctx["closing_cards"]:
        _para(doc, _("Niet besproken: de slotvraag is niet gesteld."))
        return
    if not ctx["show_cards"]:
        n = len(ctx["closing_cards"])
        _para(doc, ngettext("%(n)s kaartje.", "%(n)s kaartjes.", n) % {"n": n})
        return
    for card in ctx["closing_cards"]:
        _card(doc, card)
    if not ctx["closing_cards"]:
        _para(doc, "–", style="List Bullet")
    if ctx["session_notes"]:
        _heading(doc, _("Algemene notities"), level=2)
        for session, notes in ctx["session_notes"]:
            _labelled(doc, session, notes)


def _themes(doc, ctx: dict) -> None:
    if not (ctx["themes"] or ctx["hidden_themes"]):
        return
    _heading(doc, _("Thema's in wat de deelnemers schreven"), level=1)
    for theme in ctx["themes"]:
        size = ngettext("%(n)s kaartje", "%(n)s kaartjes", theme["size"]) % {"n": theme["size"]}
        _heading(doc, f"{theme['label']} ({size})" + (f" – {_('rode draad')}" if theme["rode_draad"] else ""), level=2)
        if theme["summary"]:
            _para(doc, theme["summary"])
        if ctx["show_cards"]:
            for card in theme["quotes"]:
                p = doc.add_paragraph(style="List Bullet")
                p.add_run(docx_text(f"“{card.text}”"))
                p.add_run(docx_text(f" – {card.author_label}")).italic = True
    if ctx["hidden_themes"]:
        n = ctx["hidden_themes"]
        _para(doc, ngettext(
            "%(n)s thema staat hier niet: de analist heeft de naam nog niet beoordeeld.",
            "%(n)s thema's staan hier niet: de analist heeft de namen nog niet beoordeeld.", n) % {"n": n})


def _chart(doc, ctx: dict) -> None:
    _heading(doc, _("4. Vervolg: MIA-Chart en MIA-score"), level=1)
    add_picture_png(doc, svg_to_png(ctx["svg"]))
    _table(doc, [_("Stelling"), _("Mediaan"), _("Spreiding"), _("Scores")], [
        [f"{row['statement'].number}. {row['statement'].text}", _num(row["score"].median), _spread(row["score"]),
         ", ".join(str(s) for s in row["score"].scores) or "–"]
        for row in ctx["score_rows"]
    ], caption=_("MIA-score per stelling (1 = helemaal mee oneens, 5 = helemaal mee eens)"))
    _heading(doc, _("Hoofdconclusies"), level=2)
    for c in ctx["conclusions"]:
        _para(doc, c.text, style="List Number")
    if not ctx["conclusions"]:
        _para(doc, "–")
    _heading(doc, _("Vervolgstappen"), level=2)
    if ctx["actions"]:
        _table(doc, [_("Soort"), _("Actie"), _("Wie"), _("Wanneer")], [
            [x.domain_label, x.description, x.owner, report_date(x.due_date) if x.due_date else "–"] for x in ctx["actions"]
        ], caption=_("Vervolgstappen"))
    else:
        _para(doc, "–")
    if ctx["next_steps_text"]:
        _heading(doc, _("Wat deelnemers horen over het vervolg"), level=2)
        _para(doc, ctx["next_steps_text"])


def _transcripts(doc, ctx: dict) -> None:
    doc.add_page_break()
    _heading(doc, _("Bijlage: transcript van de MIA-dialoog"), level=1)
    _para(doc, _("Letterlijk verslag. Namen en contactgegevens van deelnemers zijn vervangen door ‘Deelnemer’ met een nummer."))
    for t in ctx["transcripts"]:
        _heading(doc, t["session"], level=2)
        for line in t["paragraphs"]:
            _para(doc, line)
    if not ctx["transcripts"]:
        _para(doc, _("Er is nog geen transcript ingevoerd."))


def _spread(score, short: bool = False) -> str:
    text = "–" if score.spread is None else str(score.spread)
    if score.disagreement:
        text += f" ({_('meningen lopen uiteen')})" if short else f" {_('Let op: meningen lopen 2 punten of meer uiteen. Bespreek dit.')}"
    return text


def _num(value) -> str:
    if value is None:
        return "–"
    return f"{value:g}".replace(".", ",")


def _header_line(doc, text: str) -> None:
    for section in doc.sections:
        run = section.header.add_paragraph().add_run(docx_text(text))
        run.font.size = section.header.paragraphs[0].style.font.size


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


def _table(doc, headers: list[str], rows: list[list[str]], caption: str = "") -> None:
    # Plain text runs: Word never turns "=HYPERLINK(...)" typed by someone into a field.
    add_table(doc, headers, rows, caption=caption)
