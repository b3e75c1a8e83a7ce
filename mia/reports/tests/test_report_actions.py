"""The kernteam sets the report's status and version, its key follow-up, and the transcripts;
readers only read; other organisations get a 404, anonymous users the login page."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from mia.analysis.models import Theme, ThemeCard, ThemeSet
from mia.reports.actions import ReportError, report_state, set_report_status
from mia.reports.models import ReportState, ReportStatus, Transcript
from mia.reports.tests.report_fixtures import KEY_ACTION, fill, pdf_pages


@pytest.fixture
def session(assessment, owner):
    return fill(assessment, owner)


def _status(client, assessment, status):
    return client.post(reverse("reports:set_status", args=[assessment.pk]), {"status": status}, follow=True)


def test_concept_definitief_and_a_new_version(owner_client, assessment, session, owner):
    assert report_state(assessment).pk is None  # reading never writes
    page = _status(owner_client, assessment, "definitief").content.decode()
    assert "Het rapport is definitief (versie 1)." in page and "Versie 1 · definitief" in page
    state = ReportState.objects.get(assessment=assessment)
    assert state.finalised_by == owner and state.finalised_at is not None
    first = pdf_pages(owner_client.get(reverse("reports:pdf", args=[assessment.pk])).content)[0]
    assert "Versie 1 · definitief" in first and "Definitief gemaakt op" in first
    header = Document(io.BytesIO(owner_client.get(reverse("reports:docx", args=[assessment.pk])).content)).sections[0].header
    assert "Versie 1 · definitief" in " ".join(p.text for p in header.paragraphs)
    # Once more: a clear message, nothing changes.
    assert "Het rapport is al definitief." in _status(owner_client, assessment, "definitief").content.decode()
    page = _status(owner_client, assessment, "concept").content.decode()
    assert "Het rapport is weer een concept: versie 2." in page and "Versie 2 · concept" in page
    state.refresh_from_db()
    assert (state.version, state.status, state.finalised_at) == (2, ReportStatus.CONCEPT, None)


@pytest.mark.parametrize("value", ["", "klaar", "<script>", "definitief\x00", "x" * 10_000])
def test_a_bad_status_gets_a_dutch_message(owner_client, assessment, session, value):
    page = _status(owner_client, assessment, value).content.decode()
    assert "Kies ‘concept’ of ‘definitief’." in page
    assert report_state(assessment).status == ReportStatus.CONCEPT


def test_no_definitive_report_before_the_decision_of_step_1(assessment, owner):
    with pytest.raises(ReportError, match="besluit"):
        set_report_status(assessment, "definitief", owner)


def test_the_kernteam_chooses_the_key_follow_up(owner_client, assessment, session):
    action = assessment.actions.get(description=KEY_ACTION)
    url = reverse("reports:set_key_action", args=[assessment.pk])
    page = owner_client.post(url, {"action": action.pk}, follow=True).content.decode()
    assert "De eerste pagina is bijgewerkt." in page
    first = pdf_pages(owner_client.get(reverse("reports:pdf", args=[assessment.pk])).content)[0]
    assert "Belangrijkste vervolgstap" in first and KEY_ACTION in first
    for bad in ("999999", "abc", "-1", "1" * 40):
        assert "Kies een vervolgstap van deze MIA." in owner_client.post(url, {"action": bad}, follow=True).content.decode()
    assert ReportState.objects.get(assessment=assessment).key_action == action
    owner_client.post(url, {"action": ""})
    assert ReportState.objects.get(assessment=assessment).key_action is None


def test_a_transcript_is_stored_pseudonymised_from_a_file_or_typed(owner_client, assessment, session):
    url = reverse("reports:transcript_save", args=[assessment.pk, session.pk])
    prefix = f"s{session.pk}"
    data = "Persoon 1: welkom in het café, mail me op p1@example.org.\nPersoon 2: dank je.".encode("cp1252")
    response = owner_client.post(url, {f"{prefix}-file": SimpleUploadedFile("verslag.txt", data)}, follow=True)
    page = response.content.decode()
    assert "Het transcript van" in page and "Windows-1252" in page
    stored = Transcript.objects.get(session=session)
    assert "Persoon 1" not in stored.text and "p1@example.org" not in stored.text
    assert stored.text.startswith(session.participants.get(number=1).pseudonym + ": welkom in het café")
    assert stored.replacements == 3 and stored.file_name == "verslag.txt"
    owner_client.post(url, {f"{prefix}-text": "Persoon 3 zegt: prima."})
    stored.refresh_from_db()
    assert stored.text == session.participants.get(number=3).pseudonym + " zegt: prima." and stored.source == "getypt"
    owner_client.post(reverse("reports:transcript_delete", args=[assessment.pk, session.pk]))
    assert not Transcript.objects.filter(session=session).exists()


def test_a_bad_transcript_keeps_what_was_typed_and_says_why(owner_client, assessment, session):
    url = reverse("reports:transcript_save", args=[assessment.pk, session.pk])
    prefix = f"s{session.pk}"
    response = owner_client.post(url, {f"{prefix}-file": SimpleUploadedFile("t.pdf", b"%PDF-1.4 x"), f"{prefix}-text": "Mijn getypte tekst"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Dit is een PDF." in page and "Mijn getypte tekst" in page
    response = owner_client.post(url, {f"{prefix}-text": "   "})
    assert response.status_code == 400 and "Het transcript is leeg." in response.content.decode()
    assert not Transcript.objects.filter(session=session).exists()


def test_a_transcript_of_another_mias_session_is_a_404(owner_client, assessment, session, owner):
    from mia.tests.factories import make_assessment

    other = make_assessment(owner, title="Een andere MIA")
    other_session = other.sessions.first()
    url = reverse("reports:transcript_save", args=[assessment.pk, other_session.pk])
    assert owner_client.post(url, {f"s{other_session.pk}-text": "x"}).status_code == 404


WRITE_URLS = [
    ("reports:set_status", {"status": "definitief"}),
    ("reports:set_key_action", {"action": ""}),
]


def _login(client, user):
    client.logout()
    client.force_login(user)  # django-axes needs a request for a password login; the login itself is tested in accounts
    return client


def test_access_from_three_sides(client, assessment, session, owner, reader, stranger):
    pages = [reverse("reports:transcripts", args=[assessment.pk])]
    posts = [(reverse(name, args=[assessment.pk]), data) for name, data in WRITE_URLS]
    posts += [(reverse("reports:transcript_save", args=[assessment.pk, session.pk]), {f"s{session.pk}-text": "x"}),
              (reverse("reports:transcript_delete", args=[assessment.pk, session.pk]), {})]
    # Anonymous: the login page, nothing written.
    for url in pages:
        assert client.get(url).url.startswith(reverse("login"))
    for url, data in posts:
        assert client.post(url, data).url.startswith(reverse("login"))
    # A reader reads the report but changes nothing; a stranger does not learn that it exists.
    for user in (reader, stranger):
        _login(client, user)
        for url in pages:
            assert client.get(url).status_code == 404
        for url, data in posts:
            assert client.post(url, data).status_code == 404
    assert client.get(reverse("reports:report", args=[assessment.pk])).status_code == 404
    _login(client, reader)
    report = client.get(reverse("reports:report", args=[assessment.pk])).content.decode()
    assert "Maak het rapport definitief" not in report and "Samenvatting" in report
    assert not ReportState.objects.exists() and not Transcript.objects.exists()
    # The kernteam: GET of an action is refused, the pages open.
    _login(client, owner)
    assert client.get(reverse("reports:set_status", args=[assessment.pk])).status_code == 405
    assert client.get(pages[0]).status_code == 200
    assert "Maak het rapport definitief" in client.get(reverse("reports:report", args=[assessment.pk])).content.decode()


def _themes(assessment):
    cards = list(assessment.sessions.first().rounds.first().cards.all())
    theme_set = ThemeSet.objects.create(assessment=assessment, method="test")
    named = Theme.objects.create(theme_set=theme_set, label="Machine: bus afstand", automatic_label="Machine: bus afstand", position=1)
    other = Theme.objects.create(theme_set=theme_set, label="Machine: vrijwilligers", automatic_label="Machine: vrijwilligers", position=2)
    ThemeCard.objects.create(theme_set=theme_set, theme=named, card=cards[0])
    ThemeCard.objects.create(theme_set=theme_set, theme=other, card=cards[1])
    return named, other


def test_machine_theme_names_reach_the_report_only_when_the_analyst_accepts_or_edits_them(owner_client, assessment, session):
    named, other = _themes(assessment)
    report = owner_client.get(reverse("reports:report", args=[assessment.pk])).content.decode()
    assert "Machine: bus afstand" not in report and "Machine: vrijwilligers" not in report
    assert "2 thema&#x27;s staan hier niet" in report or "2 thema's staan hier niet" in report
    themes_page = owner_client.get(reverse("analysis:themes", args=[assessment.pk])).content.decode()
    assert "Naam ‘Machine: bus afstand’ goedkeuren" in themes_page
    owner_client.post(reverse("analysis:theme_accept", args=[assessment.pk, named.pk]))
    owner_client.post(reverse("analysis:theme_rename", args=[assessment.pk, other.pk]), {"label": "Vrijwilligers haken af", "summary": ""})
    for name in ("reports:pdf", "reports:docx"):
        assert owner_client.get(reverse(name, args=[assessment.pk])).status_code == 200
    pdf = " ".join(pdf_pages(owner_client.get(reverse("reports:pdf", args=[assessment.pk])).content))
    assert "Machine: bus afstand" in pdf and "Vrijwilligers haken af" in pdf and "staan hier niet" not in pdf


def test_only_the_kernteam_accepts_a_theme_name(client, assessment, session, reader, stranger):
    named, _other = _themes(assessment)
    url = reverse("analysis:theme_accept", args=[assessment.pk, named.pk])
    assert client.post(url).url.startswith(reverse("login"))
    for user in (reader, stranger):
        _login(client, user)
        assert client.post(url).status_code == 404
    named.refresh_from_db()
    assert not named.label_reviewed


def test_status_version_key_action_and_transcript_survive_export_and_import(assessment, session, owner):
    from mia.reports.actions import save_transcript, set_key_action
    from mia.reports.exchange import ImportFailed, export_assessment, import_assessment

    save_transcript(session, "Persoon 1: Ik ben er.", owner)
    set_report_status(assessment, "definitief", owner)
    set_report_status(assessment, "concept", owner)
    set_report_status(assessment, "definitief", owner)
    set_key_action(assessment, assessment.actions.get(description=KEY_ACTION).pk)
    data = export_assessment(assessment)
    copy = import_assessment(data, owner)
    state = ReportState.objects.get(assessment=copy)
    assert (state.status, state.version, state.finalised_by_name) == ("definitief", 2, "eigenaar")
    assert state.key_action.description == KEY_ACTION and state.key_action.assessment == copy
    transcript = Transcript.objects.get(session__assessment=copy)
    assert transcript.text == Transcript.objects.get(session=session).text
    assert "Persoon 1" not in transcript.text
    assert export_assessment(copy)["report"] == data["report"]
    for bad in ({"status": "klaar", "version": 1}, {"status": "concept", "version": "1"},
                {"status": "concept", "version": 10**30}, {"status": "concept", "version": True}, ["x"]):
        with pytest.raises(ImportFailed):
            import_assessment({**data, "report": bad}, owner)


def test_retention_deletes_the_transcripts_of_a_long_closed_mia(assessment, session, owner):
    import datetime as dt

    from django.utils import timezone

    from mia.assessments.models import Status
    from mia.privacy.retention import apply_retention
    from mia.reports.actions import save_transcript
    from mia.reports.privacy import transcript_data

    save_transcript(session, "Persoon 1: tot ziens.", owner)
    assert transcript_data(session)["transcript"].endswith(": tot ziens.")
    assert apply_retention(365)["transcripts"] == 0  # still open
    type(assessment).objects.filter(pk=assessment.pk).update(
        status=Status.FINISHED, closed_at=timezone.now() - dt.timedelta(days=400))
    assert apply_retention(365)["transcripts"] == 1
    assert transcript_data(session) is None


def test_an_erased_participant_is_not_pseudonymised_twice(assessment, session, owner):
    from mia.dialogues.privacy import erase_participant
    from mia.reports.actions import save_transcript
    from mia.reports.context import transcripts

    participant = session.participants.get(number=1)
    save_transcript(session, "Persoon 1: hallo.", owner)
    erase_participant(participant)
    shown = transcripts(assessment)[0]["text"]
    assert shown == f"{participant.pseudonym}: hallo."
