"""Alignment, grouping and offsets of the shared-passage engine, on made-up text."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.core.article import Article
from newsreader.core.matching import find_passages
from newsreader.core.matching.align import Thresholds, align, compare, judge
from newsreader.core.matching.normalize import tokenize

FILLER = [
    "harbour",
    "council",
    "budget",
    "winter",
    "railway",
    "museum",
    "garden",
    "teacher",
    "festival",
    "bridge",
    "orchard",
    "library",
    "engine",
    "village",
    "statue",
    "river",
    "market",
    "ferry",
    "cathedral",
    "lantern",
    "meadow",
    "quarry",
    "violin",
    "copper",
    "glacier",
    "saddle",
    "harvest",
    "tunnel",
    "beacon",
    "pottery",
]


def article(key: str, text: str) -> Article:
    return Article(key, f"{key}.txt", key, key, None, None, text)


def filler(seed: int, sentences: int) -> str:
    rng = random.Random(seed)
    return " ".join(
        " ".join(rng.choice(FILLER) for _ in range(rng.randint(6, 12))).capitalize() + "."
        for _ in range(sentences)
    )


def judged(a: str, b: str) -> tuple[str, float] | None:
    ta, tb = tokenize(a), tokenize(b)
    al = align(ta, (0, len(ta.forms)), tb, (0, len(tb.forms)))
    return None if al is None else judge(al, Thresholds())


def test_verbatim_allows_case_quotes_and_whitespace() -> None:
    a = "He said the “ministry would publish every contract” within a month of signing."
    b = 'he said the "Ministry  would publish every contract"\nwithin a month of signing.'
    assert judged(a, b) == ("verbatim", 100.0)


def test_near_copy_with_restyled_numbers_and_a_changed_word() -> None:
    a = "The government approved a $1.5 billion package to repair the flooded railway."
    b = "The government approved a 1.5 billion dollar package to rebuild the flooded railway."
    verdict = judged(a, b)
    assert verdict is not None and verdict[0] == "near"


def test_sentences_sharing_only_names_and_numbers_are_not_linked() -> None:
    a = "Police in Minsk said they detained 774 people at Sunday's protests against Lukashenko."
    b = "Lukashenko met Putin in Sochi on Sunday as 774 people remained in custody in Minsk."
    assert judged(a, b) is None


def test_shared_clause_is_clipped_to_the_shared_words() -> None:
    shared = (
        "the treaty obliges both parties to consult before any military deployment near the border"
    )
    a = f"Officials in the capital insisted on Monday that {shared}."
    b = f"Critics of the agreement noted: {shared}, a clause rarely invoked."
    passages = find_passages([article("a", a), article("b", b)])
    assert len(passages) == 1
    texts = {"a": a, "b": b}
    assert [texts[s.article][s.start : s.end] for s in passages[0].spans] == [shared, shared]


def test_three_articles_and_a_repeat_group_into_one_passage() -> None:
    shared = (
        "Engineers found that the western dam wall had shifted nearly four centimetres since spring"
    )
    texts = {
        "a": f"{filler(1, 4)} {shared}. {filler(2, 3)}",
        "b": f"{filler(3, 3)} {shared}. {filler(4, 2)}",
        "c": f"{shared}. {filler(5, 3)}\n\n{shared}. {filler(6, 2)}",
    }
    passages = find_passages([article(k, v) for k, v in texts.items()])
    big = [p for p in passages if len(p.spans) == 4]
    assert len(big) == 1
    assert [s.article for s in big[0].spans] == ["a", "b", "c", "c"]
    assert all(texts[s.article][s.start : s.end] == shared for s in big[0].spans)
    assert big[0].kind == "verbatim" and big[0].score == 100


def test_consecutive_shared_sentences_become_one_passage() -> None:
    shared = (
        "The committee rejected the proposal after a long debate. "
        "Its chairman said the budget could not absorb another delay this year."
    )
    a = f"{filler(7, 3)} {shared} {filler(8, 3)}"
    b = f"{filler(9, 2)}\n\n{shared}\n\n{filler(10, 2)}"
    passages = find_passages([article("a", a), article("b", b)])
    assert len(passages) == 1
    spans = passages[0].spans
    assert a[spans[0].start : spans[0].end] == shared.rstrip(".")


def test_unrelated_articles_share_nothing() -> None:
    assert find_passages([article("a", filler(11, 20)), article("b", filler(12, 20))]) == ()


def test_ids_are_stable_and_min_score_filters() -> None:
    a = "Voters in the coastal district rejected the new harbour tax by a wide margin on Sunday."
    b = "Voters in the coastal district rejected the new harbour levy by a wide margin on Sunday."
    arts = [article("a", a), article("b", b)]
    first, second = find_passages(arts), find_passages(arts)
    assert first == second and len(first) == 1
    assert find_passages(arts, min_score=first[0].score + 0.1) == ()


def test_empty_inputs() -> None:
    assert find_passages([]) == ()
    assert find_passages([article("a", ""), article("b", "  ")]) == ()


# Disjoint vocabularies: the planted run is then exactly the material both texts share.
words_a = st.lists(st.sampled_from(FILLER[:15]), min_size=0, max_size=40).map(" ".join)
words_b = st.lists(st.sampled_from(FILLER[15:]), min_size=0, max_size=40).map(" ".join)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), words_a, words_a, words_b, words_b)
def test_a_planted_passage_is_found_with_exact_offsets(
    seed: int, before_a: str, after_a: str, before_b: str, after_b: str
) -> None:
    rng = random.Random(seed)
    planted = " ".join(
        rng.choice(
            [
                "Quintessential",
                "zebra",
                "oxygen",
                "kettle",
                "nimbus",
                "ivory",
                "jasmine",
                "falcon",
                "umbrella",
                "yacht",
            ]
        )
        for _ in range(14)
    )
    a = f"{before_a}. {planted}. {after_a}"
    b = f"{before_b}\n\n{planted}! {after_b}"
    passages = find_passages([article("a", a), article("b", b)])
    texts = {"a": a, "b": b}
    exact = [
        p
        for p in passages
        if sorted((s.article, texts[s.article][s.start : s.end]) for s in p.spans)
        == [("a", planted), ("b", planted)]
    ]
    assert exact, [(p.spans, p.quote) for p in passages]


# Few distinct words, names and numbers, so that pairs land on both sides of every threshold.
mixed = st.lists(
    st.sampled_from(["harbour", "council", "budget", "the", "of", "Putin", "Kyiv", "12", "river"]),
    max_size=30,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(mixed, mixed)
def test_compare_gives_the_verdict_of_align_and_judge(a: str, b: str) -> None:
    ta, tb = tokenize(a), tokenize(b)
    ranges = (0, len(ta.forms)), (0, len(tb.forms))
    alignment = align(ta, ranges[0], tb, ranges[1])
    expected = None if alignment is None else judge(alignment, Thresholds())
    found = compare(ta, ranges[0], tb, ranges[1], Thresholds())
    assert (None if found is None else found[1]) == (None if expected is None else expected)
    if found is not None:
        assert found[0] == alignment
