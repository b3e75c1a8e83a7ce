"""The weighing framework through the pages: criteria from values (with their legal basis), indicators and
the fiches; weights and scores; the ranking with every number; its stability; the annex as PDF and DOCX."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from mia.measures import actions
from mia.measures.evaluation import evaluate
from mia.measures.models import Criterion, Weighing
from mia.tests.browser import normalise

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"measures:{name}", args=args)


def test_a_new_weighing_starts_with_the_values_effectiveness_and_social_impact(member_client, workspace, filled):
    heavy = filled["heavy"]
    response = member_client.post(url("weighing_create", workspace.pk), {
        "name": "Najaar", "scenario": heavy.pk, "occasion": "ongevraagd", "description": "Welk pakket?",
        "measures": [m.pk for m in filled["measures"]]})
    assert response.status_code == 302
    weighing = Weighing.objects.get(name="Najaar")
    criteria = list(weighing.criteria.all())
    assert [(c.kind, c.name, c.direction) for c in criteria[:2]] == [
        ("effectiviteit", "Effectiviteit", "max"), ("sociale-impact", "Maatschappelijke impact", "min")]
    values = {c.name: c.legal_basis for c in criteria[2:]}
    assert set(values) == {"Rechtvaardigheid", "Solidariteit", "Gelijke kansen", "Toekomstige generaties"}
    assert "Grondwet art. 20" in values["Solidariteit"] and "Verdrag inzake de rechten van het kind" in values["Toekomstige generaties"]
    page = member_client.get(url("weighing", workspace.pk, weighing.pk)).content.decode()
    assert "Er ontbreken nog 12 score(s)" in page  # 4 values × 3 measures; the fiche criteria are filled from the levels


def test_the_ranking_shows_every_number_and_moves_with_a_weight(member_client, workspace, filled):
    weighing = filled["weighing"]
    evaluation = evaluate(weighing)
    assert evaluation.result is not None, evaluation.problem
    first = [r["measure"].title for r in evaluation.rows()]
    page = member_client.get(url("weighing", workspace.pk, weighing.pk)).content.decode()
    assert "Hoe elke score is opgebouwd" in page and "Stabiliteit" in page and "Rangkansen" in page
    # Every number: raw → normalised × weight = contribution, and the weights' shares.
    row = evaluation.rows()[0]
    for term in row["terms"]:
        assert f"{term['contribution']:.3f}".replace(".", ",") in page
    # Put all the weight on effectiveness: the most effective measure (Scholen dicht, level 4) comes first.
    weights = {c.pk: (10 if c.kind == "effectiviteit" else 0) for c in weighing.criteria.all()}
    response = member_client.post(url("weights_set", workspace.pk, weighing.pk), {f"wt-w{pk}": str(w) for pk, w in weights.items()})
    assert response.status_code == 302
    after = evaluate(weighing)
    # By hand: effectiveness 3, 4, 2 and social impact 2, 5, 4 (lower is better), values 4, 2, 1 → M1 first (0.917);
    # with only effectiveness the most effective measure (M2, level 4) comes first.
    assert first[0] == "Thuiswerkadvies" and after.rows()[0]["measure"].title == "Scholen dicht"
    assert evaluation.rows()[0]["score"] == pytest.approx((0.5 + 1 + 4) / 6)
    effectiveness = next(s for s in after.stability_rows() if s["criterion"].kind == "effectiviteit")
    assert effectiveness["weight"] == 1.0 and effectiveness["high"] == 1.0 and effectiveness["low"] > 0
    assert effectiveness["low"] != next(s for s in evaluation.stability_rows() if s["criterion"].kind == "effectiviteit")["low"]


def test_weights_refuse_negative_huge_and_text_in_dutch_and_keep_the_input(member_client, workspace, filled):
    weighing = filled["weighing"]
    criteria = list(weighing.criteria.all())
    before = [c.weight for c in criteria]
    data = {f"wt-w{c.pk}": "1" for c in criteria}
    data[f"wt-w{criteria[0].pk}"] = "-2"
    data[f"wt-w{criteria[1].pk}"] = "1e99"
    data[f"wt-w{criteria[2].pk}"] = "veel"
    data[f"wt-w{criteria[3].pk}"] = "3,75"
    response = member_client.post(url("weights_set", workspace.pk, weighing.pk), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Vul 0 of meer in" in page and "Dit getal is te groot" in page and "Vul een getal in" in page and 'value="3,75"' in page
    assert [c.weight for c in weighing.criteria.all()] == before
    zeros = {f"wt-w{c.pk}": "0" for c in criteria}
    response = member_client.post(url("weights_set", workspace.pk, weighing.pk), zeros)
    assert response.status_code == 400 and "Alle gewichten zijn 0" in response.content.decode()


def test_scores_are_saved_removed_and_checked(member_client, workspace, filled):
    weighing = filled["weighing"]
    m1 = filled["measures"][0]
    criterion = weighing.criteria.filter(kind="waarde").first()
    fiche = weighing.criteria.get(kind="effectiviteit")
    response = member_client.post(url("scores_set", workspace.pk, weighing.pk), {
        f"sc-s{criterion.pk}_{m1.pk}": "2,5", f"sc-s{fiche.pk}_{m1.pk}": "1"})
    assert response.status_code == 302
    assert criterion.scores.get(measure=m1).score == 2.5
    assert not fiche.scores.exists()  # criteria from the fiches are not scored here
    response = member_client.post(url("scores_set", workspace.pk, weighing.pk), {f"sc-s{criterion.pk}_{m1.pk}": "1e13"})
    assert response.status_code == 400 and "te groot" in response.content.decode()
    member_client.post(url("scores_set", workspace.pk, weighing.pk), {f"sc-s{criterion.pk}_{m1.pk}": ""})
    assert not criterion.scores.filter(measure=m1).exists()


def test_criteria_of_every_kind_can_be_added(member_client, workspace, filled):
    weighing = filled["weighing"]
    indicator = actions.create_indicator(workspace, name="Ziekteverzuim", direction="lager-beter")
    response = member_client.post(url("criterion_add", workspace.pk, weighing.pk), {
        "cr-kind": "indicator", "cr-indicator": indicator.pk, "cr-weight": "2", "cr-direction": "min",
        "cr-justification": "Verzuim drukt op de zorg."})
    assert response.status_code == 302
    added = weighing.criteria.get(kind="indicator")
    assert (added.name, added.weight, added.direction) == ("Ziekteverzuim", 2.0, "min")
    response = member_client.post(url("criterion_add", workspace.pk, weighing.pk), {"cr-kind": "waarde", "cr-weight": "1", "cr-direction": "max"})
    assert response.status_code == 400 and "Kies de waarde voor dit criterium" in response.content.decode()
    response = member_client.post(url("criterion_add", workspace.pk, weighing.pk), {"cr-kind": "eigen", "cr-weight": "1", "cr-direction": "max"})
    assert response.status_code == 400 and "Geef een eigen criterium een naam" in response.content.decode()
    member_client.post(url("criterion_add", workspace.pk, weighing.pk), {"cr-kind": "economische-impact", "cr-weight": "1", "cr-direction": "min"})
    assert weighing.criteria.filter(kind="economische-impact").exists()
    member_client.post(url("criterion_update", workspace.pk, weighing.pk, added.pk), {
        "name": "Verzuim", "direction": "min", "justification": "Anders gezegd.", "legal_basis": "Grondwet art. 22"})
    added.refresh_from_db()
    assert (added.name, added.legal_basis) == ("Verzuim", "Grondwet art. 22")
    member_client.post(url("criterion_delete", workspace.pk, weighing.pk, added.pk))
    assert not Criterion.objects.filter(pk=added.pk).exists()
    with pytest.raises(actions.MeasuresError, match="negatief"):
        actions.add_criterion(weighing, kind="indicator", weight=-1, indicator=indicator)
    criterion = actions.add_criterion(weighing, kind="indicator", indicator=indicator, name="Nog eens verzuim")
    with pytest.raises(actions.MeasuresError, match="criterium in een afweging"):
        actions.delete_indicator(indicator)
    assert criterion.pk


def test_the_annex_holds_criteria_weights_scores_ranking_sensitivity_and_dilemmas(member_client, workspace, filled):
    from pypdf import PdfReader

    weighing = filled["weighing"]
    value = weighing.criteria.filter(kind="waarde").first()
    actions.update_criterion(value, name=value.name, direction="max", justification="Het kabinet wil lasten eerlijk verdelen.",
                             legal_basis=value.legal_basis)
    response = member_client.get(url("annex_pdf", workspace.pk, weighing.pk))
    reader = PdfReader(io.BytesIO(response.content))
    text = normalise(" ".join(page.extract_text() for page in reader.pages))
    for expected in ["Bijlage: afweging Afweging zwaar", "Criteria en gewichten", "Het kabinet wil lasten eerlijk verdelen.",
                     "Grondwet art. 1", "Scores", "Ranglijst", "Stabiliteit", "Rangkansen", "Gezondheid van ouderen tegenover leerachterstand",
                     "Scholen dicht"]:
        assert expected in text, expected
    # Tagged PDF/UA on A4.
    assert reader.trailer["/Root"].get("/MarkInfo", {}).get("/Marked") in (True, "true")
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    docx = member_client.get(url("annex_docx", workspace.pk, weighing.pk))
    from docx import Document

    document = Document(io.BytesIO(docx.content))
    words = normalise(" ".join([p.text for p in document.paragraphs] + [c.text for t in document.tables for r in t.rows for c in r.cells]))
    for expected in ["Criteria en gewichten", "Het kabinet wil lasten eerlijk verdelen.", "Rangkansen bij willekeurige gewichten",
                     "Gezondheid van ouderen tegenover leerachterstand", "Gevoeligheid"]:
        assert expected in words, expected
    assert document.core_properties.author == "Ministerie van Sociale Zaken"


def test_a_weighing_without_enough_measures_says_why(member_client, workspace, filled):
    weighing = actions.create_weighing(workspace, scenario=filled["heavy"], name="Leeg", occasion="gevraagd", measures=[filled["measures"][0]])
    page = member_client.get(url("weighing", workspace.pk, weighing.pk)).content.decode()
    assert "Kies ten minste twee maatregelen" in page
    assert member_client.get(url("annex_pdf", workspace.pk, weighing.pk)).status_code == 200


def test_editing_a_weighing(member_client, workspace, filled):
    weighing = filled["weighing"]
    response = member_client.post(url("weighing_update", workspace.pk, weighing.pk), {
        "name": "Afweging zwaar", "occasion": "gevraagd", "description": "", "citizen_perspective": "Burgers in de dialoog vonden scholen het belangrijkst.",
        "measures": [m.pk for m in filled["measures"]], "samples": "2000", "seed": "7"})
    assert response.status_code == 302
    weighing.refresh_from_db()
    assert (weighing.samples, weighing.seed) == (2000, 7)
    response = member_client.post(url("weighing_update", workspace.pk, weighing.pk), {
        "name": "", "occasion": "gevraagd", "measures": [], "samples": "5", "seed": "-1"})
    page = response.content.decode()
    assert response.status_code == 400 and "Vul dit veld in" in page and "Ten minste 100" in page and "Vul 0 of meer in" in page
