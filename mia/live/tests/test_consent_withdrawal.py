"""Issue 11 item 7: a participant who sends a card and then withdraws consent disappears from
everything made of the cards (report, CSV, wall, API, themes, plenary), also after export/import."""

from __future__ import annotations

import json
import uuid

import pytest
from django.urls import reverse

from mia.analysis.models import Theme, ThemeCard, ThemeSet
from mia.dialogues.models import ConclusionCard
from mia.dialogues.queries import assessment_cards
from mia.live import actions, state
from mia.reports.context import theme_summaries
from mia.reports.exchange import export_assessment, import_assessment
from mia.tests.factories import make_dialogue

pytestmark = pytest.mark.django_db

SECRET = "Mijn buurman fraudeert met zijn uitkering."
KEPT = "De bus rijdt te weinig in de avond."


@pytest.fixture
def live(assessment):
    session = make_dialogue(assessment, participants=2, questions=1)
    ConclusionCard.objects.all().delete()
    session = actions.start_live(session)
    actions.open_round(session, session.rounds.order_by("position").first())
    session.refresh_from_db()
    return session


def _send(client, session, text):
    joined = client.post(reverse("api:join"), {"code": session.join_code, "accept": True},
                         content_type="application/json").json()
    response = client.put(reverse("api:put_card", args=[joined["token"], uuid.uuid4()]),
                          {"round": session.current_round_id, "kind": "conclusie", "text": text},
                          content_type="application/json")
    assert response.status_code == 200, response.content
    return joined["token"]


def _withdraw(client, token):
    response = client.post(reverse("api:consent", args=[token]), {"accept": False}, content_type="application/json")
    assert response.status_code == 200 and response.json()["consent"] is False


def test_withdrawn_consent_hides_the_cards_everywhere(client, owner, live, assessment):
    token = _send(client, live, SECRET)
    _send(client, live, KEPT)
    theme_set = ThemeSet.objects.create(assessment=assessment, method="test")
    theme = Theme.objects.create(theme_set=theme_set, label="Uitkeringen", label_reviewed=True)
    for card in ConclusionCard.objects.all():
        ThemeCard.objects.create(theme_set=theme_set, theme=theme, card=card)
    theme.quote_ids = list(ConclusionCard.objects.values_list("pk", flat=True))
    theme.save()

    _withdraw(client, token)

    assert [c.text for c in assessment_cards(assessment)] == [KEPT]
    live.refresh_from_db()
    wall = state.wall(live)
    assert [c["text"] for c in wall["cards"]] == [KEPT] and wall["received"] == 1
    [summary], _hidden = theme_summaries(assessment)
    assert summary["size"] == 1 and [c.text for c in summary["quotes"]] == [KEPT]

    client.force_login(owner)
    api_wall = client.get(reverse("api:session_wall", args=[live.pk])).json()
    assert [c["text"] for c in api_wall["cards"]] == [KEPT]
    pages = {"reports:report": [assessment.pk], "reports:cards_csv": [assessment.pk], "analysis:themes": [assessment.pk],
             "analysis:themes_export": [assessment.pk, "csv"], "dialogues:entry": [assessment.pk, live.pk],
             "live:plenary": [assessment.pk], "reports:docx": [assessment.pk]}
    for name, args in pages.items():
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        body = response.content.decode("utf-8-sig", errors="replace")
        assert SECRET not in body, name
        if name == "reports:docx":
            import io

            from docx import Document

            text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
            text += "".join(c.text for t in Document(io.BytesIO(response.content)).tables for r in t.rows for c in r.cells)
            assert SECRET not in text and KEPT in text

    # The export marks the withdrawal; after an import the cards stay hidden.
    data = json.loads(json.dumps(export_assessment(assessment)))
    copy = import_assessment(data, owner)
    assert [c.text for c in assessment_cards(copy)] == [KEPT]


def test_consent_given_again_shows_the_cards_again(client, live, assessment):
    token = _send(client, live, SECRET)
    _withdraw(client, token)
    assert not assessment_cards(assessment).exists()
    client.post(reverse("api:consent", args=[token]), {"accept": True}, content_type="application/json")
    assert [c.text for c in assessment_cards(assessment)] == [SECRET]


def test_an_open_wall_learns_which_cards_left_since_its_cursor(client, owner, live):
    """The facilitator's screen asks only for newer cards (``since``); a withdrawn or hidden card must
    still leave it, and a card that is back must come back."""
    secret_token = _send(client, live, SECRET)
    _send(client, live, KEPT)
    secret = ConclusionCard.objects.get(text=SECRET)
    kept = ConclusionCard.objects.get(text=KEPT)
    client.force_login(owner)
    url = reverse("api:session_wall", args=[live.pk])
    first = client.get(url).json()
    assert {c["text"] for c in first["cards"]} == {SECRET, KEPT} and first["removed"] == []
    cursor = first["cursor"]

    _withdraw(client, secret_token)
    later = client.get(url, {"since": cursor}).json()
    assert SECRET not in [c["text"] for c in later["cards"]]
    assert later["removed"] == [secret.pk] and later["received"] == 1

    live.refresh_from_db()
    actions.hide_card(live, kept.pk, reason="Noemt een naam")
    later = client.get(url, {"since": later["cursor"]}).json()
    assert later["removed"] == sorted([secret.pk, kept.pk]) and later["cards"] == []

    # Back on the wall: the id leaves the set (the screen then fetches without since and gets it).
    actions.show_card(live, kept.pk)
    client.post(reverse("api:consent", args=[secret_token]), {"accept": True}, content_type="application/json")
    again = client.get(url, {"since": later["cursor"]}).json()
    assert again["removed"] == []
    assert {c["text"] for c in client.get(url).json()["cards"]} == {SECRET, KEPT}
