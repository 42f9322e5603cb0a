"""Everything that needs the network: URLs given by the user, OPML feeds, summary-only items.

The loader collects these as *jobs* while it walks the inputs in order; :func:`run_jobs` runs
them all at once under one :class:`~newsreader.core.fetch.Fetcher` (so the per-host and total
request limits hold across every feed), and each job returns its articles in feed order.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from newsreader.core.article import UNKNOWN_SOURCE, Article, Skipped
from newsreader.core.decode import DecodeError, decode
from newsreader.core.fetch import Fetcher, FetchError, Limits
from newsreader.core.progress import Progress
from newsreader.core.sanitize import clean_line
from newsreader.core.sources.common import NotArticles, slug
from newsreader.core.sources.feeds import Feed, FeedError, item_article, looks_like_feed, parse_feed
from newsreader.core.sources.html import read_page
from newsreader.core.sources.jsonl import read_document
from newsreader.core.sources.needs import BrokenInstall
from newsreader.core.sources.opml import OpmlError, Subscriptions, looks_like_opml, parse_opml
from newsreader.core.sources.text import parse_text

Results = list[Article | Skipped]
"""What one input produces, in order."""
Job = Callable[[Fetcher], Awaitable[Results]]
"""Work that needs the fetcher; run by :func:`run_jobs`."""

_FEED_ACCEPT = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8"
_PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_HTML_TYPES = ("", "text/html", "application/xhtml+xml", "application/xml", "text/xml")
_READ_ERRORS = (FeedError, OpmlError, NotArticles, DecodeError, FetchError)


def sniff(data: bytes, content_type: str = "") -> str | None:
    """What a document is: ``opml``, ``feed``, ``html``, ``json``, ``gzip``, ``text`` or None."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if data[:2] == b"\x1f\x8b":
        return "gzip"
    if looks_like_opml(head):
        return "opml"
    if looks_like_feed(data[:4096]) and b"<html" not in head[:512]:
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:1024]:
        return "html"
    if head[:1] in (b"{", b"[") or content_type in ("application/json", "application/x-ndjson"):
        return "json"
    if content_type.startswith("text/html"):
        return "html"
    if content_type.startswith("text/") or content_type == "":
        return "text"
    return None


def run_jobs(jobs: list[Job], *, offline: bool, limits: Limits | None,
             progress: Progress) -> list[Results]:  # fmt: skip
    """Run ``jobs`` concurrently and return their results in the same order."""
    if not jobs:
        return []  # a purely local load never starts an event loop or an HTTP client

    async def main() -> list[Results]:
        try:
            async with Fetcher(offline=offline, limits=limits, progress=progress) as fetcher:
                return list(await asyncio.gather(*(job(fetcher) for job in jobs)))
        except BrokenInstall as error:  # no HTTP client at all: every job is skipped
            return [[Skipped("(fetching)", str(error))] for _ in jobs]

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(main())
    # Called from inside an event loop (the app's): run ours on a thread of its own.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, main()).result()


def guarded(origin: str, job: Job) -> Job:
    """``job``, but an unexpected error becomes a :class:`Skipped` instead of ending the load."""

    async def run(fetcher: Fetcher) -> Results:
        try:
            return await job(fetcher)
        except BrokenInstall as error:  # our install's fault, not the input's: say so
            return [Skipped(origin, str(error))]
        except Exception as error:  # a library bug on hostile input must not lose the others
            return [Skipped(origin, f"could not be read ({type(error).__name__})")]

    return run


def url_job(url: str) -> Job:
    """A job that fetches ``url`` and reads whatever it turns out to be."""
    return guarded(clean_line(url), lambda fetcher: load_url(url, fetcher))


