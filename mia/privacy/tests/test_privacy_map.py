"""docs/privacy.md maps every personal field; erasure and retention clear what it says (issue 11, item 8).

The map is parsed here: each row names its fields as ``app.Model.field`` (more fields of the same
model follow after commas). A field that looks personal (a link to an account or a participant, or
a name such as ``contact``, ``owner``, ``texts``, ``data``) must be in the map, or be listed below as
not personal with the reason. So a new model with a name or contact field fails this test until
its row is written.
"""

from __future__ import annotations

import importlib
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.utils import timezone

DOC = Path(__file__).resolve().parents[3] / "docs" / "privacy.md"
COLUMNS = ["field", "whose", "purpose", "legal ground", "retention", "export", "erasure"]

# Field names that (nearly always) hold personal data.
PERSONAL_NAMES = {
    "name", "display_name", "contact", "person", "owner", "facilitator", "note_taker", "fed_back_to", "partners",
    "email", "client_key", "texts", "data", "content", "snapshot", "perspectives", "qualities", "features",
    "external_id", "invite_token", "consulted", "groups", "member", "members", "participant", "user",
}
PERSONAL_MODELS = {"auth.User", "dialogues.Participant", "panels.Volunteer"}

# Fields whose names match but that hold no personal data, with the reason.
NOT_PERSONAL = {
    "accounts.Organisation.name": "an organisation",
    "assessments.Assessment.groups": "groups the policy affects (instrument list), not people",
    "instrument.AffectedGroup.label": "instrument content",
    "instrument.Domain.name": "instrument content",
    "instrument.Subdomain.name": "instrument content",
    "dialogues.DialogueSession.name": "the session's name",
    "panels.PanelPool.name": "the pool's name",
    "analysis.Code.name": "a code of the codebook",
    "measures.Workspace.name": "a workspace",
    "measures.Scenario.name": "a scenario",
    "measures.VulnerableGroup.name": "a group of people as a category (e.g. 'mensen met schulden')",
    "measures.PublicValue.name": "a public value",
    "measures.Indicator.name": "an indicator",
    "measures.Package.name": "a package of measures",
    "measures.Weighing.name": "a weighing",
    "measures.Criterion.name": "a criterion",
    "measures.Observation.group": "a statistical group (CBS), not people",
    "inclusion.PolicyCheck.name": "a policy",
    "inclusion.Indicator.name": "an indicator",
    "programmes.Initiative.name": "an initiative (organisations' projects)",
    "auth.User.groups": "permission groups of an account",
    "panels.VolunteerContact.volunteer": "the link of a contact row to its volunteer (the row's data is mapped)",
}
BINARY_CONTENT = {"measures.Upload.data", "measures.ExportFile.data", "programmes.InventoryImport.data",
                  "inclusion.ExportFile.content"}


def _rows() -> list[list[str]]:
    rows = []
    for line in DOC.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| ") or line.startswith("| app.model.field") or line.startswith("|---"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split(" | ")]
        rows.append(cells)
    return rows


def _fields_of(cell: str) -> set[str]:
    """'dialogues.Participant.name, contact; Round.notes' → full names of the fields: a model without
    its app is of the app named before it, a lone word is a field of the model named before it."""
    names: set[str] = set()
    app = model = ""
    for part in re.split(r"[;,]", cell.replace("`", "")):
        found = False
        for found_app, found_model, field in re.findall(r"\b(?:([a-z]+)\.)?([A-Z]\w*)\.([a-z_]+)\b", part):
            app = found_app or app
            model = f"{app}.{found_model}"
            names.add(f"{model}.{field}")
            found = True
        words = part.split()
        if not found and model and len(words) == 1 and re.fullmatch(r"[a-z_]+", words[0]):
            names.add(f"{model}.{words[0]}")
    return names


def mapped_fields() -> set[str]:
    fields: set[str] = set()
    for row in _rows():
        fields |= _fields_of(row[0])
    return fields


