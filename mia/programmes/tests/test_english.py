"""A dialogue programme in English: every UI text translated (the data stays Dutch)."""

from django.urls import reverse

from mia.core.tests.catalogue import assert_in_english, get_in_english

# The phases A–D as the programme content (data/dialoog-jeugd-v1.json) names them.
CONTENT = ("A – Monitoren en prioriteren", "B – Voorbereiden", "C – Uitvoeren van dialoog", "D – Evalueren")


def test_programme_overview_in_english(programme_client, imported):
    page = get_in_english(programme_client, reverse("programmes:overview", args=[imported.pk]))
    assert "Parts of the programme" in page and "Onderdelen van het programma" not in page


def test_the_pages_of_a_programme_with_a_cycle_in_english(programme_client, imported, linked):
    p, c = imported.pk, linked.cycle_id
    theme = imported.themes.first()
    urls = [
        reverse("programmes:list"), reverse("programmes:create"), reverse("programmes:import_json"),
        reverse("programmes:guidelines"), reverse("programmes:overview", args=[p]), reverse("programmes:themes", args=[p]),
        reverse("programmes:theme_edit", args=[p, theme.pk]), reverse("programmes:settings", args=[p]),
        reverse("programmes:inventory", args=[p]), reverse("programmes:initiative_new", args=[p]),
        reverse("programmes:inventory_import", args=[p]), reverse("programmes:gaps", args=[p]),
        reverse("programmes:board", args=[p]), reverse("programmes:cycle_new", args=[p]),
        reverse("programmes:cycle", args=[p, c]), reverse("programmes:approach", args=[p, c]),
        reverse("programmes:links", args=[p, c]), reverse("programmes:evaluation", args=[p, c]),
        reverse("programmes:import", args=[p, imported.imports.first().pk]),
    ]
    assert_in_english(programme_client, urls, data=CONTENT)
