"""Search core: folding, transliteration variants, typos, phrases, ranking and offsets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsreader.core.article import Article
from newsreader.core.loader import load_paths
from newsreader.core.sample import sample_path
from newsreader.core.search import (
    SearchIndex,
    context_line,
    context_parts,
    filter_articles,
    find_in_text,
    parse_query,
)
from newsreader.core.search.fold import fold, tokens, word_set
from newsreader.core.search.variants import normalise, normalise_all, skeleton


def article(article_id: str, text: str, **fields: str) -> Article:
    return Article(
        id=article_id,
        path=f"{article_id}.txt",
        title=fields.get("title", article_id),
        source=fields.get("source", "Outlet"),
        date=fields.get("date"),
        url=None,
        text=text,
    )


def matched(index: SearchIndex, query: str, **options: object) -> list[tuple[str, str, bool]]:
    """(article, matched text, exact) for each hit, in rank order."""
    found = []
    for hit in index.search(query, **options):  # type: ignore[arg-type]
        source = index.article(hit.article)
        assert source is not None
        found.append((hit.article, source.text[hit.start : hit.end], hit.exact))
    return found


@pytest.fixture(scope="module")
def sample() -> tuple[Article, ...]:
    return load_paths([sample_path()]).articles


@pytest.fixture(scope="module")
def sample_index(sample: tuple[Article, ...]) -> SearchIndex:
    return SearchIndex.build(sample)


# --- folding and keys ---------------------------------------------------------------------


def test_fold_lowercases_and_strips_accents_and_scripts() -> None:
    assert fold("Łukaszenka") == "lukaszenka"
    assert fold("CAFÉ") == "cafe"
    assert fold("Ціханоўская") == "tsikhanouskaya"
    assert fold("Тихановская") == "tikhanovskaya"


def test_tokens_keep_original_offsets_when_folding_changes_length() -> None:
    text = "Straße, Ціханоўская’s café"
    spans = [(text[start:end], folded) for start, end, folded in tokens(text)]
    assert spans == [
        ("Straße", "strasse"),
        ("Ціханоўская", "tsikhanouskaya"),
        ("s", "s"),
        ("café", "cafe"),
    ]


def test_decomposed_accent_stays_inside_the_word() -> None:
    text = "Cafe\u0301 society"
    assert [text[s:e] for s, e, _ in tokens(text)] == ["Cafe\u0301", "society"]


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("tsikhanouskaya", "tikhanovskaya"),
        ("lukashenka", "lukashenko"),
        ("kyiv", "kiev"),
        ("sviatlana", "svetlana"),
        ("gorbatschow", "gorbachev"),
        ("janukowitsch", "yanukovych"),
    ],
)
def test_transliteration_variants_share_a_skeleton(one: str, other: str) -> None:
    assert skeleton(normalise(one)) == skeleton(normalise(other))


@given(st.text())
def test_word_set_is_the_set_of_token_folds(text: str) -> None:
    assert word_set(text) == {folded for _, _, folded in tokens(text)}


# --- the acceptance cases on the bundled sample -------------------------------------------


def test_tikhanovskaya_finds_every_spelling_in_every_article(
    sample: tuple[Article, ...], sample_index: SearchIndex
) -> None:
    mentions = {
        a.id for a in sample if any(name in a.text for name in ("Tikhanovskaya", "Tsikhanouskaya"))
    }
    assert mentions  # the sample mentions her
    found = matched(sample_index, "Tikhanovskaya")
    assert {article_id for article_id, _, _ in found} == mentions
    assert {text for _, text, _ in found} == {"Tikhanovskaya", "Tsikhanouskaya"}
    for _, text, exact in found:
        assert exact == (text == "Tikhanovskaya")


def test_lukashenka_finds_lukashenko(
    sample: tuple[Article, ...], sample_index: SearchIndex
) -> None:
    found = matched(sample_index, "Lukashenka")
    assert {text for _, text, _ in found} == {"Lukashenko"}
    assert not any(exact for _, _, exact in found)
    assert len(found) == sum(a.text.count("Lukashenko") for a in sample)


@pytest.mark.parametrize(
    "query", ["banana", "Merkel", "xylophone", "weather forecast", "Obama", "zzz", "qwerty"]
)
def test_unrelated_queries_find_nothing(sample_index: SearchIndex, query: str) -> None:
    assert sample_index.search(query) == ()


def test_svetlana_and_sviatlana(sample_index: SearchIndex) -> None:
    assert {text for _, text, _ in matched(sample_index, "Sviatlana")} == {"Sviatlana", "Svetlana"}


# --- tolerance and precision on small made-up texts ---------------------------------------


@pytest.fixture(scope="module")
def made_up() -> SearchIndex:
    return SearchIndex.build(
        [
            article("a", "Shelling near Kyiv continued. The bat flew over the boat."),
            article("b", "Reporters in Kiev said the café and the Cafe were closed."),
            article("c", "The government announced a referendum; the governmnet denied it."),
            article("d", "Belarus is Russia's closest ally, the closest of allies."),
            article("e", "Mr Gorbatschow met Janukowitsch. Gorbachev later met Yanukovych."),
        ]
    )


def test_kyiv_and_kiev_find_each_other(made_up: SearchIndex) -> None:
    assert matched(made_up, "Kyiv") == [("a", "Kyiv", True), ("b", "Kiev", False)]
    assert matched(made_up, "Kiev") == [("b", "Kiev", True), ("a", "Kyiv", False)]


def test_accents_and_case_do_not_matter_and_count_as_exact(made_up: SearchIndex) -> None:
    assert matched(made_up, "CAFE") == [("b", "café", True), ("b", "Cafe", True)]
    assert matched(made_up, "café") == matched(made_up, "cafe")


def test_typos_in_long_words_are_found_but_rank_after_exact(made_up: SearchIndex) -> None:
    assert matched(made_up, "government") == [
        ("c", "government", True),
        ("c", "governmnet", False),
    ]
    assert matched(made_up, "govrenment")[0] == ("c", "government", False)
    assert matched(made_up, "refrendum") == [("c", "referendum", False)]
    assert matched(made_up, "refernedum") == [("c", "referendum", False)]  # a swap is one typo


def test_short_words_do_not_fuzz(made_up: SearchIndex) -> None:
    assert matched(made_up, "bat") == [("a", "bat", True)]
    assert matched(made_up, "bet") == []
    assert matched(made_up, "boot") == []


def test_similar_common_words_are_not_variants() -> None:
    index = SearchIndex.build([article("p", "The palace was guarded by the polite police.")])
    assert [text for _, text, _ in matched(index, "police")] == ["police", "polite"]
    assert matched(index, "palace") == [("p", "palace", True)]


def test_german_and_english_transliterations_meet(made_up: SearchIndex) -> None:
    assert [text for _, text, _ in matched(made_up, "Gorbachev")] == ["Gorbachev", "Gorbatschow"]
    assert [text for _, text, _ in matched(made_up, "Yanukovych")] == ["Yanukovych", "Janukowitsch"]


def test_phrase_matches_consecutive_words_across_punctuation(made_up: SearchIndex) -> None:
    assert matched(made_up, "closest ally") == [("d", "closest ally", True)]
    assert matched(made_up, "ally closest") == []
    assert matched(made_up, "russia s closest") == [("d", "Russia's closest", True)]


def test_phrase_with_a_typo_is_fuzzy(made_up: SearchIndex) -> None:
    assert matched(made_up, "clossest ally") == [("d", "closest ally", False)]


def test_quoted_phrase_matches_exactly_only(made_up: SearchIndex) -> None:
    assert matched(made_up, '"closest ally"') == [("d", "closest ally", True)]
    assert matched(made_up, '"clossest ally"') == []
    assert matched(made_up, '"Kiev"') == [("b", "Kiev", True)]


def test_exact_hits_always_rank_above_fuzzy_ones() -> None:
    # The fuzzy spellings come first in article order; ranking must still put exact first.
    index = SearchIndex.build(
        [article(str(n), "Lukashenka spoke. " * 3) for n in range(5)]
        + [article("last", "Then Lukashenko spoke.")]
    )
    hits = index.search("Lukashenko")
    assert hits[0].exact and hits[0].article == "last"
    assert [hit.exact for hit in hits] == [True] + [False] * 15
    assert index.search("Lukashenko", limit=1) == hits[:1]


def test_limit_keeps_the_best_hits_in_order(made_up: SearchIndex) -> None:
    full = made_up.search("the")
    for limit in range(1, len(full) + 2):
        assert made_up.search("the", limit=limit) == full[:limit]


def test_search_in_one_article(made_up: SearchIndex) -> None:
    assert matched(made_up, "Kyiv", article_id="b") == [("b", "Kiev", False)]
    assert made_up.search("Kyiv", article_id="missing") == ()


def test_prefix_matches_only_while_typing(made_up: SearchIndex) -> None:
    assert matched(made_up, "gover") == []
    assert [text for _, text, _ in matched(made_up, "gover", prefix=True)] == [
        "government",
        "governmnet",
    ]
    # A trailing space says the word is finished.
    assert matched(made_up, "gover ", prefix=True) == []
    assert matched(made_up, "closest al", prefix=True) == [("d", "closest ally", False)]


def test_one_typed_letter_still_finds_words_and_completions() -> None:
    index = SearchIndex.build([article("x", "A ally and a Belarus in a bind.")])
    found = [text for _, text, _ in matched(index, "a", prefix=True)]
    assert found[:3] == ["A", "a", "a"] and set(found[3:]) == {"ally", "and"}


def test_prefix_exact_word_ranks_first(made_up: SearchIndex) -> None:
    found = matched(made_up, "the", prefix=True)
    assert found[0][2] is True
    assert all(text.lower() == "the" for _, text, exact in found if exact)


def test_empty_and_symbol_queries_find_nothing(made_up: SearchIndex) -> None:
    for query in ("", "   ", "!!", '""', "—"):
        assert made_up.search(query) == ()
        assert made_up.search(query, prefix=True) == ()


def test_parse_query_quotes_and_prefix() -> None:
    words = parse_query('Putin "closest ally', prefix=True)
    assert [(w.folded, w.exact_only, w.prefix) for w in words] == [
        ("putin", False, False),
        ("closest", True, False),
        ("ally", True, True),
    ]
    assert not parse_query('"closest ally"', prefix=True)[-1].prefix


def test_find_in_text_returns_spans_in_reading_order() -> None:
    text = "Kiev today; Kyiv tomorrow; KYIV always."
    assert [text[s:e] for s, e in find_in_text(text, "Kyiv")] == ["Kiev", "Kyiv", "KYIV"]


# --- offsets round-trip -------------------------------------------------------------------

_words = st.sampled_from(
    ["Lukashenko", "Lukashenka", "Kyiv", "Kiev", "café", "Straße", "Ціханоўская", "the", "ally"]
)
_glue = st.sampled_from([" ", ", ", "\n\n", "’s ", " — ", "-", "\u0301 ", "  "])


@given(st.lists(st.tuples(_words, _glue), max_size=30), _words, st.booleans())
def test_hit_offsets_round_trip(parts: list[tuple[str, str]], query: str, prefix: bool) -> None:
    text = "".join(word + glue for word, glue in parts)
    index = SearchIndex.build([article("x", text)])
    for hit in index.search(query, prefix=prefix):
        assert 0 <= hit.start < hit.end <= len(text)
        piece = text[hit.start : hit.end]
        assert piece == piece.strip()
        if hit.exact:
            assert fold(piece) == fold(query)


@given(st.text(max_size=200), st.text(max_size=20))
def test_any_text_and_query_never_crash_and_offsets_are_words(text: str, query: str) -> None:
    index = SearchIndex.build([article("x", text)])
    starts = {start for start, _, _ in tokens(text)}
    ends = {end for _, end, _ in tokens(text)}
    for hit in index.search(query, prefix=True):
        assert hit.start in starts and hit.end in ends


# --- context and list filter --------------------------------------------------------------


@given(st.text(max_size=300), st.integers(0, 300), st.integers(0, 50))
def test_context_is_one_line_containing_the_hit(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    end = min(len(text), start + length)
    line = context_line(text, start, end)
    before, middle, after = context_parts(text, start, end)
    assert line == before + middle + after
    assert "\n" not in line and "\r" not in line


def test_context_is_cut_at_spaces_with_ellipses() -> None:
    text = "word " * 100 + "TARGET" + " word" * 100
    start = text.index("TARGET")
    line = context_line(text, start, start + 6, width=40)
    assert line.startswith("…word") and line.endswith("word…") and "TARGET" in line
    assert len(line) <= 42


def test_filter_articles_by_title_source_and_date() -> None:
    items = [
        article("1", "", title="Putin meets Lukashenko", source="Reuters", date="2020-09-14"),
        article("2", "", title="Café prices rise", source="Le Monde", date="2019-01-02"),
    ]
    assert filter_articles(items, "") == tuple(items)
    assert filter_articles(items, "luka") == (items[0],)
    assert filter_articles(items, "CAFE") == (items[1],)
    assert filter_articles(items, "le mon") == (items[1],)
    assert filter_articles(items, "2020-09") == (items[0],)
    assert filter_articles(items, "reuters putin") == (items[0],)
    assert filter_articles(items, "bbc") == ()


# --- the keystroke plan: limits, completions, both ways of folding ------------------------

_plan_words = st.sampled_from(
    ["Supreme", "Court", "court", "c", "co", "Lukashenko", "Lukashenka", "Kyiv", "Kiev", "the"]
)


@given(
    st.lists(st.lists(_plan_words, max_size=12).map(" ".join), min_size=1, max_size=8),
    st.lists(_plan_words, min_size=1, max_size=2).map(" ".join),
    st.integers(1, 4),
    st.booleans(),
)
def test_limited_search_is_the_head_of_the_full_ranking(
    texts: list[str], query: str, cut: int, prefix: bool
) -> None:
    # However the plan orders and stops its reading, the hits kept are the best ones.
    index = SearchIndex.build([article(str(n), text) for n, text in enumerate(texts)])
    for typed in (query, query[:cut], query[: len(query) - cut]):
        full = index.search(typed, prefix=prefix)
        for limit in (1, 2, 5):
            assert index.search(typed, prefix=prefix, limit=limit) == full[:limit]


def test_a_typed_letter_after_a_word_finds_every_completion() -> None:
    # No article holds the word "c" itself; every "Supreme Court" is still found.
    index = SearchIndex.build(
        [article(str(n), f"The Supreme Court ruled. Item {n}.") for n in range(30)]
    )
    hits = index.search("Supreme C", prefix=True, limit=200)
    assert len(hits) == 30 and not any(hit.exact for hit in hits)


def test_a_completion_outranks_a_typo_of_the_typed_word() -> None:
    index = SearchIndex.build([article("x", "Pelosi and Peloso.")])
    assert matched(index, "Pelos", prefix=True) == [("x", "Pelosi", False), ("x", "Peloso", False)]
    assert {hit.score for hit in index.search("Pelos", prefix=True)} == {0.85}


@given(st.text(alphabet="ab Zé’—-_1\u0301\n", max_size=80))
def test_ascii_and_unicode_folding_agree(text: str) -> None:
    assert word_set(text) == {folded for _, _, folded in tokens(text)}


@given(st.lists(st.text(alphabet="abchjkostuvwyz019", min_size=1, max_size=12), max_size=20))
def test_normalising_many_words_at_once_is_normalising_each(words: list[str]) -> None:
    assert normalise_all(words) == [normalise(word) for word in words]
