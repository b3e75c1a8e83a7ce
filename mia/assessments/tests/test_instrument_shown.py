"""What the content file carries is shown where the seed puts it: tools, onward links, report forms,
the about texts, and the scan's answer labels."""

from django.urls import reverse


def test_the_question_page_shows_the_tool_and_the_doenvermogen_link(owner_client, assessment):
    page = owner_client.get(reverse("assessments:questions", args=[assessment.pk])).content.decode()
    content = assessment.content
    assert content.tools_for("2B")[0].name in page
    assert "Doenvermogentoets" in page and "https://www.kcwj.nl/" in page


def test_the_conclusions_page_links_the_mkba_and_inclusive_communication(owner_client, assessment):
    page = owner_client.get(reverse("assessments:conclusions", args=[assessment.pk])).content.decode()
    assert "Leidraad MKBA" in page and "Kompas voor inclusieve communicatie" in page


def test_the_preparation_page_describes_the_report_forms_and_the_waaier(owner_client, assessment):
    page = owner_client.get(reverse("assessments:preparation", args=[assessment.pk])).content.decode()
    for form in assessment.content.report_forms:
        assert form.label in page and form.description in page
    assert "Praktisch aan de slag" in page


def test_the_scan_uses_the_contents_answer_labels(owner_client, assessment):
    page = owner_client.get(reverse("assessments:scan", args=[assessment.pk])).content.decode()
    for _code, label in assessment.content.effect_choices:
        assert label in page


def test_the_about_page_shows_the_instruments_own_texts(owner_client, content):
    page = owner_client.get(reverse("assessments:about")).content.decode()
    from mia.instrument.versions import content_for

    typed = content_for(content)
    for section in typed.about:
        assert section.title in page
    for link in typed.links:
        assert link.label in page


def test_the_invitation_gives_the_local_time_in_summer_and_winter(assessment):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from mia.assessments.invitation import default_invitation
    from mia.dialogues.actions import update_session

    session = assessment.sessions.get()
    amsterdam = ZoneInfo("Europe/Amsterdam")
    for moment, shown in ((datetime(2026, 6, 16, 19, 0, tzinfo=amsterdam), "16 juni 2026, 19:00"),
                          (datetime(2026, 1, 13, 19, 0, tzinfo=amsterdam), "13 januari 2026, 19:00")):
        update_session(session, date=moment)
        assert shown in default_invitation(assessment)
