"""Plain-text and Markdown articles, titled the way a reader would title them.

Scraped files are messy: menus and date stamps before the headline, an image URL and its
caption, the headline repeated as the first paragraph. The rules here handle those cases
generically; they know nothing about any particular file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsreader.core.sanitize import clean, clean_line
from newsreader.core.sources.clues import canonical_url, date_in_text, full_date, outlet_in_text

_BARE_URL_LINE = re.compile(r"^\s*https?://\S+\s*$")
_IMAGE_URL = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)\b|/images?/", re.IGNORECASE)
FURNITURE_WORDS = frozenset(
    [
        "menu",
        "left",
        "right",
        "main",
        "top",
        "navigation",
        "nav",
        "skip",
        "to",
        "content",
        "sign",
        "in",
        "log",
        "login",
        "subscribe",
        "search",
        "share",
        "this",
        "advertisement",
        "ad",
        "home",
        "close",
        "open",
        "cookies",
        "accept",
        "all",
        "sections",
    ]
)
"""Words of page furniture: a header line made only of these is scraper debris, not a title."""
_DATE_STAMP = re.compile(
    r"^\s*(?:date|(?:first\s+)?published|posted|(?:last\s+)?updated)\b[:\s]", re.IGNORECASE
)
# What makes such a line a stamp rather than a headline that starts with "Date" or "Updated":
# a date in it (ISO, 3/14/2020, "March 3", "3 March", or a year).
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LIKE = re.compile(
    rf"\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}"
    r"|\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)
_EMPTY_BYLINE = re.compile(r"^(?:by|By|BY)$")


@dataclass(frozen=True, slots=True)
class ParsedText:
    """What the text reader could tell about one file."""

    title: str
    """The headline, or an empty string when the file has no real line."""
    text: str
    """The body: paragraphs separated by one blank line."""
    source: str | None
    """The outlet named by the text itself (see :mod:`.clues`), else the domain of its URL
    (or, last, of its lead image's), if any."""
    date: str | None
    """The ``YYYY-MM-DD`` publication date the text states (a header stamp, a "Published"
    line, a weekday date), if any."""
    url: str | None
    """The article's own URL when the text gives it on a line of its own, if any."""
    named: bool = False
    """True when :attr:`source` is a name the text gives, not a domain."""


def parse_text(raw: str, *, markdown: bool = False) -> ParsedText:
    """Split decoded file contents into title, body and whatever metadata the text gives."""
    lines = clean(raw).split("\n")
    date: str | None = None
    url: str | None = None
    domain_hint: str | None = None
    index = 0
    after_image = False
    while index < len(lines):
        line = lines[index].strip()
        index += 1
        if not line:
            after_image = False
            continue
        if _BARE_URL_LINE.match(line):
            after_image = bool(_IMAGE_URL.search(line))
            # An image URL still names the outlet's domain, but it is not the article's URL.
            domain_hint = domain_hint or line
            url = url or (None if after_image else line)
            continue
        if after_image or _is_debris(line):
            # A caption's date is the photo's, not the article's.
            date = date or (None if after_image else _stamp_date(line))
            after_image = False
            continue
        title = _strip_markdown_heading(line) if markdown else line
        body = _paragraphs(lines[index:])
        if body and _same_words(body[0], title):
            body = body[1:]
        text = "\n\n".join(body)
        url = url or canonical_url(text)
        named = outlet_in_text(text)
        return ParsedText(
            title=clean_line(title),
            named=named is not None,
            text=text,
            source=named or _domain(url or domain_hint or ""),
            date=date or date_in_text(text),
            url=url,
        )
    return ParsedText(title="", text="", source=None, date=date, url=url)


def _is_debris(line: str) -> bool:
    """True for short header lines that are page furniture or a date stamp, not a headline."""
    if _DATE_STAMP.match(line) and _DATE_LIKE.search(line):
        return True
    words = line.casefold().split()
    return all(word.strip(".:|-") in FURNITURE_WORDS for word in words)


def _stamp_date(line: str) -> str | None:
    """The date of a header stamp, unless it says when the article was *updated*."""
    if line.strip().casefold().startswith(("updated", "last updated", "modified")):
        return None
    return full_date(line)


def _strip_markdown_heading(line: str) -> str:
    return line.lstrip("#").strip() or line


def _paragraphs(lines: list[str]) -> list[str]:
    """Group lines into paragraphs at blank lines; lines inside a paragraph keep their breaks."""
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        stripped = line.rstrip()
        if stripped.strip():
            current.append(stripped)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return [p for p in paragraphs if not _EMPTY_BYLINE.match(p.strip())]


def _same_words(a: str, b: str) -> bool:
    return a.split() == b.split() or a.casefold().split() == b.casefold().split()


def _domain(url: str) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")
