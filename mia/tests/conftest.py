"""Fixtures for the browser tests: one headless Chromium per test run, a fresh page per test,
and pytest-django's ``live_server`` (which runs each test with ``transactional_db``).

Without ``/usr/bin/chromium`` the browser tests are skipped on a developer's machine, but
fail in CI (env ``CI`` set): there a missing browser must never turn the journey test green."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from mia.tests import browser as b

# Playwright's sync API runs an event loop in this thread; Django's ORM (used by the tests
# to set up data and to check results) would otherwise refuse to run beside it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def playwright_instance():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed: run `make test` (installs the test extras)")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium(playwright_instance):
    if not Path(b.CHROMIUM).exists():
        _unavailable(f"{b.CHROMIUM} is missing: install Debian's chromium (`make test` does) to run browser tests")
    browser = b.launch(playwright_instance)
    yield browser
    browser.close()


@pytest.fixture
def browser_context(chromium, live_server, transactional_db):
    context = b.new_context(chromium, base_url=live_server.url)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    page.dialogs = []

    def on_dialog(dialog):
        # The autosave script asks before leaving with unsaved changes; record and accept it.
        page.dialogs.append((dialog.type, dialog.message))
        dialog.accept()

    page.on("dialog", on_dialog)
    yield page
    page.close()


@pytest.fixture
def axe_audit():
    return b.AxeAudit()


@pytest.fixture
def instrument(transactional_db):
    """The MIA content, loaded afresh: transactional tests empty every table afterwards."""
    from mia.instrument.loader import load_content_file

    return load_content_file()
