"""Every page from three sides: a member of the organisation (200), a user of another organisation
(404 everywhere, also for every POST), anonymous (login redirect; participant links 404)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mia.consultations import actions

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(draft, sessions, signups, questions, owner):
    series = draft.series
    paragraph = draft.paragraphs.first()
    reaction = actions.react(signups[0], paragraph, kind="aanvullen", text="Ook de bibliotheek.")
    rec = actions.add_recommendation(questions[0], level="lokaal", text="Open de bibliotheek langer.")
    thread = actions.add_thread(series, title="Erkenning")
    invitation = sessions[0].invitations.first()
    creation = actions.add_creation(sessions[0], title="Kaart", image=_png())
    quote = actions.add_quote(rec, source="reactie", source_id=reaction.pk)
    job = actions.start_report(series, owner, "pdf")
    job.refresh_from_db()
    report_file = series.report_files.get()
    return locals()


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, format="PNG")
    return out.getvalue()


def organiser_gets(w):
    s, q, session = w["series"].pk, w["questions"][0].pk, w["sessions"][0].pk
    return [
        reverse("consultations:series", args=[s]),
        reverse("consultations:session", args=[s, session]),
        reverse("consultations:session_print", args=[s, session]),
        reverse("consultations:recruitment", args=[s, session]),
        reverse("consultations:signups", args=[s]),
        reverse("consultations:invitation_letter", args=[s, w["invitation"].pk]),
        reverse("consultations:draft", args=[s, q]),
        reverse("consultations:recommendations", args=[s]),
        reverse("consultations:recommendations", args=[s]) + "?themas=1",
        reverse("consultations:characteristics", args=[s]),
        reverse("consultations:characteristics", args=[s]) + "?format=csv",
        reverse("consultations:characteristics", args=[s]) + "?format=xlsx",
        reverse("consultations:report", args=[s]),
        reverse("consultations:report", args=[s]) + "?format=json",
        reverse("consultations:report", args=[s]) + "?format=html",
        reverse("consultations:report", args=[s]) + "?format=csv",
        reverse("consultations:report", args=[s]) + "?format=xlsx",
        reverse("consultations:report_file", args=[s, w["report_file"].pk]),
        reverse("consultations:creation_image", args=[s, w["creation"].pk]),
    ]


def organiser_posts(w):
    s, q, session = w["series"].pk, w["questions"][0].pk, w["sessions"][0].pk
    return [
        reverse("consultations:add_question", args=[s]),
        reverse("consultations:save_texts", args=[s]),
        reverse("consultations:add_session", args=[s]),
        reverse("consultations:toggle_signup", args=[s]),
        reverse("consultations:save_parts", args=[s, session]),
        reverse("consultations:save_notes", args=[s, session, "diepte"]),
        reverse("consultations:add_creation", args=[s, session]),
        reverse("consultations:add_advice", args=[s, session]),
        reverse("consultations:select", args=[s, session]),
        reverse("consultations:invite", args=[s, session]),
        reverse("consultations:import_signups", args=[s]),
        reverse("consultations:set_status", args=[s, w["invitation"].pk]),
        reverse("consultations:make_draft", args=[s, q]),
        reverse("consultations:add_paragraph", args=[s, q]),
        reverse("consultations:set_deadline", args=[s, q]),
        reverse("consultations:edit_paragraph", args=[s, w["paragraph"].pk]),
        reverse("consultations:decide", args=[s, w["reaction"].pk]),
        reverse("consultations:add_recommendation", args=[s]),
        reverse("consultations:add_thread", args=[s]),
        reverse("consultations:find_themes", args=[s]),
        reverse("consultations:add_quote", args=[s, "aanbeveling", w["rec"].pk]),
        reverse("consultations:add_closing", args=[s]),
        reverse("consultations:make_report", args=[s, "pdf"]),
        reverse("consultations:remove", args=[s, "citaat", w["quote"].pk]),
    ]


def test_member_sees_every_page(client, owner, world):
    client.force_login(owner)
    for url in organiser_gets(world):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("consultations:list")).status_code == 200


def test_reader_reads_but_does_not_change(client, reader, world):
    client.force_login(reader)
    assert client.get(reverse("consultations:series", args=[world["series"].pk])).status_code == 200
    assert client.get(reverse("consultations:report", args=[world["series"].pk])).status_code == 200
    for url in organiser_posts(world):
        if "rapport/maken" in url:
            continue  # readers may make the report
        assert client.post(url, {}).status_code in (403, 404), url


def test_other_organisation_gets_404_everywhere(client, stranger, world):
    client.force_login(stranger)
    for url in organiser_gets(world):
        assert client.get(url).status_code == 404, url
    for url in organiser_posts(world):
        assert client.post(url, {}).status_code == 404, url


def test_anonymous_is_sent_to_login(client, world):
    for url in organiser_gets(world):
        response = client.get(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"], url
    for url in organiser_posts(world):
        response = client.post(url, {})
        assert response.status_code == 302 and "/account/login/" in response["Location"], url


def test_participant_links_answer_404_for_wrong_tokens(client, world):
    draft, paragraph = world["draft"], world["paragraph"]
    for url in (
        reverse("consultations:participant", args=["x" * 32]),
        reverse("consultations:participant_draft", args=["x" * 32, draft.pk]),
        reverse("consultations:signup", args=["x" * 32]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("consultations:participant_react", args=["x" * 32, paragraph.pk]), {}).status_code == 404
    assert client.post(reverse("consultations:participant_withdraw", args=["x" * 32]), {}).status_code == 404