def test_every_row_of_the_privacy_map_says_purpose_ground_retention_export_and_erasure():
    rows = _rows()
    assert len(rows) >= 30
    for row in rows:
        assert len(row) == len(COLUMNS), row[0]
        assert all(cell for cell in row), row[0]


def test_every_field_in_the_privacy_map_exists():
    for full in mapped_fields():
        app_model, field = full.rsplit(".", 1)
        model = apps.get_model(app_model)
        model._meta.get_field(field)  # raises FieldDoesNotExist for a stale row


def _looks_personal(model, field) -> bool:
    if not (field.concrete or (field.many_to_many and not field.auto_created)):
        return False  # reverse relations are mapped on the side that holds them
    related = getattr(field, "related_model", None)
    if related is not None and related._meta.label in PERSONAL_MODELS:
        return True
    return field.name in PERSONAL_NAMES


def test_every_personal_field_of_every_model_is_in_the_privacy_map():
    mapped = mapped_fields() | BINARY_CONTENT
    missing = []
    for model in apps.get_models():
        label = model._meta.label
        if not (model.__module__.startswith("mia.") or label == "auth.User"):
            continue
        for field in model._meta.get_fields():
            full = f"{label}.{field.name}"
            if _looks_personal(model, field) and full not in mapped and full not in NOT_PERSONAL:
                missing.append(full)
    assert not missing, f"not in docs/privacy.md (or NOT_PERSONAL with a reason): {missing}"


@pytest.mark.django_db
def test_retention_calls_reach_every_app(monkeypatch):
    from mia.privacy import retention

    called = set()
    for name, value in list(vars(retention).items()):
        module = getattr(value, "__module__", "") or ""
        if callable(value) and module.endswith(".privacy") and value.__name__ == "apply_retention":
            monkeypatch.setattr(retention, name, lambda *a, _m=module, **k: called.add(_m) or 0)
    retention.apply_retention(365)
    expected = {
        f"{c.name}.privacy" for c in apps.get_app_configs()
        if c.name.startswith("mia.") and hasattr(_privacy(c.name), "apply_retention")
    }
    assert called == expected


def _privacy(app: str):
    try:
        return importlib.import_module(f"{app}.privacy")
    except ModuleNotFoundError:
        return None


# --- erasure and retention clear each field -------------------------------------------------------


def _close_long_ago(assessment) -> None:
    from mia.assessments.actions import set_finished

    set_finished(assessment, True)
    type(assessment).objects.filter(pk=assessment.pk).update(closed_at=timezone.now() - timedelta(days=400))


def _pool_with_participants(owner_client, assessment):
    from django.urls import reverse

    from mia.jobs.models import Job
    from mia.panels.models import PanelSelection
    from mia.panels.tests.test_web import select, upload

    assert upload(owner_client, assessment).status_code == 302
    pool = assessment.panel_pools.get()
    select(owner_client, assessment, pool)
    assert Job.objects.filter(kind="panels.select").exists()
    selection = PanelSelection.objects.get()
    owner_client.get(reverse("dialogues:sessions", args=[assessment.pk]))
    session = assessment.sessions.get()
    owner_client.post(reverse("panels:selection_to_session", args=[assessment.pk, pool.pk, selection.pk]),
                      {"session": session.pk, "perspective": "samenleving"})
    return pool, selection, session


