"""Originality and own-words ranges for the reader."""

from __future__ import annotations

from newsreader.core.matching.coverage import originality, own_words, shared_ranges
from newsreader.core.matching.model import Passage, Span


def passage(*spans: tuple[str, int, int]) -> Passage:
    return Passage("p", "near", 80.0, "q", tuple(Span(*s) for s in spans))


def test_shared_ranges_merge_overlaps_and_ignore_other_articles() -> None:
    ps = [
        passage(("a", 10, 20), ("b", 0, 5)),
        passage(("a", 15, 30), ("a", 40, 50)),
        passage(("b", 1, 2), ("c", 3, 4)),
    ]
    assert shared_ranges("a", ps) == [(10, 30), (40, 50)]
    assert shared_ranges("z", ps) == []


def test_own_words_are_the_complement_trimmed() -> None:
    text = "Alpha beta. Gamma delta. Epsilon."
    ps = [passage(("a", 12, 23), ("b", 0, 5))]
    assert [text[s:e] for s, e in own_words("a", text, ps)] == ["Alpha beta.", "Epsilon."]


def test_own_words_without_passages_is_the_whole_text_and_empty_text_has_none() -> None:
    assert own_words("a", "  Hello there ", []) == [(2, 13)]
    assert own_words("a", "", []) == []
    assert own_words("a", "Hi", [passage(("a", 0, 2), ("b", 0, 2))]) == []


def test_originality_counts_non_space_characters() -> None:
    text = "abcd efgh"
    assert originality("a", text, []) == 1.0
    assert originality("a", text, [passage(("a", 0, 4), ("b", 0, 4))]) == 0.5
    assert originality("a", text, [passage(("a", 0, 9), ("b", 0, 4))]) == 0.0
    assert originality("a", "", []) == 1.0
