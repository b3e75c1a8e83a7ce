"""Regression tests of issue 11 that cross apps: control characters (4), long titles in DOCX (5),
formula neutralising (16), no caching of personal pages (17), the API's odd requests (13)."""

from __future__ import annotations

import io
import uuid

import pytest
from django.urls import reverse

from mia.dialogues.models import ConclusionCard
from mia.live import actions
from mia.tests.factories import make_dialogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(assessment):
    session = make_dialogue(assessment, participants=2, questions=1)
    session = actions.start_live(session)
    actions.open_round(session, session.rounds.order_by("position").first())
    session.refresh_from_db()
    return session


def _join(client, session, **extra):
    response = client.post(reverse("api:join"), {"code": session.join_code, "accept": True, **extra},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    return response.json()["token"]


def test_control_characters_from_the_api_never_break_the_report(client, owner, live, assessment):
    token = _join(client, live, display_name="An\u0007na")
    response = client.put(reverse("api:put_card", args=[token, uuid.uuid4()]),
                          {"round": live.current_round_id, "kind": "conclusie", "text": "a\u000bb\u0001 c\u001f"},
                          content_type="application/json")
    assert response.status_code == 200
    card = ConclusionCard.objects.get(participant__invite_token=token)
    assert card.text == "ab c"
    assert card.participant.display_name == "Anna"
    # And what is already stored (from before this fix) does not break the exports either.
    ConclusionCard.objects.filter(pk=card.pk).update(text="oud\u000bkaartje\u0001", topic="x\u0002")
    client.force_login(owner)
    for name in ("reports:docx", "reports:pdf", "reports:report", "reports:cards_csv", "reports:json"):
        assert client.get(reverse(name, args=[assessment.pk])).status_code == 200, name


def test_long_titles_do_not_break_the_docx(owner_client, assessment):
    from docx import Document

    for length in (243, 255, 256, 300):
        assessment.title = ("Beleidskeuze " * 40)[:length]
        assessment.save(update_fields=["title"])
        response = owner_client.get(reverse("reports:docx", args=[assessment.pk]))
        assert response.status_code == 200, length
        assert len(Document(io.BytesIO(response.content)).core_properties.title) <= 255


@pytest.mark.parametrize("value", [" =1+1", "\n=1+1", "\t=1+1", "\r\n+1", "  @SUM(A1)", "-1+1", "=1+1"])
def test_formulas_are_neutralised_behind_spaces_and_line_breaks(owner_client, assessment, value):
    import csv

    session = make_dialogue(assessment, participants=1, questions=1)
    ConclusionCard.objects.filter(round__session=session).update(text=value, topic=value)
    body = owner_client.get(reverse("reports:cards_csv", args=[assessment.pk])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))[1:]
    assert rows
    for row in rows:
        for cell in (row[4], row[5]):
            assert cell.startswith("'"), repr(cell)


def test_theme_csv_neutralises_formulas(owner_client, assessment):
    from mia.analysis.models import Theme, ThemeCard, ThemeSet

    session = make_dialogue(assessment, participants=1, questions=1)
    ConclusionCard.objects.filter(round__session=session).update(text="\n=HYPERLINK(\"x\")")
    theme_set = ThemeSet.objects.create(assessment=assessment, method="test")
    theme = Theme.objects.create(theme_set=theme_set, label=" =1+1", summary="\n=1+1")
    for card in ConclusionCard.objects.all():
        ThemeCard.objects.create(theme_set=theme_set, theme=theme, card=card)
    import csv

    body = owner_client.get(reverse("analysis:themes_export", args=[assessment.pk, "csv"])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))[1:]
    cells = [cell for row in rows for cell in row]
    assert " =1+1" not in cells and "'\n=HYPERLINK(\"x\")" in cells
    for cell in cells:
        assert not cell.lstrip(" \t\r\n").startswith(("=", "+", "@")), repr(cell)


@pytest.mark.parametrize("name", ["reports:report", "reports:docx", "reports:cards_csv", "reports:json", "assessments:detail",
                                  "dialogues:sessions"])