async def load_url(url: str, fetcher: Fetcher, *, nested: bool = False) -> Results:
    """The articles at ``url``: a feed, an OPML list, a page, a JSON dump or plain text."""
    shown = clean_line(url)
    try:
        fetched = await fetcher.get(url, _FEED_ACCEPT)
        content = fetched.content
        kind = sniff(content, fetched.content_type)
        if kind == "opml" and not nested:
            return await load_opml(parse_opml(content), fetcher)
        if kind == "feed":
            return await load_feed(parse_feed(content, fetched.url), shown, fetcher)
        if kind == "html":
            page = await asyncio.to_thread(read_page, content, shown=shown, url=fetched.url)
            return [page]
        if kind == "json":
            name = urlsplit(fetched.url).path.rsplit("/", 1)[-1] or "dump"
            return list(read_document(content, shown, name))
        if kind == "text":
            return [_text_article(content, shown, fetched.url)]
    except _READ_ERRORS as error:
        return [Skipped(shown, clean_line(str(error)))]
    media = clean_line(fetched.content_type) or "unknown"
    return [Skipped(shown, f"not a feed, page or article dump (content type {media})")]


async def load_opml(subscriptions: Subscriptions, fetcher: Fetcher) -> Results:
    """Every feed an OPML list names, in list order, then its refused entries."""
    parts = await asyncio.gather(
        *(guarded(clean_line(url), _nested(url))(fetcher) for url in subscriptions.feeds)
    )
    results: Results = [item for part in parts for item in part]
    results.extend(Skipped(clean_line(url), why) for url, why in subscriptions.refused)
    return results


def _nested(url: str) -> Job:
    return lambda fetcher: load_url(url, fetcher, nested=True)


def feed_job(feed: Feed, origin: str) -> Job:
    """A job that completes ``feed``'s summary-only items from their pages."""
    return guarded(origin, lambda fetcher: load_feed(feed, origin, fetcher))


def needs_pages(feed: Feed) -> bool:
    """True when some item is a summary with a page to fetch."""
    return any(item.link and item.summary_only for item in feed.items)


def feed_without_pages(feed: Feed, origin: str) -> Results:
    """The articles of a feed whose items all carry their full text (no fetching needed)."""
    return [_item_or_skip(feed, index, origin, None, None) for index in range(len(feed.items))]


async def load_feed(feed: Feed, origin: str, fetcher: Fetcher) -> Results:
    """The feed's articles, fetching the page of each summary-only item (concurrently)."""

    async def one(index: int) -> Article | Skipped:
        item = feed.items[index]
        if not (item.link and item.summary_only):
            return _item_or_skip(feed, index, origin, None, None)
        try:
            fetched = await fetcher.get(item.link, _PAGE_ACCEPT)
            if fetched.content_type not in _HTML_TYPES:
                raise NotArticles(f"the link leads to {clean_line(fetched.content_type)}")
            page = await asyncio.to_thread(
                read_page, fetched.content, shown=clean_line(item.link), url=fetched.url
            )
        except (FetchError, NotArticles) as error:
            return _item_or_skip(feed, index, origin, None, clean_line(str(error)))
        return _item_or_skip(feed, index, origin, page, None)

    return list(await asyncio.gather(*(one(index) for index in range(len(feed.items)))))


def _item_or_skip(feed: Feed, index: int, origin: str, page: Article | None,
                  problem: str | None) -> Article | Skipped:  # fmt: skip
    item = feed.items[index]
    article = item_article(item, feed, origin, page, problem)
    if article is not None:
        return article
    why = problem or item.link_problem or "no link"
    return Skipped(origin, f"item {index + 1} ({item.title or 'untitled'}): no text ({why})")


def _text_article(content: bytes, shown: str, url: str) -> Article:
    parsed = parse_text(decode(content))
    if not parsed.text:
        raise NotArticles("empty document")
    host = clean_line((urlsplit(url).hostname or "").removeprefix("www."))
    return Article(
        id=slug(parsed.title) or slug(host) or "page",
        path=shown,
        title=parsed.title,
        source=parsed.source or host or UNKNOWN_SOURCE,
        date=parsed.date,
        url=parsed.url or url,
        text=parsed.text,
        date_source="text" if parsed.date else None,
        source_from="text" if parsed.named else None,
    )
