"""Plain-language check: easy and hard Dutch, spans, syllables, jargon."""

from __future__ import annotations

import json

import pytest

from mia.analysis.readability import (
    DATA_DIR,
    check_text,
    count_syllables,
    find_jargon,
    jargon_terms,
    split_sentences,
)

EASY = (
    "Wij willen graag weten wat u vindt van uw buurt. Doet u mee aan ons gesprek? "
    "Het gesprek duurt ongeveer twee uur. U krijgt koffie en thee. "
    "Na afloop krijgt u een cadeaubon van 20 euro. U kunt zich opgeven tot 1 maart."
)
EASY_QUESTION = "Voelt u zich veilig in uw wijk? Waarom wel of niet?"
HARD = (
    "In het kader van de implementatie van het integrale beleidsprogramma inzake maatschappelijke "
    "participatie wordt u middels deze brief verzocht om, teneinde de effectiviteit van de te "
    "faciliteren interventies adequaat te kunnen evalueren, uw zienswijze omtrent de geprioriteerde "
    "knelpunten kenbaar te maken. Indien u participeert, worden uw gegevens conform de vigerende "
    "privacyregelgeving verwerkt."
)

# Hand-counted syllables (Dutch pronunciation), incl. the cases where
# hyphenation patterns miss one at a word edge.
SYLLABLES = {
    "over": 2,
    "ideaal": 3,
    "beamen": 3,
    "poëzie": 3,
    "geëerd": 2,
    "kinderen": 3,
    "gemeente": 3,
    "overheid": 3,
    "verantwoordelijkheid": 6,
    "zorg": 1,
    "huis": 1,
    "nieuw": 1,
    "mooie": 2,
    "eigenlijk": 3,
    "aandacht": 2,
    "uitvoering": 3,
    "theater": 3,
    "situatie": 4,
    "informatie": 4,
    "participatie": 5,
    "een": 1,
    "ook": 1,
    "leuke": 2,
    "koeien": 2,
    "ruimte": 2,
    "toeslagen": 3,
    "meedoen": 2,
    "geëmancipeerd": 5,
    "bureau": 2,
    "beleid": 2,
    "oorlog": 2,
    "radio": 3,
    "politie": 3,
    "economie": 4,
    "januari": 4,
    "ouderen": 3,
    "eerder": 2,
    "idee": 2,
    "europa": 3,
    "aardig": 2,
    "geboorte": 3,
    "uur": 1,
    "treinen": 2,
    "hieronder": 3,
    "zeeën": 2,
    "cliënt": 2,
    "fietsen": 2,
    "duidelijk": 3,
    "vooral": 2,
    "opa": 2,
    "alle": 2,
    "bioscoop": 3,
    "realiseren": 5,
    "creëren": 3,
    "individueel": 5,
    "coöperatie": 5,
    "leeuw": 1,
    "ruïne": 3,
    "auto": 2,
    "draaien": 2,
    "uitnodiging": 4,
    "samenleving": 4,
    "gesprek": 2,
    "faciliteren": 5,
}


def test_it_calls_easy_dutch_b1():
    for text in (EASY, EASY_QUESTION):
        report = check_text(text)
        assert report.verdict == "Deze tekst is goed te lezen (taalniveau B1).", report.reasons
        assert report.is_b1
        assert report.score >= 60
        assert not report.long_sentences and not report.jargon


def test_it_calls_jargon_and_long_sentences_too_difficult_and_says_why():
    report = check_text(HARD)
    assert not report.is_b1
    assert report.verdict.startswith("Deze tekst is moeilijk: ")
    assert report.score < 30
    # The verdict names what the reader meets, in B1, and no formula; the score is a note apart.
    assert any(r.startswith("de zinnen zijn lang (gemiddeld ") for r in report.reasons), report.reasons
    assert "Flesch" not in report.verdict and "Flesch-Douma" in report.score_note
    assert check_text(report.verdict.replace("'", "")).words > 0
    assert any("meer dan 20 woorden" in r for r in report.reasons)
    assert any("ambtelijke woorden" in r for r in report.reasons)
    terms = {hit.term for hit in report.jargon}
    assert {
        "in het kader van",
        "inzake",
        "middels",
        "teneinde",
        "faciliteren",
        "implementeren",
        "indien",
        "conform",
        "participeren",
        "omtrent",
        "knelpunt",
    } <= terms
    assert len(report.long_sentences) == 1 and report.long_sentences[0].words > 20
    assert {"beleidsprogramma", "privacyregelgeving"} <= {w.text for w in report.long_words}


