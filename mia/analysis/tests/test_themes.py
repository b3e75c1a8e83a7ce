"""Theme analysis: quality against a baseline, determinism, coverage and bad input.

Pure tests (no database). The semantic model loads once per test session
(~5 s); the labelled set is analysed once per method and shared.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from mia.analysis.tests.quality import (
    baseline_labels,
    load_testset,
    predicted_labels,
)
from mia.analysis.themes import (
    OTHER_LABEL,
    ThemeInputError,
    find_themes,
    result_to_json,
    vectors,
)


@pytest.fixture(scope="module")
def testset():
    return load_testset()


@pytest.fixture(scope="module")
def default_result(testset):
    texts, ids, _, sessions = testset
    return find_themes(texts, ids=ids, groups={"sessie": sessions}, seed=0)


def _assert_partition(result, expected_ids):
    seen = Counter(i for theme in result.themes for i in theme.member_ids)
    assert set(seen) == set(expected_ids)
    assert all(count == 1 for count in seen.values()), "a text is in more than one theme"
    assert sum(t.size for t in result.themes) == len(expected_ids)


# ------------------------------------------------------------------ quality


def test_it_beats_plain_tfidf_kmeans_on_the_labelled_set(testset, default_result):
    texts, ids, labels, _ = testset
    k_true = len(set(labels))
    baseline = baseline_labels(texts, k_true, seed=0)
    predicted = predicted_labels(default_result, ids)
    default_nmi = normalized_mutual_info_score(labels, predicted)
    baseline_nmi = normalized_mutual_info_score(labels, baseline)
    print(
        f"\nNMI default ({default_result.method}, k={default_result.k}) {default_nmi:.3f} "
        f"ARI {adjusted_rand_score(labels, predicted):.3f}; "
        f"baseline NMI {baseline_nmi:.3f} ARI {adjusted_rand_score(labels, baseline):.3f}"
    )
    assert default_nmi >= baseline_nmi


def test_it_also_beats_the_baseline_with_the_statistical_method(testset):
    texts, ids, labels, _ = testset
    result = find_themes(texts, ids=ids, method="tfidf", seed=0)
    assert result.method == "tfidf"
    nmi = normalized_mutual_info_score(labels, predicted_labels(result, ids))
    baseline = normalized_mutual_info_score(labels, baseline_labels(texts, len(set(labels)), seed=0))
    assert nmi >= baseline


def test_it_uses_the_semantic_method_by_default_when_installed(default_result):
    expected = "semantic" if vectors.semantic_available() else "tfidf"
    assert default_result.method == expected


# ------------------------------------------------------------------ structure


def test_it_puts_every_text_in_exactly_one_theme(testset, default_result):
    _assert_partition(default_result, testset[1])


def test_it_labels_themes_with_dutch_surface_words(default_result, testset):
    texts, ids, _, _ = testset
    text_of = dict(zip(ids, texts, strict=False))
    for theme in default_result.themes:
        assert theme.label
        if theme.is_other:
            continue
        assert theme.key_terms
        assert theme.label == ", ".join(theme.key_terms[:3])
        members = " ".join(text_of[i].lower() for i in theme.member_ids)
        for term in theme.key_terms:
            # written as in the theme's texts ("kinderen"), not as a Snowball stem ("kinder")
            assert all(word in members for word in term.split(" ")), (term, theme.label)


def test_it_gives_representative_quotes_from_the_theme(default_result, testset):
    texts, ids, _, _ = testset
    text_of = dict(zip(ids, texts, strict=False))
    for theme in default_result.themes:
        assert 1 <= len(theme.quotes) <= 3
        for quote in theme.quotes:
            assert quote.id in theme.member_ids
            assert quote.text == text_of[quote.id]


def test_it_sorts_themes_by_size_with_overig_last(default_result):
    regular = [t for t in default_result.themes if not t.is_other]
    assert [t.size for t in regular] == sorted((t.size for t in regular), reverse=True)
    assert [t.number for t in default_result.themes] == list(range(1, len(default_result.themes) + 1))
    others = [t for t in default_result.themes if t.is_other]
    assert not others or default_result.themes[-1].is_other


def test_it_shows_spread_over_sessions_and_marks_rode_draden(default_result, testset):
    sessions = testset[3]
    assert default_result.groups["sessie"] == sorted(set(sessions))
    for theme in default_result.themes:
        spread = theme.spread["sessie"]
        assert sum(spread.values()) == theme.size
        assert theme.rode_draad == (len(spread) >= 2 and not theme.is_other)


# Two themes that plain word overlap separates too (every text says "woning" or "bus").
HOUSING = [
    "De huur van mijn woning is te hoog.",
    "Een sociale woning is onbetaalbaar geworden.",
    "Wij vinden geen betaalbare woning.",
    "De wachtlijst voor een woning is eindeloos.",
    "Starters kunnen geen woning kopen.",
    "De huur van een woning stijgt elk jaar.",
]
BUS = [
    "De bus rijdt niet meer naar het dorp.",
    "De bus rijdt 's avonds slecht.",
    "De buslijn naar de stad is geschrapt, geen bus meer.",
    "De trein en de bus sluiten niet op elkaar aan.",
    "Zonder auto kom je hier nergens, de bus is weg.",
    "De halte van de bus ligt te ver weg voor ouderen.",
]


def test_it_marks_a_theme_in_one_session_as_no_rode_draad():
    groups = ["sessie 1"] * 6 + ["sessie 1", "sessie 2", "sessie 3"] * 2
    result = find_themes(HOUSING + BUS, groups=groups, k=2, method="tfidf")
    theme_of = {tuple(sorted(t.member_ids)): t for t in result.themes}
    housing, bus = theme_of[tuple(range(6))], theme_of[tuple(range(6, 12))]
    assert housing.rode_draad is False
    assert bus.rode_draad is True
    assert result.rode_draden == [bus]
    assert bus.spread == {"groep": {"sessie 1": 2, "sessie 2": 2, "sessie 3": 2}}


def test_it_takes_a_share_of_groups_for_rode_draden():
    groups = {"sessie": ["a", "b", "c"] * 2 + ["b", "c", "d"] * 2, "vraag": ["v1"] * 12}
    result = find_themes(HOUSING + BUS, groups=groups, k=2, method="tfidf", rode_draad_share=0.75)
    # each theme holds 3 of the 4 sessions: 3 >= 0.75 * 4
    assert all(t.rode_draad for t in result.themes)
    strict = find_themes(HOUSING + BUS, groups=groups, k=2, method="tfidf", rode_draad_share=1.0)
    assert not any(t.rode_draad for t in strict.themes)
    by_question = find_themes(HOUSING + BUS, groups=groups, k=2, method="tfidf", rode_draad_dimension="vraag")
    assert not any(t.rode_draad for t in by_question.themes)  # only one question
    assert by_question.themes[0].spread["vraag"] == {"v1": 6}


def test_result_to_json_has_the_cli_shape(default_result):
    data = json.loads(json.dumps(result_to_json(default_result), ensure_ascii=False))
    assert set(data) >= {"themes", "method", "seed", "warnings"}
    for theme in data["themes"]:
        assert set(theme) >= {"label", "size", "member_ids", "quotes"}
        assert theme["size"] == len(theme["member_ids"])
        assert all(isinstance(q, str) for q in theme["quotes"])


# ------------------------------------------------------------------ determinism


@pytest.mark.parametrize("method", ["tfidf", "semantic"])
def test_it_is_deterministic_per_seed(testset, method):
    texts, ids, _, _ = testset
    texts, ids = texts[::4], ids[::4]  # 73 cards: quick, still several themes
    first = result_to_json(find_themes(texts, ids=ids, seed=3, method=method))
    second = result_to_json(find_themes(texts, ids=ids, seed=3, method=method))
    assert first == second


def test_it_accepts_a_fixed_number_of_themes(testset):
    texts, ids, _, _ = testset
    result = find_themes(texts, ids=ids, method="tfidf", k=5, min_theme_size=1)
    assert result.k == 5
    assert len([t for t in result.themes if not t.is_other]) == 5


def test_it_reports_progress_from_0_to_1(testset):
    texts, _, _, _ = testset
    seen = []
    find_themes(texts[:40], method="tfidf", progress=lambda f, m: seen.append((f, m)))
    fractions = [f for f, _ in seen]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions)
    assert all(isinstance(m, str) and m for _, m in seen)


# ------------------------------------------------------------------ bad input


def test_it_refuses_no_texts():
    with pytest.raises(ThemeInputError, match="geen teksten"):
        find_themes([])


def test_it_refuses_only_empty_texts():
    with pytest.raises(ThemeInputError, match="leeg"):
        find_themes(["", "   ", None, "\n"])


def test_it_skips_empty_texts_and_lists_them():
    result = find_themes(["De huur is te hoog.", "", "De bus komt te laat.", "  "], ids=["a", "b", "c", "d"])
    assert result.skipped_ids == ["b", "d"]
    _assert_partition(result, ["a", "c"])
    assert any("lege" in w for w in result.warnings)


def test_it_makes_one_theme_of_one_text():
    result = find_themes(["Er zijn te weinig betaalbare huurwoningen."])
    assert len(result.themes) == 1
    assert result.themes[0].member_ids == [0]
    assert result.themes[0].quotes[0].text == "Er zijn te weinig betaalbare huurwoningen."
    assert "huurwoningen" in result.themes[0].label


def test_it_makes_one_theme_of_100_000_identical_texts_quickly():
    result = find_themes(["De huren stijgen te snel in onze wijk."] * 100_000)
    assert len(result.themes) == 1
    assert result.themes[0].size == 100_000
    assert result.k == 1


def test_it_warns_about_non_dutch_texts():
    texts = [
        "The rent in our neighbourhood is far too high for young families.",
        "We cannot find a house that we can afford and the waiting lists are long.",
        "The buses do not run in the evening and that is a problem for us.",
        "De bus rijdt 's avonds niet meer.",
        "Er zijn te weinig betaalbare huurwoningen.",
        "Ik vertrouw de gemeente niet meer.",
    ]
    result = find_themes(texts)
    assert any("3 van de 6 teksten lijken niet in het Nederlands" in w for w in result.warnings)
    _assert_partition(result, range(6))


def test_it_refuses_emoji_only_input():
    with pytest.raises(ThemeInputError, match="emoji"):
        find_themes(["👍", "😀😀😀", "🏠 🚌", "!!!", "123"])


def test_it_puts_emoji_only_texts_in_overig():
    texts = ["👍", "De huur is veel te hoog.", "De bus rijdt niet meer.", "🙂🙂"]
    result = find_themes(texts)
    other = [t for t in result.themes if t.label == OTHER_LABEL]
    assert len(other) == 1 and sorted(other[0].member_ids) == [0, 3]
    _assert_partition(result, range(4))


def test_it_truncates_a_1_mb_text_with_a_warning():
    huge = ("De huur van woningen in de stad is veel te hoog voor gewone gezinnen. " * 15_000)[:1_000_000]
    result = find_themes([huge, "De bus rijdt niet meer.", "Meer wijkagenten op straat."])
    assert any("langer dan 5.000 tekens" in w for w in result.warnings)
    _assert_partition(result, range(3))
    assert all(len(q.text) < 1_000 for t in result.themes for q in t.quotes)


def test_it_refuses_ids_that_do_not_match():
    with pytest.raises(ThemeInputError, match="id's"):
        find_themes(["a b c", "d e f"], ids=[1])
    with pytest.raises(ThemeInputError, match="meer dan één keer"):
        find_themes(["de huur", "de bus"], ids=[7, 7])


def test_it_refuses_groups_of_the_wrong_length_and_unknown_methods():
    with pytest.raises(ThemeInputError, match="groepsindeling"):
        find_themes(["de huur", "de bus"], groups=["s1"])
    with pytest.raises(ThemeInputError, match="Onbekende methode"):
        find_themes(["de huur"], method="lda")
    with pytest.raises(ThemeInputError, match="lijst"):
        find_themes("één losse tekst")


def test_it_falls_back_to_tfidf_when_the_model_is_missing(monkeypatch, testset):
    monkeypatch.setattr(vectors, "semantic_available", lambda: False)
    texts, ids, _, _ = testset
    result = find_themes(texts[:60], ids=ids[:60], method="semantic")
    assert result.method == "tfidf"
    assert any("niet beschikbaar" in w for w in result.warnings)
    auto = find_themes(texts[:60], ids=ids[:60])
    assert auto.method == "tfidf" and not any("niet beschikbaar" in w for w in auto.warnings)
