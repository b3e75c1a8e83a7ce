from django.core.management import call_command
from django.urls import reverse

from mia.analysis.models import Theme, ThemeCard, ThemeSet
from mia.assessments.models import Assessment


def demo(db):
    call_command("loaddemo", stdout=open("/dev/null", "w"))
    return Assessment.objects.get(title__startswith="Sluiting van drie buurthuizen")


def test_themes_on_the_demo_cards_can_be_edited_and_reach_the_report(client, db):
    assessment = demo(db)
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="demo"))
    url = reverse("analysis:themes", args=[assessment.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"action": "run"})
    assert client.get(url).status_code == 200
    theme_set = ThemeSet.objects.get(assessment=assessment)
    cards = assessment.sessions.get().rounds.values_list("cards", flat=True)
    assert ThemeCard.objects.filter(theme_set=theme_set).count() == len([c for c in cards if c])
    themes = list(theme_set.themes.all())
    assert len(themes) >= 2
    first, second = themes[0], themes[1]
    client.post(url, {"action": "merge", "into": first.pk, "other": second.pk})
    assert not Theme.objects.filter(pk=second.pk).exists()
    client.post(url, {"action": "rename", "theme": first.pk, "label": "Ontmoeting dichtbij", "summary": "Mensen willen dichtbij samenkomen."})
    placement = first.placements.first()
    client.post(url, {"action": "split", "theme": first.pk, "placement": [placement.pk], "new_label": "Apart thema"})
    assert Theme.objects.get(label="Apart thema").placements.count() == 1
    report = client.get(reverse("reports:report", args=[assessment.pk])).content.decode()
    assert "Ontmoeting dichtbij" in report and "Mensen willen dichtbij samenkomen." in report
    csv_body = client.get(reverse("analysis:themes_export", args=[assessment.pk, "csv"])).content.decode("utf-8-sig")
    assert "Ontmoeting dichtbij" in csv_body and "Deelnemer 1" in csv_body
    data = client.get(reverse("analysis:themes_export", args=[assessment.pk, "json"])).json()
    assert {row["thema"] for row in data["themes"]} >= {"Ontmoeting dichtbij", "Apart thema"}
    assert client.get(reverse("analysis:themes_export", args=[assessment.pk, "xml"])).status_code == 404
    client.post(url, {"action": "add-code", "code_name": "Vervoer", "code_description": "Bus en afstand"})
    other = Theme.objects.get(label="Apart thema").placements.first()
    client.post(url, {"action": "code", "theme": other.theme_id, "placement": [other.pk], "code": assessment.codes.get().pk})
    assert list(assessment.codes.get().cards.all()) == [other.card]
    assert "Vervoer" in client.get(url).content.decode()
    # A new run never overwrites the edited set.
    client.post(url, {"action": "run"})
    assert ThemeSet.objects.filter(assessment=assessment).count() == 2
    assert Theme.objects.filter(label="Ontmoeting dichtbij").exists()


def test_theme_actions_reject_bad_input(owner_client, assessment):
    url = reverse("analysis:themes", args=[assessment.pk])
    response = owner_client.post(url, {"action": "run"}, follow=True)
    assert "geen teksten" in response.content.decode()
    assert owner_client.post(url, {"action": "merge", "into": "x", "other": "1"}, follow=True).status_code == 200


def test_a_stranger_cannot_see_themes(client, assessment, stranger):
    client.force_login(stranger)
    assert client.get(reverse("analysis:themes", args=[assessment.pk])).status_code == 404
