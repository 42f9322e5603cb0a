"""Packed articles (ids and deflated texts) match exactly as the articles themselves do,
and the engine's memory hand-offs (a taken column, memory given back) lose nothing."""

from __future__ import annotations

import platform
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsreader.core.article import Article
from newsreader.core.loader import load_paths
from newsreader.core.matching import engine, find_passages
from newsreader.core.matching.cache import content_key
from newsreader.core.matching.grouping import Column
from newsreader.core.matching.index import build_index, candidate_pairs
from newsreader.core.matching.packed import PackedArticles, ids_of, texts_of
from newsreader.core.memory import give_back, map_big_blocks
from newsreader.core.sample import sample_path


def _article(number: int, text: str) -> Article:
    return Article(f"a{number}", f"a{number}.txt", f"T{number}", "S", None, None, text)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(max_size=300), max_size=12))
def test_packed_texts_and_ids_read_back_exactly(texts: list[str]) -> None:
    articles = [_article(n, text) for n, text in enumerate(texts)]
    packed = PackedArticles(articles)
    assert len(packed) == len(articles)
    assert list(texts_of(packed)) == texts == list(texts_of(articles))
    assert list(ids_of(packed)) == [a.id for a in articles] == list(ids_of(articles))
    assert texts_of(packed)[1:4] == texts[1:4] == texts_of(articles)[1:4]
    assert [(a.id, a.text) for a in packed[::2]] == [(a.id, a.text) for a in articles[::2]]


def test_texts_that_are_not_valid_unicode_survive_packing() -> None:
    odd = "lone \ud800 surrogate, \u202e bidi, \x00 nul, \u2019 curly"
    packed = PackedArticles([_article(0, odd)])
    assert packed.texts[0] == odd and packed[0].text == odd and packed[-1].id == "a0"


def test_packed_articles_give_the_same_passages_and_cache_key() -> None:
    articles = load_paths([sample_path()]).articles
    packed = PackedArticles(articles)
    assert find_passages(packed) == find_passages(articles)
    assert find_passages(articles), "the sample shares passages"
    assert content_key(packed) == content_key(articles)
    assert content_key(PackedArticles(articles[1:])) != content_key(packed)


def test_packed_articles_in_the_worker_pool_give_the_same_passages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(5)
    words = [f"w{n}rd" for n in range(300)]
    shared = [" ".join(rng.choice(words) for _ in range(14)) + "." for _ in range(20)]
    texts = [
        " ".join(
            rng.choice(shared) if rng.random() < 0.25 else " ".join(rng.sample(words, 12)) + "."
            for _ in range(6)
        )
        for _ in range(50)
    ]
    articles = [_article(n, text) for n, text in enumerate(texts)]
    monkeypatch.setattr(engine, "ENCODE_CHUNK", 6)
    alone = find_passages(articles, workers=1)
    monkeypatch.setattr(engine, "PARALLEL_FROM", 10)
    assert find_passages(PackedArticles(articles), workers=2) == alone
    assert alone


def test_a_taken_column_is_empty_and_the_index_built_from_it_is_the_same() -> None:
    from array import array

    from newsreader.core.matching.compact import Encoded

    rng = np.random.default_rng(3)
    counts = rng.integers(3, 9, size=200).astype(np.int32)
    features = rng.integers(0, 60, size=int(counts.sum())).astype(np.int64)
    bounds = array("i", range(0, 4 * 200 + 1, 4))
    articles = [Encoded(array("i"), array("i"), array("i"), b"", b"", bounds)]
    column = Column(np.int64)
    column.extend(features[:100])
    column.extend(features[100:])
    from_column = build_index(articles, column, counts)
    assert len(column.values()) == 0 and len(column.take()) == 0
    from_array = build_index(articles, features, counts)
    assert candidate_pairs(from_column, 0, 200) == candidate_pairs(from_array, 0, 200)
    assert candidate_pairs(from_array, 0, 200)[0], "the data should produce candidates"


def test_giving_memory_back_is_harmless_and_works_on_glibc() -> None:
    glibc = platform.system() == "Linux" and platform.libc_ver()[0] == "glibc"
    kept = [bytes(1000) for _ in range(1000)]
    assert give_back() is glibc
    assert all(len(item) == 1000 for item in kept)
    big = np.ones(1 << 21, dtype=np.uint8)
    assert map_big_blocks() is glibc  # the setting is for this process from now on
    assert int(big.sum()) == 1 << 21 and int(np.ones(1 << 21, dtype=np.uint8).sum()) == 1 << 21


def test_aligning_in_one_process_goes_range_by_range_and_finds_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    articles = load_paths([sample_path()]).articles
    whole = find_passages(articles, workers=1)
    calls: list[tuple[int, int]] = []
    original = engine.align_range

    def spy(corpus: object, index: object, lo: int, hi: int, *rest: object) -> object:
        calls.append((lo, hi))
        return original(corpus, index, lo, hi, *rest)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "ALIGN_CHUNK", 5)
    monkeypatch.setattr(engine, "align_range", spy)
    assert find_passages(articles, workers=1) == whole
    assert len(calls) > 1 and all(hi - lo <= 5 for lo, hi in calls)
