"""Small helpers every reader shares: dates, URLs, ids, paragraphs and HTML fragments.

Readers get strings from feeds, dumps and pages in many shapes; these helpers turn them into
the forms :class:`~newsreader.core.article.Article` promises (``YYYY-MM-DD`` dates, clean
one-line values, paragraphs separated by one blank line) and never raise on odd input.
"""

from __future__ import annotations

import hashlib
import re
import time
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import PurePath
from urllib.parse import urlsplit

from newsreader.core.sanitize import clean, clean_line

ALLOWED_SCHEMES = frozenset({"http", "https"})
"""The only URL schemes newsreader fetches: anything else could read local files or worse."""

_ISO_DAY = re.compile(r"^\s*((?:1[89]|2\d)\d\d)-(\d\d)-(\d\d)")
_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
_URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


class NotArticles(ValueError):
    """The file is readable but holds no articles (a manifest, a site index, a sitemap).

    The loader stays quiet about such files while walking a folder, and only reports them
    when the user named the file itself.
    """


DUMP_SUFFIXES = (".jsonl.gz", ".ndjson.gz", ".json.gz", ".jsonl", ".ndjson", ".json")
"""File endings read as article dumps (longest first, so ``.jsonl.gz`` wins over ``.gz``);
here rather than in the dump reader so that telling a file's kind imports no library."""


def dump_suffix(path: PurePath) -> str | None:
    """The dump ending of ``path`` (``.jsonl.gz`` …) or ``None`` when it is not a dump."""
    name = path.name.lower()
    return next((suffix for suffix in DUMP_SUFFIXES if name.endswith(suffix)), None)


def iso_date(value: object) -> str | None:
    """``YYYY-MM-DD`` for an ISO string, an RFC 2822 date, a Unix time or a ``struct_time``."""
    try:
        if isinstance(value, time.struct_time):
            return _valid(datetime(value.tm_year, value.tm_mon, value.tm_mday, tzinfo=UTC))
        if isinstance(value, bool):
            return None
        if isinstance(value, int | float):
            seconds = value / 1000 if value > 10**11 else value  # milliseconds in JS dumps
            return _valid(datetime.fromtimestamp(seconds, tz=UTC))
        if not isinstance(value, str) or not value.strip():
            return None
        match = _ISO_DAY.match(value)
        if match:
            year, month, day = (int(part) for part in match.groups())
            return _valid(datetime(year, month, day, tzinfo=UTC))
        return _valid(parsedate_to_datetime(value.strip()))
    except (ValueError, TypeError, OverflowError, OSError, IndexError):
        return None


def _valid(moment: datetime) -> str | None:
    # Years far outside news history are parse accidents (a price read as a time stamp).
    return moment.strftime("%Y-%m-%d") if 1800 <= moment.year <= 2200 else None


def url_scheme(value: str) -> str | None:
    """The lower-case scheme of ``value`` when it looks like a URL (``x://`` or ``mailto:``)."""
    match = _URL_SCHEME.match(value.strip())
    return match.group(1).lower() if match and len(match.group(1)) > 1 else None


def safe_url(value: object) -> str | None:
    """``value`` as a clean ``http(s)`` URL, or ``None`` for anything else."""
    if not isinstance(value, str):
        return None
    url = clean_line(value)
    return url if url_scheme(url) in ALLOWED_SCHEMES and domain(url) else None


def domain(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``, or ``None``."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    return (clean_line(host.removeprefix("www.")) or None) if host else None


def stable_id(*parts: str) -> str:
    """A short id that stays the same for the same inputs (for items with no id of their own)."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "replace")).hexdigest()[:10]


def slug(value: str, limit: int = 40) -> str:
    """A lower-case, dash-separated, id-friendly form of ``value`` (may be empty)."""
    return _SLUG_JUNK.sub("-", clean_line(value).lower()).strip("-")[:limit].strip("-")


def body(text: str, title: str = "", *, lines_are_paragraphs: bool = False) -> str:
    """Clean ``text`` into paragraphs separated by one blank line, without a repeated title.

    Extractors and dumps often start the body with the headline again; it is dropped so that
    the title is not shown twice and does not count as a shared passage.
    """
    lines = [line.strip() for line in clean(text).split("\n")]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line and not lines_are_paragraphs:
            current.append(line)
            continue
        if current:
            paragraphs.append("\n".join(current))
            current = []
        if line:
            paragraphs.append(line)
    if current:
        paragraphs.append("\n".join(current))
    if paragraphs and title and _same_words(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def _same_words(a: str, b: str) -> bool:
    return a.casefold().split() == b.casefold().split()


def words(text: str) -> int:
    """How many words ``text`` holds (to tell a summary from a full article)."""
    return len(text.split())


_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
     "tr", "table", "section", "article", "header", "footer", "figure", "figcaption", "hr", "dd",
     "dt"}
)  # fmt: skip
_HIDDEN = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})


class _FragmentText(HTMLParser):
    """Collects visible text from an HTML fragment; scripts and styles never become text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(" ".join(data.split(" ")).replace("\n", " "))


def fragment_text(markup: str) -> str:
    """Visible text of an HTML fragment (a feed summary, a dump's HTML body), in paragraphs."""
    if "<" not in markup and "&" not in markup:
        return markup
    parser = _FragmentText()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    paragraphs = (" ".join(chunk.split()) for chunk in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)
