"""Issue 6's acceptance, end to end: ``newsreader matches URL`` on a local feed of
summary-only items prints full texts without site furniture and what they share, and the
same command gives the same articles again with the server stopped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sources_fixtures import FURNITURE, PARAGRAPHS, LocalServer, Route, page, rss

WIRE = (
    "The regional government announced on Monday that it would spend two hundred million "
    "on flood defences along the northern coast over the next five years."
)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    local = LocalServer()
    yield local
    local.stop()


def matches(url: str, cache: Path) -> dict[str, object]:
    env = {**os.environ, "NEWSREADER_CACHE_DIR": str(cache)}
    result = subprocess.run(
        [sys.executable, "-m", "newsreader", "matches", url, "--format", "json"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def test_summary_feed_gives_full_texts_and_shared_passages_then_works_offline(
    server: LocalServer, tmp_path: Path
) -> None:
    first = (PARAGRAPHS[0], WIRE, PARAGRAPHS[1])
    second = (PARAGRAPHS[2], WIRE, PARAGRAPHS[3])
    server.routes["/a"] = Route(page("Bridge approved", first).encode())
    server.routes["/b"] = Route(page("Bridge costs", second, site_name="Harbour Post").encode())
    items = [
        {"title": "Bridge approved", "link": server.url("/a"), "description": "Teaser one."},
        {"title": "Bridge costs", "link": server.url("/b"), "description": "Teaser two."},
    ]
    server.routes["/feed.xml"] = Route(rss(items).encode(), "application/rss+xml")
    url = server.url("/feed.xml")

    online = matches(url, tmp_path / "cache")
    articles = online["articles"]
    assert isinstance(articles, list) and len(articles) == 2
    for article, paragraphs in zip(articles, (first, second), strict=True):
        assert article["text"] == "\n\n".join(paragraphs)  # the page, not the teaser
        assert not any(junk in article["text"] for junk in FURNITURE)
    passages = online["passages"]
    assert isinstance(passages, list)
    shared = [p for p in passages if len({s["article"] for s in p["spans"]}) == 2]
    assert shared, "the wire paragraph both pages carry was not found"
    for span in shared[0]["spans"]:
        text = next(a["text"] for a in articles if a["id"] == span["article"])
        assert (
            WIRE in text[span["start"] : span["end"]] or text[span["start"] : span["end"]] in WIRE
        )

    server.stop()
    offline = matches(url, tmp_path / "cache")
    assert offline["articles"] == articles
    assert offline["passages"] == passages
