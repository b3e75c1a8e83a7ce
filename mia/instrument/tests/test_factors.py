"""The diversiteitsvlechtwerk lens: the twelve factors, the map of the MIA groups onto them, and
the coverage of any group of people, gaps first. Pure logic: no database."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from mia.instrument import content as content_module
from mia.instrument import factors
from mia.instrument.factors import (
    LensError,
    coverage_for_columns,
    coverage_for_counts,
    coverage_for_groups,
    coverage_for_members,
    coverage_for_people,
    coverage_for_table,
    load_lens,
    match_column,
    normalise_term,
    parse_lens,
)

# Copied from the seed (Stappenplan Inclusief Beleid, Randvoorwaarde 1, the figure), in its order;
# the extraction's "Leeft ijd" is a split ligature.
SEED_FACTORS = [
    "Gezondheid",
    "Educatie",
    "Sociale status",
    "Uiterlijke kenmerken",
    "Gender & Sekse",
    "Religie & levensbeschouwing",
    "Taal & Geletterdheid",
    "Seksuele oriëntatie",
    "Leeftijd",
    "Sociaal-culturele achtergrond",
    "(Arbeids)participatie",
    "Financiële situatie",
]

# The map as documented in data/README.md; a change to it must be deliberate (and reasoned).
EXPECTED_MAP = {
    "regios": [],
    "opleiding-inkomen": ["educatie", "financiele-situatie", "sociale-status"],
    "generaties": ["leeftijd"],
    "arbeidssectoren": ["arbeidsparticipatie"],
    "contractvormen": ["arbeidsparticipatie", "financiele-situatie"],
    "huizenbezitters-huurders": ["financiele-situatie"],
    "genders": ["gender-sekse"],
    "seksuele-voorkeur": ["seksuele-orientatie"],
    "geloofsovertuiging": ["religie-levensbeschouwing"],
    "migratieachtergrond": ["sociaal-culturele-achtergrond"],
    "leefstijlen": ["sociaal-culturele-achtergrond"],
    "gezondheidsproblemen": ["gezondheid"],
    "beperking": ["gezondheid"],
    "geletterdheid": ["taal-geletterdheid"],
}


@pytest.fixture(scope="module")
def lens():
    return load_lens()


@pytest.fixture(scope="module")
def mia_groups():
    return [g.code for g in content_module.load_content().groups]


def lens_document() -> dict:
    return json.loads(factors.default_lens_path().read_text(encoding="utf-8"))


def test_it_has_the_twelve_factors_of_the_seed_in_order(lens):
    assert [f.label for f in lens.factors] == SEED_FACTORS
    assert [f.name for f in lens.factors][:5] == ["gezondheid", "educatie", "sociale status", "uiterlijke kenmerken", "gender & sekse"]


def test_every_group_of_the_mia_scan_is_mapped_and_no_other(lens, mia_groups):
    parse_lens(lens_document(), group_codes=mia_groups)  # raises when one is missing or extra
    assert sorted(lens.groups) == sorted(mia_groups)
    assert len(mia_groups) == 14


def test_the_map_is_the_documented_one(lens):
    assert {g: sorted(lens.factors_for_group(g)) for g in lens.groups} == {g: sorted(f) for g, f in EXPECTED_MAP.items()}


def test_every_link_says_why_and_so_does_a_group_outside_the_weave(lens):
    assert all(len(link.reason) > 30 for link in lens.group_links)
    assert "wijk" in lens.group_reasons["regios"]


def test_the_readme_explains_every_group(lens):
    readme = (factors.DATA_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Why each group maps to each factor", 1)[1].split("## Review against the seeds", 1)[0]
    for label in [g.label for g in content_module.load_content().groups]:
        key = label.split("verschillende ")[-1].split("zonder ")[-1].split(" (")[0]
        assert key.split("/")[0] in section, label


def test_all_groups_together_leave_only_appearance_uncovered(lens):
    coverage = coverage_for_groups(lens.groups)
    assert [f.factor.code for f in coverage.missing] == ["uiterlijke-kenmerken"]
    assert coverage.outside == ("regios",)


def test_scan_groups_gaps_first_with_the_groups_that_touch_each_factor():
    labels = {"opleiding-inkomen": "Opleiding/inkomen", "genders": "Genders", "regios": "Regio’s"}
    coverage = coverage_for_groups(["opleiding-inkomen", "genders", "regios"], labels=labels)
    statuses = [f.status for f in coverage.factors]
    assert statuses == sorted(statuses, key=["ontbreekt", "gat", "gedekt"].index)
    assert [f.factor.code for f in coverage.covered] == ["educatie", "sociale-status", "gender-sekse", "financiele-situatie"]
    assert coverage.get("educatie").sources == ("Opleiding/inkomen",)
    assert coverage.missing[0].factor.code == "gezondheid"  # within the gaps: the order of the weave
    assert coverage.outside == ("Regio’s",)
    assert "uiterlijke kenmerken" in coverage.missing_labels


def test_people_who_speak_for_groups_and_the_factors_the_scan_asks_for():
    coverage = coverage_for_people(
        {"Deelnemer 1": ["genders"], "Deelnemer 2": ["genders", "beperking"], "Deelnemer 3": []},
        focus_groups=["geletterdheid", "genders"],
    )
    assert coverage.get("gender-sekse").sources == ("Deelnemer 1", "Deelnemer 2")
    assert coverage.get("gezondheid").sources == ("Deelnemer 2",)
    first = coverage.factors[0]
    assert first.factor.code == "taal-geletterdheid" and first.in_focus and not first.covered


def test_members_who_bring_factors(lens):
    coverage = coverage_for_members({"An": ["leeftijd", "onzin"], "Bo": ["leeftijd", "gezondheid"]})
    assert coverage.get("leeftijd").sources == ("An", "Bo")
    assert len(coverage.missing) == 10


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Leeftijd (jaren)", "leeftijd"),
        ("age_bracket", "age bracket"),
        ("  Seksuele   Oriëntatie ", "seksuele orientatie"),
        ("zzp'er", "zzper"),
        ("LHBTIQA+", "lhbtiqa"),
        ("(Arbeids)participatie", "arbeids participatie"),
        ("Koop/huur", "koop huur"),
    ],
)
def test_one_spelling_rule(raw, expected):
    assert normalise_term(raw) == expected


@pytest.mark.parametrize(
    "column, factor",
    [
        ("leeftijd", "leeftijd"),
        ("age_bracket", "leeftijd"),
        ("Leeftijdsgroep", "leeftijd"),
        ("geslacht", "gender-sekse"),
        ("Gender", "gender-sekse"),
        ("opleiding", "educatie"),
        ("edu_level", "educatie"),
        ("Opleidingsniveau", "educatie"),
        ("migratieachtergrond", "sociaal-culturele-achtergrond"),
        ("inkomen", "financiele-situatie"),
        ("werk", "arbeidsparticipatie"),
        ("religie", "religie-levensbeschouwing"),
        ("taalniveau", "taal-geletterdheid"),
        ("seksuele oriëntatie", "seksuele-orientatie"),
        ("gezondheid", "gezondheid"),
        ("beperking", "gezondheid"),
        ("huidskleur", "uiterlijke-kenmerken"),
    ],
)
def test_columns_are_recognised_by_their_whole_name(column, factor):
    assert factor in match_column(column).factors


@pytest.mark.parametrize("column", ["statushouder", "werkgever", "achtergrondmuziek", "percentage", "leaning", "kleur"])
def test_nothing_is_guessed_from_parts_of_words(column):
    match = match_column(column)
    assert match.factors == () and not match.recognised


def test_language_is_not_age():
    assert match_column("language").factors == ("taal-geletterdheid",)


def test_a_region_column_is_recognised_but_outside_the_weave():
    match = match_column("geo_bucket")
    assert match.recognised and match.group == "regios" and match.factors == ()
    coverage, _ = coverage_for_columns({"geo_bucket": ["Glasgow", "Lothian"]})
    assert coverage.outside == ("geo_bucket",)


def test_categories_cover_factors_when_the_name_does_not_say():
    match = match_column("doelgroep", ["jongeren", "Laaggeletterden", "ja"])
    assert match.how == "categorieën"
    assert match.by_category == {"leeftijd": ("jongeren",), "taal-geletterdheid": ("Laaggeletterden",)}
    coverage, _ = coverage_for_columns({"doelgroep": ["jongeren", "Laaggeletterden"]})
    assert coverage.get("leeftijd").categories == (("doelgroep", "jongeren"),)
    assert coverage.get("leeftijd").covered_by == ("doelgroep: jongeren",)


def test_an_explicit_link_beats_the_vocabulary():
    coverage, matches = coverage_for_columns({"lft": ["18-30"], "Geslacht": ["man"]}, declared={"LFT": ["leeftijd", "bestaat-niet"]})
    assert coverage.get("leeftijd").sources == ("lft",)
    assert matches[0].how == "opgegeven"


def test_counts_show_empty_categories_and_no_variety_but_no_numbers():
    coverage = coverage_for_counts(
        {
            "leeftijd": {"18-30": 3, "30-50": 7, "50-65": 0, "65+": 2},
            "geslacht": {"vrouw": 12, "man": 0},
            "woonplaats stedelijk/landelijk": {"stedelijk": 6, "landelijk": 6},
        }
    )
    age = coverage.get("leeftijd")
    assert age.status == "gat" and age.gaps == ("leeftijd: 50-65 (niemand)",)
    assert coverage.get("gender-sekse").gaps == ("geslacht: man (niemand)", "geslacht: iedereen ‘vrouw’")
    assert coverage.factors[0].status == "ontbreekt"
    assert [f.status for f in coverage.factors if f.covered] == ["gat", "gat"]
    text = json.dumps(coverage.to_dict())
    assert "12" not in text and "7" not in text


def test_a_people_file_as_the_panel_reads_it():
    header = ["id", "naam", "email", "Leeftijd", "Geslacht", "Opmerking", "doelgroep"]
    rows = [
        [str(i), f"Persoon {i}", f"p{i}@example.org", str(20 + i), "vrouw" if i % 2 else "man", f"vrije tekst {i}", "jongeren"]
        for i in range(30)
    ]
    result = coverage_for_table(header, rows, skip=["id", "naam", "email"])
    assert result.rows == 30
    assert result.skipped == ["id", "naam", "email"]
    assert result.coverage.get("leeftijd").sources == ("Leeftijd",)
    assert result.coverage.get("gender-sekse").sources == ("Geslacht",)
    assert "Leeftijd" not in result.listed_categories  # 30 distinct ages: not a list of categories
    assert result.listed_categories["Geslacht"] == ["man", "vrouw"]
    assert result.coverage.outside == ("Opmerking",)
    data = result.to_dict()
    assert "Persoon 3" not in json.dumps(data) and "p3@example.org" not in json.dumps(data)
    opmerking = next(c for c in data["columns"] if c["column"] == "Opmerking")
    assert opmerking["categories"] is None and opmerking["distinct_values"] == 30


def test_the_panel_fixture_files_are_read(tmp_path):
    from mia.core.tables import read_table

    repo = Path(__file__).resolve().parents[3]
    # The shared folder sits beside the repository (or beside the folder of worktrees).
    candidates = [base / "shared" / "data" / "sortition" / "safixture_22" / "respondents.csv" for base in (repo.parent, repo.parent.parent)]
    path = next((c for c in candidates if c.exists()), None)
    if path is None:
        pytest.skip("shared sortition data not mounted")
    table = read_table(path)
    result = coverage_for_table(table.header, [cells for _n, cells in table.rows])
    covered = {f.factor.code for f in result.coverage.covered}
    assert covered == {"gender-sekse", "leeftijd", "educatie"}
    assert result.coverage.outside == ("geo_bucket",)


# --- the data file is checked, with Dutch messages -------------------------------------------------


def broken(change) -> dict:
    data = copy.deepcopy(lens_document())
    change(data)
    return data


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["factors"].pop(), "12 factoren"),
        (lambda d: d["factors"][1].update(code="Educatie!"), "kleine letters"),
        (lambda d: d["groups"][1]["links"][0].update(factor="talent"), "bestaat niet"),
        (lambda d: d["groups"][0].pop("reason"), "reason"),
        (lambda d: d["groups"].append(d["groups"][2]), "twee keer"),
        (lambda d: d["columns"][0]["names"].append("Geslacht"), "staat ook al in"),
        (lambda d: d["columns"][0].update(factors=["gezondheid"]), "horen niet bij de groep"),
        (lambda d: d["columns"][0].update(factors=["geen-factor"]), "onbekende factor"),
        (lambda d: d.pop("version"), "version"),
    ],
)
def test_a_broken_lens_file_is_refused_with_a_dutch_message(change, message):
    with pytest.raises(LensError, match=message):
        parse_lens(broken(change))


def test_a_lens_without_a_mia_group_is_refused(mia_groups):
    def drop_literacy(d):
        d["groups"] = [g for g in d["groups"] if g["group"] != "geletterdheid"]
        for key in ("columns", "categories"):
            d[key] = [r for r in d[key] if r.get("group") != "geletterdheid"]

    data = broken(drop_literacy)
    with pytest.raises(LensError, match="staan niet in het vlechtwerk: geletterdheid"):
        parse_lens(data, group_codes=mia_groups)


def test_an_unreadable_lens_file(tmp_path):
    bad = tmp_path / "lens.json"
    bad.write_text("{ niet json", encoding="utf-8")
    with pytest.raises(LensError, match="geen geldige JSON"):
        load_lens(bad)
    with pytest.raises(LensError, match="kan niet worden gelezen"):
        load_lens(tmp_path / "bestaat-niet.json")
