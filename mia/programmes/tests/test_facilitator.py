"""The five guidelines on the facilitator screen of a live session linked to a programme, through the
live app's extension point (mia.live.facilitator_panels)."""

from __future__ import annotations

from django.urls import reverse

from mia.live import actions as live_actions
from mia.live import facilitator_panels


def facilitator_page(client, session) -> str:
    response = client.get(reverse("live:facilitator", args=[session.assessment_id, session.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_linked_live_session_shows_the_five_guidelines(programme_client, linked):
    session = live_actions.start_live(linked.session)
    page = facilitator_page(programme_client, session)
    assert "5 richtlijnen voor het voeren van dialoog" in page
    for guideline in ("Luister naar elkaar, vraag door", "Accepteer emoties", "Biedt een handelingsperspectief"):
        assert guideline in page
    assert "Maatschappelijke dialoog opgroeien" in page


def test_an_unlinked_session_shows_no_guidelines(programme_client, session):
    page = facilitator_page(programme_client, live_actions.start_live(session))
    assert "richtlijnen voor het voeren van dialoog" not in page


def test_a_broken_panel_does_not_take_the_screen_down(programme_client, session):
    def broken(request, session):
        raise RuntimeError("kapot")

    facilitator_panels.register_facilitator_panel("test.broken", broken)
    try:
        facilitator_page(programme_client, session)
    finally:
        facilitator_panels._panels.pop("test.broken")


def test_panels_render_in_registration_order_and_empty_ones_are_skipped(rf, session):
    facilitator_panels.register_facilitator_panel("test.a", lambda request, s: "<p>a</p>")
    facilitator_panels.register_facilitator_panel("test.none", lambda request, s: "")
    try:
        html = facilitator_panels.render_facilitator_panels(rf.get("/"), session)
        assert html[-1] == "<p>a</p>" and "" not in html
    finally:
        facilitator_panels._panels.pop("test.a")
        facilitator_panels._panels.pop("test.none")
