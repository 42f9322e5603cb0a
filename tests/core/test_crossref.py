"""The reader's view of passages: marks, Also in, per-article figures, ordering, word diffs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsreader.core.article import Article
from newsreader.core.crossref import CrossRef
from newsreader.core.matching import Pair, Passage, Span
from newsreader.core.ordering import hit_to_show, next_index, own_words_text, sort_articles
from newsreader.core.worddiff import word_diff


def art(article_id: str, text: str, *, source: str = "S", date: str | None = None) -> Article:
    return Article(article_id, article_id, article_id.upper(), source, date, None, text)


A = art(
    "a", "Shared words here. Own text of a. Shared words here.", source="Beta", date="2020-01-02"
)
B = art("b", "Intro of b. Shared words here!", source="alpha", date="2021-05-01")
C = art("c", "Nothing in common at all.", source="Gamma")
ACROSS = Passage(
    "p1",
    "near",
    90.0,
    "Shared words here",
    (Span("a", 0, 17), Span("b", 12, 29)),
    (Pair(0, 1, "near", 90.0),),
)
REPEAT = Passage(
    "p2", "verbatim", 100.0, "Shared words here", (Span("a", 0, 17), Span("a", 34, 51))
)
WEAK = Passage("p3", "paraphrase", 40.0, "Own text", (Span("a", 19, 33), Span("c", 0, 7)))


def crossref(min_score: float = 0) -> CrossRef:
    return CrossRef([A, B, C], [ACROSS, REPEAT, WEAK], min_score=min_score)


def test_marks_are_in_text_order_with_kind_outlets_and_repeats() -> None:
    marks = crossref().marks("a")
    assert [(m.start, m.end, m.passage) for m in marks] == [
        (0, 17, "p1"),
        (0, 17, "p2"),
        (19, 33, "p3"),
        (34, 51, "p2"),
    ]
    by_passage = {m.passage: m for m in marks}
    assert by_passage["p1"].others == 1 and not by_passage["p1"].repeat
    assert by_passage["p2"].others == 0 and by_passage["p2"].repeat
    assert by_passage["p3"].kind == "paraphrase"


def test_also_in_lists_other_articles_first_then_repeats() -> None:
    copies = crossref().also_in("p1", "a", 0)
    assert [(c.article, c.start, c.kind, c.score) for c in copies] == [("b", 12, "near", 90.0)]
    repeat = crossref().also_in("p2", "a", 34)
    assert [(c.article, c.start) for c in repeat] == [("a", 0)]
    assert crossref().also_in("missing", "a", 0) == ()


def test_threshold_drops_weak_passages_everywhere() -> None:
    strict = crossref(min_score=50)
    assert strict.count == 2
    assert {m.passage for m in strict.marks("a")} == {"p1", "p2"}
    assert strict.marks("c") == ()


def test_stats_count_only_passages_reaching_other_articles() -> None:
    stats = crossref().stats("a")
    assert stats.shared == 2  # p1 (with b) and p3 (with c); the repeat p2 is not "shared"
    assert 0 < stats.originality < 1
    assert crossref().stats("c").shared == 1
    assert crossref(min_score=50).stats("c").originality == 1.0


def test_own_words_exclude_cross_article_passages_but_not_repeats() -> None:
    own = crossref(min_score=50).own_words("a")
    texts = [A.text[s:e] for s, e in own]
    assert texts == ["Own text of a. Shared words here."]


def test_own_words_of_a_wholly_shared_text_are_empty() -> None:
    text = "Shared words here"
    x = CrossRef(
        [art("x", text), art("y", text)],
        [Passage("p", "verbatim", 100.0, text, (Span("x", 0, 17), Span("y", 0, 17)))],
    )
    assert x.own_words("x") == ()
    assert x.stats("x").originality == 0.0
    assert own_words_text(text, ()).startswith("(Every passage")


def test_partners_and_anchors() -> None:
    x = crossref()
    assert x.partners("a") == (("b", 1), ("c", 1))
    assert x.anchors("a", "b") == ((0, 12),)
    assert x.anchors("b", "c") == ()


def test_sort_modes() -> None:
    x = crossref()
    ids = lambda mode: [a.id for a in sort_articles([A, B, C], mode, stats=x.stats)]  # noqa: E731
    assert ids("list") == ["a", "b", "c"]
    assert ids("date") == ["b", "a", "c"]  # newest first, undated last
    assert ids("source") == ["b", "a", "c"]  # case-insensitive
    assert ids("originality")[0] == "c"
    assert ids("shared")[0] == "a"
    assert [a.id for a in sort_articles([A, B, C], "shared")] == ["a", "b", "c"]  # no stats yet


def test_next_index_wraps_both_ways() -> None:
    assert next_index([], None, 1) is None
    assert next_index([1, 5, 9], None, 1) == 0
    assert next_index([1, 5, 9], None, -1) == 2
    assert next_index([1, 5, 9], 2, 1) == 0
    assert next_index([1, 5, 9], 0, -1) == 2


def test_hit_to_show_keeps_going_forward_while_typing() -> None:
    hits = [(10, 12), (40, 45), (90, 95)]
    assert hit_to_show(hits, 40, lambda o: o // 10, 0) == 1
    assert hit_to_show(hits, None, lambda o: o // 10, 5) == 2
    assert hit_to_show(hits, None, lambda o: o // 10, 99) == 0
    assert hit_to_show([], 3, lambda o: o, 0) is None


def test_own_words_text_keeps_paragraphs_and_marks_gaps() -> None:
    text = "One two. Shared. Three.\n\nFour."
    assert own_words_text(text, [(0, 8), (17, 23), (25, 30)]) == "One two. … Three.\n\nFour."


def test_word_diff_marks_added_and_dropped_words_ignoring_quotes_and_case() -> None:
    diff = word_diff("“We see Belarus as our closest ally”", '"we see Belarus as our best ally"')
    assert diff == (
        ("same", '"we see Belarus as our'),
        ("dropped", "closest"),
        ("added", "best"),
        ("same", 'ally"'),
    )


@given(
    st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=8),
    st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=8),
)
def test_word_diff_rebuilds_both_copies(ours: list[str], theirs: list[str]) -> None:
    diff = word_diff(" ".join(ours), " ".join(theirs))
    assert " ".join(t for op, t in diff if op != "dropped").split() == theirs
    assert " ".join(t for op, t in diff if op != "added").split() == ours
