"""Matching in a child process: same passages as in-process, progress relayed, cancel and
failure handled, safe to call from a thread of a multi-threaded process."""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
import time
from pathlib import Path

import pytest

from newsreader.core.article import Article
from newsreader.core.loader import load_paths
from newsreader.core.matching import find_passages
from newsreader.core.matching.background import BackgroundError, passages_in_background
from newsreader.core.matching.cache import cache_dir
from newsreader.core.sample import sample_path


@pytest.fixture
def articles() -> tuple[Article, ...]:
    return load_paths([sample_path()]).articles


def test_same_passages_as_in_process_and_progress_is_relayed(
    articles: tuple[Article, ...],
) -> None:
    seen: list[tuple[str, int, int]] = []
    result = passages_in_background(
        articles, progress=lambda stage, done, total: seen.append((stage, done, total))
    )
    assert result == find_passages(articles)
    assert {stage for stage, _, _ in seen} >= {"normalise", "index", "align", "group"}
    assert list(cache_dir().glob("*.json")), "the child writes the usual cache entry"


def test_runs_from_a_thread_while_other_threads_are_busy(articles: tuple[Article, ...]) -> None:
    stop = threading.Event()
    busy = threading.Thread(target=lambda: stop.wait(30), daemon=True)
    busy.start()
    out: list[object] = []
    worker = threading.Thread(
        target=lambda: out.append(passages_in_background(articles, use_cache=False))
    )
    worker.start()
    worker.join(60)
    stop.set()
    assert out == [find_passages(articles)]


def test_cancel_returns_none_and_stops_the_child(articles: tuple[Article, ...]) -> None:
    cancel = threading.Event()
    cancel.set()
    before = {t.name for t in threading.enumerate()}
    start = time.perf_counter()
    assert passages_in_background(articles * 200, cancel=cancel) is None
    assert time.perf_counter() - start < 30
    assert {t.name for t in threading.enumerate()} <= before | {"MainThread"}


def _group(pgid: int) -> set[int]:
    """Live processes in process group ``pgid`` (orphans stay in it when their parent dies)."""
    found = set()
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if entry.name.isdigit() and int(fields[2]) == pgid and fields[0] != "Z":
                found.add(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_cancel_mid_run_also_stops_the_childs_worker_pool() -> None:
    from newsreader.core.matching.engine import PARALLEL_FROM

    articles = [
        Article(f"a{i}", f"a{i}", f"T{i}", "S", None, None, f"Words of story {i} here. " * 400)
        for i in range(PARALLEL_FROM * 2)
    ]
    cancel = threading.Event()
    groups: dict[int, set[int]] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "normalise" and done > 0 and not cancel.is_set():
            # Chunks are arriving from the pool: the child and its workers are running now.
            groups.update((c.pid, _group(c.pid)) for c in multiprocessing.active_children())
            cancel.set()

    assert passages_in_background(articles, progress=progress, cancel=cancel, workers=2) is None
    assert any(len(members) > 1 for members in groups.values()), "no worker pool was running"
    deadline = time.monotonic() + 10
    while (left := set().union(*map(_group, groups))) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not left, f"processes left running after cancel: {sorted(left)}"


def test_a_failure_in_the_child_raises_with_its_traceback() -> None:
    bad = Article("a", "a.txt", "a", "a", None, None, None)  # type: ignore[arg-type]
    with pytest.raises(BackgroundError, match="Error"):
        passages_in_background([bad, bad], use_cache=False)


def test_a_set_large_enough_for_the_worker_pool_matches_in_the_child() -> None:
    from newsreader.core.matching.engine import PARALLEL_FROM

    shared = "The committee approved the harbour expansion plan after a long night of talks."
    articles = [
        Article(
            f"a{i}", f"a{i}", f"T{i}", "S", None, None,
            f"Story number {i} begins with words of its own, number {i} again. {shared}"
            if i < 2 else f"Unrelated note {i} about topic {i * 7} and nothing else {i}.",
        )
        for i in range(PARALLEL_FROM + 5)
    ]  # fmt: skip
    passages = passages_in_background(articles)
    assert passages is not None
    assert any({s.article for s in p.spans} == {"a0", "a1"} for p in passages)
