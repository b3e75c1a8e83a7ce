"""Who may do what, for every URL of the app, from every side: a member of the organisation (kernteam),
a reader (lezer) and a beheerder of it, a user of another organisation (404 everywhere), anonymous
(the login page). The URL list is taken from the app's urls, so a new URL cannot be forgotten."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mia.accounts.models import Organisation
from mia.measures import actions, urls
from mia.measures.models import Measure

pytestmark = pytest.mark.django_db

# The pages a reader may see (and everyone of the organisation); the others need "change" (or "manage").
VIEW = {
    "workspace", "export_json", "export_file", "settings", "scales", "fiches", "fiche", "version_json", "fiche_pdf", "fiche_docx",
    "packages", "package", "package_pdf", "package_docx", "ladder", "scenario_ladder", "dashboard", "dashboard_csv",
    "dashboard_xlsx", "indicator", "weighings", "weighing", "annex_pdf", "annex_docx",
}
VIEW_POST = {"all_fiches_pdf"}  # a reader may have a PDF made
MANAGE = {"archive", "scales_update"}
OUTSIDE_WORKSPACE = {"list", "create", "import", "import_upload"}
POST_ONLY = {
    "create", "import_upload", "workspace_update", "archive", "scenario_add", "scenario_update", "scenario_delete", "group_add",
    "group_update", "group_delete", "value_add", "value_update", "value_delete", "scales_update", "all_fiches_pdf", "measure_create",
    "measure_update", "measure_delete", "measure_scenarios_save", "group_impact_set", "group_impact_remove", "source_add",
    "source_delete", "consideration_add", "consideration_delete", "status_set", "link_assessment", "adopt_mia", "package_create",
    "package_update", "package_delete", "package_level_set", "place", "upload", "indicator_update", "indicator_delete",
    "composite_create", "cbs_add", "cbs_refresh", "cbs_delete", "development_add", "development_delete", "weighing_create",
    "weighing_update", "weighing_delete", "weights_set", "scores_set", "criterion_add", "criterion_update", "criterion_delete",
}


@pytest.fixture
def world(workspace, filled, member):
    m = filled["measures"][1]
    actions.set_status(m, "vastgesteld", user=member)
    indicator = actions.create_indicator(workspace, name="Werkloosheid")
    feed = actions.add_cbs_feed(workspace, url="https://opendata.cbs.nl/ODataApi/odata/80590ned", topics=[], category="overig",
                                refresh_hours=0)
    development = actions.add_development(workspace, title="Hoge energieprijzen")
    export = actions.store_export(workspace, filename="fiches.pdf", content_type="application/pdf", data=b"%PDF-1.7")
    weighing = filled["weighing"]
    return {
        "ws": workspace.pk, "measure": m.pk, "group_impact": m.group_impacts.first().pk, "source": m.sources.first().pk,
        "consideration": m.considerations.first().pk, "scenario": filled["heavy"].pk, "group": workspace.groups.first().pk,
        "value": workspace.values.first().pk, "package": filled["package"].pk, "indicator": indicator.pk, "feed": feed.pk,
        "development": development.pk, "export": export.pk, "weighing": weighing.pk, "criterion": weighing.criteria.first().pk,
    }


def kwargs_for(name: str, route: str, w: dict) -> dict:
    kwargs = {}
    if "<int:ws>" in route:
        kwargs["ws"] = w["ws"]
    pk_of = {
        "scenario_update": "scenario", "scenario_delete": "scenario", "group_update": "group", "group_delete": "group",
        "value_update": "value", "value_delete": "value", "export_file": "export",
    }
    if "<int:pk>" in route:
        if name in pk_of:
            kwargs["pk"] = w[pk_of[name]]
        elif route.startswith("<int:ws>/fiches/"):
            kwargs["pk"] = w["measure"]
        elif route.startswith("<int:ws>/pakketten/"):
            kwargs["pk"] = w["package"]
        elif route.startswith("<int:ws>/afwegingen/"):
            kwargs["pk"] = w["weighing"]
        elif "indicatoren" in route:
            kwargs["pk"] = w["indicator"]
        elif "/cbs/" in route:
            kwargs["pk"] = w["feed"]
        elif "ontwikkelingen" in route:
            kwargs["pk"] = w["development"]
    if "<int:item>" in route:
        kwargs["item"] = w[{"group_impact_remove": "group_impact", "source_delete": "source", "consideration_delete": "consideration"}[name]]
    if "<int:scenario>" in route:
        kwargs["scenario"] = w["scenario"]
    if "<int:criterion>" in route:
        kwargs["criterion"] = w["criterion"]
    if "<int:number>" in route:
        kwargs["number"] = 1
    return kwargs


def all_urls(w: dict) -> list[tuple[str, str]]:
    out = []
    for pattern in urls.urlpatterns:
        route = str(pattern.pattern)
        out.append((pattern.name, reverse(f"measures:{pattern.name}", kwargs=kwargs_for(pattern.name, route, w))))
    return out


def test_the_url_list_is_complete(world):
    names = {name for name, _url in all_urls(world)}
    assert names == VIEW | VIEW_POST | MANAGE | OUTSIDE_WORKSPACE | POST_ONLY | {
        "measure_new", "measure_edit", "measure_scenarios", "package_new", "package_edit", "weighing_new", "weighing_edit",
        "criterion_edit",
    }


def test_anonymous_is_sent_to_the_login_page_everywhere(client, world):
    for name, url in all_urls(world):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302 and "/account/login/" in response["Location"], (name, method.__name__)


def test_a_user_of_another_organisation_gets_404_everywhere(client, outsider, world):
    client.force_login(outsider)
    for name, url in all_urls(world):
        if name in OUTSIDE_WORKSPACE:
            continue
        for method in (client.get, client.post):
            assert method(url).status_code == 404, (name, method.__name__)


def test_a_user_of_another_organisation_sees_none_of_it_in_the_list(client, outsider, world):
    client.force_login(outsider)
    page = client.get(reverse("measures:list")).content.decode()
    assert "MIT werkruimte" not in page


def test_a_member_of_the_kernteam_reaches_every_page_but_not_the_beheerders_actions(member_client, world):
    for name, url in all_urls(world):
        response = member_client.get(url)
        if name in POST_ONLY:
            expected = {404} if name in MANAGE else {405}
            assert response.status_code in expected, (name, response.status_code)
        else:
            assert response.status_code in (200, 302), (name, response.status_code)
    for name in MANAGE:
        url = dict(all_urls(world))[name]
        assert member_client.post(url).status_code == 404, name


def test_a_reader_of_the_organisation_reads_but_changes_nothing(client, reader, world):
    client.force_login(reader)
    for name, url in all_urls(world):
        if name in OUTSIDE_WORKSPACE:
            continue
        if name in VIEW:
            assert client.get(url).status_code in (200, 302), name
        elif name in VIEW_POST:
            assert client.post(url).status_code == 302, name
        else:
            assert client.get(url).status_code == 404, name
            assert client.post(url).status_code == 404, name
    page = client.get(reverse("measures:fiche", args=[world["ws"], world["measure"]])).content.decode()
    assert "Fiche bewerken" not in page and "Dr. J. de Vries" not in page  # no edit buttons, no expert's name


def test_a_beheerder_may_change_the_scales_and_archive(client, beheerder, workspace):
    client.force_login(beheerder)
    response = client.post(reverse("measures:archive", args=[workspace.pk]), {"archived": "1"})
    assert response.status_code == 302
    workspace.refresh_from_db()
    assert workspace.archived_at is not None
    # Archived: read-only, also for the kernteam.
    assert client.get(reverse("measures:measure_new", args=[workspace.pk])).status_code == 404
    client.post(reverse("measures:archive", args=[workspace.pk]), {"archived": "0"})
    workspace.refresh_from_db()
    assert workspace.archived_at is None


def test_an_object_of_another_workspace_is_a_404_through_this_one(member_client, workspace, filled, outsider):
    other = actions.create_workspace(outsider, Organisation.objects.get(name="Andere gemeente"), "Andere werkruimte")
    foreign = actions.create_measure(other, title="Vreemde maatregel")
    assert member_client.get(reverse("measures:fiche", args=[workspace.pk, foreign.pk])).status_code == 404
    assert member_client.post(reverse("measures:measure_delete", args=[workspace.pk, foreign.pk])).status_code == 404
    assert Measure.objects.filter(pk=foreign.pk).exists()
    # A scenario of another workspace cannot be placed on through this one.
    foreign_scenario = other.scenarios.first()
    assert member_client.post(reverse("measures:place", args=[workspace.pk, foreign_scenario.pk])).status_code == 404


def test_only_kernteam_or_beheerder_may_start_a_workspace(client, reader, member):
    client.force_login(reader)
    response = client.post(reverse("measures:create"), {"name": "X", "organisation": Organisation.objects.get(name="Ministerie van Sociale Zaken").pk})
    assert response.status_code == 403
    assert client.get(reverse("measures:import")).status_code == 404


def test_a_member_cannot_start_a_workspace_for_another_organisation(member_client, outsider):
    other = Organisation.objects.get(name="Andere gemeente")
    response = member_client.post(reverse("measures:create"), {"name": "Indringer", "organisation": other.pk})
    assert response.status_code == 400
    assert not other.impact_workspaces.exists()
