"""The themes across all sessions (candidate rode draden) run as a job and are stored; the page only
shows the stored result and never computes on a GET. And: the working MIAs of the sessions are not
in "Mijn MIA's", yet the consultation still leads to them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mia.assessments.models import Assessment, Kind
from mia.consultations import actions
from mia.consultations.models import Invitation, SeriesThemes
from mia.consultations.tests.conftest import attend
from mia.dialogues import actions as dialogue_actions
from mia.jobs.models import Job

pytestmark = pytest.mark.django_db

TEXTS = [
    "De huur is veel te hoog in de stad.", "Huur en woningen zijn te duur voor jongeren.", "Betaalbare woningen ontbreken.",
    "Het buurthuis moet open blijven in het weekend.", "Een buurthuis brengt mensen samen.", "Meer activiteiten in het buurthuis.",
    "De bus rijdt te weinig naar het dorp.", "Openbaar vervoer in het dorp is slecht.",
]


def _cards(sessions, signups, texts=TEXTS):
    made = []
    for n, session in enumerate(sessions[:2]):
        attend(session, signups[n * 4:(n + 1) * 4])
        round_ = [r for r in dialogue_actions.ensure_rounds(session.dialogue) if r.position == 1][0]
        people = list(Invitation.objects.filter(session=session).exclude(participant=None))
        for i, text in enumerate(texts[n::2]):
            made.append(dialogue_actions.save_card(round_, participant=people[i % len(people)].participant,
                                                   kind=round_.card_kinds[0], text=text))
    return made


def test_a_get_never_computes_the_themes(client, owner, series, sessions, signups):
    _cards(sessions, signups)
    client.force_login(owner)
    url = reverse("consultations:recommendations", args=[series.pk])
    for query in ("", "?themas=1"):
        response = client.get(url + query)
        assert response.status_code == 200
        assert "Nog niet gezocht." in response.content.decode()
    assert not SeriesThemes.objects.exists()
    assert not Job.objects.filter(kind=actions.THEMES_JOB).exists()


def test_the_button_runs_the_job_and_the_page_shows_the_stored_themes(client, owner, series, sessions, signups):
    cards = _cards(sessions, signups)
    client.force_login(owner)
    response = client.post(reverse("consultations:find_themes", args=[series.pk]))
    assert response.status_code == 302 and response["Location"].endswith("/aanbevelingen/#themas")
    job = Job.objects.get(kind=actions.THEMES_JOB)
    assert job.status == "klaar", job.message
    stored = SeriesThemes.objects.get(series=series)
    assert stored.cards_counted == len(cards) and stored.themes
    assert all(set(t) >= {"label", "size", "key_terms", "rode_draad"} for t in stored.themes)
    # No card text is kept, only labels and terms.
    assert not any(text in str(stored.themes) for text in TEXTS)
    page = client.get(reverse("consultations:recommendations", args=[series.pk])).content.decode()
    assert stored.themes[0]["label"] in page
    assert "Opnieuw zoeken" in page and "De kaartjes zijn sindsdien veranderd" not in page
    # A new card makes the stored result stale; the page says so and still does not compute.
    round_ = cards[0].round
    dialogue_actions.save_card(round_, participant=cards[0].participant, kind=round_.card_kinds[0], text="Nog een kaartje over de huur.")
    page = client.get(reverse("consultations:recommendations", args=[series.pk])).content.decode()
    assert "De kaartjes zijn sindsdien veranderd" in page
    assert SeriesThemes.objects.get(series=series).cards_counted == len(cards)
    # Recompute: the same row, now with the new card.
    client.post(reverse("consultations:find_themes", args=[series.pk]))
    assert SeriesThemes.objects.get(series=series).cards_counted == len(cards) + 1
    assert SeriesThemes.objects.count() == 1


def test_a_running_job_is_shown_with_a_link_and_not_started_twice(client, owner, series, sessions, signups):
    _cards(sessions, signups)
    running = Job.objects.create(kind=actions.THEMES_JOB, subject=actions.themes_subject(series), params={"series": series.pk},
                                 status=Job.Status.RUNNING, created_by=owner)
    client.force_login(owner)
    page = client.get(reverse("consultations:recommendations", args=[series.pk])).content.decode()
    assert "De thema&#x27;s worden gezocht." in page or "De thema's worden gezocht." in page
    assert reverse("jobs:detail", args=[running.pk]) in page
    assert reverse("consultations:find_themes", args=[series.pk]) not in page  # no button while it runs
    response = client.post(reverse("consultations:find_themes", args=[series.pk]), follow=True)
    assert "Wacht tot dat klaar is" in response.content.decode()
    assert Job.objects.filter(kind=actions.THEMES_JOB).count() == 1


def test_too_few_cards_gives_a_dutch_message(client, owner, series, sessions, signups):
    _cards(sessions, signups, texts=TEXTS[:2])
    client.force_login(owner)
    client.post(reverse("consultations:find_themes", args=[series.pk]))
    stored = SeriesThemes.objects.get(series=series)
    assert stored.themes == [] and "Te weinig kaartjes" in stored.message
    assert "Te weinig kaartjes" in client.get(reverse("consultations:recommendations", args=[series.pk])).content.decode()


def test_who_may_start_the_theme_job(client, owner, reader, stranger, series, sessions, signups):
    _cards(sessions, signups)
    url = reverse("consultations:find_themes", args=[series.pk])
    response = client.post(url)  # anonymous
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    client.force_login(stranger)
    assert client.post(url).status_code == 404
    client.force_login(reader)  # a lezer of the organisation reads the page, but does not start the job
    assert client.post(url).status_code == 404
    assert reverse("consultations:find_themes", args=[series.pk]) not in client.get(
        reverse("consultations:recommendations", args=[series.pk])).content.decode()
    assert client.get(url).status_code == 405
    assert not Job.objects.filter(kind=actions.THEMES_JOB).exists()
    client.force_login(owner)
    assert client.post(url).status_code == 302
    assert Job.objects.filter(kind=actions.THEMES_JOB, status="klaar").count() == 1


def test_job_page_is_visible_to_organisation_members_only(client, owner, reader, stranger, series, sessions, signups):
    _cards(sessions, signups)
    job = actions.start_themes(series, owner)
    url = reverse("jobs:detail", args=[job.pk])
    client.force_login(reader)
    assert client.get(url).status_code == 200
    client.force_login(stranger)
    assert client.get(url).status_code == 404


# --- working MIAs ----------------------------------------------------------------------------------


def test_working_mias_are_not_in_my_mias_but_reachable_from_the_consultation(client, owner, series, sessions):
    from mia.assessments.actions import create_assessment

    own = create_assessment(owner, "Mijn eigen beleidskeuze")
    working = [s.dialogue.assessment for s in sessions]
    assert all(a.kind == Kind.WORKING for a in working) and own.kind == Kind.MIA
    client.force_login(owner)
    page = client.get(reverse("assessments:list")).content.decode()
    assert "Mijn eigen beleidskeuze" in page
    for assessment in working:
        assert assessment.title not in page
        assert reverse("assessments:detail", args=[assessment.pk]) not in page
    assert list(Assessment.objects.own_mias().filter(memberships__user=owner)) == [own]
    # The consultation's session page still leads to its working record (live screen, cards).
    session = sessions[0]
    page = client.get(reverse("consultations:session", args=[series.pk, session.pk])).content.decode()
    assert reverse("live:facilitator", args=[session.dialogue.assessment_id, session.dialogue_id]) in page
    assert reverse("dialogues:step3", args=[session.dialogue.assessment_id]) in page
    # And the working record's pages lead back to the consultation, not to "Mijn MIA's".
    step = client.get(reverse("dialogues:step3", args=[session.dialogue.assessment_id]))
    assert step.status_code == 200
    assert reverse("consultations:session", args=[series.pk, session.pk]) in step.content.decode()
