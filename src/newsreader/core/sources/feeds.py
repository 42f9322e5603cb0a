"""RSS 2.0, RSS 1.0 and Atom feeds, read with feedparser after an XML safety check.

feedparser already drops unsafe entity declarations and turns off external entities, but it
does so with regular expressions over the prolog; a crafted prolog could slip past them and
reach expat. So every feed is first run through defusedxml, which refuses any entity
declaration or external reference outright: a news feed has no use for either, and a feed that
declares them is skipped with a reason instead of being expanded ("billion laughs") or allowed
to read local files.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from newsreader.core.article import UNKNOWN_SOURCE, Article, SourceFrom
from newsreader.core.sanitize import clean_line
from newsreader.core.sources.common import (
    ALLOWED_SCHEMES,
    NotArticles,
    domain,
    fragment_text,
    iso_date,
    safe_url,
    slug,
    stable_id,
    url_scheme,
    words,
)
from newsreader.core.sources.common import body as make_body
from newsreader.core.sources.needs import needs

FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf", ".feed"})
"""File endings read as feeds (an OPML document under one of them is read as OPML)."""
SUMMARY_WORDS = 150
"""An item with less text than this (and a link) is a summary: its page is fetched..."""
CONTENT_WORDS = 60
"""...unless the feed gives full content (``content:encoded``, Atom content) this long."""
_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(?:rss|feed|RDF|channel)[\s>]")


_REFUSED = "refused: the XML declares entities (expansion and external entities are unsafe)"


class FeedError(ValueError):
    """The feed cannot be read (malformed beyond repair, or refused as hostile XML)."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One feed entry, before its page (if it needs one) is fetched."""

    key: str
    """What identifies the item across runs: its guid, else its link, else its title."""
    title: str
    """The item's headline (sanitised)."""
    link: str | None
    """The item's page as an absolute ``http(s)`` URL, or ``None``."""
    link_problem: str | None
    """Why the item's link is not followed (another scheme, relative), or ``None``."""
    date: str | None
    """``YYYY-MM-DD`` publication date, when the feed gives one."""
    author: str
    """The item's byline (sanitised, may be empty)."""
    text: str
    """The fullest text the feed carries for the item (content, else summary), in paragraphs."""
    summary_only: bool
    """True when that text looks like a teaser rather than the whole article."""


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: its name and its items, in feed order."""

    title: str
    """The feed's title (used as the outlet when an item's page does not name one)."""
    site: str | None
    """Domain of the feed's web site or of its own URL."""
    items: tuple[FeedItem, ...]
    """The items, in the order the feed lists them."""


def looks_like_feed(head: bytes) -> bool:
    """True when the first bytes of a document look like RSS or Atom."""
    return bool(_FEED_ROOT.search(head[:4096]))


def check_xml(data: bytes) -> None:
    """Raise :class:`FeedError` when ``data`` declares entities or references external ones."""
    from xml.sax import SAXException
    from xml.sax.handler import ContentHandler

    with needs("feeds"):
        import defusedxml.sax
        from defusedxml import DefusedXmlException

    try:
        defusedxml.sax.parseString(data, ContentHandler(), forbid_entities=True)
    except DefusedXmlException:
        raise FeedError(_REFUSED) from None
    except SAXException:
        pass  # malformed XML is feedparser's to recover from, with its lenient parser


def parse_feed(data: bytes, base_url: str | None) -> Feed:
    """Parse feed bytes; ``base_url`` resolves relative links (``None`` for a local file)."""
    with needs("feeds"):
        import feedparser
        from feedparser.exceptions import ThingsNobodyCaresAboutButMe as Benign

    check_xml(data)

    # The bytes are parsed as XML whatever a server called them; relative links resolve
    # against the feed's own URL (a local file has none, and its relative links are refused).
    headers = {"content-type": "application/xml"}
    if base_url:
        headers["content-location"] = base_url
    parsed: Any = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.entries:
        if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"), Benign):
            error = clean_line(str(parsed.get("bozo_exception", "")))[:120]
            raise FeedError(f"malformed feed ({error or 'not XML'})")
        raise NotArticles("the feed has no items" if parsed.get("version") else "not a feed")
    channel = parsed.feed
    site = domain(safe_url(channel.get("link"))) or domain(safe_url(base_url))
    return Feed(
        title=clean_line(str(channel.get("title") or "")),
        site=site,
        items=tuple(_item(entry, base_url) for entry in parsed.entries),
    )


def _item(entry: Any, base_url: str | None) -> FeedItem:
    title = clean_line(fragment_text(str(entry.get("title") or "")))
    raw_link = clean_line(str(entry.get("link") or ""))
    link, problem = _link(raw_link, base_url)
    contents = [c.get("value", "") for c in entry.get("content") or () if isinstance(c, dict)]
    content = make_body(fragment_text(max(contents, key=len, default="")), title)
    summary = make_body(fragment_text(str(entry.get("summary") or "")), title)
    date = None
    for field in ("published_parsed", "updated_parsed", "created_parsed"):
        # dict.get: feedparser's own get() maps updated to published with a warning.
        date = date or iso_date(dict.get(entry, field))
    return FeedItem(
        key=clean_line(str(entry.get("id") or "")) or raw_link or title,
        title=title,
        link=link,
        link_problem=problem,
        date=date,
        author=clean_line(str(entry.get("author") or "")),
        text=content if words(content) >= words(summary) else summary,
        summary_only=words(content) < CONTENT_WORDS
        and max(words(content), words(summary)) < SUMMARY_WORDS,
    )


def _link(raw: str, base_url: str | None) -> tuple[str | None, str | None]:
    """The item's link if it may be fetched, else the reason it may not."""
    if not raw:
        return None, None
    scheme = url_scheme(raw)
    if scheme is None:
        # feedparser resolves relative links against the feed's URL; a local file has none.
        return None, "relative link in a local feed; not followed"
    if scheme not in ALLOWED_SCHEMES:
        return None, f"link uses {scheme}:, only http and https are followed"
    url = safe_url(raw)
    return url, None if url else "link has no host; not followed"


def item_article(item: FeedItem, feed: Feed, origin: str, page: Article | None,
                 problem: str | None) -> Article | None:  # fmt: skip
    """The article for ``item``: from its fetched ``page`` when there is one, else the feed.

    ``problem`` says why the page could not be had; the article then carries the feed's
    summary and a note saying so. Returns ``None`` when there is no text at all.
    """
    prefix = slug(feed.title or feed.site or "", 24) or "feed"
    identifier = f"{prefix}-{stable_id(item.key)}"
    source = feed.title or feed.site or domain(item.link) or UNKNOWN_SOURCE
    named: SourceFrom | None = "site" if feed.title else None
    notes: list[str] = [f"by {item.author}"] if item.author else []
    if page is not None:
        return Article(
            id=identifier,
            path=origin,
            title=item.title or page.title,
            source=page.source if page.source_from else source,
            date=item.date or page.date,
            url=item.link,
            text=page.text,
            notes=tuple(notes or page.notes),
            date_source="feed" if item.date else page.date_source,
            source_from=page.source_from or named,
        )
    if not item.text:
        return None
    reason = problem or item.link_problem
    if item.summary_only and reason:
        notes.append(f"summary only: the full article could not be fetched ({reason})")
    elif item.summary_only and item.link is None:
        notes.append("summary only: the feed gives no link to the full article")
    return Article(
        id=identifier,
        path=origin,
        title=item.title or clean_line(item.text)[:80],
        source=source,
        date=item.date,
        url=item.link,
        text=item.text,
        notes=tuple(notes),
        date_source="feed" if item.date else None,
        source_from=named,
    )
