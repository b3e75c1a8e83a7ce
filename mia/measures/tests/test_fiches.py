"""Fiches through the pages: writing one, its impact per scenario, groups, sources, dilemmas, versions,
and a linked MIA whose MIA-Chart and conclusions become a proposal for the social impact."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mia.assessments.models import ChartRating
from mia.measures import actions
from mia.measures.mia_link import proposed_level
from mia.measures.models import FicheVersion, GroupImpact, Measure, MeasureScenario
from mia.tests.factories import make_assessment

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"measures:{name}", args=args)


def test_a_kernteam_writes_a_fiche_with_its_impact_per_scenario(member_client, workspace):
    light, heavy = workspace.scenarios.all()
    response = member_client.post(url("measure_create", workspace.pk), {
        "title": "Mondkapjesplicht in het ov", "description": "In trein, tram, bus en metro.", "nature": "verplichtend",
        "kind": "interventie", "themes": "mobiliteit, werk", "meaning_for_people": "Wie met het ov reist, draagt een mondkapje.",
        "impact_if_not_taken": "Meer besmettingen onder reizigers en personeel.", "scenarios": [heavy.pk],
    })
    assert response.status_code == 302
    measure = Measure.objects.get(title="Mondkapjesplicht in het ov")
    assert (measure.number, measure.code, measure.nature, measure.version, measure.status) == (1, "M1", "verplichtend", 0, "concept")
    impact = measure.scenario_impacts.get()
    assert impact.scenario == heavy
    response = member_client.post(url("measure_scenarios_save", workspace.pk, measure.pk), {
        f"sc{impact.pk}-social_level": "3", f"sc{impact.pk}-social_text": "Ongemak; mensen met een beperking kunnen het soms niet.",
        f"sc{impact.pk}-economic_level": "1", f"sc{impact.pk}-economic_text": "", f"sc{impact.pk}-effectiveness_level": "2",
        f"sc{impact.pk}-effectiveness_source": "OMT-advies",
    })
    assert response.status_code == 302
    impact.refresh_from_db()
    assert (impact.social_level, impact.economic_level, impact.effectiveness_level, impact.effectiveness_source) == (3, 1, 2, "OMT-advies")
    page = member_client.get(url("fiche", workspace.pk, measure.pk)).content.decode()
    for text in ["Mondkapjesplicht in het ov", "3 aanzienlijk", "1 verwaarloosbaar", "2 laag", "OMT-advies",
                 "Meer besmettingen onder reizigers en personeel.", "Interventiemaatregel", "Verplichtend"]:
        assert text in page, text


def test_an_invalid_level_keeps_what_was_typed(member_client, workspace):
    measure = actions.create_measure(workspace, title="Avondklok", scenarios=workspace.scenarios.all())
    impacts = list(measure.scenario_impacts.all())
    data = {f"sc{i.pk}-social_text": f"tekst {i.pk}" for i in impacts}
    data[f"sc{impacts[0].pk}-social_level"] = "9"
    response = member_client.post(url("measure_scenarios_save", workspace.pk, measure.pk), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kies een niveau van 1 tot en met 5" in page and f"tekst {impacts[1].pk}" in page
    assert not MeasureScenario.objects.exclude(social_text="").exists()  # nothing half-saved


def test_a_duplicate_title_is_refused_in_dutch(member_client, workspace):
    actions.create_measure(workspace, title="Avondklok")
    response = member_client.post(url("measure_create", workspace.pk), {"title": "Avondklok", "nature": "vrijwillig", "kind": "overig"})
    assert response.status_code == 400 and "Er is al een fiche met deze titel" in response.content.decode()


def test_groups_sources_and_dilemmas_on_a_fiche(member_client, workspace):
    measure = actions.create_measure(workspace, title="Scholen dicht")
    group = workspace.groups.get(name="Scholieren en studenten met onderwijsachterstanden")
    member_client.post(url("group_impact_set", workspace.pk, measure.pk), {
        "gi-group": group.pk, "gi-vulnerable_to": "beide", "gi-severity": "5", "gi-duration": "lang", "gi-explanation": "Leerachterstand.",
    })
    impact = GroupImpact.objects.get()
    assert (impact.vulnerable_to, impact.severity, impact.duration) == ("beide", 5, "lang")
    # Setting it again changes it, it does not double it.
    member_client.post(url("group_impact_set", workspace.pk, measure.pk), {
        "gi-group": group.pk, "gi-vulnerable_to": "maatregel", "gi-severity": "4", "gi-duration": "lang"})
    assert GroupImpact.objects.get().severity == 4
    member_client.post(url("source_add", workspace.pk, measure.pk), {
        "src-kind": "praktijk", "src-title": "Signalen van schoolleiders", "src-url": "https://www.voorbeeld.nl/signalen",
        "src-organisation": "PO-Raad"})
    member_client.post(url("consideration_add", workspace.pk, measure.pk), {"con-kind": "uitruil", "con-text": "Gezondheid tegenover onderwijs."})
    page = member_client.get(url("fiche", workspace.pk, measure.pk)).content.decode()
    assert "Signalen van schoolleiders" in page and "PO-Raad" in page and "Gezondheid tegenover onderwijs." in page
    assert "Kwetsbaar voor de maatregel" in page
    source = measure.sources.get()
    member_client.post(url("source_delete", workspace.pk, measure.pk, source.pk))
    assert not measure.sources.exists()
    member_client.post(url("group_impact_remove", workspace.pk, measure.pk, impact.pk))
    assert not GroupImpact.objects.exists()


def test_a_source_link_must_be_a_web_address(member_client, workspace):
    measure = actions.create_measure(workspace, title="Scholen dicht")
    response = member_client.post(url("source_add", workspace.pk, measure.pk), {
        "src-kind": "expert", "src-title": "Gesprek", "src-url": "javascript:alert(1)"})
    assert response.status_code == 400 and "geldig webadres" in response.content.decode()
    assert "Gesprek" in response.content.decode()  # what was typed stays
    assert not measure.sources.exists()


def test_setting_the_status_records_a_version_with_the_fiche_as_it_was(member_client, workspace, member):
    measure = actions.create_measure(workspace, title="Thuiswerkadvies", description="Werk thuis als het kan.")
    member_client.post(url("status_set", workspace.pk, measure.pk), {"st-status": "ter-bespreking", "st-note": "Voor de vergadering"})
    actions.update_measure(measure, title="Thuiswerkadvies", description="Anders verwoord.")
    member_client.post(url("status_set", workspace.pk, measure.pk), {"st-status": "vastgesteld", "st-note": ""})
    measure.refresh_from_db()
    assert (measure.version, measure.status) == (2, "vastgesteld")
    first, second = FicheVersion.objects.order_by("number")
    assert first.snapshot["description"] == "Werk thuis als het kan." and second.snapshot["description"] == "Anders verwoord."
    assert first.created_by == member and first.note == "Voor de vergadering"
    response = member_client.get(url("version_json", workspace.pk, measure.pk, 1))
    assert response.json()["status"] == "ter-bespreking"


def test_a_fiche_in_a_weighing_cannot_be_deleted(member_client, workspace, filled):
    measure = filled["measures"][0]
    response = member_client.post(url("measure_delete", workspace.pk, measure.pk))
    assert response.status_code == 302 and Measure.objects.filter(pk=measure.pk).exists()
    lonely = actions.create_measure(workspace, title="Alleen")
    member_client.post(url("measure_delete", workspace.pk, lonely.pk))
    assert not Measure.objects.filter(pk=lonely.pk).exists()


# --- a linked MIA ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("median", "level"), [(1.0, 5), (1.5, 5), (2.0, 4), (3.0, 3), (3.5, 3), (4.0, 2), (5.0, 1), (None, None)])
def test_the_proposed_level_turns_the_first_statement_round(median, level):
    assert proposed_level(median) == level


@pytest.fixture
def mia(content, member, workspace):
    assessment = make_assessment(member, title="Sluiting van de scholen")
    assessment.organisation = workspace.organisation
    assessment.save()
    statement = assessment.content_version.chartstatement_set.get(number=1)
    ChartRating.objects.create(assessment=assessment, member=member, statement=statement, score=2)
    conclusion = assessment.conclusions.get(position=1)
    conclusion.text = "Kinderen uit kwetsbare gezinnen lopen de grootste achterstand op."
    conclusion.save()
    return assessment


def test_a_linked_mia_shows_its_chart_and_is_proposed_as_social_impact(member_client, workspace, mia):
    heavy = workspace.scenarios.get(name="Zwaarder scenario")
    measure = actions.create_measure(workspace, title="Scholen dicht", scenarios=[heavy])
    response = member_client.post(url("link_assessment", workspace.pk, measure.pk), {"assessment": mia.pk})
    assert response.status_code == 302
    page = member_client.get(url("fiche", workspace.pk, measure.pk)).content.decode()
    assert "Sluiting van de scholen" in page and "Kinderen uit kwetsbare gezinnen" in page
    assert "Niveau 4 op de impactladder" in page and "<svg" in page
    member_client.post(url("adopt_mia", workspace.pk, measure.pk), {"scenario": heavy.pk})
    impact = measure.scenario_impacts.get()
    assert impact.social_level == 4 and "Kinderen uit kwetsbare gezinnen" in impact.social_text
    # Readers of the organisation see the chart too; the PDF carries it.
    pdf = member_client.get(url("fiche_pdf", workspace.pk, measure.pk))
    assert pdf.status_code == 200


def test_only_own_mias_of_the_organisation_can_be_linked(member_client, workspace, content, outsider, member):
    foreign = make_assessment(outsider, title="Andermans MIA")
    measure = actions.create_measure(workspace, title="Scholen dicht")
    response = member_client.post(url("link_assessment", workspace.pk, measure.pk), {"assessment": foreign.pk})
    assert response.status_code == 302
    measure.refresh_from_db()
    assert measure.assessment is None
    with pytest.raises(actions.MeasuresError, match="alleen een MIA van uw organisatie"):
        actions.link_assessment(measure, foreign, member)


def test_adopting_without_chart_or_conclusions_says_so(member_client, workspace, content, member):
    empty = make_assessment(member, title="Lege MIA")
    empty.organisation = workspace.organisation
    empty.save()
    measure = actions.create_measure(workspace, title="Scholen dicht", scenarios=workspace.scenarios.all())
    actions.link_assessment(measure, empty, member)
    with pytest.raises(actions.MeasuresError, match="nog geen MIA-Chart of conclusies"):
        actions.adopt_mia_proposal(measure, workspace.scenarios.first())
