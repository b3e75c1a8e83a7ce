"""An inclusion trajectory in English: every UI text translated (the data stays Dutch)."""

from django.urls import reverse

from mia.core.tests.catalogue import assert_in_english, get_in_english
from mia.inclusion.tests.test_demo_pages import page_urls

# Texts of the step-by-step plan itself (data/stappenplan-v1.json), which is Dutch content.
CONTENT = ("Hoe komen we hierachter?", "Hoger is beter", "Lager is beter", "Wie betrek je bij de werkgroep?",
           "Is de werkgroep divers (vanuit intersectioneel perspectief)?")


def test_trajectory_page_in_english(owner_client, full_trajectory):
    page = get_in_english(owner_client, reverse("inclusion:trajectory", args=[full_trajectory.pk]))
    assert "Preconditions" in page and "Randvoorwaarden" not in page


def test_every_page_of_a_trajectory_in_english(owner_client, full_trajectory):
    assert_in_english(owner_client, page_urls(full_trajectory), data=CONTENT)
