"""The on-disk index cache: reused when the text is the same, rebuilt when anything is off."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsreader.core.article import Article
from newsreader.core.search import SearchIndex, cache_dir, load_or_build
from newsreader.core.search import cache as search_cache


def articles(*texts: str) -> list[Article]:
    return [
        Article(id=f"a{n}", path=f"a{n}.txt", title="t", source="s", date=None, url=None, text=text)
        for n, text in enumerate(texts)
    ]


def same_index(one: SearchIndex, other: SearchIndex) -> bool:
    return (one.words, one.offsets, one.postings) == (other.words, other.offsets, other.postings)


def test_cache_dir_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSREADER_CACHE_DIR", str(tmp_path))
    assert cache_dir() == tmp_path / "search"


def test_saved_index_is_loaded_back_identical(tmp_path: Path) -> None:
    items = articles("Putin met Lukashenko in Sochi.", "Kyiv and Kiev; café.")
    built = load_or_build(items, tmp_path)
    files = list(tmp_path.glob("*.idx"))
    assert len(files) == 1 and not list(tmp_path.glob(".tmp-*"))
    key = search_cache.content_key(items)
    loaded = search_cache.load(files[0], items, key)
    assert loaded is not None and same_index(loaded, built)
    assert loaded.search("Kyiv") == built.search("Kyiv")


def test_changed_text_gets_a_new_key() -> None:
    assert search_cache.content_key(articles("a b")) != search_cache.content_key(articles("a c"))
    assert search_cache.content_key(articles("ab", "")) != search_cache.content_key(
        articles("a", "b")
    )


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: b"",
        lambda data: b"junk" + data,
        lambda data: data.replace(f'"format": {search_cache.FORMAT}'.encode(), b'"format": 0'),
        lambda data: data[:-4],
        lambda data: data + b"\x00\x00\x00\x00",
        lambda data: bytes(255 - b for b in data),
    ],
)
def test_corrupt_cache_is_ignored_and_rebuilt(tmp_path: Path, damage: object) -> None:
    items = articles("Putin met Lukashenko in Sochi.", "Kyiv and Kiev.")
    reference = load_or_build(items, tmp_path)
    (path,) = tmp_path.glob("*.idx")
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    rebuilt = load_or_build(items, tmp_path)
    assert same_index(rebuilt, reference)
    assert search_cache.load(path, items, search_cache.content_key(items)) is not None


def test_unwritable_cache_still_gives_an_index(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    index = load_or_build(articles("Putin spoke."), blocker / "search")
    assert index.search("Putin")


def test_old_files_are_pruned(tmp_path: Path) -> None:
    for number in range(search_cache.KEEP_FILES + 3):
        load_or_build(articles(f"text number {number}"), tmp_path)
    assert len(list(tmp_path.glob("*.idx"))) == search_cache.KEEP_FILES
