"""A reader whose library is missing says newsreader's install is broken, not the input.

Simulated the way Python itself refuses an import: ``sys.modules[name] = None``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sources_fixtures import page, rss

from newsreader.core.loader import load_paths


def reason_for(tmp_path: Path, name: str, content: str) -> str:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = load_paths([path])
    assert result.articles == ()
    (skipped,) = result.skipped
    return skipped.reason


def test_a_page_without_trafilatura(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    reason = reason_for(tmp_path, "p.html", page())
    assert reason == (
        "newsreader is installed without trafilatura (needed for web pages): reinstall newsreader"
    )


def test_a_feed_without_feedparser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "feedparser", None)
    reason = reason_for(tmp_path, "f.xml", rss([{"title": "T", "description": "Some text."}]))
    assert reason.startswith("newsreader is installed without feedparser (needed for feeds)")


def test_a_dump_without_orjson(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The dump reader must be imported afresh to meet the missing library.
    monkeypatch.delitem(sys.modules, "newsreader.core.sources.jsonl", raising=False)
    monkeypatch.setitem(sys.modules, "orjson", None)
    record = json.dumps({"title": "T", "text": "Some text about a ferry."})
    reason = reason_for(tmp_path, "d.jsonl", record + "\n")
    assert reason.startswith("newsreader is installed without orjson (needed for article dumps)")


def test_trafilatura_without_lxml_html_clean_names_the_missing_module(tmp_path: Path) -> None:
    """The case an older pip produced: lxml 6 without lxml_html_clean, so trafilatura fails
    with lxml's own message; the skip still names the module that is missing."""
    path = tmp_path / "p.html"
    path.write_text(page(), encoding="utf-8")
    probe = (
        "import sys\n"
        "for name in [m for m in sys.modules if m.startswith(('trafilatura', 'lxml'))]:\n"
        "    del sys.modules[name]\n"
        "sys.modules['lxml_html_clean'] = None\n"
        "from newsreader.core.loader import load_paths\n"
        "print(load_paths([sys.argv[1]]).skipped[0].reason)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == (
        "newsreader is installed without lxml_html_clean (needed for web pages): "
        "reinstall newsreader"
    )
