"""Personal data: uploads are not kept, withdrawn consent hides quotes, a programme can be erased."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from mia.programmes import actions, privacy
from mia.programmes.evaluation import compute_themes, evaluation
from mia.programmes.models import Cycle, InventoryImport, Programme
from mia.programmes.tests.conftest import csv_bytes, row


def test_an_upload_is_emptied_once_read_and_left_overs_are_erased_after_a_day(programme):
    done = actions.start_inventory_import(programme, csv_bytes([row("Eén")]), "a.csv")
    assert bytes(done.data) == b""
    stuck = InventoryImport.objects.create(programme=programme, file_name="b.csv", data=b"naam\nx")
    assert privacy.apply_retention() == 0
    assert privacy.apply_retention(timezone.now() + timedelta(hours=25)) == 1
    stuck.refresh_from_db()
    assert bytes(stuck.data) == b"" and stuck.status == "geweigerd" and "opnieuw in" in stuck.issues[0]


def test_the_retention_coordinator_asks_the_programmes_app(programme):
    from mia.privacy.retention import apply_retention

    InventoryImport.objects.create(programme=programme, file_name="b.csv", data=b"x")
    InventoryImport.objects.filter(file_name="b.csv").update(created_at=timezone.now() - timedelta(days=2))
    assert apply_retention(365)["programme_uploads"] == 1


def test_withdrawn_consent_hides_the_quotes_of_computed_themes(linked):
    cycle = Cycle.objects.get(pk=linked.cycle_id)
    compute_themes(cycle)
    cycle.refresh_from_db()
    quotes = [q for t in evaluation(cycle)["themes_all"]["themes"] for q in t["quotes"]]
    assert quotes
    for participant in linked.session.participants.all():
        participant.consent_refused_at = timezone.now()
        participant.save()
    data = evaluation(cycle)
    assert [q for t in data["themes_all"]["themes"] for q in t["quotes"]] == []
    assert data["themes_stale"]


def test_a_programme_is_deleted_only_with_its_name_typed(programme_client, linked):
    programme = linked.cycle.programme
    url = reverse("programmes:delete", args=[programme.pk])
    page = programme_client.post(url, {"confirmation": "iets anders"}, follow=True).content.decode()
    assert "Typ de naam van het programma precies over" in page and Programme.objects.filter(pk=programme.pk).exists()
    programme_client.post(url, {"confirmation": " maatschappelijke dialoog OPGROEIEN "})
    assert not Programme.objects.filter(pk=programme.pk).exists()
    assert linked.session.__class__.objects.filter(pk=linked.session_id).exists()


def test_user_data_lists_what_an_account_did(programme, owner):
    data = privacy.user_data(owner)
    assert data["programmas_gemaakt"] == [programme.title]


def test_deleting_the_organisation_deletes_its_programmes(linked):
    programme = linked.cycle.programme
    programme.organisation.delete()
    assert not Programme.objects.filter(pk=programme.pk).exists()
