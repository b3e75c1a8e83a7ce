"""A filled MIA for the report tests: decision, dialogue with notes, MIA-Chart, conclusions, follow-up."""

import datetime as dt
import io

from docx import Document
from pypdf import PdfReader

from mia.accounts.models import Organisation
from mia.assessments import actions
from mia.dialogues import actions as dialogue_actions
from mia.tests.factories import make_dialogue

CONCLUSION = "Bereikbaarheid is de sleutel voor ouderen in Oosterwijk."
KEY_ACTION = "Een buurtbus op vaste tijden uitwerken."
OTHER_ACTION = "Raadsinformatiebrief over de uitkomsten."
ROUND_NOTE = "De notulist schreef: veel zorgen over de afstand."


def fill(assessment, owner, *, report_form: str = "verslag"):
    org = Organisation.objects.get(name="Ministerie van Voorbeelden")
    assessment.organisation = org
    assessment.save()
    actions.record_decision(assessment, True, "Er is een duidelijk vermoeden.")
    session = make_dialogue(assessment, questions=2)
    dialogue_actions.save_round_notes(session.rounds.first(), ROUND_NOTE)
    ratings = {s: (s.number, "") for s in assessment.content_version.chartstatement_set.all()}
    actions.save_chart_ratings(assessment, owner, ratings)
    actions.save_conclusions(assessment, {1: CONCLUSION, 2: "Vrijwilligers haken af."})
    actions.add_follow_up(assessment, domain="politiek", description=OTHER_ACTION, due_date=dt.date(2027, 1, 31))
    actions.add_follow_up(assessment, domain="communicatie", description=KEY_ACTION, due_date=dt.date(2027, 3, 1))
    set_form(assessment, report_form)
    return session


def set_form(assessment, report_form: str) -> None:
    type(assessment).objects.filter(pk=assessment.pk).update(report_form=report_form)
    assessment.refresh_from_db()


def pdf_pages(content: bytes) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(content)).pages]


def docx_paragraphs(content: bytes) -> list[str]:
    document = Document(io.BytesIO(content))
    return [p.text for p in document.paragraphs]


def docx_all_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())