def test_every_span_points_into_the_text():
    report = check_text(HARD)
    for item in report.long_sentences + report.long_words + report.jargon + report.rare_words:
        assert HARD[item.start : item.end] == item.text
    data = report.as_dict()
    json.dumps(data)
    assert data["jargon"][0]["alternatives"] == ["bij", "voor"]


def test_it_counts_dutch_syllables_better_than_hyphenation():
    own = sum(count_syllables(word) == n for word, n in SYLLABLES.items())
    assert own / len(SYLLABLES) >= 0.95
    pyphen = pytest.importorskip("pyphen")
    dictionary = pyphen.Pyphen(lang="nl_NL")
    hyphenated = sum(dictionary.inserted(word).count("-") + 1 == n for word, n in SYLLABLES.items())
    print(f"\nsyllables right: own {own}/{len(SYLLABLES)}, pyphen nl_NL {hyphenated}/{len(SYLLABLES)}")
    assert own > hyphenated


def test_it_computes_flesch_douma():
    # 2 sentences, 11 words, 12 syllables (moo-ie)
    report = check_text("De kat zit op de mat. Het is een mooie dag.")
    assert (report.sentences, report.words, report.syllables) == (2, 11, 12)
    assert report.score == pytest.approx(206.835 - 0.93 * 11 / 2 - 77 * 12 / 11)


def test_it_splits_sentences_but_not_after_abbreviations():
    text = "Dit is bijv. een zin. En dit o.a. ook! Lijst:\n- punt een\n- punt twee\n\nNieuwe alinea"
    sentences = [s.text for s in split_sentences(text)]
    assert sentences == [
        "Dit is bijv. een zin.",
        "En dit o.a. ook!",
        "Lijst:",
        "- punt een",
        "- punt twee",
        "Nieuwe alinea",
    ]


def test_it_finds_inflected_jargon_with_alternatives():
    hits = find_jargon(
        "Wij faciliteren dit. De gemeente faciliteert en heeft het gefaciliteerd. "
        "Dit is met betrekking tot de prioriteiten."
    )
    assert [h.term for h in hits] == ["faciliteren"] * 3 + ["met betrekking tot", "prioriteit"]
    assert hits[0].alternatives == ("helpen", "mogelijk maken")
    assert find_jargon("Ik informeer mijn buren.") == []
    assert find_jargon("De geïmplementeerde regels")[0].term == "implementeren"


def test_the_jargon_list_is_complete_and_documented():
    data = json.loads((DATA_DIR / "jargon.json").read_text(encoding="utf-8"))
    assert "herkomst" in data
    assert len(data["termen"]) >= 100
    for entry in data["termen"]:
        assert entry["term"] == entry["term"].lower()
        assert entry["alternatieven"] and all(entry["alternatieven"])
    assert len(jargon_terms()) == len(data["termen"])


def test_it_handles_empty_and_odd_text():
    for text in ("", "   ", "👍👍", "!!!"):
        report = check_text(text)
        assert report.words == 0
        assert report.score is None
        assert report.verdict == "Er is nog geen tekst om te controleren."
    one = check_text("Welkom!")
    assert one.is_b1


def test_one_long_word_alone_does_not_fail_a_text():
    report = check_text("Welkom bij het gesprek over de ziektekostenverzekeringspremie. Doet u mee?")
    assert any(w.text == "ziektekostenverzekeringspremie" for w in report.long_words)
    assert not any("lange woorden" in r for r in report.reasons)
