"""Every cache (http, matching, search): a damaged or foreign file is set aside and rebuilt.

Each is also written atomically: a write that fails half way leaves the old file whole and
no temporary file behind. (kill -9 during writes is tested for the SQLite state in
tests/core/test_state.py; the caches use the same temp-file-and-rename pattern tested here.)
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from newsreader.core.article import Article
from newsreader.core.cache import CORRUPT_SUFFIX, Cache, Entry
from newsreader.core.matching import cache as matching_cache
from newsreader.core.search import cache as search_cache

DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda data: data[: len(data) // 2],
    "empty": lambda data: b"",
    "foreign": lambda data: b"PK\x03\x04 someone else's file" + os.urandom(64),
    "flipped": lambda data: bytes(255 - b for b in data),
    "grown": lambda data: data + b"\x00" * 7,
}

ARTICLES = tuple(
    Article(f"a{n}", f"a{n}.txt", f"T{n}", f"S{n}", None, None, text)
    for n, text in enumerate(
        [
            "The council approved the new bridge across the river after a decade of debate.",
            "After a decade of debate the council approved the new bridge across the river.",
            "Nothing in common with the others at all, a story about gardens and bees.",
        ]
    )
)


def only_file(folder: Path, pattern: str) -> Path:
    (path,) = [p for p in folder.rglob(pattern) if not p.name.endswith(CORRUPT_SUFFIX)]
    return path


def check_set_aside(path: Path, original: bytes, damaged: bytes, caplog: pytest.LogCaptureFixture):
    aside = path.with_name(path.name + CORRUPT_SUFFIX)
    assert aside.read_bytes() == damaged  # kept as found, for a bug report
    assert path.read_bytes() != damaged  # the rebuilt entry took its place
    assert any("set aside" in record.getMessage() for record in caplog.records)
    assert not [p for p in path.parent.iterdir() if "tmp" in p.name]
    del original


@pytest.mark.parametrize("how", DAMAGE)
def test_http_cache(tmp_path: Path, how: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, "newsreader.cache")
    cache = Cache(tmp_path)
    url = "https://example.test/story"
    cache.put(url, Entry(url, '"e1"', None, "text/html", b"<p>body</p>"))
    path = only_file(tmp_path, "*.cache")
    original = path.read_bytes()
    damaged = DAMAGE[how](original)
    path.write_bytes(damaged)
    assert cache.get(url) is None
    assert path.with_name(path.name + CORRUPT_SUFFIX).exists() and not path.exists()
    cache.put(url, Entry(url, '"e2"', None, "text/html", b"<p>fresh</p>"))
    assert cache.get(url) == Entry(url, '"e2"', None, "text/html", b"<p>fresh</p>")
    check_set_aside(path, original, damaged, caplog)


@pytest.mark.parametrize("how", DAMAGE)
def test_matching_cache(tmp_path: Path, how: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, "newsreader.cache")
    expected = matching_cache.cached_passages(ARTICLES)
    path = only_file(matching_cache.cache_dir(), "*.json")
    original = path.read_bytes()
    damaged = DAMAGE[how](original)
    path.write_bytes(damaged)
    assert matching_cache.cached_passages(ARTICLES) == expected
    check_set_aside(path, original, damaged, caplog)
    assert matching_cache.cached_passages(ARTICLES) == expected  # and the rebuilt one is read


@pytest.mark.parametrize("how", DAMAGE)
def test_search_cache(tmp_path: Path, how: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, "newsreader.cache")
    search_cache.load_or_build(ARTICLES, tmp_path)
    path = only_file(tmp_path, "*.idx")
    original = path.read_bytes()
    damaged = DAMAGE[how](original)
    path.write_bytes(damaged)
    index = search_cache.load_or_build(ARTICLES, tmp_path)
    assert index.search("bridge")
    check_set_aside(path, original, damaged, caplog)
    key = search_cache.content_key(ARTICLES)
    assert search_cache.load(path, ARTICLES, key) is not None


def test_absent_entries_are_not_reported(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, "newsreader.cache")
    assert Cache(tmp_path).get("https://example.test/none") is None
    assert matching_cache.load(tmp_path / "none.json", "k") is None
    assert search_cache.load(tmp_path / "none.idx", ARTICLES, "k") is None
    assert caplog.records == [] and list(tmp_path.iterdir()) == []


def test_a_write_that_fails_half_way_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The moment of a crash between writing the temporary file and renaming it."""
    cache = Cache(tmp_path)
    url = "https://example.test/story"
    cache.put(url, Entry(url, None, None, "text/html", b"old"))
    matching_cache.cached_passages(ARTICLES)
    search_cache.load_or_build(ARTICLES, tmp_path / "search")
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    files += [p for p in matching_cache.cache_dir().rglob("*") if p.is_file()]
    before = {p: p.read_bytes() for p in files}

    def crash(*args: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:  # undo() would also undo the isolated cache folder
        patch.setattr(os, "replace", crash)
        cache.put(url, Entry(url, None, None, "text/html", b"new"))
        key = matching_cache.content_key(ARTICLES)
        matching_cache.store(matching_cache.cache_dir() / f"{key}.json", key, ())
        index = search_cache.SearchIndex.build(ARTICLES)
        key = search_cache.content_key(ARTICLES)
        assert not search_cache.save(index, tmp_path / "search" / f"{key}.idx", key)
    after = [p for p in tmp_path.rglob("*") if p.is_file()]
    after += [p for p in matching_cache.cache_dir().rglob("*") if p.is_file()]
    assert {p: p.read_bytes() for p in after} == before  # old files whole, no temporary left
