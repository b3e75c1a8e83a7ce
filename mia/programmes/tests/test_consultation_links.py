"""A cycle links a consultation series (kind "raadpleging") as it links a session: same organisation
only, the permission checked, shown on the pages and in the PDF, DOCX and JSON exports; the series'
sessions count with their participants and cards, and their working MIAs are not offered as sessions."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from mia.consultations import actions as consultation_actions
from mia.dialogues import actions as dialogue_actions
from mia.programmes import actions, evaluation
from mia.programmes.models import CycleLink, LinkKind
from mia.programmes.tests.test_exports import download, pdf
from mia.tests.browser import docx_text, normalise

pytestmark = pytest.mark.django_db

TEXTS = [
    "Jongeren willen leren hoe ze online ruzie kunnen voorkomen.", "Online pesten gebeurt vaak in groepsapps van de klas.",
    "Ouders weten niet wat hun kinderen online meemaken.", "Op school moet meer uitleg komen over sociale media.",
    "Een vast moment zonder telefoon thuis helpt.", "Influencers kunnen laten zien hoe je aardig reageert.",
]


def make_series(user, title="Jongeren en sociale media", organisation=None):
    organisation = organisation or user.memberships.get().organisation
    series = consultation_actions.create_series(user, organisation, title=title)
    question = consultation_actions.add_question(series, theme="Online", text="Hoe gaan we online met elkaar om?")
    for place in ("Delft", "Gouda"):
        consultation_actions.add_session(series, user, title=place, questions=[question])
    return series


def add_cards(series, per_session=3, people=6):
    for n, session in enumerate(series.sessions.all()):
        dialogue = session.dialogue
        rounds = [r for r in dialogue_actions.ensure_rounds(dialogue) if not r.is_closing]
        participants = [dialogue_actions.add_participant(dialogue, name=f"Deelnemer {n}-{i}", perspective="")
                        for i in range(people)]
        for i, text in enumerate(TEXTS[n * per_session:(n + 1) * per_session]):
            dialogue_actions.save_card(rounds[0], participant=participants[i % people], kind=rounds[0].card_kinds[0], text=text)


@pytest.fixture
def series(owner, cycle):
    record = make_series(owner)
    add_cards(record)
    return record


def test_a_series_of_my_organisation_is_linked_once(programme_client, cycle, series, stranger):
    p, c = cycle.programme_id, cycle.pk
    page = programme_client.get(reverse("programmes:links", args=[p, c])).content.decode()
    assert "Raadpleging koppelen" in page and series.title in page
    foreign = make_series(stranger, title="Raadpleging van een andere gemeente")
    assert "Raadpleging van een andere gemeente" not in page
    add = reverse("programmes:link_series_add", args=[p, c])
    refused = programme_client.post(add, {"reeks-series": foreign.pk})
    assert refused.status_code == 400 and "Kies een raadpleging uit de lijst." in refused.content.decode()
    goal = actions.save_goal(cycle, text="Jongeren praten mee", kind="bereik")
    response = programme_client.post(add, {"reeks-series": series.pk, "reeks-goals": [goal.pk], "reeks-reach": "regionaal",
                                           "reeks-target_groups": [cycle.target_group.pk]})
    assert response.status_code == 302
    link = cycle.links.get()
    assert (link.kind, link.series, link.session, link.reach) == (LinkKind.CONSULTATION, series, None, "regionaal")
    assert list(link.goals.all()) == [goal]
    page = programme_client.get(reverse("programmes:links", args=[p, c])).content.decode()
    assert reverse("consultations:series", args=[series.pk]) in page
    # Linked once: no longer offered, and a second POST is refused with a Dutch message.
    again = programme_client.post(add, {"reeks-series": series.pk})
    assert again.status_code == 400 and "Kies een raadpleging uit de lijst." in again.content.decode()
    assert cycle.links.count() == 1


def test_the_action_checks_organisation_and_permission(cycle, series, owner, reader, stranger):
    foreign = make_series(stranger, title="Elders")
    with pytest.raises(actions.ProgrammeError, match="eigen organisatie"):
        actions.link_series(cycle, owner, foreign)
    with pytest.raises(actions.ProgrammeError, match="waaraan u mag werken"):
        actions.link_series(cycle, reader, series)  # a lezer of the organisation may read the series, not link it
    assert not actions.linkable_series(cycle, reader).exists()
    actions.link_series(cycle, owner, series)
    with pytest.raises(actions.ProgrammeError, match="al aan deze cyclus gekoppeld"):
        actions.link_series(cycle, owner, series)


def test_a_lezer_and_a_stranger_cannot_link(client, cycle, series, reader, stranger):
    add = reverse("programmes:link_series_add", args=[cycle.programme_id, cycle.pk])
    anonymous = client.post(add, {"reeks-series": series.pk})
    assert anonymous.status_code == 302 and "/account/login/" in anonymous["Location"]
    for user in (reader, stranger):
        client.force_login(user)
        assert client.post(add, {"reeks-series": series.pk}).status_code == 404
    assert not CycleLink.objects.exists()


def test_the_working_sessions_of_a_consultation_are_linked_through_the_series(programme_client, cycle, series, owner, session):
    linkable = actions.linkable_sessions(cycle, owner)
    assert session in linkable  # an MIA's own session is offered
    working = series.sessions.first().dialogue
    assert working not in linkable
    with pytest.raises(actions.ProgrammeError, match="Koppel de raadpleging"):
        actions.link_session(cycle, owner, working)


def test_the_evaluation_counts_the_series_sessions_and_finds_themes_in_their_cards(programme_client, cycle, series, owner):
    link = actions.link_series(cycle, owner, series, target_groups=[cycle.target_group])
    data = evaluation.evaluation(cycle)
    row = data["links"][0]
    assert (row["link"], row["sessions"], row["participants"], row["cards"]) == (link, 2, 12, 6)
    assert data["total"]["sessions"] == 2
    page = programme_client.get(reverse("programmes:evaluation", args=[cycle.programme_id, cycle.pk])).content.decode()
    assert "2 sessies, 12 deelnemers, 6 kaartjes." in page and series.title in page
    result = evaluation.compute_themes(cycle, method="tfidf")
    assert result["all"]["cards"] == 6 and result["all"]["themes"]
    # A withdrawn consent takes the person's cards out.
    first = series.sessions.first().dialogue.participants.order_by("pk").first()
    first.consent_refused_at = timezone.now()
    first.save()
    assert evaluation.evaluation(cycle)["links"][0]["cards"] == 5


def test_the_exports_show_the_linked_series(programme_client, cycle, series, owner, tmp_path):
    actions.link_series(cycle, owner, series, note="Twee avonden")
    programme = cycle.programme
    data = json.loads(download(programme_client, "export_json", programme.pk))
    link = data["cycli"][0]["koppelingen"][0]
    assert (link["soort"], link["raadpleging"], link["sessie"], link["kaartjes"]) == ("raadpleging", series.title, "", 6)
    _reader, text = pdf(download(programme_client, "export_pdf", programme.pk))
    assert normalise(series.title) in text and normalise("Gekoppelde sessies en raadplegingen") in text
    path = tmp_path / "p.docx"
    path.write_bytes(download(programme_client, "export_docx", programme.pk))
    assert normalise(series.title) in docx_text(path)


def test_a_session_of_a_linked_series_shows_the_guidelines_on_the_facilitator_screen(programme_client, cycle, series, owner):
    from mia.live import actions as live_actions

    actions.link_series(cycle, owner, series)
    dialogue = live_actions.start_live(series.sessions.first().dialogue)
    response = programme_client.get(reverse("live:facilitator", args=[dialogue.assessment_id, dialogue.pk]))
    assert "5 richtlijnen voor het voeren van dialoog" in response.content.decode()


def test_deleting_the_series_removes_the_link_not_the_cycle(cycle, series, owner):
    actions.link_series(cycle, owner, series)
    series.delete()
    assert not CycleLink.objects.exists() and cycle.programme.cycles.filter(pk=cycle.pk).exists()
