"""The public register in the JSON API, and its place in the OpenAPI schema."""

import datetime as dt

from mia.advice import actions
from mia.advice.tests.conftest import body, finished_inputs, seat_members


def test_the_register_lists_only_published_advice(client, mit, member):
    m = body(mit, "mit")
    people = seat_members(m, 3)
    for title, public in (("Openbaar advies", True), ("Intern advies", False)):
        t = actions.create_trajectory(mit, body=m, title=title, receiver=body(mit, "szw"))
        finished_inputs(t, member)
        actions.write_advice(t, summary="Kort.", advice_text="Tekst.")
        actions.record_decision(t, member, held_on=dt.date(2026, 1, 1), present=people, votes={p.pk: {"choice": "voor"} for p in people})
        actions.issue_advice(t, member, public=public)
    data = client.get(f"/api/adviezen/register/{mit.uid}").json()
    assert data["structure"] == "MIT"
    assert [a["title"] for a in data["advices"]] == ["Openbaar advies"]
    assert data["advices"][0]["receiver"] == "Ministerie van SZW (opdrachtgever)" and data["advices"][0]["minority_opinion"] is False
    assert client.get("/api/adviezen/register/00000000-0000-0000-0000-000000000000").status_code == 404
    assert client.get("/api/adviezen/register/geen-uuid").status_code == 422


def test_the_schema_documents_the_register(client):
    schema = client.get("/api/openapi.json").json()
    op = schema["paths"]["/api/adviezen/register/{uid}"]["get"]
    assert set(op["responses"]) == {"200", "404", "422"}
