"""The organiser's pages of a consultation series in English: every UI text translated (the data
stays Dutch)."""

from django.urls import reverse

from mia.consultations.tests.test_access import organiser_gets, world  # noqa: F401 (the fixture)
from mia.core.tests.catalogue import assert_in_english, get_in_english

# The four parts of a session, as the consultation content (data/burgerconsultaties-v1.json) names them.
CONTENT = ("De diepte in", "Advies aan beleidsmakers")


def test_series_page_in_english(owner_client, series, sessions):
    page = get_in_english(owner_client, reverse("consultations:series", args=[series.pk]))
    assert "Research questions and themes" in page and "Onderzoeksvragen en thema's" not in page
    assert "Samenleven in verschil" in page  # the series' own title is not translated


def test_every_organiser_page_in_english(owner_client, request):
    pages = organiser_gets(request.getfixturevalue("world"))
    assert_in_english(owner_client, pages, data=CONTENT)
