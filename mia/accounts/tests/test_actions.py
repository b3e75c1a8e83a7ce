"""Setting up organisations and users for scripts: created once, never changed afterwards."""

import pytest

from mia.accounts import actions
from mia.accounts.actions import AccountError


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_it_creates_a_user_once_and_keeps_the_password_they_chose(db):
    user = actions.ensure_user("anna", password="eerste-wachtwoord", first_name="Anna", last_name="Smit")
    user.set_password("haar-eigen-wachtwoord")
    user.save()

    again = actions.ensure_user("anna", password="eerste-wachtwoord", first_name="Ander")

    assert again.pk == user.pk
    again.refresh_from_db()
    assert again.check_password("haar-eigen-wachtwoord") and again.first_name == "Anna"
    assert not again.is_staff


def test_an_admin_may_open_the_admin(db):
    user = actions.ensure_user("beheer", password="een-wachtwoord", is_admin=True)
    assert user.is_staff and user.is_superuser


def test_it_keeps_a_role_a_beheerder_gave(db):
    organisation = actions.ensure_organisation("Gemeente Ergens")
    assert actions.ensure_organisation("Gemeente Ergens") == organisation
    user = actions.ensure_user("bram", password="een-wachtwoord")
    membership = actions.ensure_membership(user, organisation, "lezer")
    membership.role = "kernteam"
    membership.save()

    assert actions.ensure_membership(user, organisation, "lezer").role == "kernteam"


def test_it_refuses_an_unknown_role(db):
    organisation = actions.ensure_organisation("Gemeente Ergens")
    user = actions.ensure_user("bram", password="een-wachtwoord")
    with pytest.raises(AccountError, match="Kies de rol beheerder, kernteam of lezer."):
        actions.ensure_membership(user, organisation, "baas")
