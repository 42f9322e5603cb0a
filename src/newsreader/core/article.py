"""The plain values every part of newsreader passes around: articles and skipped inputs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DateSource = Literal["text", "metadata", "feed", "file"]
"""Where an article's date was found: in its text (a dateline, a "Published" line), in a
page's or dump's metadata, in a feed item, or only in the file's modification time."""

SourceFrom = Literal["site", "text"]
"""What named an article's outlet: the site itself (a page's site name, a feed's title, a
dump's outlet field) or the article's text (a dateline, byline, copyright line...)."""

UNKNOWN_SOURCE = "unknown source"
"""The :attr:`Article.source` of an article whose outlet nothing names (a folder's name is
no evidence of one)."""

PENDING_NOTE = "loading the text…"
"""The note of an article listed before its text was read (see :attr:`Article.pending`)."""


@dataclass(frozen=True, slots=True)
class Article:
    """One news article, cleaned and ready to show.

    Offsets into ``text`` are how every other part (passages, highlights, search hits)
    points into an article, so ``text`` is exactly what the reader draws.
    """

    id: str
    """Stable identifier, unique within one loaded set (the file stem, disambiguated)."""
    path: str
    """Where the article came from: the file path as given or found, or a URL."""
    title: str
    """Headline as a reader would title it (debris and repeated titles removed)."""
    source: str
    """Outlet: a page's or feed's site name, a dump's field, what the text says (dateline,
    ``Source:`` line, byline, copyright line, URL), else :data:`UNKNOWN_SOURCE`."""
    date: str | None
    """``YYYY-MM-DD`` when known: the publication date, or only a file's date when
    :attr:`date_source` is ``file`` (use :attr:`published` to sort or compare)."""
    url: str | None
    """Canonical URL of the article when known."""
    text: str
    """Body text: paragraphs separated by blank lines, already sanitised."""
    notes: tuple[str, ...] = field(default=())
    """Remarks for the reader about how this article was obtained (for example, summary only)."""
    date_source: DateSource | None = None
    """Where :attr:`date` came from; ``file`` means a modification time, which is when a
    copy was saved, not when the article was published (see :attr:`published`)."""
    source_from: SourceFrom | None = None
    """What named :attr:`source` (``None``: a domain or :data:`UNKNOWN_SOURCE`). Only a
    site's own name teaches the loaded set what a domain is called: a dateline in a page
    on chron.com names the wire (AP), not chron.com."""

    @property
    def published(self) -> str | None:
        """The publication date, ``YYYY-MM-DD``, or ``None`` when only a file date is known:
        what sorting, comparing and "who had it first" may rely on."""
        return None if self.date_source == "file" else self.date

    @property
    def pending(self) -> bool:
        """Listed ahead of its text (a big dump's listing): ``text`` is empty for now, so
        nothing derived from it (a saved-state key, an export) is the real article's yet."""
        return PENDING_NOTE in self.notes


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that could not be turned into an article, with the reason."""

    path: str
    """The path or URL as given or found (sanitised)."""
    reason: str
    """A short human sentence saying why it was skipped (sanitised)."""


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Everything a load produced: the good articles and the skipped inputs, in order."""

    articles: tuple[Article, ...]
    """The articles, in the order their inputs were given and found (folders sorted by name)."""
    skipped: tuple[Skipped, ...]
    """Inputs that were not loaded, each with a reason."""
