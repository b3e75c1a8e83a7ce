"""Regression tests of issue 11 items 1, 2, 6 and 7 (export side): what a hostile or careless
assessment file could do to other organisations, and how a wrong file is answered."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from mia.assessments.models import Assessment, AssessmentMember, ChartRating
from mia.instrument.content import ContentError
from mia.instrument.loader import load_content_file
from mia.instrument.models import ContentVersion
from mia.reports.exchange import ImportFailed, export_assessment, import_assessment, read_import_file
from mia.tests.factories import make_assessment, make_dialogue, make_user


def _exported(assessment, owner):
    make_dialogue(assessment)
    for statement in assessment.content_version.chartstatement_set.all():
        ChartRating.objects.create(assessment=assessment, member=owner, statement=statement, score=4)
    return json.loads(json.dumps(export_assessment(assessment)))


def _official_v2(tmp_path, content):
    document = dict(content.document)
    document["version"] = "2"
    path = tmp_path / "mia-v2.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_import_cannot_claim_global_content_version(assessment, owner, stranger, tmp_path, content):
    data = _exported(assessment, owner)
    data["content_version"] = data["content"]["version"] = "2"
    data["content"]["consent_text"] = "Ik geef alles weg."
    imported = import_assessment(data, stranger)
    assert imported.content_version.version.startswith("import-")
    assert not imported.content_version.is_active
    assert not ContentVersion.objects.filter(version="2").exists()
    # The operator's official v2 now loads as itself, with its own consent text, and becomes active.
    official = load_content_file(_official_v2(tmp_path, content))
    assert official.version == "2" and official.is_active
    assert official.document["consent_text"] == content.document["consent_text"]
    assert "Ik geef alles weg." not in json.dumps(official.document)


def test_import_reuses_only_identical_stored_content(assessment, owner):
    data = _exported(assessment, owner)
    assert import_assessment(data, owner).content_version == assessment.content_version
    data["content"]["consent_text"] = "Anders."
    changed = import_assessment(data, owner)
    assert changed.content_version != assessment.content_version
    assert changed.content_version.document["consent_text"] == "Anders."
    assert assessment.content_version.document["consent_text"] != "Anders."
    # The same altered content twice is one imported version, not two.
    assert import_assessment(data, owner).content_version == changed.content_version


def test_loader_refuses_a_different_document_under_a_stored_name(tmp_path, content):
    document = dict(content.document)
    document["consent_text"] = "Een andere tekst."
    path = tmp_path / "mia-v1-anders.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ContentError, match="al een inhoudsversie"):
        load_content_file(path)
    with pytest.raises(CommandError, match="eigen versienaam"):
        call_command("load_content", str(path))
    assert ContentVersion.objects.get(version=content.version).document["consent_text"] != "Een andere tekst."
    # The same file again is fine (idempotent), and the import prefix is reserved.
    assert load_content_file() == content
    document["version"] = "import-abc"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ContentError, match="geïmporteerde"):
        load_content_file(path)


def test_stappenplan_loader_refuses_a_different_document_under_a_stored_name(db, tmp_path):
    from mia.inclusion.content import ContentError as StappenplanError
    from mia.inclusion.content import read_content_file
    from mia.inclusion.loader import load_stappenplan_file

    stored = load_stappenplan_file()
    document = read_content_file(None)
    document["title"] = "Vervalst stappenplan"
    path = tmp_path / "stappenplan.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(StappenplanError, match="andere inhoud"):
        load_stappenplan_file(path)
    stored.refresh_from_db()
    assert stored.title != "Vervalst stappenplan"


def test_import_links_only_the_importing_user(assessment, owner, stranger):
    sanne = make_user("sanne", organisation="Gemeente Elders", first_name="Sanne", last_name="de Vries")
    data = _exported(assessment, owner)
    data["members"] = [
        {"username": "sanne", "name": "Sanne de Vries", "role": "kernteam"},
        {"username": owner.username, "name": "", "role": "lezer"},
    ]
    for rating in data["chart_ratings"]:
        rating["member"] = "sanne"
    imported = import_assessment(data, stranger)
    users = set(imported.memberships.values_list("user__username", flat=True))
    assert "sanne" not in users and owner.username not in users and stranger.username in users
    assert not AssessmentMember.objects.filter(user=sanne).exists()
    assert not AssessmentMember.objects.filter(user=owner, assessment=imported).exists()
    # Sanne's forged scores come in as an anonymous, inactive placeholder marked as imported.
    raters = {r.member for r in imported.chart_ratings.all()}
    assert sanne not in raters and len(raters) == 1
    placeholder = raters.pop()
    assert not placeholder.is_active and not placeholder.has_usable_password()
    assert placeholder.get_full_name() == "Geïmporteerd kernteamlid 1"
    assert not placeholder.memberships.exists()


def test_import_refuses_an_unknown_role(assessment, owner, stranger):
    data = _exported(assessment, owner)
    data["members"] = [{"username": "youssef", "name": "", "role": "superbaas"}]
    count = Assessment.objects.count()
    with pytest.raises(ImportFailed, match=r"members\[0\]\.role: kies een van"):
        import_assessment(data, stranger)
    assert Assessment.objects.count() == count


def _set(path):
    def change(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = path_value[path]
        return data

    return change


path_value = {}


def _case(path, value):
    path_value[path] = value
    return path, _set(path)


CASES = [
    ("impact_suspected", *_case(("assessment", "impact_suspected"), "misschien")),
    ("relevant", *_case(("domains", 0, "relevant"), "abc")),
    ("position", *_case(("questions", 0, "position"), 10**30)),
    ("number", *_case(("sessions", 0, "participants", 0, "number"), -1)),
    ("score", *_case(("chart_ratings", 0, "score"), "5")),
    ("cards", *_case(("sessions", 0, "rounds", 0, "cards"), {"a": 1})),
    ("title", *_case(("assessment", "title"), 12)),
    ("status", *_case(("assessment", "status"), "klaar?")),
]


@pytest.mark.parametrize("name, where, change", CASES, ids=[c[0] for c in CASES])
def test_import_answers_wrong_types_and_numbers_with_their_paths(assessment, owner, name, where, change):
    data = change(_exported(assessment, owner))
    count = Assessment.objects.count()
    expected = "".join(f"[{p}]" if isinstance(p, int) else ("." if i else "") + p for i, p in enumerate(where))
    with pytest.raises(ImportFailed) as caught:
        import_assessment(data, owner)
    assert expected in str(caught.value) and "niets geïmporteerd" in str(caught.value)
    assert Assessment.objects.count() == count


def test_import_refuses_duplicate_participant_numbers(assessment, owner):
    data = _exported(assessment, owner)
    participants = data["sessions"][0]["participants"]
    participants[1]["number"] = participants[0]["number"]
    with pytest.raises(ImportFailed, match=r"sessions\[0\]\.participants: .*twee keer"):
        import_assessment(data, owner)


def test_import_refuses_deep_nesting_in_dutch():
    with pytest.raises(ImportFailed, match="te diep genest"):
        read_import_file(b"[" * 200_000 + b"]" * 200_000)
    nested = '{"format": "mia-assessment", "format_version": 1, "content": ' + "[" * 200_000 + "]" * 200_000 + "}"
    with pytest.raises(ImportFailed, match="te diep genest"):
        read_import_file(nested.encode())


def test_import_page_lists_the_wrong_paths_in_dutch(owner_client, assessment, owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = _exported(assessment, owner)
    data["assessment"]["impact_suspected"] = "misschien"
    data["sessions"][0]["participants"][0]["number"] = -1
    upload = SimpleUploadedFile("mia.json", json.dumps(data).encode(), content_type="application/json")
    response = owner_client.post(reverse("reports:import"), {"file": upload})
    assert response.status_code == 400
    text = response.content.decode()
    assert "assessment.impact_suspected: moet true of false zijn" in text
    assert "sessions[0].participants[0].number: moet ten minste 1 zijn" in text


def test_export_keeps_withdrawn_consent_through_a_round_trip(assessment, owner):
    from django.utils import timezone

    session = make_dialogue(assessment)
    person = session.participants.first()
    person.consent_given_at = timezone.now()
    person.consent_refused_at = timezone.now()
    person.save()
    data = json.loads(json.dumps(export_assessment(assessment)))
    copy = import_assessment(data, owner)
    copied = copy.sessions.get(name=session.name).participants.get(number=person.number)
    assert copied.consent_refused_at is not None and not copied.has_consented


def test_other_organisation_cannot_see_an_import_it_did_not_make(assessment, owner, stranger):
    data = _exported(assessment, owner)
    imported = import_assessment(data, stranger)
    other = make_assessment(owner, title="Een eigen MIA")
    assert not stranger.has_perm("assessments.view_report", other)
    assert not owner.has_perm("assessments.view_report", imported)
