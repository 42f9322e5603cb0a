"""Turn the paths and URLs a user gives into articles, skipping (with a reason) what cannot be read.

Folders are read recursively in name order. Symbolic links are followed only while they stay
inside the folder the user gave, so a link can neither loop forever nor lead the reader to
files the user did not point at. One input may give many articles (a feed, a dump); they keep
their order, and every id is unique within the load. Work that needs the network (URLs, OPML,
summary-only feed items) is collected on the way and run concurrently at the end; nothing here
writes anything but the fetch cache.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from newsreader.core.article import Article, LoadResult, Skipped
from newsreader.core.early import EarlyArticles, EarlyCallback
from newsreader.core.progress import Progress, ProgressCallback
from newsreader.core.sanitize import clean_line
from newsreader.core.sources.needs import BrokenInstall, needs
from newsreader.core.sources.outlets import unify_outlets
from newsreader.core.sources.text_file import text_article
from newsreader.core.walk import reason, walk

# Feeds, pages, dumps and the network are imported when an input needs them: a folder of
# text files, the common case, loads without them (a noticeable part of the startup time).
if TYPE_CHECKING:
    from newsreader.core.fetch import Limits
    from newsreader.core.sources import remote

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
"""File endings read as plain-text or Markdown articles."""
MAX_FILE_BYTES = 20 * 1024 * 1024
"""Larger files (other than dumps, which are streamed) are skipped: no article is this long."""

Slot: TypeAlias = "list[Article | Skipped] | remote.Job"
"""What one input gave: its results, or a job that will give them once the network is used."""


def load_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    offline: bool | None = None,
    progress: ProgressCallback | None = None,
    limits: Limits | None = None,
    early: EarlyCallback | None = None,
    preview: EarlyCallback | None = None,
) -> LoadResult:
    """Load every article under ``paths`` (files, folders, ``http(s)`` URLs), in order.

    ``offline`` reads fetched documents only from the cache (``None``: as the environment
    variable ``NEWSREADER_OFFLINE`` says, which ``--offline`` sets);
    ``progress(done, total, label)`` is called after each file and each fetch (``total`` grows
    as feeds reveal pages to fetch); ``limits`` bounds every request; ``early(articles)``
    is given the articles read so far now and then, so a reader can list them before the end;
    ``preview(articles)`` is given, once a big dump's lines are parsed, the articles read so
    far and that dump's still without their text (titles, sources, dates), so that a reader
    can list them all before their texts are cleaned.
    """
    tracker = Progress(progress)
    sink = EarlyArticles(early, preview)
    slots: list[Slot] = []
    for given in paths:
        text = os.fspath(given)
        url = _url(text) if "://" in text else None
        if url is not None:
            slots.append(url)
        else:
            root = Path(text)
            for path, problem in walk(root, lambda path: _kind(path) is not None):
                tracker.add()
                shown = clean_line(str(path))
                if problem is not None:
                    slots.append([Skipped(shown, problem)])
                else:
                    slot = _load_file(path, shown, explicit=path == root, sink=sink)
                    slots.append(slot)
                    if not callable(slot):
                        sink.settle(slot)
                tracker.step(shown)
    jobs = [slot for slot in slots if callable(slot)]
    if not jobs:
        return _collect(slot for slot in slots if not callable(slot))
    from newsreader.core.fetch import offline_from_env
    from newsreader.core.sources import remote

    if offline is None:
        offline = offline_from_env()
    done = iter(remote.run_jobs(jobs, offline=offline, limits=limits, progress=tracker))
    return _collect(next(done) if callable(slot) else slot for slot in slots)


def _url(text: str) -> Slot | None:
    """A job fetching the URL ``text``, why it is not opened, or None: not a URL at all."""
    from newsreader.core.sources.common import ALLOWED_SCHEMES, url_scheme

    scheme = url_scheme(text)
    if scheme in ALLOWED_SCHEMES:
        try:
            with needs("URLs"):
                from newsreader.core.sources import remote
        except BrokenInstall as error:
            return [Skipped(clean_line(text), str(error))]
        return remote.url_job(text)
    if scheme is not None:
        return [Skipped(clean_line(text), f"{scheme}: URLs are not opened")]
    return None


def _collect(parts: Iterable[list[Article | Skipped]]) -> LoadResult:
    """Flatten results in order, making every article id unique (``id``, ``id-2``, ...) and
    giving each outlet one name across every input (see :mod:`.sources.outlets`)."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    taken: set[str] = set()
    for part in parts:
        for item in part:
            if isinstance(item, Skipped):
                skipped.append(item)
                continue
            article = _with_unique_id(item, taken)
            taken.add(article.id)
            articles.append(article)
    return LoadResult(tuple(unify_outlets(articles)), tuple(skipped))


