"""The expert names in sources: access, erasure (also in the version history) and retention."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from mia.measures import actions
from mia.measures.models import ExportFile, FicheVersion, Source
from mia.measures.privacy import apply_retention, erase_person, person_data
from mia.privacy.retention import apply_retention as apply_all

pytestmark = pytest.mark.django_db


def test_an_expert_can_see_and_have_erased_every_mention(workspace, filled, member):
    measure = filled["measures"][1]
    actions.set_status(measure, "vastgesteld", user=member)
    actions.store_export(workspace, filename="fiches.pdf", content_type="application/pdf", data=b"%PDF")
    found = person_data("dr. j. de vries")
    assert found == [{"werkruimte": "MIT werkruimte", "fiche": "M2 Scholen dicht", "bron": "Gesprek over onderwijsachterstanden",
                      "organisatie": "SCP", "soort": "Expert"}]
    assert erase_person("Dr. J. de Vries") == 1
    assert Source.objects.get().person == "" and Source.objects.get().title == "Gesprek over onderwijsachterstanden"
    assert FicheVersion.objects.get().snapshot["sources"][0]["person"] == ""
    assert not ExportFile.objects.exists()
    assert person_data("Dr. J. de Vries") == [] and person_data("  ") == []


def test_retention_erases_names_of_long_archived_workspaces_only(workspace, filled, member):
    actions.set_status(filled["measures"][1], "concept", user=member)
    assert apply_retention(365)["expert_names"] == 0
    actions.set_archived(workspace, True)
    workspace.archived_at = timezone.now() - timedelta(days=400)
    workspace.save(update_fields=["archived_at"])
    assert apply_retention(365)["expert_names"] == 1
    assert Source.objects.get().person == "" and FicheVersion.objects.get().snapshot["sources"][0]["person"] == ""


def test_retention_drops_old_documents_and_uploads_and_runs_from_the_privacy_app(workspace):
    export = actions.store_export(workspace, filename="oud.pdf", content_type="application/pdf", data=b"%PDF")
    ExportFile.objects.filter(pk=export.pk).update(created_at=timezone.now() - timedelta(days=8))
    outcome = apply_all(365)
    assert outcome["impact_team"]["export_files"] == 1
