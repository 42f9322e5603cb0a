"""Fetching over HTTP, only ever from a server the tests start on 127.0.0.1.

Every limit is exercised against a misbehaving local server: a dead port, a slow host, a host
that trickles bytes, oversized and gzip-bomb bodies, endless redirects. The cache is checked
the way a reader meets it: a second run with the server stopped, and offline runs.
"""

from __future__ import annotations

import asyncio
import gzip
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sources_fixtures import PARAGRAPHS, LocalServer, Route, closed_port, page, rss

from newsreader.core.article import LoadResult
from newsreader.core.cache import Cache, Entry, cache_dir
from newsreader.core.fetch import OFFLINE_ENV, USER_AGENT, Fetched, Fetcher, FetchError, Limits
from newsreader.core.loader import load_paths

FAST = Limits(connect_timeout=1, read_timeout=0.5, deadline=1.5, max_bytes=64 * 1024)
FULL_TEXT = "\n\n".join(PARAGRAPHS)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    local = LocalServer()
    yield local
    local.stop()


def fetch(url: str, *, limits: Limits = FAST, offline: bool = False) -> Fetched:
    async def run() -> Fetched:
        async with Fetcher(offline=offline, limits=limits) as fetcher:
            return await fetcher.get(url)

    return asyncio.run(run())


def fetch_error(url: str, **options: object) -> str:
    with pytest.raises(FetchError) as caught:
        fetch(url, **options)  # type: ignore[arg-type]
    return str(caught.value)


