import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from mia.assessments.models import Assessment, ChartRating, FollowUpAction
from mia.instrument.models import ContentVersion
from mia.reports.exchange import ImportFailed, export_assessment, import_assessment, read_import_file
from mia.tests.factories import make_dialogue


def _filled(assessment, owner):
    make_dialogue(assessment)
    assessment.notes_causes = "Oorzaak"
    assessment.groups.set(assessment.content_version.affectedgroup_set.all()[:2])
    assessment.save()
    answer = assessment.scan_answers.first()
    answer.effect, answer.explanation = "meer", "Meer effect"
    answer.save()
    domain = assessment.domain_answers.first()
    domain.relevant = True
    domain.save()
    domain.subdomains.set(domain.domain.subdomains.all()[:1])
    for statement in assessment.content_version.chartstatement_set.all():
        ChartRating.objects.create(assessment=assessment, member=owner, statement=statement, score=statement.number, explanation="x")
    FollowUpAction.objects.create(assessment=assessment, domain="communicatie", description="Brief", owner="Team")
    return assessment


def _comparable(data):
    """Export minus what legitimately differs for a copy (identity, timestamps, card ids)."""
    data = json.loads(json.dumps(data))
    data.pop("uid")
    data["assessment"].pop("created_at")
    # Members are not carried over as accounts (only the importer, and anonymous placeholders for
    # the file's kernteam: see test_import_links_only_the_importing_user).
    data.pop("members")
    for s in data["sessions"]:
        for r in s["rounds"]:
            for c in r["cards"]:
                c.pop("client_id")
    for r in data["chart_ratings"]:
        r.pop("member")
    return data


def test_it_round_trips(assessment, owner):
    _filled(assessment, owner)
    exported = export_assessment(assessment, personal_data=True)
    copy = import_assessment(read_import_file(json.dumps(exported).encode()), owner)
    assert copy.pk != assessment.pk
    assert _comparable(export_assessment(copy, personal_data=True)) == _comparable(exported)


def test_export_leaves_out_personal_data_by_default(assessment, owner):
    _filled(assessment, owner)
    text = json.dumps(export_assessment(assessment))
    assert "Persoon 1" not in text and "p1@example.org" not in text


def test_it_imports_from_another_instance_with_unknown_content_version(assessment, owner):
    _filled(assessment, owner)
    data = export_assessment(assessment)
    data["content_version"] = data["content"]["version"] = "anders-1"
    data["members"] = [{"username": "iemand-elders", "name": "Iemand", "role": "kernteam"}]
    for r in data["chart_ratings"]:
        r["member"] = "iemand-elders"
    copy = import_assessment(data, owner)
    # The content comes along under a name of its own, never under the global name the file claims.
    assert copy.content_version.version.startswith("import-")
    assert not copy.content_version.is_active
    assert not ContentVersion.objects.filter(version="anders-1").exists()
    assert copy.chart_ratings.count() == 4
    placeholder = copy.chart_ratings.first().member
    assert not placeholder.is_active and not placeholder.has_usable_password()


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "geen geldige JSON"),
        (b"{niet json", "geen geldige JSON"),
        (b"\xff\xfe\x00k", "geen UTF-8"),
        (b"[1, 2]", "geen MIA-bestand"),
        (json.dumps({"format": "mia-assessment", "format_version": 99}).encode(), "formaatversie"),
    ],
)
def test_it_refuses_malformed_files(raw, message):
    with pytest.raises(ImportFailed, match=message):
        read_import_file(raw)


def test_incomplete_or_hostile_data_imports_nothing(assessment, owner):
    _filled(assessment, owner)
    data = export_assessment(assessment)
    count = Assessment.objects.count()
    broken = json.loads(json.dumps(data))
    del broken["domains"]
    with pytest.raises(ImportFailed, match="niet compleet"):
        import_assessment(broken, owner)
    hostile = json.loads(json.dumps(data))
    hostile["sessions"][0]["rounds"][0]["cards"][0]["kind"] = "<script>"
    with pytest.raises(ImportFailed, match="soort kaartje"):
        import_assessment(hostile, owner)
    unknown = json.loads(json.dumps(data))
    unknown["groups"] = ["bestaat-niet"]
    with pytest.raises(ImportFailed, match="Onbekende groep"):
        import_assessment(unknown, owner)
    score = json.loads(json.dumps(data))
    score["chart_ratings"][0]["score"] = 42
    with pytest.raises(ImportFailed, match=r"chart_ratings\[0\]\.score: mag hoogstens 5"):
        import_assessment(score, owner)
    assert Assessment.objects.count() == count


def test_import_page_shows_dutch_errors(owner_client, content):
    response = owner_client.post(reverse("reports:import"), {"file": SimpleUploadedFile("x.json", b"{kapot")})
    assert response.status_code == 400
    assert "geen geldige JSON" in response.content.decode()
    response = owner_client.post(reverse("reports:import"), {})
    assert response.status_code == 400 and "Kies een bestand" in response.content.decode()


def test_import_page_refuses_oversized_files(owner_client, content, settings):
    settings.MIA_MAX_ASSESSMENT_IMPORT_BYTES = 100
    response = owner_client.post(reverse("reports:import"), {"file": SimpleUploadedFile("x.json", b" " * 200)})
    assert response.status_code == 400 and "te groot" in response.content.decode()


def test_import_page_round_trip(owner_client, assessment, owner):
    _filled(assessment, owner)
    exported = owner_client.get(reverse("reports:json", args=[assessment.pk])).content
    response = owner_client.post(reverse("reports:import"), {"file": SimpleUploadedFile("mia.json", exported)})
    assert response.status_code == 302
    assert Assessment.objects.filter(title=assessment.title).count() == 2


def test_cli_export_import_and_list(assessment, owner, tmp_path, capsys):
    _filled(assessment, owner)
    owner.is_superuser = True
    owner.save()
    out = tmp_path / "mia.json"
    call_command("export_assessment", str(assessment.pk), "--format", "json", "--output", str(out))
    for fmt in ("pdf", "docx", "html"):
        call_command("export_assessment", str(assessment.pk), "--format", fmt, "--output", str(tmp_path / f"r.{fmt}"))
        assert (tmp_path / f"r.{fmt}").stat().st_size > 1000
    call_command("import_assessment", str(out))
    capsys.readouterr()
    call_command("list_assessments", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert [r["title"] for r in rows] == [assessment.title, assessment.title]
    assert {"id", "title"} <= set(rows[0])


def test_cli_errors_are_dutch(assessment, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="geen MIA met id"):
        call_command("export_assessment", "999", "--output", str(tmp_path / "x"))
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    with pytest.raises(CommandError, match="geen MIA-bestand"):
        call_command("import_assessment", str(bad), "--user", "eigenaar")
