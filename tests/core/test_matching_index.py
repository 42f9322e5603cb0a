"""The candidate index: sort-based grouping and pair counting against plain Python references."""

from __future__ import annotations

import random
from array import array
from collections import Counter
from itertools import combinations, pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.core.article import Article
from newsreader.core.matching import engine, find_passages
from newsreader.core.matching.compact import Encoded
from newsreader.core.matching.features import PAIR_MIX, sentence_features
from newsreader.core.matching.index import (
    MIN_SHARED,
    POSTING_CAP,
    build_index,
    candidate_pairs,
    grouped,
)
from newsreader.core.matching.normalize import NAME, NUMBER, STOP, WORD, stem


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 40), max_size=300), st.integers(0, 62))
def test_grouped_is_a_stable_argsort(small: list[int], shift: int) -> None:
    # Keys that differ only in their low bits are exactly the ones the packing must untangle.
    keys = (np.array(small, dtype=np.int64) % 7) << shift | np.array(small, dtype=np.int64) % 5
    order, values = grouped(keys)
    assert order.tolist() == np.argsort(keys, kind="stable").tolist()
    assert values.tolist() == keys[order].tolist()


def test_grouped_of_negative_and_extreme_keys() -> None:
    rng = np.random.default_rng(3)
    keys = rng.choice(
        np.array([-(2**63), -1, 0, 1, 2**63 - 1, -(2**40) + 3, 2**40 + 3], dtype=np.int64), 500
    )
    assert grouped(keys)[0].tolist() == np.argsort(keys, kind="stable").tolist()


def _sentences(seed: int, count: int) -> list[set[int]]:
    """Feature sets with a skewed vocabulary: some features exceed the posting cap."""
    rng = random.Random(seed)
    vocabulary = [rng.getrandbits(64) - 2**63 for _ in range(120)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    return [set(rng.choices(vocabulary, weights, k=rng.randint(0, 12))) for _ in range(count)]


def _reference(sentences: list[set[int]]) -> list[tuple[int, int]]:
    """Pairs sharing MIN_SHARED features found in 2..POSTING_CAP sentences, counted naively."""
    found = Counter(key for keys in sentences for key in keys)
    kept = [{k for k in keys if 1 < found[k] <= POSTING_CAP} for keys in sentences]
    return [
        (i, j)
        for i, j in combinations(range(len(sentences)), 2)
        if len(kept[i] & kept[j]) >= MIN_SHARED
    ]


@pytest.mark.parametrize("seed", range(4))
def test_candidate_pairs_match_a_naive_count(seed: int) -> None:
    sentences = _sentences(seed, 400)
    # Two articles, so sentence numbers, articles and token bounds all get checked.
    bounds = [array("i", range(0, 5 * 250 + 1, 5)), array("i", range(0, 7 * 150 + 1, 7))]
    articles = [Encoded(array("i"), array("i"), array("i"), b"", b"", b) for b in bounds]
    features = np.array([key for keys in sentences for key in keys], dtype=np.int64)
    counts = np.array([len(keys) for keys in sentences], dtype=np.int64)
    index = build_index(articles, features, counts)
    assert list(index.article) == [0] * 250 + [1] * 150
    assert index.first[251] == 7 and index.last[251] == 14
    pairs: list[tuple[int, int]] = []
    for lo in range(0, 400, 37):
        firsts, seconds = candidate_pairs(index, lo, min(lo + 37, 400))
        pairs.extend(zip(firsts, seconds, strict=True))
    assert pairs == _reference(sentences)
    assert pairs, "the data should produce some candidates"


def test_an_empty_index_has_no_candidates() -> None:
    empty = np.zeros(0, dtype=np.int64)
    index = build_index([], empty, empty)
    assert len(index) == 0
    assert candidate_pairs(index, 0, 0) == ([], [])


def test_the_worker_pool_finds_what_one_process_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(11)
    words = [f"w{n}ord" for n in range(400)]
    shared = [
        " ".join(rng.choice(words) for _ in range(rng.randint(10, 18))) + "." for _ in range(30)
    ]
    texts = [
        " ".join(
            rng.choice(shared)
            if rng.random() < 0.2
            else " ".join(rng.choice(words) for _ in range(12)) + "."
            for _ in range(8)
        )
        for _ in range(60)
    ]
    articles = [Article(f"a{n}", f"a{n}.txt", "t", "s", None, None, t) for n, t in enumerate(texts)]
    monkeypatch.setattr(engine, "ENCODE_CHUNK", 7)
    monkeypatch.setattr(engine, "ALIGN_CHUNK", 50)
    alone = find_passages(articles, workers=1)
    monkeypatch.setattr(engine, "PARALLEL_FROM", 10)
    assert find_passages(articles, workers=2) == alone
    assert alone


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 5), st.sampled_from([STOP, NAME, NUMBER, WORD])), max_size=60
    ),
    st.lists(st.integers(1, 6), max_size=12),
)
def test_sentence_features_follow_the_definition(
    tokens: list[tuple[int, int]], cuts: list[int]
) -> None:
    vocabulary = ["harbour", "harbours", "the", "Putin", "1.5", "ferry"]
    lengths = []
    left = len(tokens)
    for cut in cuts:
        lengths.append(min(cut, left))
        left -= lengths[-1]
    lengths.append(left)
    forms = np.array([form for form, _ in tokens], dtype=np.int64)
    classes = bytes(kind for _, kind in tokens)
    features, counts = sentence_features(
        vocabulary, forms, classes, np.array(lengths, dtype=np.int64)
    )
    assert counts.tolist() == [len(group) for group in np.split(features, np.cumsum(counts)[:-1])]
    expected: list[list[int]] = []
    start = 0
    for length in lengths:
        words = [(vocabulary[f], k) for f, k in tokens[start : start + length]]
        keys = [hash(stem(w)) for w, k in words if k == WORD]
        keys += [
            _signed((hash(a) * PAIR_MIX + hash(b)) % 2**64)
            for (a, ka), (b, kb) in pairwise(words)
            if ka != STOP or kb != STOP
        ]
        expected.append(sorted(keys))
        start += length
    found = [sorted(group.tolist()) for group in np.split(features, np.cumsum(counts)[:-1])]
    assert found == expected


def _signed(value: int) -> int:
    """A 64-bit pattern as numpy's int64 reads it (numpy wraps on overflow)."""
    return value - 2**64 if value >= 2**63 else value


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 40), max_size=300), st.integers(0, 62))
def test_grouped_in_its_own_buffer_gives_the_same_order_and_values(
    small: list[int], shift: int
) -> None:
    keys = (np.array(small, dtype=np.int64) % 7) << shift | np.array(small, dtype=np.int64) % 5
    expected_order, expected_values = grouped(keys.copy())
    order, values = grouped(keys, reuse=True)
    assert order.tolist() == expected_order.tolist()
    assert values.tolist() == expected_values.tolist()
    assert values is keys  # sorted in its own buffer, not copied


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 5), max_size=40), st.data())
def test_owners_of_entries_follow_the_counts(counts: list[int], data: st.DataObject) -> None:
    from newsreader.core.matching.grouping import owners_of

    owners = [s for s, count in enumerate(counts) for _ in range(count)]
    entries = data.draw(st.lists(st.integers(0, max(len(owners) - 1, 0)), max_size=50))
    entries = entries if owners else []
    found = owners_of(np.array(counts, dtype=np.int32), np.array(entries, dtype=np.int32))
    assert found.tolist() == [owners[e] for e in entries]
