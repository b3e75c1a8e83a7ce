"""Shared test fixtures: the instrument content, and three personas for every
access rule (as in healthchecks): the owner (kernteam member of the assessment),
a reader added to it, and a stranger from another team."""

import pytest

from mia.tests.factories import make_assessment, make_user


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs ~0.3 s a user; tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the instrument content once into the test database. Tests that flush
    the database (live server) get it back from the idempotent ``content`` fixture."""
    from mia.instrument.loader import load_content_file

    with django_db_blocker.unblock():
        load_content_file()
    yield
    with django_db_blocker.unblock():
        _end_live_listener()


def _end_live_listener() -> None:
    """The live notices' listener (PostgreSQL) holds a connection to the test database in a thread of
    its own; ended here, the database can be dropped after the run."""
    from django.db import connection

    from mia.live import notices

    listener = notices._listener
    if listener is None or connection.vendor != "postgresql":
        return
    listener.stopping.set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE application_name = 'mia-live-listener' AND datname = current_database()")
    listener.join(timeout=10)


@pytest.fixture
def content(db):
    from mia.instrument.loader import load_content_file

    return load_content_file()


@pytest.fixture
def owner(db):
    return make_user("eigenaar", role="kernteam")


@pytest.fixture
def stranger(db):
    return make_user("vreemde", role="kernteam", organisation="Andere gemeente")


@pytest.fixture
def reader(db):
    return make_user("lezer", role="lezer")


@pytest.fixture
def assessment(content, owner, reader):
    return make_assessment(owner, reader=reader)


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture(autouse=True)
def fresh_content_cache():
    """Test databases are emptied and refilled, so ids of content versions and MIA's are reused."""
    from mia.assessments.content import forget_cached_versions
    from mia.instrument.versions import forget_cached_content

    forget_cached_content()
    forget_cached_versions()
    yield


@pytest.fixture(autouse=True)
def refuse_writes_on_get():
    """Fail any test during which a GET request wrote to the database (also inside the live server)."""
    from mia.tests import middleware

    middleware.violations.clear()
    yield
    found = list(middleware.violations)
    middleware.violations.clear()
    assert not found, "A GET request wrote to the database:\n" + "\n".join(found)


@pytest.fixture(autouse=True)
def dutch_after_each_test():
    """A test that switches to English must not leave it on for the next one."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


# --- Throttling (issue 11 item 3): counters must not leak from one test into the next ----------------
@pytest.fixture(autouse=True)
def fresh_throttle_counters():
    """Reset-mail counters (``accounts.ResetMailCount``) and django-axes' login attempts live in the
    database and are rolled back with it; the cache is emptied for anything else kept there."""
    from django.core.cache import cache

    cache.clear()
    yield
