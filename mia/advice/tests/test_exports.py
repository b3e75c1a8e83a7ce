"""The advice document as tagged A4 PDF, DOCX and JSON, the CLI, and the structure's JSON round trip."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from mia.advice import actions, exchange, exports
from mia.advice.exchange import ExchangeError
from mia.advice.tests.conftest import body, finished_inputs, seat_members


@pytest.fixture
def advice(mit, member):
    m = body(mit, "mit")
    people = seat_members(m, 9)
    t = actions.create_trajectory(mit, body=m, title="Scholen <script>alert(1)</script>", receiver=body(mit, "szw"))
    finished_inputs(t, member)
    actions.write_advice(t, summary="Kort =1+1", advice_text="Houd de scholen open.\n\nTweede alinea.")
    votes = {p.pk: {"choice": "voor"} for p in people[:7]}
    votes[people[7].pk] = {"choice": "tegen", "reason": "Te riskant.", "minority_opinion": "Sluit twee weken.", "in_advice": True}
    votes[people[8].pk] = {"choice": "onthouding"}
    actions.record_decision(t, member, held_on=dt.date(2026, 3, 1), present=people, votes=votes)
    return t


def test_the_pdf_is_tagged_a4_with_the_minority_opinion(advice):
    from pypdf import PdfReader

    pdf = PdfReader(io.BytesIO(exports.advice_pdf(advice)))
    page = pdf.pages[0]
    assert round(float(page.mediabox.width)) == 595 and round(float(page.mediabox.height)) == 842
    assert "/StructTreeRoot" in pdf.trailer["/Root"]
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "Minderheidsstandpunt" in text and "Sluit twee weken." in text and "7 voor, 1 tegen, 1 onthouding" in text


def test_the_docx_and_json_carry_the_decision_and_the_minority_opinion(advice):
    from docx import Document

    doc = Document(io.BytesIO(exports.advice_docx(advice)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Sluit twee weken." in text and "Houd de scholen open." in text
    data = json.loads(exports.advice_json(advice))
    assert data["decision"]["for"] == 7 and data["decision"]["unanimous"] is False
    assert data["minority_opinions"] == [{"member": "Lid 8", "text": "Sluit twee weken."}]
    assert len(data["experts"]) == 2 and data["practice_circles"][0]["circle"] == "jongeren"


def test_the_cli_exports_each_format(advice, tmp_path):
    for fmt in ("pdf", "docx", "json"):
        out = tmp_path / f"a.{fmt}"
        call_command("export_advice", str(advice.pk), "--format", fmt, "--output", str(out))
        assert out.stat().st_size > 100
    with pytest.raises(CommandError, match="geen adviestraject"):
        call_command("export_advice", "999999", "--output", str(tmp_path / "x.pdf"))
    with pytest.raises(CommandError, match="standaarduitvoer"):
        call_command("export_advice", str(advice.pk), "--format", "pdf", "--output", "-")


def test_a_structure_round_trips_through_json(youth, member, organisation, tmp_path):
    sub_body = body(youth, "impactteam")
    a, b = actions.add_member(sub_body, name="Ann", role="voorzitter"), actions.add_member(sub_body, name="Bob")
    actions.add_subcommittee(sub_body, name="Sub", subject="Factsheets", members=[a, b])
    raw = exports.structure_json(youth)
    assert "Ann" not in raw  # no names without --personal-data
    copy = exchange.import_structure(raw, user=member, organisation=organisation)
    assert copy.pk != youth.pk and copy.bodies.count() == 5 and copy.flow_rules.count() == youth.flow_rules.count()
    assert copy.bodies.get(key="impactteam").subcommittees.get().members.count() == 2
    path = tmp_path / "s.json"
    call_command("export_advice_structure", str(youth.pk), "--output", str(path), "--personal-data")
    assert "Ann" in path.read_text()
    call_command("import_advice_structure", str(path), "--organisation", organisation.name)


@pytest.mark.parametrize("raw,message", [
    (b"", "geen geldige JSON"),
    (b"\xff\xfe\x00garbage", "UTF-8"),
    (b"[" * 100_000, "geen geldige JSON"),
    (json.dumps({"format": "iets", "version": 1, "name": "x"}).encode(), "past niet"),
    (json.dumps({"format": "mia-adviesstructuur", "version": 1, "name": "x", "bodies": [
        {"key": "a", "name": "A", "mandate": "dictator"}]}).encode(), "onbekend mandaat"),
    (json.dumps({"format": "mia-adviesstructuur", "version": 1, "name": "x", "bodies": [
        {"key": "a", "name": "A", "mandate": "adviesraad", "quorum": 10**30}]}).encode(), "past niet"),
    (json.dumps({"format": "mia-adviesstructuur", "version": 1, "name": "x", "flows": [
        {"sender": "a", "receiver": "b", "kind": "advies"}]}).encode(), "orgaan dat er niet is"),
    (b"x" * (6 * 1024 * 1024), "te groot"),
])
def test_bad_files_are_refused_in_dutch_and_nothing_is_made(raw, message, member, organisation):
    from mia.advice.models import Structure

    before = Structure.objects.count()
    with pytest.raises(ExchangeError, match=message):
        exchange.import_structure(raw, user=member, organisation=organisation)
    assert Structure.objects.count() == before
