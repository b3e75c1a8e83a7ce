"""Issue 11 item 14: the demo (a superuser with the README's password) never lands on a production
server by accident; when forced, its users get a fresh password."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from mia.demo import mia_example

pytestmark = pytest.mark.django_db


def test_loaddemo_refuses_production_settings(settings):
    settings.MIA_PRODUCTION = True
    with pytest.raises(CommandError, match="--yes-i-know"):
        call_command("loaddemo", stdout=StringIO())
    assert not get_user_model().objects.filter(username="demo").exists()


def test_loaddemo_in_production_with_yes_i_know_never_uses_the_published_password(settings):
    settings.MIA_PRODUCTION = True
    out = StringIO()
    call_command("loaddemo", "--yes-i-know", stdout=out)
    username, published = mia_example.login()
    user = get_user_model().objects.get(username=username)
    assert not user.check_password(published)
    assert published not in out.getvalue()
    printed = out.getvalue().split("wachtwoord ")[-1].split()[0]
    assert user.check_password(printed) and len(printed) >= 20
    for name in mia_example.demo_usernames():
        assert not get_user_model().objects.get(username=name).check_password(published)


def test_loaddemo_in_development_prints_the_readme_password(settings):
    settings.MIA_PRODUCTION = False
    out = StringIO()
    call_command("loaddemo", stdout=out)
    username, published = mia_example.login()
    assert f"gebruiker {username}, wachtwoord {published}" in out.getvalue()


def test_production_settings_mark_production():
    from pathlib import Path

    import mia

    text = (Path(mia.__file__).parent / "settings_production.py").read_text()
    assert "\nMIA_PRODUCTION = True\n" in text
