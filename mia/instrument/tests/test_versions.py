"""Content versions: loading is idempotent, assessments keep their version,
and a version in use is frozen in the admin (edits go into a copy)."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from mia.instrument.copying import copy_content_version
from mia.instrument.loader import active_version, load_content_file
from mia.instrument.models import ContentVersion, ScanQuestion
from mia.tests.factories import make_assessment


def test_loading_twice_keeps_one_version(content):
    again = load_content_file()
    assert again.pk == content.pk
    assert ContentVersion.objects.count() == 1
    assert content.scanquestion_set.count() == 5
    assert content.affectedgroup_set.count() == 14
    assert content.signalwordpair_set.count() == 11
    assert content.domain_set.count() == 5 and content.subdomain_set.count() == 15
    assert content.chartstatement_set.count() == 4
    assert content.bankquestion_set.filter(topic__icontains="doenvermogen").exists()
    assert content.stepguide_set.filter(code__in=["1a", "2b", "3c", "4c"]).count() == 4


def test_an_assessment_keeps_the_version_it_started_with(owner, content):
    assessment = make_assessment(owner)
    new = copy_content_version(content)
    ScanQuestion.objects.filter(version=new).update(text="Gewijzigde vraag?")
    ContentVersion.objects.update(is_active=False)
    ContentVersion.objects.filter(pk=new.pk).update(is_active=True)
    assert active_version() == new
    assessment.refresh_from_db()
    assert assessment.content_version == content
    assert "Gewijzigde vraag?" not in [a.question.text for a in assessment.scan_answers.all()]
    newer = make_assessment(owner, title="Nieuw")
    assert newer.content_version == new
    assert {a.question.text for a in newer.scan_answers.all()} == {"Gewijzigde vraag?"}


def test_the_copy_carries_admin_edits(content):
    ScanQuestion.objects.filter(version=content, position=0).update(text="Bewerkt door beheerder?")
    copy = copy_content_version(content)
    assert copy.scanquestion_set.get(position=0).text == "Bewerkt door beheerder?"
    assert copy.version == f"{content.version}.2"


def test_admin_freezes_a_version_in_use(client, owner, content):
    admin = get_user_model().objects.create_superuser("beheer", "b@example.org", "x-geheim-123")
    client.force_login(admin)
    question = content.scanquestion_set.first()
    url = reverse("admin:instrument_scanquestion_change", args=[question.pk])
    response = client.post(url, {"version": content.pk, "code": question.code, "position": 0, "text": "Nieuw?", "help": ""})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "Nieuw?"  # not in use yet: editable
    make_assessment(owner)
    response = client.post(url, {"version": content.pk, "code": question.code, "position": 0, "text": "Nog eens?", "help": ""})
    question.refresh_from_db()
    assert question.text == "Nieuw?"  # in use: frozen
    assert client.get(reverse("admin:instrument_contentversion_changelist")).status_code == 200
