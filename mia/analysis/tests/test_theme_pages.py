import pytest
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
    run = reverse("analysis:themes_run", args=[assessment.pk])
    client.post(run)
    assert client.get(url).status_code == 200
    theme_set = ThemeSet.objects.get(assessment=assessment)
    cards = assessment.sessions.get().rounds.values_list("cards", flat=True)
    assert ThemeCard.objects.filter(theme_set=theme_set).count() == len([c for c in cards if c])
    themes = list(theme_set.themes.all())
    assert len(themes) >= 2
    first, second = themes[0], themes[1]
    client.post(reverse("analysis:themes_merge", args=[assessment.pk]), {"into": first.pk, "other": second.pk})
    assert not Theme.objects.filter(pk=second.pk).exists()
    client.post(reverse("analysis:theme_rename", args=[assessment.pk, first.pk]),
                {"label": "Ontmoeting dichtbij", "summary": "Mensen willen dichtbij samenkomen."})
    placement = first.placements.first()
    client.post(reverse("analysis:theme_split", args=[assessment.pk, first.pk]),
                {"placement": [placement.pk], "new_label": "Apart thema"})
    assert Theme.objects.get(label="Apart thema").placements.count() == 1
    report = client.get(reverse("reports:report", args=[assessment.pk])).content.decode()
    assert "Ontmoeting dichtbij" in report and "Mensen willen dichtbij samenkomen." in report
    csv_body = client.get(reverse("analysis:themes_export", args=[assessment.pk, "csv"])).content.decode("utf-8-sig")
    assert "Ontmoeting dichtbij" in csv_body and "Deelnemer 1" in csv_body
    data = client.get(reverse("analysis:themes_export", args=[assessment.pk, "json"])).json()
    assert {row["thema"] for row in data["themes"]} >= {"Ontmoeting dichtbij", "Apart thema"}
    assert client.get(reverse("analysis:themes_export", args=[assessment.pk, "xml"])).status_code == 404
    client.post(reverse("analysis:code_add", args=[assessment.pk]), {"code_name": "Vervoer", "code_description": "Bus en afstand"})
    other = Theme.objects.get(label="Apart thema").placements.first()
    client.post(reverse("analysis:theme_code", args=[assessment.pk, other.theme_id]),
                {"placement": [other.pk], "code": assessment.codes.get().pk})
    assert list(assessment.codes.get().cards.all()) == [other.card]
    assert "Vervoer" in client.get(url).content.decode()
    # A new run never overwrites the edited set.
    client.post(run)
    assert ThemeSet.objects.filter(assessment=assessment).count() == 2
    assert Theme.objects.filter(label="Ontmoeting dichtbij").exists()


def test_theme_actions_reject_bad_input(owner_client, assessment):
    url = reverse("analysis:themes", args=[assessment.pk])
    response = owner_client.post(reverse("analysis:themes_run", args=[assessment.pk]), follow=True)
    assert "geen teksten" in response.content.decode()
    assert "geen teksten" in owner_client.get(url).content.decode()  # the failed run stays visible
    merge = reverse("analysis:themes_merge", args=[assessment.pk])
    assert owner_client.post(merge, {"into": "x", "other": "1"}, follow=True).status_code == 200


def test_a_stranger_cannot_see_themes(client, assessment, stranger):
    client.force_login(stranger)
    assert client.get(reverse("analysis:themes", args=[assessment.pk])).status_code == 404


def _demo_client(client, db):
    from django.contrib.auth import get_user_model

    assessment = demo(db)
    client.force_login(get_user_model().objects.get(username="demo"))
    return assessment