def _kind(path: Path) -> str | None:
    """What a file's name says it is: ``text``, ``dump``, ``markup``, or ``None``."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    from newsreader.core.sources.common import dump_suffix
    from newsreader.core.sources.feeds import FEED_SUFFIXES
    from newsreader.core.sources.html import HTML_SUFFIXES
    from newsreader.core.sources.opml import OPML_SUFFIXES

    if dump_suffix(path):
        return "dump"
    return "markup" if suffix in FEED_SUFFIXES | HTML_SUFFIXES | OPML_SUFFIXES else None


def _load_file(path: Path, shown: str, *, explicit: bool, sink: EarlyArticles) -> Slot:
    """Read one file; files met while walking that hold no articles are passed over quietly."""
    kind = _kind(path)
    try:
        if kind is None:
            kind = _sniff_file(path)
        if kind == "dump":
            with needs("article dumps"):
                from newsreader.core.sources.jsonl import read_dump

            ahead = sink.preview if sink.preview_callback is not None else None
            return list(sink.through(read_dump(path, shown, preview=ahead)))
        data = _read(path)
        if kind == "text":
            return [text_article(path, shown, data)]
        return _load_markup(path, shown, data)
    except ValueError as error:  # a reader's refusal: bad encoding, malformed feed, too large
        if _not_articles(error):
            return [Skipped(shown, clean_line(str(error)))] if explicit else []
        return [Skipped(shown, clean_line(str(error)))]
    except OSError as error:
        return [Skipped(shown, reason(error))]
    except BrokenInstall as error:  # our install's fault, not the file's: say so
        return [Skipped(shown, str(error))]
    except Exception as error:  # a parser library failing on hostile input must not stop the load
        return [Skipped(shown, f"could not be read ({type(error).__name__})")]


def _not_articles(error: ValueError) -> bool:
    """Whether ``error`` says a readable file simply holds no articles (a sitemap, say)."""
    from newsreader.core.sources.common import NotArticles

    return isinstance(error, NotArticles)


def _sniff_file(path: Path) -> str:
    """The kind of a file whose name says nothing, from its first bytes (named files only)."""
    from newsreader.core.sources.common import NotArticles

    with needs("feeds and web pages"):
        from newsreader.core.sources import remote

    with path.open("rb") as stream:
        head = stream.read(4096)
    sniffed = remote.sniff(head, "application/octet-stream")
    if sniffed in ("json", "gzip"):
        return "dump"
    if sniffed in ("feed", "opml", "html"):
        return "markup"
    suffix = clean_line(path.suffix) or "(none)"
    raise NotArticles(f"unsupported file type {suffix!r}")


def _read(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ValueError(f"file too large ({size // (1024 * 1024)} MiB; limit 20 MiB)")
    return path.read_bytes()


def _load_markup(path: Path, shown: str, data: bytes) -> Slot:
    """A feed, an OPML list or a web page, whichever the content shows it is."""
    from newsreader.core.sources.common import NotArticles
    from newsreader.core.sources.feeds import FEED_SUFFIXES, parse_feed
    from newsreader.core.sources.html import HTML_SUFFIXES, read_page
    from newsreader.core.sources.opml import parse_opml

    with needs("feeds and web pages"):
        from newsreader.core.sources import remote

    kind = remote.sniff(data)
    suffix = path.suffix.lower()
    if kind == "opml":
        subscriptions = parse_opml(data)
        return remote.guarded(shown, lambda fetcher: remote.load_opml(subscriptions, fetcher))
    if kind == "feed" or (suffix in FEED_SUFFIXES and kind != "html"):
        feed = parse_feed(data, None)
        if remote.needs_pages(feed):
            return remote.feed_job(feed, shown)
        return remote.feed_without_pages(feed, shown)
    if kind == "html" or suffix in HTML_SUFFIXES:
        return [read_page(data, shown=shown, url=None, id_hint=clean_line(path.stem))]
    raise NotArticles("neither a feed, an OPML list nor a web page")


def _with_unique_id(article: Article, taken: set[str]) -> Article:
    if article.id not in taken:
        return article
    number = 2
    while f"{article.id}-{number}" in taken:
        number += 1
    return replace(article, id=f"{article.id}-{number}")
