"""``Library.is_quick``: which inputs load before the first paint instead of in a thread."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsreader.core.library import Library


def test_the_sample_and_a_small_folder_are_quick(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nBody.\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("Other\n\nText.\n")
    assert Library.is_quick(())
    assert Library.is_quick([tmp_path])
    assert Library.is_quick([tmp_path / "a.txt"])


def test_many_files_or_many_bytes_are_not(tmp_path: Path) -> None:
    for number in range(6):
        (tmp_path / f"{number}.txt").write_text("x" * 100)
    assert Library.is_quick([tmp_path], max_files=6)
    assert not Library.is_quick([tmp_path], max_files=5)
    assert Library.is_quick([tmp_path], max_bytes=600)
    assert not Library.is_quick([tmp_path], max_bytes=599)
    big = tmp_path / "big.txt"
    big.write_bytes(b"y" * 5000)
    assert not Library.is_quick([big], max_bytes=4999)


def test_urls_missing_paths_and_links_take_the_long_way(tmp_path: Path) -> None:
    assert not Library.is_quick(["https://example.com/feed.xml"])
    assert not Library.is_quick([tmp_path / "missing"])
    target = tmp_path / "outside.txt"
    target.write_text("Title\n\nBody.\n")
    folder = tmp_path / "given"
    folder.mkdir()
    try:
        os.symlink(target, folder / "link.txt")
    except OSError:
        pytest.skip("this file system has no symbolic links")
    # The link's target could be huge: its size is not looked at, the thread loads it.
    assert not Library.is_quick([folder])


def test_a_huge_tree_is_not_walked_to_the_end(tmp_path: Path) -> None:
    for number in range(50):
        sub = tmp_path / f"d{number:02d}"
        sub.mkdir()
        for inner in range(10):
            (sub / f"{inner}.txt").write_text("z")
    seen: list[str] = []
    real_scandir = os.scandir

    def counting(path: str) -> object:
        seen.append(path)
        return real_scandir(path)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(os, "scandir", counting)
        assert not Library.is_quick([tmp_path], max_files=25)
    assert len(seen) <= 5  # it stopped after a few folders, not all 51


def test_loading_text_files_imports_no_network_or_feed_code(tmp_path: Path) -> None:
    """Startup on a folder of text files pays for neither; a feed brings them in."""
    import subprocess
    import sys

    (tmp_path / "a.txt").write_text("Title\n\nBody text.\n")
    probe = (
        "import sys\n"
        "from newsreader.core.library import Library\n"
        "assert len(Library.load([sys.argv[1]]).articles) == 1\n"
        "print(sorted(m for m in ('asyncio', 'httpx', 'feedparser', 'html.parser',\n"
        "    'newsreader.core.fetch', 'newsreader.core.sources.feeds') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
    (tmp_path / "feed.xml").write_text(
        '<rss version="2.0"><channel><title>T</title><item><title>I</title>'
        "<description>Some words here.</description></item></channel></rss>"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe.replace("== 1", ">= 1"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "newsreader.core.sources.feeds" in out.stdout
