"""Link the volunteers of pools made before ``Volunteer.participant`` existed to the participants made
from them (issue 11, item 8), so that erasing such a participant also erases the volunteer's contact.

``make_participants`` wrote each drawn volunteer into a session of the same MIA with a name, contact
and organisation derived from the volunteer; a volunteer is linked when exactly one participant of
that MIA (not erased, not linked yet) carries those three values, and no other unlinked drawn
volunteer of that MIA would give the same three. Ambiguous ones stay unlinked (two people with the
same name, e-mail and features): their contact still goes with the pool at retention.

The derivation is copied from ``mia.panels.actions.make_participants`` as it was, so that this
migration does not change when that function does.
"""

from collections import defaultdict

from django.db import migrations

NAME_KEYS = ("naam", "name", "voornaam")
CONTACT_KEYS = ("email", "e-mail", "mail", "telefoon", "phone")


def _first(data: dict, keys) -> str:
    lowered = {k.lower(): v for k, v in data.items()}
    for key in keys:
        if lowered.get(key):
            return str(lowered[key])
    return ""


def participant_fields(external_id: str, features: dict, contact: dict) -> tuple[str, str, str]:
    name = _first(contact, NAME_KEYS) or f"Vrijwilliger {external_id}"
    email = _first(contact, CONTACT_KEYS)
    organisation = ", ".join(f"{k}: {v}" for k, v in features.items())
    return name[:200], (email or "")[:200], organisation[:200]


def link_old_volunteers(PanelPool, PanelSelection, Volunteer, Participant) -> int:
    """Returns how many volunteers were linked."""
    linked = 0
    assessments = PanelPool.objects.filter(contact_erased_at__isnull=True).values_list("assessment_id", flat=True).distinct()
    for assessment_id in assessments:
        drawn: dict[int, set[str]] = defaultdict(set)
        for pool_id, result in PanelSelection.objects.filter(pool__assessment_id=assessment_id).values_list("pool_id", "result"):
            if isinstance(result, dict):
                drawn[pool_id].update(str(i) for i in result.get("panel", []) or [])
        volunteers_by_key = defaultdict(list)
        for pool_id, ids in drawn.items():
            candidates = Volunteer.objects.filter(
                pool_id=pool_id, pool__contact_erased_at__isnull=True, participant__isnull=True, external_id__in=ids
            ).select_related("contact")
            for volunteer in candidates:
                contact = volunteer.contact.data if hasattr(volunteer, "contact") else {}
                volunteers_by_key[participant_fields(volunteer.external_id, volunteer.features, contact)].append(volunteer.pk)
        if not volunteers_by_key:
            continue
        participants_by_key = defaultdict(list)
        participants = Participant.objects.filter(
            session__assessment_id=assessment_id, personal_data_erased_at__isnull=True, volunteers__isnull=True
        ).values_list("pk", "name", "contact", "organisation")
        for pk, name, contact, organisation in participants:
            participants_by_key[(name, contact, organisation)].append(pk)
        for key, volunteer_pks in volunteers_by_key.items():
            matches = participants_by_key.get(key, [])
            if len(volunteer_pks) == 1 and len(matches) == 1:
                linked += Volunteer.objects.filter(pk=volunteer_pks[0], participant__isnull=True).update(participant_id=matches[0])
    return linked


def forwards(apps, schema_editor):
    link_old_volunteers(
        apps.get_model("panels", "PanelPool"), apps.get_model("panels", "PanelSelection"),
        apps.get_model("panels", "Volunteer"), apps.get_model("dialogues", "Participant"),
    )


class Migration(migrations.Migration):

    dependencies = [
        ("dialogues", "0005_merge_closing_text_and_expected_participants"),
        ("panels", "0003_pool_upload"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
