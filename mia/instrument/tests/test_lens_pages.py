"""The vlechtwerk lens where the MIA uses it: the MIA-scan, step 2A participant coverage and the
panel representativeness. Each page shows all twelve factors, gaps first, from the one map."""

from __future__ import annotations

import html as html_module
import re

from django.urls import reverse


def factor_rows(html: str) -> list[tuple[str, str]]:
    """(factor, state) per row of the coverage table, in page order."""
    table = html.split('class="factor-coverage"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<th scope="row">([^<]+)</th>\s*<td>(?:<span class="flag">)?([^<]+)', table)
    return [(html_module.unescape(factor.strip()), state.strip()) for factor, state in rows]


def test_the_scan_shows_which_factors_the_chosen_groups_touch_and_which_none_does(owner_client, assessment):
    url = reverse("assessments:scan", args=[assessment.pk])
    assert "Kies hierboven de groepen" in owner_client.get(url).content.decode()
    groups = assessment.content_version.affectedgroup_set.filter(code__in=["opleiding-inkomen", "genders", "regios"])
    assessment.groups.set(groups)
    html = owner_client.get(url).content.decode()
    rows = factor_rows(html)
    assert len(rows) == 12
    assert rows[-4:] == [("Educatie", "gedekt"), ("Sociale status", "gedekt"), ("Gender & Sekse", "gedekt"), ("Financiële situatie", "gedekt")]
    assert all(state == "niet gedekt" for _factor, state in rows[:8])
    assert "Mensen uit verschillende regio’s</strong>: Een regio is een plek" in html


def test_with_every_group_only_appearance_is_untouched(owner_client, assessment):
    assessment.groups.set(assessment.content_version.affectedgroup_set.all())
    rows = factor_rows(owner_client.get(reverse("assessments:scan", args=[assessment.pk])).content.decode())
    assert rows[0] == ("Uiterlijke kenmerken", "niet gedekt")
    assert [state for _f, state in rows[1:]] == ["gedekt"] * 11


def test_step_2a_shows_which_factors_have_a_voice_among_the_participants(owner_client, assessment):
    from mia.dialogues import actions as dialogue_actions

    version = assessment.content_version
    assessment.groups.set(version.affectedgroup_set.filter(code__in=["geletterdheid", "generaties"]))
    session = assessment.sessions.first()
    speaker = dialogue_actions.add_participant(session, name="Anna", perspective="samenleving")
    speaker.groups.set(version.affectedgroup_set.filter(code__in=["generaties", "beperking"]))
    dialogue_actions.add_participant(session, name="Bram", perspective="praktijk")
    html = owner_client.get(reverse("dialogues:sessions", args=[assessment.pk])).content.decode()
    rows = factor_rows(html)
    assert len(rows) == 12
    # Not covered though the scan's groups touch it: first, and marked.
    assert rows[0] == ("Taal & Geletterdheid", "niet gedekt")
    table = html.split('class="factor-coverage"', 1)[1]
    first_row = table.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert "de scan noemt groepen die deze factor raken" in first_row
    covered = [factor for factor, state in rows if state == "gedekt"]
    assert covered == ["Leeftijd", "Gezondheid"]  # the factor the scan asks for first
    assert speaker.pseudonym in table


def test_panel_representativeness_uses_the_map_and_guesses_nothing():
    from mia.panels.selection import representativeness_report
    from mia.panels.selection.pool import Pool, Quota, Quotas
    from mia.panels.selection.representativeness import factors_for_feature

    # The old keyword guess read 'status' in 'statushouder' and 'werk' in 'werkgever'; the map reads whole names.
    assert factors_for_feature("statushouder") == [] and factors_for_feature("werkgever") == []
    assert factors_for_feature("age_bracket") == ["leeftijd"] and factors_for_feature("geo_bucket") == []
    names = ["Leeftijd", "Geslacht", "Doelgroep", "statushouder"]
    pool = Pool.from_records(
        [{"id": f"p{i}", "Leeftijd": a, "Geslacht": g, "Doelgroep": d, "statushouder": "ja"}
         for i, (a, g, d) in enumerate([("18-30", "vrouw", "jongeren"), ("65+", "vrouw", "laaggeletterden"), ("65+", "vrouw", "jongeren")])],
        names,
    )
    quotas = Quotas([
        Quota("Leeftijd", "18-30", 0, 2), Quota("Leeftijd", "65+", 0, 2), Quota("Geslacht", "vrouw", 0, 3), Quota("Geslacht", "man", 0, 3),
        Quota("Doelgroep", "jongeren", 0, 2), Quota("Doelgroep", "laaggeletterden", 0, 2), Quota("statushouder", "ja", 0, 3),
    ])
    report = representativeness_report(pool, quotas, ["p0", "p2"])
    coverage = report.factor_coverage
    assert coverage.get("gender-sekse").gaps == ("Geslacht: man (niemand)", "Geslacht: iedereen ‘vrouw’")
    assert coverage.get("taal-geletterdheid").categories == (("Doelgroep", "laaggeletterden"),)
    assert coverage.get("taal-geletterdheid").gaps == ()  # a category match is not a whole column
    assert "sociale status" in report.missing_factors
    assert report.features_outside_weave == ["statushouder"]
    assert report.covered_factors["leeftijd"] == ["Leeftijd", "Doelgroep: jongeren"]
    assert report.to_dict()["factor_coverage"]["factors"][0]["covered"] is False


def test_the_panel_page_shows_the_factors_gaps_first(owner_client, assessment):
    from mia.panels.models import PanelPool
    from mia.panels.tests.test_web import select, upload

    upload(owner_client, assessment)
    pool = PanelPool.objects.get(assessment=assessment)
    response = select(owner_client, assessment, pool)
    html = owner_client.get(response["Location"]).content.decode()
    rows = factor_rows(html)
    assert len(rows) == 12 and rows[0][1] == "niet gedekt"
    assert dict(rows)["Leeftijd"] == "gedekt" and dict(rows)["Educatie"] == "gedekt"
    assert "Kenmerken" in html
