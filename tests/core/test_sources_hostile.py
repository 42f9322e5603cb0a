"""Hostile input to every reader: no exception escapes, and nothing unclean comes out.

Properties run briefly in ``make test`` and for longer with ``HYPOTHESIS_PROFILE=fuzz``.
"""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sources_fixtures import rss

from newsreader.core.article import LoadResult
from newsreader.core.loader import load_paths
from newsreader.core.sanitize import is_clean
from newsreader.core.sources import jsonl
from newsreader.core.sources.remote import sniff

NASTY = st.sampled_from(
    [
        "\x1b]0;title\x07", "\x1b]8;;http://x\x1b\\", "\x1b]52;c;ZXZpbA==\x07", "\x1b[2J",
        "\x9b31m", "\x90q\x9c", "\u202e", "\u200b", "\x00", "[@click=app.quit]", "[bold]",
        "\ud800", "\r\n", "\t", "&lt;script&gt;", "<script>x</script>", "]]>", "&amp;",
    ]
)  # fmt: skip
TEXT = st.lists(st.one_of(NASTY, st.text(max_size=20)), max_size=8).map("".join)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)
FIELDS = st.sampled_from(["id", "title", "text", "body", "source", "date", "url", "publishedAt"])
RECORD = st.dictionaries(FIELDS, JSON | TEXT, max_size=7)
SUFFIXES = st.sampled_from([".jsonl", ".json", ".jsonl.gz", ".xml", ".rss", ".opml", ".html", ""])


def assert_clean(result: LoadResult) -> None:
    for article in result.articles:
        values = [article.id, article.path, article.title, article.source, article.text]
        values += [article.date or "", article.url or "", *article.notes]
        assert all(is_clean(value) and "\n" not in value for value in values[:4])
        assert all(is_clean(value) for value in values)
        assert article.url is None or article.url.startswith(("http://", "https://"))
    for skipped in result.skipped:
        assert is_clean(skipped.path) and is_clean(skipped.reason)
    assert len({a.id for a in result.articles}) == len(result.articles)


def scratch() -> Path:
    return Path(tempfile.mkdtemp(prefix="nr-hostile-"))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000), suffix=SUFFIXES)
def test_random_bytes_under_any_name(data: bytes, suffix: str) -> None:
    path = scratch() / f"input{suffix}"
    path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    assert_clean(load_paths([path]))


@given(records=st.lists(RECORD | JSON, max_size=6))
def test_random_json_records(records: list[Any]) -> None:
    folder = scratch()
    lines = "\n".join(json.dumps(record) for record in records)
    (folder / "a.jsonl").write_text(lines, encoding="utf-8")
    (folder / "b.json").write_text(json.dumps(records), encoding="utf-8")
    (folder / "c.jsonl.gz").write_bytes(gzip.compress(lines.encode("utf-8", "surrogatepass")))
    assert_clean(load_paths([folder]))


@given(items=st.lists(st.dictionaries(st.sampled_from(["title", "link", "guid", "description",
                                                       "author", "pubDate"]), TEXT),
                      max_size=4), title=TEXT)  # fmt: skip
def test_random_feed_items(items: list[dict[str, str]], title: str) -> None:
    path = scratch() / "feed.xml"
    path.write_text(rss(items, title=title), encoding="utf-8", errors="surrogatepass")
    assert_clean(load_paths([path], offline=True))


@given(data=st.binary(max_size=600), content_type=st.sampled_from(["", "text/html", "x/y"]))
def test_sniff_never_fails(data: bytes, content_type: str) -> None:
    assert sniff(data, content_type) in (None, "opml", "feed", "html", "json", "gzip", "text")


def test_local_gzip_bomb_stops_at_the_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonl, "MAX_DECOMPRESSED_BYTES", 1024 * 1024)
    good = json.dumps({"id": "first", "title": "T", "text": "Body."}) + "\n"
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(gzip.compress(good.encode() + (b" " * 1023 + b"\n") * 4096))  # 4 MiB
    result = load_paths([path])
    assert [a.id for a in result.articles] == ["first"]
    assert result.skipped[-1].reason == "stopped at line 1025: over 1 MiB of data"


def test_overlong_json_line_is_skipped_and_the_next_one_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jsonl, "MAX_LINE_BYTES", 2 * 1024 * 1024)
    long = json.dumps({"id": "long", "title": "T", "text": "x " * 2 * 1024 * 1024})
    short = json.dumps({"id": "short", "title": "T", "text": "Body."})
    path = tmp_path / "d.jsonl"
    path.write_text(f"{long}\n{short}\n")
    result = load_paths([path])
    assert [a.id for a in result.articles] == ["short"]
    assert result.skipped[0].reason == "line 1: longer than 2 MiB; skipped"


def test_a_hostile_server_beside_a_good_one_in_one_load(tmp_path: Path) -> None:
    """Every misbehaving answer is skipped with its reason; the good feed beside them loads.

    (test_fetch.py checks each limit alone; this is the reader's view of all at once.)
    """
    import time

    from sources_fixtures import PARAGRAPHS, LocalServer, Route, page

    from newsreader.core.fetch import Limits

    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET local file")
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
        ']><rss version="2.0"><channel><title>&c;</title><item><title>&c;</title>'
        "</item></channel></rss>"
    )
    xxe = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        '<rss version="2.0"><channel><title>T</title><item><title>&x;</title></item>'
        "</channel></rss>"
    )
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    good_items = [{"title": "Good item", "guid": "g1", "link": "", "content": body}]
    file_items = [
        {"title": "Local link", "link": secret.as_uri(), "description": "Teaser."},
        {"title": "Script link", "link": "javascript:alert(1)", "description": "Teaser."},
    ]
    server = LocalServer()
    try:
        routes = {
            "/good.xml": Route(rss(good_items).encode(), "application/rss+xml"),
            "/page.html": Route(page(extra_head="<script>alert('SCRIPTTEXT')</script>").encode()),
            "/laughs.xml": Route(laughs.encode(), "application/rss+xml"),
            "/xxe.xml": Route(xxe.encode(), "application/rss+xml"),
            "/files.xml": Route(rss(file_items).encode(), "application/rss+xml"),
            "/bomb": Route(
                gzip.compress(b"<p>" + b"\0" * (20 * 1024 * 1024)),
                headers={"Content-Encoding": "gzip"},
            ),
            "/huge": Route(b"<p>" + b"x" * (2 * 1024 * 1024)),
            "/loop": Route(status=302, headers={"Location": "/loop"}),
            "/to-file": Route(status=302, headers={"Location": secret.as_uri()}),
            "/trickle": Route(b"<html>" + b"x" * 200, trickle=0.1),
        }
        server.routes.update(routes)
        limits = Limits(read_timeout=1, deadline=2, max_bytes=1024 * 1024)
        started = time.perf_counter()
        result = load_paths([server.url(path) for path in routes], limits=limits)
        elapsed = time.perf_counter() - started
    finally:
        server.stop()
    assert_clean(result)
    assert {a.title for a in result.articles} >= {"Good item", "Council approves the river bridge"}
    reasons = " | ".join(s.reason for s in result.skipped)
    for words in ("refused", "too large", "larger than", "redirect loop", "file URL", "gave up"):
        assert words in reasons, (words, reasons)
    assert "TOPSECRET" not in repr(result) and "SCRIPTTEXT" not in repr(result)
    assert all(path != secret.as_uri() for path, _ in server.requests)
    assert elapsed < 10  # requests run at once; the trickler is cut at its 2 s deadline