def test_pages_and_exports_with_personal_data_are_not_cached(owner_client, assessment, name):
    response = owner_client.get(reverse(name, args=[assessment.pk]))
    assert response.status_code == 200
    assert "no-store" in response.get("Cache-Control", ""), name


def test_participant_pages_and_api_are_not_cached(client, live):
    token = _join(client, live)
    for url in (reverse("live:participant", args=[token]), reverse("api:participant_state", args=[token])):
        assert "no-store" in client.get(url).get("Cache-Control", ""), url


@pytest.mark.django_db(transaction=True)
def test_api_multipart_without_boundary_is_a_dutch_json_400_under_asgi(owner, assessment):
    """Under an ASGI server (uvicorn) as in production: a body that cannot be read is a JSON answer."""
    import asyncio

    from asgiref.sync import sync_to_async
    from django.db import connections
    from django.test import AsyncClient

    session = make_dialogue(assessment, participants=1, questions=1)

    async def post(client, url):
        return await client.generic("POST", url, b"x", content_type="multipart/form-data")

    async def run():
        anonymous, facilitator = AsyncClient(), AsyncClient()
        await sync_to_async(facilitator.force_login)(owner)
        try:
            return [await post(anonymous, reverse("api:join")), await post(facilitator, reverse("api:steer", args=[session.pk])),
                    await post(anonymous, reverse("api:steer", args=[session.pk]))]
        finally:
            # asgiref's sync thread outlives the test: its connection would keep the test database from
            # being dropped at the end of the run.
            await sync_to_async(connections.close_all)()

    # In a thread of its own: after a browser test, Playwright's event loop runs in the main thread.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        join, steer, anonymous_steer = pool.submit(asyncio.run, run()).result()
    for response in (join, steer, anonymous_steer):
        assert response["Content-Type"].startswith("application/json"), response.content[:300]
    assert join.status_code == 400 and "kan niet worden gelezen" in join.json()["detail"]
    assert steer.status_code in (400, 403)
    assert steer.json()["detail"].startswith(("Het verzoek kan niet worden gelezen", "Uw sessie is verlopen"))
    assert anonymous_steer.status_code == 401 and "Log in" in anonymous_steer.json()["detail"]


def test_api_csrf_failure_is_dutch_json(client, owner, live):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(owner)
    response = strict.post(reverse("api:steer", args=[live.pk]), {"action": "close_round"}, content_type="application/json")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert "CSRF" not in detail or "vernieuw" in detail.lower()
    assert "pagina" in detail.lower()


def test_every_text_field_of_every_form_drops_control_characters():
    """Issue 11 item 4 and its siblings: a text field that keeps C0 control characters lets them
    reach DOCX/PDF/CSV exports. Every form's CharField is a CleanCharField or the form cleans all."""
    import importlib
    import inspect
    import pkgutil

    from django import forms

    import mia
    from mia.core.forms import CleanCharField, CleanTextMixin

    unclean, scanned = [], 0
    for module_info in pkgutil.walk_packages(mia.__path__, "mia."):
        if not module_info.name.endswith(".forms") or ".tests" in module_info.name:
            continue
        module = importlib.import_module(module_info.name)
        scanned += 1
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, forms.BaseForm) or cls.__module__ != module.__name__ or issubclass(cls, CleanTextMixin):
                continue
            for field_name, field in cls.base_fields.items():
                if type(field) is forms.CharField or (isinstance(field, forms.CharField) and not isinstance(field, CleanCharField)
                                                      and type(field).__module__.startswith("django.forms")
                                                      and type(field) in (forms.CharField, forms.RegexField, forms.SlugField)):
                    unclean.append(f"{module.__name__}.{name}.{field_name}")
    assert scanned >= 8 and not unclean, unclean
    assert CleanCharField().clean("a\u000bb\u0001c\td") == "abc\td"
    with pytest.raises(forms.ValidationError):
        CleanCharField().clean("a\x00b")
