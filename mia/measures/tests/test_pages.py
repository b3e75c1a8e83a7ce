"""Every page of a filled workspace renders for a member (smoke test; details in the other files)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def page_urls(workspace, filled):
    w = workspace.pk
    m = filled["measures"][1].pk
    p = filled["package"].pk
    x = filled["weighing"].pk
    s = filled["heavy"].pk
    i = workspace.indicators.first()
    urls = [
        reverse("measures:list"), reverse("measures:import"),
        reverse("measures:workspace", args=[w]), reverse("measures:settings", args=[w]), reverse("measures:scales", args=[w]),
        reverse("measures:fiches", args=[w]), reverse("measures:measure_new", args=[w]), reverse("measures:fiche", args=[w, m]),
        reverse("measures:measure_edit", args=[w, m]), reverse("measures:measure_scenarios", args=[w, m]),
        reverse("measures:packages", args=[w]), reverse("measures:package_new", args=[w]), reverse("measures:package", args=[w, p]),
        reverse("measures:package_edit", args=[w, p]), reverse("measures:scenario_ladder", args=[w, s]),
        reverse("measures:dashboard", args=[w]), reverse("measures:weighings", args=[w]), reverse("measures:weighing_new", args=[w]),
        reverse("measures:weighing", args=[w, x]), reverse("measures:weighing_edit", args=[w, x]),
        reverse("measures:criterion_edit", args=[w, x, filled["weighing"].criteria.first().pk]),
    ]
    if i:
        urls.append(reverse("measures:indicator", args=[w, i.pk]))
    return urls


def test_every_page_renders_for_a_member(member_client, workspace, filled):
    for url in page_urls(workspace, filled):
        response = member_client.get(url)
        assert response.status_code == 200, (url, response.content.decode()[:3000])


def test_downloads_work(member_client, workspace, filled):
    w = workspace.pk
    m, p, x = filled["measures"][1].pk, filled["package"].pk, filled["weighing"].pk
    for name, args, start in [
        ("fiche_pdf", [w, m], b"%PDF"), ("fiche_docx", [w, m], b"PK"), ("package_pdf", [w, p], b"%PDF"),
        ("package_docx", [w, p], b"PK"), ("annex_pdf", [w, x], b"%PDF"), ("annex_docx", [w, x], b"PK"),
        ("export_json", [w], b"{"), ("dashboard_csv", [w], b"\xef\xbb\xbf"), ("dashboard_xlsx", [w], b"PK"),
    ]:
        response = member_client.get(reverse(f"measures:{name}", args=args))
        assert response.status_code == 200, name
        assert response.content.startswith(start), name