def test_a_theme_run_is_a_job_that_leads_back_to_the_themes(client, db):
    from mia.jobs.models import Job

    assessment = _demo_client(client, db)
    response = client.post(reverse("analysis:themes_run", args=[assessment.pk]), follow=True)
    assert "De kaartjes zijn in thema&#x27;s verdeeld" in response.content.decode()
    job = Job.objects.get(kind="analysis.themes")
    assert (job.status, job.percent, job.subject) == ("klaar", 100, f"analysis.assessment:{assessment.pk}")
    assert job.result["url"] == reverse("analysis:themes", args=[assessment.pk])
    assert client.get(f"/taken/{job.pk}/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_themes_are_computed_with_no_transaction_open(client, monkeypatch, content):
    from django.db import connection

    from mia.analysis import actions

    seen = []
    real = actions.find_themes

    def spy(*args, **kwargs):
        seen.append(connection.in_atomic_block)
        return real(*args, **kwargs)

    monkeypatch.setattr(actions, "find_themes", spy)
    assessment = _demo_client(client, None)
    client.post(reverse("analysis:themes_run", args=[assessment.pk]))
    assert seen == [False] and ThemeSet.objects.filter(assessment=assessment).count() == 1


def test_a_running_theme_job_shows_progress_and_blocks_a_second_run(owner_client, assessment, owner):
    from mia.jobs.models import Job

    Job.objects.create(kind="analysis.themes", subject=f"analysis.assessment:{assessment.pk}",
                       params={"assessment": assessment.pk}, status=Job.Status.RUNNING, progress=0.25,
                       step="Teksten vergelijken", created_by=owner)
    page = owner_client.get(reverse("analysis:themes", args=[assessment.pk])).content.decode()
    assert "25</span>% klaar" in page and "Teksten vergelijken" in page
    response = owner_client.post(reverse("analysis:themes_run", args=[assessment.pk]), follow=True)
    assert "MIA zoekt al naar thema" in response.content.decode()
    assert Job.objects.count() == 1


def test_theme_edits_explain_what_is_missing(client, db):
    assessment = _demo_client(client, db)
    client.post(reverse("analysis:themes_run", args=[assessment.pk]))
    first, second = list(ThemeSet.objects.get().themes.all())[:2]
    cases = [
        ("theme_rename", [first.pk], {"label": "  ", "summary": ""}, "Een thema heeft een naam nodig."),
        ("themes_merge", [], {"into": first.pk, "other": first.pk}, "Kies twee verschillende thema"),
        ("theme_move", [first.pk], {"target": second.pk}, "Kies eerst een of meer kaartjes."),
        ("theme_split", [first.pk], {"new_label": "Leeg"}, "Kies eerst een of meer kaartjes."),
        ("code_add", [], {"code_name": ""}, "Een code heeft een naam nodig."),
    ]
    for name, extra, data, message in cases:
        response = client.post(reverse(f"analysis:{name}", args=[assessment.pk, *extra]), data, follow=True)
        assert message in response.content.decode().replace("&#x27;", "'"), name
    assert Theme.objects.filter(theme_set__assessment=assessment).count() == ThemeSet.objects.get().themes.count()
    assert not Theme.objects.filter(label="Leeg").exists()


def test_cards_move_to_another_theme(client, db):
    assessment = _demo_client(client, db)
    client.post(reverse("analysis:themes_run", args=[assessment.pk]))
    first, second = list(ThemeSet.objects.get().themes.all())[:2]
    placement = first.placements.first()
    response = client.post(reverse("analysis:theme_move", args=[assessment.pk, first.pk]),
                           {"placement": [placement.pk], "target": second.pk}, follow=True)
    assert "1 kaartje(s) verplaatst" in response.content.decode()
    placement.refresh_from_db()
    assert placement.theme_id == second.pk


def test_a_stranger_can_not_change_themes_or_see_their_jobs(client, db, stranger):
    from django.test import Client

    from mia.jobs.models import Job

    assessment = _demo_client(client, db)
    client.post(reverse("analysis:themes_run", args=[assessment.pk]))
    theme = ThemeSet.objects.get().themes.first()
    other = Client()
    other.force_login(stranger)
    assert other.get(f"/taken/{Job.objects.get().pk}/").status_code == 404
    for name, extra in [("themes_run", []), ("themes_merge", []), ("code_add", []), ("theme_rename", [theme.pk]),
                        ("theme_move", [theme.pk]), ("theme_split", [theme.pk]), ("theme_code", [theme.pk])]:
        assert other.post(reverse(f"analysis:{name}", args=[assessment.pk, *extra]), {"label": "x"}).status_code == 404, name
        assert client.get(reverse(f"analysis:{name}", args=[assessment.pk, *extra])).status_code == 405, name
    assert Job.objects.count() == 1
    theme.refresh_from_db()
    assert theme.label != "x"


@pytest.mark.parametrize("odd", ["²", "1" * 30, str(2**63)])
def test_theme_move_with_odd_numbers_is_a_dutch_message_not_a_server_error(client, db, odd):
    assessment = _demo_client(client, db)
    client.post(reverse("analysis:themes_run", args=[assessment.pk]))
    first, second = list(ThemeSet.objects.get().themes.all())[:2]
    for data in ({"placement": [odd], "target": second.pk}, {"placement": [odd, "x"], "target": odd}):
        response = client.post(reverse("analysis:theme_move", args=[assessment.pk, first.pk]), data, follow=True)
        assert response.status_code in (200, 404)
        if "target" in data and data["target"] == second.pk:
            assert "Kies eerst een of meer kaartjes." in response.content.decode()
    assert first.placements.count() == ThemeCard.objects.filter(theme=first).count() > 0
