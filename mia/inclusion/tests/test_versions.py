"""Stappenplan versions: loading is idempotent, a beheerder edits texts, a version in use is frozen
and a copy carries the edits, and a trajectory keeps the texts it started with."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse

from mia.inclusion import actions
from mia.inclusion.loader import active_stappenplan, copy_version, editable_texts, load_stappenplan_file
from mia.inclusion.models import StappenplanText, StappenplanVersion

POINTER = "/verkenning/parts/0/questions/0/text"


def test_loading_twice_keeps_one_version_with_every_text(stappenplan):
    again = load_stappenplan_file()
    assert again.pk == stappenplan.pk and StappenplanVersion.objects.count() == 1
    texts = stappenplan.texts.count()
    assert texts == len(list(editable_texts(stappenplan.document))) and texts > 300
    row = stappenplan.texts.get(pointer=POINTER)
    assert row.text.startswith("Informatie over de gemeente") and "Verkenning (Bijlage 1)" in row.label
    assert not stappenplan.texts.filter(pointer__endswith="/code").exists()


def test_an_edited_text_shows_in_the_content(stappenplan):
    StappenplanText.objects.filter(version=stappenplan, pointer=POINTER).update(text="Hoeveel inwoners heeft de gemeente?")
    version = StappenplanVersion.objects.get(pk=stappenplan.pk)
    assert version.content.verkenning.parts[0].questions[0].text == "Hoeveel inwoners heeft de gemeente?"


def test_a_trajectory_keeps_its_version_and_new_ones_get_the_copy(trajectory, stappenplan, owner, organisation):
    new = copy_version(stappenplan)
    assert new.version == "1.2"
    StappenplanText.objects.filter(version=new, pointer=POINTER).update(text="Nieuwe vraag?")
    StappenplanVersion.objects.update(is_active=False)
    StappenplanVersion.objects.filter(pk=new.pk).update(is_active=True)
    assert active_stappenplan() == new
    trajectory.refresh_from_db()
    assert trajectory.content.verkenning.parts[0].questions[0].text.startswith("Informatie over de gemeente")
    newer = actions.create_trajectory(owner, organisation, title="Nieuw", municipality="X")
    assert newer.content.verkenning.parts[0].questions[0].text == "Nieuwe vraag?"


def test_the_admin_edits_texts_checks_them_and_freezes_a_version_in_use(client, stappenplan, owner, organisation):
    admin = get_user_model().objects.create_superuser("beheer", "b@example.org", "x-geheim-123")
    client.force_login(admin)
    row = stappenplan.texts.get(pointer=POINTER)
    url = reverse("admin:inclusion_stappenplantext_change", args=[row.pk])
    assert client.post(url, {"text": "Bewerkt?"}).status_code == 302
    row.refresh_from_db()
    assert row.text == "Bewerkt?"
    response = client.post(url, {"text": "   "})
    assert response.status_code == 200  # the form shows the error again
    row.refresh_from_db()
    assert row.text == "Bewerkt?"
    actions.create_trajectory(owner, organisation, title="In gebruik", municipality="X")
    client.post(url, {"text": "Nog eens?"})
    row.refresh_from_db()
    assert row.text == "Bewerkt?"  # in use: frozen
    assert client.get(reverse("admin:inclusion_stappenplanversion_changelist")).status_code == 200
    assert client.get(reverse("admin:inclusion_stappenplantext_changelist") + "?q=verkenning").status_code == 200


def test_the_load_command(db):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("load_stappenplan", stdout=out)
    assert "Stappenplan versie 1 geladen en actief" in out.getvalue()
