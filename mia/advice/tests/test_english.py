"""An advisory structure in English: every UI text translated (the data stays Dutch)."""

from django.urls import reverse

from mia.advice.tests.test_access import filled, get_urls  # noqa: F401 (the fixture)
from mia.core.tests.catalogue import assert_in_english, get_in_english


def test_structure_page_in_english(member_client, youth):
    page = get_in_english(member_client, reverse("advice:structure", args=[youth.pk]))
    assert "What flows from whom to whom" in page and "Wat stroomt van wie naar wie" not in page


def test_every_page_of_an_advisory_process_in_english(member_client, request):
    world = request.getfixturevalue("filled")
    urls = [*get_urls(world), reverse("advice:list"), reverse("advice:register", args=[world["s"].uid])]
    assert_in_english(member_client, urls)
