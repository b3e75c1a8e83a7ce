"""Bad input in every form of the app: empty, oversized and hostile text (script tags, formula text,
control characters), wrong choices, foreign ids and huge numbers. Each gives a Dutch message and keeps
what was typed, or is stored as harmless text; nothing is half-saved. (Uploads and imports: see
test_indicators.py, test_exchange.py and test_cbs.py; weights and scores: test_weighing_web.py.)"""

from __future__ import annotations

import pytest
from django.urls import reverse

from mia.accounts.models import Organisation
from mia.measures import actions
from mia.measures.models import (
    Consideration,
    ContextDevelopment,
    Indicator,
    Measure,
    Package,
    PublicValue,
    Scenario,
    Source,
    VulnerableGroup,
    Weighing,
    Workspace,
)

pytestmark = pytest.mark.django_db

HOSTILE = "<script>alert('x')</script>\x07\x1b =HYPERLINK(\"http://x\")"
STORED = "<script>alert('x')</script> =HYPERLINK(\"http://x\")"


def last(queryset, attribute):
    item = queryset.order_by("-pk").first()
    return getattr(item, attribute) if item else None


def cases(w, f):
    """(url, base data, text field, its limit, how to read back what was stored, page that shows it)."""
    m = f["measures"][1]
    x = f["weighing"]
    ind = actions.create_indicator(w, name="Werkloosheid")
    criterion = x.criteria.filter(kind="waarde").first()
    return [
        (reverse("measures:workspace_update", args=[w.pk]), {"name": "N", "description": "", "crisis": ""}, "name", 200,
         lambda: Workspace.objects.get(pk=w.pk).name, reverse("measures:workspace", args=[w.pk])),
        (reverse("measures:scenario_add", args=[w.pk]), {"scenario-new-name": "N"}, "scenario-new-name", 120,
         lambda: last(Scenario.objects.filter(workspace=w), "name"), reverse("measures:settings", args=[w.pk])),
        (reverse("measures:group_add", args=[w.pk]), {"group-new-name": "N"}, "group-new-name", 200,
         lambda: last(VulnerableGroup.objects.filter(workspace=w), "name"), reverse("measures:settings", args=[w.pk])),
        (reverse("measures:value_add", args=[w.pk]), {"value-new-name": "N", "value-new-legal_basis": ""}, "value-new-name", 120,
         lambda: last(PublicValue.objects.filter(workspace=w), "name"), reverse("measures:settings", args=[w.pk])),
        (reverse("measures:measure_create", args=[w.pk]), {"title": "N", "nature": "vrijwillig", "kind": "overig"}, "title", 200,
         lambda: last(Measure.objects.filter(workspace=w), "title"), reverse("measures:fiches", args=[w.pk])),
        (reverse("measures:consideration_add", args=[w.pk, m.pk]), {"con-kind": "dilemma", "con-text": "N"}, "con-text", 5000,
         lambda: last(Consideration.objects.filter(measure=m), "text"), reverse("measures:fiche", args=[w.pk, m.pk])),
        (reverse("measures:source_add", args=[w.pk, m.pk]), {"src-kind": "expert", "src-title": "N"}, "src-title", 500,
         lambda: last(Source.objects.filter(measure=m), "title"), reverse("measures:fiche", args=[w.pk, m.pk])),
        (reverse("measures:package_create", args=[w.pk]), {"kind": "pakket", "name": "N"}, "name", 200,
         lambda: last(Package.objects.filter(workspace=w), "name"), reverse("measures:packages", args=[w.pk])),
        (reverse("measures:development_add", args=[w.pk]), {"dev-title": "N"}, "dev-title", 200,
         lambda: last(ContextDevelopment.objects.filter(workspace=w), "title"), reverse("measures:dashboard", args=[w.pk])),
        (reverse("measures:indicator_update", args=[w.pk, ind.pk]), {"name": "N", "category": "overig", "direction": "neutraal",
         "frequency": "jaarlijks", "coverage": "nationaal", "research_basis": "kwantitatief"}, "name", 200,
         lambda: Indicator.objects.get(pk=ind.pk).name, reverse("measures:dashboard", args=[w.pk])),
        (reverse("measures:weighing_create", args=[w.pk]), {"name": "N", "scenario": f["heavy"].pk, "occasion": "gevraagd"}, "name", 200,
         lambda: last(Weighing.objects.filter(workspace=w), "name"), reverse("measures:weighings", args=[w.pk])),
        (reverse("measures:criterion_update", args=[w.pk, x.pk, criterion.pk]), {"name": "N", "direction": "max"}, "name", 200,
         lambda: x.criteria.get(pk=criterion.pk).name, reverse("measures:weighing", args=[w.pk, x.pk])),
    ]


@pytest.fixture
def all_cases(workspace, filled):
    return cases(workspace, filled)


