"""Reading an inventory file: pure logic (no database), with the tolerances and the refusals."""

from __future__ import annotations

import pytest

from mia.core.tables import read_table
from mia.programmes.inventory import REACH_SYNONYMS, Vocabularies, parse_inventory
from mia.programmes.matching import Vocabulary, match_key, split_cell
from mia.programmes.tests.conftest import HEADER, csv_bytes, row


@pytest.fixture
def vocab() -> Vocabularies:
    return Vocabularies(
        categories=Vocabulary.of([("Campagnes", "cat-c"), ("Spel- en lesmateriaal", "cat-s")]),
        topics=Vocabulary.of([("Prestatiemaatschappij", "t-p"), ("Sociale media", "t-s"), ("Verbinding/sociale cohesie", "t-v")]),
        target_groups=Vocabulary.of([("Professionals", "g-p"), ("Ouders", "g-o"), ("Jeugdigen", "g-j")]),
        reaches=Vocabulary.of([("Lokaal", "lokaal"), ("Regionaal", "regionaal"), ("Nationaal", "nationaal")], REACH_SYNONYMS),
        themes=Vocabulary.of([("Omarm het (on)gewone", "th-o"), ("Online omgangsvormen", "th-oo")]),
    )


def parse(rows, vocab, **kwargs):
    return parse_inventory(read_table(csv_bytes(rows, **kwargs), name="test.csv"), vocab)


def test_match_keys_ignore_case_accents_spaces_and_punctuation():
    assert match_key(" Jeugdígen ") == match_key("JEUGDIGEN") == "jeugdigen"
    assert match_key("Prestatie-maatschappij") == match_key("prestatiemaatschappij")
    assert match_key("verbinding / sociale cohesie") == match_key("Verbinding/sociale cohesie")


def test_a_cell_splits_on_semicolons_without_empties_or_repeats():
    assert split_cell(" Ouders ;; jeugdigen; OUDERS ;") == ["Ouders", "jeugdigen"]


def test_it_reads_multi_valued_cells_with_accents_and_any_case(vocab):
    parsed = parse([row("Eén", topics="sociale MEDIA; Prestatie-maatschappij", groups="jeugdígen ; ouders",
                        reach="lokaal;NATIONAAL", themes="omarm het (On)Gewone")], vocab)
    assert parsed.ok, parsed.issues
    (initiative,) = parsed.rows
    assert initiative.topics == ["t-s", "t-p"]
    assert initiative.target_groups == ["g-j", "g-o"]
    assert initiative.reaches == ["lokaal", "nationaal"]
    assert initiative.themes == ["th-o"]
    assert initiative.category == "cat-c"


def test_landelijk_means_nationaal(vocab):
    parsed = parse([row("Eén", reach="Landelijk")], vocab)
    assert parsed.rows[0].reaches == ["nationaal"]


def test_another_target_group_is_kept_as_text(vocab):
    parsed = parse([row("Eén", groups="Jeugdigen; andere: Docenten; Andere doelgroep, namelijk: Gemeenten")], vocab)
    assert parsed.rows[0].target_groups == ["g-j"]
    assert parsed.rows[0].other_target_group == "Docenten; Gemeenten"


def test_unknown_values_are_reported_per_row_with_a_hint_and_nothing_is_imported(vocab):
    parsed = parse([
        row("Goed", topics="Sociale media"),
        row("Fout één", topics="Socale media", groups="Jeugdigen; Grootouders"),
        row("Fout twee", reach="Wereldwijd", category="Podcasts", themes="Bestaat niet"),
    ], vocab)
    assert not parsed.ok and parsed.rows == []
    messages = [str(i) for i in parsed.issues]
    assert "Rij 3, kolom ‘onderwerp’: ‘Socale media’ kennen we niet. Bedoelt u ‘Sociale media’?" in messages[0]
    assert any("Rij 3, kolom ‘doelgroep’: ‘Grootouders’ kennen we niet." in m for m in messages)
    assert any("Rij 4, kolom ‘reikwijdte’: ‘Wereldwijd’ kennen we niet." in m for m in messages)
    assert any("Rij 4, kolom ‘categorie’: ‘Podcasts’ kennen we niet." in m for m in messages)
    assert any("Rij 4, kolom ‘thema’" in m for m in messages)
    assert {i.row for i in parsed.issues} == {3, 4}


