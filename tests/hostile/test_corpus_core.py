"""The hostile corpus through the core: nothing crashes, leaks, escapes the folder or is written.

Bounds asserted here (and stated in SECURITY.md):
- a file over ``MAX_FILE_BYTES`` (20 MiB) is skipped from its size alone, never opened;
- a single 5 MB line loads in well under the time limit and memory stays a small multiple of
  the file (measured in a fresh process);
- 100,000 small files load in time linear in their number, memory proportional;
- folder nesting deeper than Python's recursion limit is walked without a RecursionError.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from hostile.corpus import (
    ATTACKS,
    MARKUP,
    PWNED,
    SECRET,
    Corpus,
    build,
    can_make_unreadable,
    many_files,
    snapshot,
)
from newsreader.core.article import LoadResult
from newsreader.core.loader import MAX_FILE_BYTES, load_paths
from newsreader.core.sanitize import clean_line, is_clean

# --- who opens what: an audit hook, switched on only around the loads under test ----------

_opened: list[str] = []
_watching = threading.Event()


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _watching.is_set() and event == "open" and isinstance(args[0], str | bytes | Path):
        _opened.append(os.fsdecode(args[0]))  # type: ignore[arg-type]


sys.addaudithook(_audit)  # hooks cannot be removed; this one is idle unless _watching is set


@pytest.fixture
def opened() -> Iterator[list[str]]:
    """Every path the process opens while the test runs (files and folders)."""
    _opened.clear()
    _watching.set()
    try:
        yield _opened
    finally:
        _watching.clear()


@pytest.fixture
def corpus(tmp_path: Path) -> Corpus:
    return build(tmp_path)


def assert_clean(result: LoadResult) -> None:
    """Every string that came from outside is safe to draw; one-line values hold no newline."""
    for article in result.articles:
        for value in (article.id, article.path, article.title, article.source):
            assert is_clean(value) and "\n" not in value, repr(value)
        for value in (article.text, article.date or "", article.url or "", *article.notes):
            assert is_clean(value), repr(value[:200])
        assert article.url is None or article.url.startswith(("http://", "https://"))
    for skipped in result.skipped:
        assert is_clean(skipped.path) and "\n" not in skipped.path
        assert is_clean(skipped.reason) and "\n" not in skipped.reason


def titles(result: LoadResult) -> list[str]:
    return sorted(a.title for a in result.articles)


def check_corpus_result(corpus: Corpus, result: LoadResult) -> None:
    """Every good article loaded, every bad input reported with its reason, nothing leaked."""
    assert titles(result) == sorted(corpus.good)
    for name, words in corpus.bad.items():
        shown = clean_line(name)
        reasons = [s.reason for s in result.skipped if s.path.endswith(shown)]
        if words is None:
            assert reasons == [], name
            assert not any(a.path.endswith(shown) for a in result.articles)
        else:
            assert any(words in reason for reason in reasons), (name, reasons)
    reported = {s.path for s in result.skipped}
    expected = {clean_line(name) for name, words in corpus.bad.items() if words is not None}
    unexpected = [p for p in reported if not any(p.endswith(name) for name in expected)]
    assert unexpected == []
    assert_clean(result)
    everything = repr(result)
    assert SECRET not in everything and "TOPSECRET" not in everything
    assert PWNED not in everything  # escape payloads are dropped with their sequence
    assert "SCRIPTTEXT" not in everything  # scripts and styles never become text


def test_every_good_article_loads_and_every_bad_input_says_why(
    corpus: Corpus, opened: list[str]
) -> None:
    before = snapshot(corpus.root.parent)
    opened.clear()  # the snapshot itself read everything
    started = time.perf_counter()
    result = load_paths([corpus.root], offline=True)
    elapsed = time.perf_counter() - started
    check_corpus_result(corpus, result)
    assert elapsed < 10, elapsed
    # Nothing outside the given folder was even opened, and nothing in it was written.
    outside = str(corpus.outside)
    assert [path for path in opened if path.startswith(outside)] == []
    assert len(opened) > 20  # the hook did see the files that were read
    assert snapshot(corpus.root.parent) == before


def test_markup_and_bidi_come_out_literally(corpus: Corpus) -> None:
    by_title = {a.title: a for a in load_paths([corpus.root], offline=True).articles}
    markup = by_title["GOOD markup " + MARKUP]
    assert MARKUP in markup.text  # shown as typed, brackets and all
    bidi = by_title["GOOD bidi evil iso zerowidth"]
    assert not any(ch in bidi.text for ch in "\u202e\u202c\u2066\u2069\u200b\ufeff\u200f")
    escapes = by_title["GOOD escapes"]
    for name in ATTACKS:
        assert f"{name}: before" in escapes.text  # the line survives, its sequence does not
    assert "click me" in escapes.text  # OSC 8 keeps only the visible words of the link


def test_each_hostile_file_named_alone_is_reported_not_raised(corpus: Corpus) -> None:
    """Named one by one (as on a command line), every entry gives articles or a reason."""
    for path in sorted(corpus.root.iterdir()):
        result = load_paths([path], offline=True)
        assert result.articles or result.skipped, path
        assert_clean(result)
        assert SECRET not in repr(result) or path.name in ("escape.txt", "escape-dir")


def test_a_link_out_named_explicitly_is_the_users_choice(corpus: Corpus) -> None:
    """Only a link the user names is followed out of the folder (the symlink policy)."""
    result = load_paths([corpus.root / "escape.txt"])
    assert [a.title for a in result.articles] == ["Secret outside"]


@pytest.mark.skipif(not can_make_unreadable(), reason="running as root: root reads any file")
def test_unreadable_file_is_reported(corpus: Corpus) -> None:
    result = load_paths([corpus.root / "unreadable.txt"])
    assert result.skipped[0].reason == "permission denied"


def test_nesting_deeper_than_the_recursion_limit(tmp_path: Path) -> None:
    depth = sys.getrecursionlimit() + 200
    folder = tmp_path / "deep"
    here = folder
    folder.mkdir()
    try:
        for _ in range(depth):  # one by one: mkdir(parents=True) itself recurses this deep
            here /= "d"
            here.mkdir()
        (here / "bottom.txt").write_text("Deep story\n\nBody.")
        (folder / "top.txt").write_text("Shallow story\n\nBody.")
        started = time.perf_counter()
        result = load_paths([folder])
        assert [a.title for a in result.articles] == ["Deep story", "Shallow story"]
        assert time.perf_counter() - started < 10
    finally:
        remove_deep(folder)  # pytest's own clean-up would recurse too deep


def remove_deep(folder: Path) -> None:
    paths = [folder]
    while (paths[-1] / "d").is_dir():
        paths.append(paths[-1] / "d")
    for path in reversed(paths):
        for child in path.iterdir():
            if not child.is_dir():
                child.unlink()
        path.rmdir()


def test_a_gzip_dump_damaged_in_its_first_block_is_reported(tmp_path: Path) -> None:
    """Regression: damage within the first 4 KiB once escaped the line reader as EOFError."""
    import gzip

    lines = "".join(json.dumps({"id": f"r{n}", "title": "T", "text": "Body " * 50}) + "\n"
                    for n in range(5))  # fmt: skip
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(gzip.compress(lines.encode())[:-20])
    result = load_paths([path])
    reasons = [s.reason for s in result.skipped]
    assert any("damaged data" in reason for reason in reasons), reasons
    assert not any("EOFError" in reason for reason in reasons)


# --- bounded resources, each measured in a fresh process so the figures are its own ---------

_MEASURE = textwrap.dedent(
    """
    import json, re, sys, time
    from pathlib import Path
    from newsreader.core.loader import load_paths
    started, cpu = time.perf_counter(), time.process_time()
    result = load_paths(sys.argv[1:], offline=True)
    print(json.dumps({
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu,
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent.
        "max_rss_mib": int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status")
                                     .read_text()).group(1)) / 1024,
        "articles": len(result.articles),
        "skipped": len(result.skipped),
        "longest": max((len(a.text) for a in result.articles), default=0),
    }))
    """
)


def measure(*paths: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
        env={**os.environ, "NEWSREADER_OFFLINE": "1"},
    )
    figures: dict[str, float] = json.loads(done.stdout)
    print(f"\n{[p.name for p in paths]}: {figures}")  # shown with -s; kept for the closing note
    return figures


BASELINE_MIB = 120
"""What the interpreter and newsreader's imports cost before any article (measured ~60 MiB)."""


