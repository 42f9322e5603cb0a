"""Loading and indexing in a child process: the same articles, skipped inputs and search
index as in-process, the listing before the texts, and cancel and failure handled."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from newsreader.core.article import Article
from newsreader.core.library_process import ChildError, LibraryProcess
from newsreader.core.loader import load_paths
from newsreader.core.sample import sample_path
from newsreader.core.search import SearchIndex
from newsreader.core.sources.records import PENDING_NOTE


def dump(path: Path, count: int) -> Path:
    records = [
        {"id": f"n{n % (count - 3)}", "title": f"Title {n}", "text": f"Story {n} body.\n\nMore."}
        for n in range(count)
    ]  # a few ids repeat: the loader renames them, and the child must say so
    path.write_text("\n".join(json.dumps(r) for r in records) + "\nnot json\n")
    return path


def test_same_result_and_index_as_in_process(tmp_path: Path) -> None:
    paths = (str(sample_path()), str(dump(tmp_path / "d.jsonl", 2500)), str(tmp_path / "gone"))
    expected = load_paths(paths)
    previews: list[list[Article]] = []
    early: list[int] = []
    process = LibraryProcess(paths)
    result = process.load(preview=previews.append, early=lambda got: early.append(len(got)))
    assert result == expected
    assert any("not valid JSON" in s.reason for s in result.skipped)
    assert len(previews) == 1 and len(previews[0]) == len(expected.articles)
    assert [a.title for a in previews[0]] == [a.title for a in expected.articles]
    assert all(a.notes == (PENDING_NOTE,) for a in previews[0][-2500:])
    assert early and early == sorted(early)
    index = process.index(result.articles)
    built = SearchIndex.build(result.articles)
    assert index is not None
    assert (index.words, index.offsets, index.postings) == (
        built.words,
        built.offsets,
        built.postings,
    )
    assert index.search("story") == built.search("story")


def test_cancel_returns_none_and_stops_the_child(tmp_path: Path) -> None:
    cancel = threading.Event()
    process = LibraryProcess((str(dump(tmp_path / "d.jsonl", 50_000)),), cancel=cancel)
    threading.Timer(0.2, cancel.set).start()
    start = time.perf_counter()
    assert process.load() is None
    assert time.perf_counter() - start < 10
    assert not process._child.is_alive()


def test_a_failure_in_the_child_raises_with_its_traceback() -> None:
    process = LibraryProcess((None,))  # type: ignore[arg-type]
    with pytest.raises(ChildError, match="Error"):
        process.load()
