from django.urls import reverse


def test_dutch_by_default_even_for_english_browsers(client, db):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="nl"' in page and "Inloggen" in page


def test_english_when_chosen(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("login")).content.decode()
    assert 'lang="en"' in page and "Log in" in page