@pytest.mark.slow
def test_huge_file_and_one_long_line_stay_within_bounds(tmp_path: Path, opened: list[str]) -> None:
    corpus = build(tmp_path, big=True)
    huge = corpus.root / "huge-50mb.txt"
    assert huge.stat().st_size > MAX_FILE_BYTES
    opened.clear()  # building the corpus wrote it
    result = load_paths([corpus.root], offline=True)
    check_corpus_result(corpus, result)
    assert str(huge) not in opened  # refused by its size, never read
    figures = measure(corpus.root)
    assert figures["seconds"] < 20
    assert figures["longest"] == 5 * 1024 * 1024
    # The 5 MB line is held a few times over (bytes, text, cleaned text), never without bound.
    assert figures["max_rss_mib"] < BASELINE_MIB + 12 * 5


@pytest.mark.slow
def test_100000_small_files_load_in_linear_time(tmp_path: Path) -> None:
    small, large = tmp_path / "small", tmp_path / "large"
    many_files(small, 10_000)
    many_files(large, 100_000)
    first = measure(small)
    second = measure(large)
    assert (first["articles"], second["articles"]) == (10_000, 100_000)
    assert second["skipped"] == 0
    # Ten times the files may cost at most twenty times the time (linear, with noise). CPU
    # time, not wall time: other work on a busy machine (a parallel test) stretches the wall
    # clock of one run and not the other, which made this flake at 20.7 s against 20.2 s.
    assert second["cpu_seconds"] < 20 * max(first["cpu_seconds"], 0.5)
    assert second["seconds"] < 120
    # ... and memory grows with the articles kept (about 0.5 KiB each here), not faster.
    assert second["max_rss_mib"] < BASELINE_MIB + 100_000 * 2 / 1024
