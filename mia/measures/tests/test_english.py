"""An impact team workspace in English: every UI text translated (the data stays Dutch)."""

from django.urls import reverse

from mia.core.tests.catalogue import assert_in_english, get_in_english
from mia.measures.tests.test_pages import page_urls

# A new weighing stores its criterion's name in Dutch (the site's language): data, not UI.
STORED = ("Maatschappelijke impact",)


def test_workspace_page_in_english(member_client, workspace, filled):
    page = get_in_english(member_client, reverse("measures:workspace", args=[workspace.pk]))
    assert "Parts of the workspace" in page and "Onderdelen van de werkruimte" not in page


def test_every_page_of_a_workspace_in_english(member_client, workspace, filled):
    assert_in_english(member_client, page_urls(workspace, filled), data=STORED)