def test_erasing_a_participant_from_a_panel_erases_their_volunteer_contact_and_panel_csv(owner_client, assessment):
    from django.urls import reverse

    from mia.instrument.models import AffectedGroup

    pool, selection, session = _pool_with_participants(owner_client, assessment)
    person = session.participants.filter(name__startswith="Persoon").first()
    volunteer = person.volunteers.get()
    email, name = volunteer.contact.data["email"], volunteer.contact.data["naam"]
    assert person.name == name
    person.groups.set(AffectedGroup.objects.filter(version=assessment.content_version)[:2])
    csv_url = reverse("panels:selection_csv", args=[assessment.pk, pool.pk, selection.pk])
    before = owner_client.get(csv_url).content.decode("utf-8-sig")
    assert f";{name};" in before and email in before
    response = owner_client.post(reverse("dialogues:participant_erase", args=[assessment.pk, person.pk]))
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.contact, person.display_name, person.organisation) == ("", "", "")
    assert not person.groups.exists()  # special categories
    volunteer.refresh_from_db()
    assert not hasattr(volunteer, "contact") or volunteer.contact is None
    after = owner_client.get(csv_url).content.decode("utf-8-sig")
    assert f";{name};" not in after and email not in after
    # The other volunteers keep their contact data.
    assert pool.volunteers.filter(contact__isnull=False).count() == pool.volunteers.count() - 1


def test_retention_clears_every_personal_field_of_a_closed_mia(owner_client, assessment):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from mia.analysis.models import ResponseAnalysis
    from mia.dialogues.models import Participant
    from mia.instrument.models import AffectedGroup
    from mia.panels.models import PanelPool, PanelSelection, Volunteer, VolunteerContact
    from mia.privacy.retention import apply_retention

    _pool, _selection, session = _pool_with_participants(owner_client, assessment)
    groups = AffectedGroup.objects.filter(version=assessment.content_version)[:3]
    for person in session.participants.all():
        person.groups.set(groups)
    upload = SimpleUploadedFile("reacties.csv", b"reactie;groep\nIk ben Sanne en ik heb een beperking.;gezondheid\n"
                                b"De bus is te duur.;migratie\n")
    response = owner_client.post(reverse("analysis:responses_upload", args=[assessment.pk]),
                                 {"file": upload, "text_column": "reactie", "id_column": "", "group_column": "groep"})
    assert response.status_code == 302, response.content.decode()[:500]
    assert ResponseAnalysis.objects.filter(assessment=assessment).exists()
    _close_long_ago(assessment)

    result = apply_retention(365)

    assert result["participants"] == session.participants.count()
    for person in Participant.objects.filter(session__assessment=assessment):
        assert (person.contact, person.display_name, person.organisation) == ("", "", "")
        assert person.name == f"Deelnemer {person.number}" and person.personal_data_erased_at
        assert not person.groups.exists()
    assert not ResponseAnalysis.objects.filter(assessment=assessment).exists()
    assert not PanelPool.objects.filter(assessment=assessment).exists()
    assert not Volunteer.objects.exists() and not VolunteerContact.objects.exists()
    assert not PanelSelection.objects.exists()
    assert result["response_uploads"] == 1 and result["panel_pools"] == 1


def test_an_imported_finished_mia_gets_closed_at_and_retention_reaches_it(assessment, owner):
    from mia.assessments.actions import set_finished
    from mia.dialogues.models import Participant
    from mia.privacy.retention import apply_retention
    from mia.reports.exchange import export_assessment, import_assessment
    from mia.tests.factories import make_dialogue

    make_dialogue(assessment, participants=2, questions=1)
    set_finished(assessment, True)
    data = export_assessment(assessment, personal_data=True)
    assert data["assessment"]["status"] == "afgerond"
    imported = import_assessment(data, owner)
    assert imported.closed_at is not None
    type(imported).objects.filter(pk=imported.pk).update(closed_at=timezone.now() - timedelta(days=400))
    apply_retention(365)
    people = Participant.objects.filter(session__assessment=imported)
    assert people.exists() and not people.filter(personal_data_erased_at__isnull=True).exists()
    # A closed MIA that has no closed_at at all (stored before this fix) counts from its last change.
    type(imported).objects.filter(pk=assessment.pk).update(
        closed_at=None, updated_at=timezone.now() - timedelta(days=400)
    )
    apply_retention(365)
    assert not Participant.objects.filter(session__assessment=assessment, personal_data_erased_at__isnull=True).exists()