def test_empty_rows_are_skipped_and_rows_keep_their_spreadsheet_number(vocab):
    data = csv_bytes([row("Eén"), [""] * 10, row("Twee", topics="Onbekend")])
    parsed = parse_inventory(read_table(data, name="t.csv"), vocab)
    assert [i.row for i in parsed.issues] == [4]


def test_a_formula_like_cell_is_defused_and_reported(vocab):
    parsed = parse([row('=HYPERLINK("http://evil.example","klik")', topics="Sociale media"),
                    row("Twee", topics="=cmd|' /C calc'!A0")], vocab)
    messages = [str(i) for i in parsed.issues]
    assert any("Rij 3, kolom ‘onderwerp’" in m for m in messages)
    assert any("onschadelijk gemaakt" in w for w in parsed.warnings)


def test_a_defused_formula_name_is_kept_as_text(vocab):
    parsed = parse([row('=HYPERLINK("http://evil.example")')], vocab)
    assert parsed.ok
    assert parsed.rows[0].name.startswith("'=HYPERLINK")


def test_a_missing_name_a_duplicate_name_and_two_categories_are_refused(vocab):
    parsed = parse([row(""), row("Dubbel"), row("dubbel"), row("Drie", category="Campagnes; Spel- en lesmateriaal")], vocab)
    messages = [str(i) for i in parsed.issues]
    assert any("Rij 2, kolom ‘naam’: de naam ontbreekt" in m for m in messages)
    assert any("Rij 4: de naam ‘dubbel’ staat ook al in rij 3." in m for m in messages)
    assert any("Rij 5, kolom ‘categorie’: kies één categorie" in m for m in messages)


def test_links_must_be_web_addresses(vocab):
    parsed = parse([row("Eén", link="javascript:alert(1)"), row("Twee", link="https://www.voorbeeld.nl/pad"),
                    row("Drie", link="mailto:iemand@voorbeeld.nl"), row("Vier", link="http://localhost")], vocab)
    assert {i.row for i in parsed.issues} == {2, 4, 5}


def test_a_link_without_scheme_gets_https(vocab):
    parsed = parse([row("Eén", link="www.zonder-schema.nl/pad")], vocab)
    assert parsed.rows[0].link == "https://www.zonder-schema.nl/pad"


def test_overlong_cells_are_refused_with_the_limit(vocab):
    parsed = parse([row("x" * 201), row("Twee", goal="d" * 2001)], vocab)
    messages = [str(i) for i in parsed.issues]
    assert any("(201 tekens; hoogstens 200)" in m for m in messages)
    assert any("kolom ‘doel’" in m for m in messages)


def test_control_characters_are_removed(vocab):
    parsed = parse([row("Naam\x07 met\x1b bel", goal="regel\nen \x7fnul")], vocab)
    assert parsed.rows[0].name == "Naam met bel"
    assert parsed.rows[0].goal == "regel\nen nul"


def test_a_file_with_nul_bytes_is_refused_by_the_shared_reader():
    from mia.core.tables import TableError

    with pytest.raises(TableError, match="geen tekstbestand"):
        read_table(csv_bytes([row("a\x00b")]), name="t.csv")


def test_the_columns_must_be_exactly_the_ten(vocab):
    missing = parse([["Eén", "Campagnes"]], vocab, header=["naam", "categorie"])
    assert "Deze kolommen ontbreken: link, eigenaar, doel, aanpak, onderwerp, doelgroep, reikwijdte, thema" in str(missing.issues[0])
    extra = parse([row("Eén") + ["x"]], vocab, header=[*HEADER, "budget"])
    assert "Deze kolommen kennen we niet: budget" in str(extra.issues[0])


def test_headers_match_case_and_space_tolerantly(vocab):
    parsed = parse([row("Eén", topics="Sociale media")], vocab, header=[h.upper() + " " for h in HEADER])
    assert parsed.ok


def test_windows_1252_files_are_read_with_a_warning(vocab):
    parsed = parse([row("Café één", groups="Jeugdigen")], vocab, encoding="cp1252")
    assert parsed.rows[0].name == "Café één"
    assert any("Windows-1252" in w for w in parsed.warnings)


def test_a_header_without_rows_is_reported(vocab):
    parsed = parse_inventory(read_table(csv_bytes([]), name="t.csv"), vocab)
    assert "geen initiatieven" in str(parsed.issues[0])


def test_only_punctuation_is_reported_not_dropped(vocab):
    parsed = parse([row("Eén", topics="?")], vocab)
    assert "‘?’ kennen we niet" in str(parsed.issues[0])
