"""Issue 11 item 3: wrong passwords and reset mails are limited, per account and per client address."""

import pytest
from django.core import mail
from django.urls import reverse

from mia.tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def _login(client, username, password, url=None, address="203.0.113.7"):
    return client.post(url or reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_login_is_locked_after_too_many_wrong_passwords_even_with_the_right_one(client, settings):
    make_user("anna")
    for _ in range(settings.AXES_FAILURE_LIMIT + 5):
        _login(client, "anna", "fout")
    response = _login(client, "anna", PASSWORD)
    assert response.status_code == 429
    assert "Te vaak geprobeerd" in response.content.decode() and "15 minuten" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_login_lock_is_per_account_from_any_address(client, settings):
    make_user("anna")
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "anna", "fout", address=f"198.51.100.{i + 1}")
    assert _login(client, "anna", PASSWORD, address="192.0.2.99").status_code == 429


def test_login_lock_is_per_client_address_for_any_account(client, settings):
    make_user("anna")
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login(client, f"gok-{i}", "fout")
    assert _login(client, "anna", PASSWORD).status_code == 429
    # Another address can still log in to the same account.
    assert _login(client, "anna", PASSWORD, address="192.0.2.50").status_code == 302


def test_a_few_typing_errors_do_not_lock_out(client):
    make_user("anna")
    for _ in range(3):
        assert _login(client, "anna", "fout").status_code == 200
    assert _login(client, "anna", PASSWORD).status_code == 302


def test_admin_login_is_locked_too(client, settings):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("baas", "baas@example.org", PASSWORD)
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        _login(client, "baas", "fout", url=url)
    response = _login(client, "baas", PASSWORD, url=url)
    assert response.status_code == 429 and "Te vaak geprobeerd" in response.content.decode()


def test_reset_mails_are_limited_per_address(client, settings):
    make_user("anna")
    statuses = [client.post(reverse("password_reset"), {"email": "anna@example.org"}).status_code for _ in range(10)]
    assert len(mail.outbox) == settings.MIA_RESET_MAILS_PER_ADDRESS
    assert statuses[-1] == 429
    response = client.post(reverse("password_reset"), {"email": "anna@example.org"})
    assert "te vaak een nieuwe link gevraagd" in response.content.decode()


def test_reset_mails_are_limited_per_client_address(client, settings):
    for i in range(settings.MIA_RESET_MAILS_PER_CLIENT + 3):
        make_user(f"user{i}")
        client.post(reverse("password_reset"), {"email": f"user{i}@example.org"}, REMOTE_ADDR="203.0.113.9")
    assert len(mail.outbox) == settings.MIA_RESET_MAILS_PER_CLIENT
    # Someone else, elsewhere, still gets a mail.
    client.post(reverse("password_reset"), {"email": "user0@example.org"}, REMOTE_ADDR="192.0.2.1")
    assert len(mail.outbox) == settings.MIA_RESET_MAILS_PER_CLIENT + 1


def test_retention_deletes_login_attempts_after_the_cool_off(client, settings):
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.utils import timezone

    from mia.privacy.retention import apply_retention

    _login(client, "anna", "fout")
    assert AccessAttempt.objects.count() == 1
    assert apply_retention(365)["login_attempts"] == 0
    later = timezone.now() + settings.AXES_COOLOFF_TIME + timedelta(minutes=1)
    assert apply_retention(365, now=later)["login_attempts"] == 1
    assert not AccessAttempt.objects.exists()


def test_reset_mail_limit_is_shared_by_processes_with_their_own_cache(client, settings):
    """Several app processes each have their own local cache: the count lives in the database, so
    emptying the cache between requests (another worker answering) does not reset it."""
    from django.core.cache import caches

    make_user("anna")
    for _ in range(settings.MIA_RESET_MAILS_PER_ADDRESS + 3):
        for cache in caches.all():
            cache.clear()
        client.post(reverse("password_reset"), {"email": "anna@example.org"}, REMOTE_ADDR="203.0.113.20")
    assert len(mail.outbox) == settings.MIA_RESET_MAILS_PER_ADDRESS


def test_reset_mail_counters_store_no_address_and_are_pruned_after_the_hour(client):
    from datetime import timedelta

    from django.utils import timezone

    from mia.accounts.models import ResetMailCount
    from mia.privacy.retention import apply_retention

    client.post(reverse("password_reset"), {"email": "Anna@Example.org"}, REMOTE_ADDR="203.0.113.21")
    client.post(reverse("password_reset"), {"email": "anna@example.org "}, REMOTE_ADDR="203.0.113.21")
    rows = list(ResetMailCount.objects.values_list("key", "count"))
    assert sorted(count for _key, count in rows) == [2, 2]  # one row per address, one per client
    assert not any("anna" in key or "203.0.113" in key for key, _count in rows)
    assert apply_retention(365)["reset_mail_counts"] == 0
    later = timezone.now() + timedelta(hours=1, minutes=1)
    assert apply_retention(365, now=later)["reset_mail_counts"] == 2
    assert not ResetMailCount.objects.exists()


def test_reset_counter_counts_each_request_once_in_its_hour():
    from datetime import timedelta

    from django.utils import timezone

    from mia.accounts.actions import count_reset_request

    now = timezone.now().replace(minute=30)
    assert [count_reset_request("k", now) for _ in range(3)] == [1, 2, 3]
    assert count_reset_request("other", now) == 1
    assert count_reset_request("k", now + timedelta(hours=1)) == 1
