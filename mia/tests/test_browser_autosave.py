"""Nothing typed is lost: autosave while typing, and a draft that survives an expired login."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mia.assessments.models import Assessment
from mia.tests import browser as b
from mia.tests.factories import PASSWORD, make_assessment, make_user

pytestmark = pytest.mark.browser


def login(page, username):
    page.goto("/account/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/mia/")


def test_it_autosaves_while_typing_and_restores_a_draft_after_the_login_expired(page, browser_context, instrument):
    user = make_user("typist")
    assessment = make_assessment(user)
    login(page, "typist")
    page.goto(f"/mia/{assessment.pk}/stap-1/scan/")
    page.fill("#id_notes_causes", "Eerste gedachte over de aanleiding.")
    expect(page.locator("#scan-form .saved-state")).to_contain_text("Automatisch opgeslagen", timeout=10000)
    assert Assessment.objects.get(pk=assessment.pk).notes_causes == "Eerste gedachte over de aanleiding."

    # The login expires while the officer keeps typing; the autosave cannot reach the server.
    browser_context.clear_cookies(name="sessionid")
    page.fill("#id_notes_media", "Dit stond gisteren in de krant.")
    expect(page.locator("#scan-form .saved-state")).to_contain_text("Niet opgeslagen", timeout=10000)
    # A plain submit now lands on the login page …
    page.click("#scan-form button[type=submit]")
    page.wait_for_url("**/account/login/**")
    page.fill("#id_username", "typist")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    # … and back on the form the typed text is there again, with a notice, ready to save.
    page.wait_for_url(f"**/mia/{assessment.pk}/stap-1/scan/")
    expect(page.locator("#id_notes_media")).to_have_value("Dit stond gisteren in de krant.")
    expect(page.locator("#scan-form .saved-state")).to_contain_text("teruggezet")
    b.axe_check(page, "scan with restored draft")
    page.click("#scan-form button[type=submit]")
    expect(page.locator(".message-success")).to_be_visible()
    saved = Assessment.objects.get(pk=assessment.pk)
    assert saved.notes_media == "Dit stond gisteren in de krant."
    assert saved.notes_causes == "Eerste gedachte over de aanleiding."
    # Once saved, the draft is gone: a reload shows no restore notice.
    page.reload()
    expect(page.locator("#scan-form .saved-state")).to_have_text("")