def test_body_is_fetched_with_a_polite_user_agent(server: LocalServer) -> None:
    server.routes["/x"] = Route(b"hello", "text/plain; charset=utf-8")
    got = fetch(server.url("/x"))
    assert (got.content, got.content_type, got.from_cache) == (b"hello", "text/plain", False)
    assert server.hits("/x")[0]["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("newsreader/") and "(+terminal news reader)" in USER_AGENT


def test_conditional_request_gets_304_and_serves_the_cache(server: LocalServer) -> None:
    server.routes["/c"] = Route(b"body v1", conditional=True)
    first = fetch(server.url("/c"))
    second = fetch(server.url("/c"))
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.content == b"body v1"
    revalidation = server.hits("/c")[1]
    assert revalidation["if-none-match"].startswith('"')
    assert revalidation["if-modified-since"] == "Tue, 05 Mar 2024 09:30:00 GMT"


def test_dead_host_is_reported() -> None:
    assert (
        fetch_error(f"http://127.0.0.1:{closed_port()}/feed") == "could not connect to the server"
    )


def test_slow_host_hits_the_read_timeout(server: LocalServer) -> None:
    server.routes["/slow"] = Route(b"late", delay=3)
    started = time.perf_counter()
    assert "timed out" in fetch_error(server.url("/slow"))
    assert time.perf_counter() - started < 2


def test_trickling_server_hits_the_overall_deadline(server: LocalServer) -> None:
    # One byte every 0.2 s never trips the 0.5 s read timeout: only the deadline stops it.
    server.routes["/trickle"] = Route(b"x" * 100, trickle=0.2)
    started = time.perf_counter()
    assert fetch_error(server.url("/trickle")) == "took longer than 1.5 s; gave up"
    assert time.perf_counter() - started < 2.5


def test_oversized_responses_are_cut_off(server: LocalServer) -> None:
    big = b"x" * (FAST.max_bytes + 1)
    server.routes["/declared"] = Route(big)
    server.routes["/streamed"] = Route(big, length=False)
    assert "too large" in fetch_error(server.url("/declared"))
    assert "larger than 64 KiB" in fetch_error(server.url("/streamed"))


def test_gzip_bomb_stops_at_the_cap(server: LocalServer) -> None:
    bomb = gzip.compress(b"\0" * (50 * 1024 * 1024), compresslevel=9)  # 50 MiB in ~50 KiB
    assert len(bomb) < FAST.max_bytes
    server.routes["/bomb"] = Route(bomb, headers={"Content-Encoding": "gzip"})
    assert "larger than 64 KiB" in fetch_error(server.url("/bomb"))
    server.routes["/small"] = Route(gzip.compress(b"fine"), headers={"Content-Encoding": "gzip"})
    assert fetch(server.url("/small")).content == b"fine"


def test_redirects_are_capped_and_loops_detected(server: LocalServer) -> None:
    server.routes["/loop-a"] = Route(status=302, headers={"Location": "/loop-b"})
    server.routes["/loop-b"] = Route(status=302, headers={"Location": "/loop-a"})
    for hop in range(10):
        server.routes[f"/r{hop}"] = Route(status=301, headers={"Location": f"/r{hop + 1}"})
    server.routes["/to-file"] = Route(status=302, headers={"Location": "file:///etc/passwd"})
    server.routes["/ok"] = Route(status=302, headers={"Location": "/final"})
    server.routes["/final"] = Route(b"arrived")
    assert fetch_error(server.url("/loop-a")) == "redirect loop"
    assert fetch_error(server.url("/r0")) == "too many redirects (more than 5)"
    assert fetch_error(server.url("/to-file")) == "redirect to a file URL refused"
    got = fetch(server.url("/ok"))
    assert (got.content, got.url) == (b"arrived", server.url("/final"))


def test_only_http_and_https_are_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    assert "only http and https" in fetch_error(secret.as_uri())
    result = load_paths([secret.as_uri(), "ftp://example.test/feed.xml"])
    assert result.articles == ()
    assert [s.reason for s in result.skipped] == [
        "file: URLs are not opened",
        "ftp: URLs are not opened",
    ]


def test_requests_per_host_are_limited(server: LocalServer, tmp_path: Path) -> None:
    items = []
    for number in range(6):
        server.routes[f"/p{number}"] = Route(page(title=f"Story {number}").encode(), delay=0.2)
        items.append({"title": f"Story {number}", "link": server.url(f"/p{number}"),
                      "description": "Teaser."})  # fmt: skip
    feed = tmp_path / "feed.xml"
    feed.write_text(rss(items))
    result = load_paths([feed])
    assert [a.title for a in result.articles] == [f"Story {n}" for n in range(6)]
    assert all(a.text == FULL_TEXT for a in result.articles)
    assert server.most_in_flight == 2


def test_second_run_with_the_server_stopped_reads_the_cache(server: LocalServer) -> None:
    server.routes["/page"] = Route(page().encode())
    items = [{"title": "Bridge", "link": server.url("/page"), "description": "Teaser."}]
    server.routes["/feed.xml"] = Route(rss(items).encode(), "application/rss+xml")
    url = server.url("/feed.xml")
    steps: list[tuple[int, int, str]] = []
    online = load_paths([url], progress=lambda *step: steps.append(step))
    assert online.articles[0].text == FULL_TEXT
    assert steps[-1][0] == steps[-1][1] == 2  # the feed and its page
    server.stop()
    assert load_paths([url]) == online
    assert load_paths([url], offline=True) == online


def test_offline_uses_only_the_cache(server: LocalServer) -> None:
    server.routes["/page"] = Route(page().encode())
    result = load_paths([server.url("/page")], offline=True)
    assert result.skipped[0].reason == "not in the cache, and working offline"
    assert server.requests == []


def test_cache_lives_in_the_overridden_folder_and_is_written_atomically(
    server: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSREADER_CACHE_DIR", str(tmp_path / "cache"))
    server.routes["/x"] = Route(b"cached body")
    fetch(server.url("/x"))
    files = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert len(files) == 1 and files[0].suffix == ".cache"  # no temporary file left behind
    assert cache_dir() == tmp_path / "cache"


def test_damaged_cache_entries_are_ignored_and_replaced(
    tmp_path: Path, server: LocalServer
) -> None:
    cache = Cache(tmp_path)
    url = server.url("/x")
    cache.put(url, Entry(url, None, None, "text/plain", b"0123456789"))
    (entry,) = list(tmp_path.rglob("*.cache"))
    entry.write_bytes(entry.read_bytes()[:-3])  # truncated, as by a crash in an old version
    assert cache.get(url) is None
    entry.write_bytes(os.urandom(200))  # or foreign bytes
    assert cache.get(url) is None
    server.routes["/x"] = Route(b"fresh")
    assert fetch(server.url("/x")).content == b"fresh"


def test_offline_flag_reaches_the_loads_of_the_app_and_subcommands(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsreader import cli
    from newsreader.ui import app

    monkeypatch.setenv(OFFLINE_ENV, "")  # restored after the test, whatever the CLI sets
    server.routes["/page"] = Route(page().encode())
    loads: list[LoadResult] = []
    monkeypatch.setattr(app, "run_app", lambda paths, **_: loads.append(load_paths(paths)) or 0)
    assert cli.main(["--offline", server.url("/page")]) == 0
    assert loads[0].skipped[0].reason == "not in the cache, and working offline"
    assert server.requests == []
    monkeypatch.setenv(OFFLINE_ENV, "")
    assert cli.main([server.url("/page")]) == 0
    assert loads[1].articles[0].text == FULL_TEXT


def test_a_page_linked_twice_is_requested_once(server: LocalServer, tmp_path: Path) -> None:
    server.routes["/p"] = Route(page().encode(), delay=0.2)
    items = [{"title": t, "link": server.url("/p"), "description": "Teaser."} for t in "AB"]
    feed = tmp_path / "feed.xml"
    feed.write_text(rss(items))
    result = load_paths([feed])
    assert [a.text for a in result.articles] == [FULL_TEXT, FULL_TEXT]
    assert len(server.hits("/p")) == 1


def test_pages_older_than_the_cache_age_are_pruned_and_revalidation_renews(
    server: LocalServer, tmp_path: Path
) -> None:
    from newsreader.core.cache import prune

    server.routes["/old"] = Route(page().encode())
    server.routes["/fresh"] = Route(page().encode(), conditional=True, headers={"ETag": '"v1"'})
    fetch(server.url("/old"))
    fetch(server.url("/fresh"))
    files = sorted(cache_dir().glob("??/*.cache"))
    assert len(files) == 2
    month_ago = time.time() - 31 * 86_400
    for path in files:
        os.utime(path, (month_ago, month_ago))
    assert fetch(server.url("/fresh")).from_cache  # a 304: the same copy, confirmed fresh
    assert prune(cache_dir(), max_age_days=30) == 1
    assert fetch(server.url("/fresh"), offline=True).content == page().encode()
    with pytest.raises(FetchError):
        fetch(server.url("/old"), offline=True)
