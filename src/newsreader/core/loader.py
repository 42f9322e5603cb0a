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
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from newsreader.core.article import Article, LoadResult, Skipped
from newsreader.core.decode import DecodeError
from newsreader.core.early import EarlyArticles, EarlyCallback
from newsreader.core.fetch import Limits, Progress, ProgressCallback, offline_from_env
from newsreader.core.sanitize import clean_line
from newsreader.core.sources import remote
from newsreader.core.sources.common import ALLOWED_SCHEMES, NotArticles, url_scheme
from newsreader.core.sources.feeds import FEED_SUFFIXES, FeedError, parse_feed
from newsreader.core.sources.html import HTML_SUFFIXES, read_page
from newsreader.core.sources.jsonl import dump_suffix, read_dump
from newsreader.core.sources.opml import OPML_SUFFIXES, OpmlError, parse_opml
from newsreader.core.sources.text_file import text_article

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
"""File endings read as plain-text or Markdown articles."""
MAX_FILE_BYTES = 20 * 1024 * 1024
"""Larger files (other than dumps, which are streamed) are skipped: no article is this long."""
_MARKUP_SUFFIXES = FEED_SUFFIXES | HTML_SUFFIXES | OPML_SUFFIXES

Slot = list[Article | Skipped] | remote.Job
"""What one input gave: its results, or a job that will give them once the network is used."""


def load_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    offline: bool | None = None,
    progress: ProgressCallback | None = None,
    limits: Limits | None = None,
    early: EarlyCallback | None = None,
) -> LoadResult:
    """Load every article under ``paths`` (files, folders, ``http(s)`` URLs), in order.

    ``offline`` reads fetched documents only from the cache (``None``: as the environment
    variable ``NEWSREADER_OFFLINE`` says, which ``--offline`` sets);
    ``progress(done, total, label)`` is called after each file and each fetch (``total`` grows
    as feeds reveal pages to fetch); ``limits`` bounds every request; ``early(articles)``
    is given the articles read so far now and then, so a reader can list them before the end.
    """
    tracker = Progress(progress)
    sink = EarlyArticles(early)
    slots: list[Slot] = []
    folders: dict[Path, str] = {}  # each folder's real name, resolved once per load
    for given in paths:
        text = os.fspath(given)
        scheme = url_scheme(text) if "://" in text else None
        if scheme in ALLOWED_SCHEMES:
            slots.append(remote.url_job(text))
        elif scheme is not None:
            slots.append([Skipped(clean_line(text), f"{scheme}: URLs are not opened")])
        else:
            root = Path(text)
            for path, problem in _walk(root):
                tracker.add()
                shown = clean_line(str(path))
                if problem is not None:
                    slots.append([Skipped(shown, problem)])
                else:
                    slot = _load_file(
                        path, shown, explicit=path == root, folders=folders, sink=sink
                    )
                    slots.append(slot)
                    if not callable(slot):
                        sink.settle(slot)
                tracker.step(shown)
    jobs = [slot for slot in slots if callable(slot)]
    if offline is None:
        offline = offline_from_env()
    done = iter(remote.run_jobs(jobs, offline=offline, limits=limits, progress=tracker))
    return _collect(next(done) if callable(slot) else slot for slot in slots)


def _collect(parts: Iterable[list[Article | Skipped]]) -> LoadResult:
    """Flatten results in order, making every article id unique (``id``, ``id-2``, ...)."""
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
    return LoadResult(tuple(articles), tuple(skipped))


def _walk(root: Path) -> Iterator[tuple[Path, str | None]]:
    """Yield ``(file, None)`` for each readable candidate, ``(path, reason)`` for problems."""
    try:
        if not root.exists():
            yield root, "no such file or folder"
            return
        if root.is_file():
            yield root, None
            return
        if not root.is_dir():
            yield root, "not a regular file or folder"
            return
        boundary = root.resolve(strict=True)
    except (OSError, RuntimeError) as error:
        yield root, _reason(error)
        return
    yield from _walk_folder(root, boundary, {boundary})


def _walk_folder(
    folder: Path, boundary: Path, seen: set[Path]
) -> Iterator[tuple[Path, str | None]]:
    """Depth first in name order, with an explicit stack: nesting depth cannot overflow it.

    ``seen`` holds the real paths of the folders being walked (the ancestors), so a link back
    to one of them is a loop. A real folder's real path is its parent's plus its name, so
    nothing is resolved but symbolic links.
    """
    listing = _listing(folder)
    if isinstance(listing, str):
        yield folder, listing
        return
    (key,) = seen
    stack: list[tuple[Iterator[os.DirEntry[str]], Path]] = [(iter(listing), key)]
    while stack:
        entries, parent = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            seen.discard(parent)
            continue
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
            real = path.resolve(strict=True) if entry.is_symlink() else None
        except (OSError, RuntimeError) as error:
            yield path, _reason(error)
            continue
        if real is not None and not real.is_relative_to(boundary):
            yield path, "symbolic link leads outside the folder given; not followed"
            continue
        if is_dir:
            key = real or parent / entry.name
            if key in seen:
                yield path, "symbolic link loop; not followed"
                continue
            listing = _listing(path)
            if isinstance(listing, str):
                yield path, listing
                continue
            seen.add(key)
            stack.append((iter(listing), key))
        elif is_file and _kind(path) is not None:
            yield path, None


def _listing(folder: Path) -> list[os.DirEntry[str]] | str:
    """The entries of ``folder`` sorted by name, or the reason it cannot be listed."""
    try:
        with os.scandir(folder) as scan:
            return sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        return _reason(error)


def _kind(path: Path) -> str | None:
    """What a file's name says it is: ``text``, ``dump``, ``markup``, or ``None``."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "text"
    if dump_suffix(path):
        return "dump"
    return "markup" if suffix in _MARKUP_SUFFIXES else None


def _load_file(
    path: Path, shown: str, *, explicit: bool, folders: dict[Path, str], sink: EarlyArticles
) -> Slot:
    """Read one file; files met while walking that hold no articles are passed over quietly."""
    kind = _kind(path)
    try:
        if kind is None:
            kind = _sniff_file(path)
        if kind == "dump":
            return list(sink.through(read_dump(path, shown)))
        data = _read(path)
        if kind == "text":
            return [text_article(path, shown, data, folders)]
        return _load_markup(path, shown, data)
    except NotArticles as error:
        return [Skipped(shown, clean_line(str(error)))] if explicit else []
    except (DecodeError, FeedError, OpmlError, ValueError) as error:
        return [Skipped(shown, clean_line(str(error)))]
    except OSError as error:
        return [Skipped(shown, _reason(error))]
    except Exception as error:  # a parser library failing on hostile input must not stop the load
        return [Skipped(shown, f"could not be read ({type(error).__name__})")]


def _sniff_file(path: Path) -> str:
    """The kind of a file whose name says nothing, from its first bytes (named files only)."""
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


def _reason(error: BaseException) -> str:
    """A short, clean sentence for an OS error (no traceback, no raw bytes from the path)."""
    if isinstance(error, RuntimeError) or getattr(error, "errno", None) == 40:
        return "symbolic link loop; not followed"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, OSError) and error.strerror:
        return clean_line(error.strerror.lower())
    return clean_line(str(error)) or type(error).__name__