def test_empty_required_text_asks_for_it(member_client, all_cases):
    for url, data, field, _limit, _read, _page in all_cases:
        response = member_client.post(url, {**data, field: "   "})
        assert response.status_code == 400, url
        assert "Vul dit veld in" in response.content.decode(), url


def test_oversized_text_gets_a_dutch_message_and_stays_in_the_form(member_client, all_cases):
    for url, data, field, limit, read, _page in all_cases:
        before = read()
        typed = "Lange tekst " + "x" * limit
        response = member_client.post(url, {**data, field: typed})
        page = response.content.decode()
        assert response.status_code == 400, url
        assert "Dit is te lang" in page and typed[:40] in page, url
        assert read() == before, url


def test_hostile_text_is_stored_as_harmless_text(member_client, all_cases):
    for url, data, field, _limit, read, page_url in all_cases:
        response = member_client.post(url, {**data, field: HOSTILE})
        assert response.status_code == 302, (url, response.content.decode()[:1500])
        assert read() == STORED, url  # control characters gone, the rest kept as typed
        page = member_client.get(page_url).content.decode()
        assert "<script>alert('x')</script>" not in page, page_url
        assert "&lt;script&gt;" in page, page_url


@pytest.mark.parametrize(("name", "data", "expected"), [
    ("measure_create", {"title": "T", "nature": "misschien", "kind": "overig"}, "Kies een van de mogelijkheden"),
    ("measure_create", {"title": "T", "nature": "vrijwillig", "kind": "overig", "scenarios": ["abc"]}, "Kies uit de lijst"),
    ("package_create", {"kind": "pakket", "name": "P", "measures": ["999999"]}, "Kies uit de lijst"),
    ("weighing_create", {"name": "W", "scenario": "", "occasion": "gevraagd"}, "Maak een keuze"),
    ("cbs_add", {"cbs-url": "https://example.org/x", "cbs-category": "overig", "cbs-refresh_hours": "24"}, "Alleen tabellen van het CBS"),
    ("cbs_add", {"cbs-url": "https://opendata.cbs.nl/ODataApi/odata/80590ned", "cbs-category": "overig", "cbs-refresh_hours": "9" * 30}, "Hoogstens een jaar"),
    ("cbs_add", {"cbs-url": "https://opendata.cbs.nl/ODataApi/odata/80590ned", "cbs-topics": "=cmd|' /C calc'!A0", "cbs-category": "overig",
                 "cbs-refresh_hours": "1"}, "de sleutel bestaat uit letters"),
])
def test_wrong_choices_and_values_get_a_dutch_message(member_client, workspace, filled, name, data, expected):
    response = member_client.post(reverse(f"measures:{name}", args=[workspace.pk]), data)
    assert response.status_code == 400 and expected in response.content.decode()


def test_a_group_of_another_workspace_cannot_be_put_on_a_fiche(member_client, workspace, filled, outsider):
    other = actions.create_workspace(outsider, Organisation.objects.get(name="Andere gemeente"), "Ander")
    foreign_group = other.groups.first()
    measure = filled["measures"][0]
    response = member_client.post(reverse("measures:group_impact_set", args=[workspace.pk, measure.pk]), {
        "gi-group": foreign_group.pk, "gi-vulnerable_to": "beide", "gi-severity": "3", "gi-duration": "kort"})
    assert response.status_code == 400 and "Kies uit de lijst" in response.content.decode()
    assert not measure.group_impacts.exists()
    response = member_client.post(reverse("measures:group_impact_set", args=[workspace.pk, measure.pk]), {
        "gi-group": workspace.groups.first().pk, "gi-vulnerable_to": "beide", "gi-severity": "99", "gi-duration": "kort"})
    assert response.status_code == 400 and "Kies 1 tot en met 5" in response.content.decode()


def test_the_weighings_numbers_refuse_huge_values(member_client, workspace, filled):
    response = member_client.post(reverse("measures:criterion_add", args=[workspace.pk, filled["weighing"].pk]), {
        "cr-kind": "eigen", "cr-name": "Kosten", "cr-weight": "9" * 39, "cr-direction": "min"})
    assert response.status_code == 400 and "Dit getal is te groot" in response.content.decode()
    response = member_client.post(reverse("measures:criterion_add", args=[workspace.pk, filled["weighing"].pk]), {
        "cr-kind": "eigen", "cr-name": "Kosten", "cr-weight": "9" * 50, "cr-direction": "min"})
    assert response.status_code == 400 and "te lang voor een getal" in response.content.decode()


def test_a_workspace_name_with_hostile_text_appears_escaped_in_the_documents(member_client, workspace, filled):
    actions.update_workspace(workspace, name=STORED, description="", crisis="")
    m = filled["measures"][1]
    actions.update_measure(m, title="Scholen dicht", description="<b>vet</b>\nregel twee")
    response = member_client.get(reverse("measures:fiche_pdf", args=[workspace.pk, m.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    response = member_client.get(reverse("measures:fiche_docx", args=[workspace.pk, m.pk]))
    assert response.status_code == 200
