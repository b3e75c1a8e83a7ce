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
