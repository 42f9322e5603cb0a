"""The matching cache: hits skip the engine, damaged or foreign files are rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.core.article import Article
from newsreader.core.loader import load_paths
from newsreader.core.matching import cache, engine
from newsreader.core.matching.cache import cache_dir, cached_passages, content_key
from newsreader.core.sample import sample_path


@pytest.fixture
def articles() -> tuple[Article, ...]:
    return load_paths([sample_path()]).articles


def count_runs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    runs: list[int] = []
    real = engine.find_passages

    def counting(*args: object, **kwargs: object) -> object:
        runs.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(cache, "find_passages", counting)
    return runs


def entry(articles: tuple[Article, ...]) -> Path:
    return cache_dir() / f"{content_key(articles)}.json"


def test_second_run_is_a_cache_hit_with_equal_results(
    articles: tuple[Article, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = count_runs(monkeypatch)
    first = cached_passages(articles)
    second = cached_passages(articles)
    assert first == second and first
    assert len(runs) == 1
    assert entry(articles).is_file()
    assert not [p for p in cache_dir().iterdir() if p.name.startswith(".tmp-")]


def test_min_score_applies_to_cached_results(articles: tuple[Article, ...]) -> None:
    every = cached_passages(articles)
    assert cached_passages(articles, min_score=90) == tuple(p for p in every if p.score >= 90)


def test_changed_article_changes_the_key(articles: tuple[Article, ...]) -> None:
    from dataclasses import replace

    changed = (replace(articles[0], text=articles[0].text + " More."), *articles[1:])
    assert content_key(changed) != content_key(articles)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\xff\xfe garbage",
        b"{not json",
        b'{"format": "other"}',
        b"[]",
        b'{"format": "newsreader-matches", "key": "KEY", "passages": [{"id": 1}]}',
    ],
)
def test_damaged_or_foreign_cache_is_rebuilt(
    articles: tuple[Article, ...], monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    expected = cached_passages(articles, use_cache=False)
    path = entry(articles)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.replace(b"KEY", content_key(articles).encode()))
    runs = count_runs(monkeypatch)
    assert cached_passages(articles) == expected
    assert len(runs) == 1
    assert cached_passages(articles) == expected and len(runs) == 1


def test_unwritable_cache_is_not_fatal(
    articles: tuple[Article, ...], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("NEWSREADER_CACHE_DIR", str(blocker))
    assert cached_passages(articles)
