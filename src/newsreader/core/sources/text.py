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

_ISO_DATE = re.compile(r"\b((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b")
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
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
_DATE_STAMP = re.compile(r"^\s*(?:date|published|updated)\b[:\s]", re.IGNORECASE)
# What makes such a line a stamp rather than a headline that starts with "Date" or "Updated":
# a date in it (ISO, 3/14/2020, "March 3", "3 March", or a year).
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LIKE = re.compile(
    rf"\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|\b{_MONTH}\s+\d{{1,2}}\b|\b\d{{1,2}}\s+{_MONTH}"
    r"|\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)
# "MOSCOW (Reuters) -" / "WASHINGTON, Sept 14 (AP) —": the wire or outlet in a dateline.
_DATELINE = re.compile(
    r"^[A-Z][A-Za-z .'-]{1,40}"  # the place
    r"(?:,[^()\n]{1,30})?"  # an optional date
    r"\s\(([A-Z][A-Za-z&.' -]{1,30})\)\s*[-\u2013\u2014]"  # (the outlet) and a dash
)
_SOURCE_LINE = re.compile(r"^\s*Source:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)
# Reuters closes its copy with a credit block naming writers and editors.
_WIRE_CREDIT = re.compile(r"\((?:Additional )?[Rr]eporting by [^)]*\bEditing by\b[^)]*\)")
_PHOTO_CREDIT = re.compile(
    r"(?:\u00a9|\(c\)|Photo:)\s*([^\n]{2,80})$", re.IGNORECASE | re.MULTILINE
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
    """The outlet named by the text itself, if any."""
    date: str | None
    """A ``YYYY-MM-DD`` date found in the header debris, if any."""
    url: str | None
    """A URL found in the file (used for the outlet's domain), if any."""


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
            date = date or _find_date(line)
            after_image = False
            continue
        title = _strip_markdown_heading(line) if markdown else line
        body = _paragraphs(lines[index:])
        if body and _same_words(body[0], title):
            body = body[1:]
        text = "\n\n".join(body)
        return ParsedText(
            title=clean_line(title),
            text=text,
            source=_find_source(text, url or domain_hint),
            date=date,
            url=_first_url(url, text),
        )
    return ParsedText(title="", text="", source=None, date=date, url=url)


def _is_debris(line: str) -> bool:
    """True for short header lines that are page furniture or a date stamp, not a headline."""
    if _DATE_STAMP.match(line) and _DATE_LIKE.search(line):
        return True
    words = line.casefold().split()
    return all(word.strip(".:|-") in FURNITURE_WORDS for word in words)


def _find_date(line: str) -> str | None:
    match = _ISO_DATE.search(line)
    return match.group(0) if match else None


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


def _find_source(text: str, url: str | None) -> str | None:
    """The outlet the text names: dateline, ``Source:`` line, wire credit, URL, photo credit."""
    for paragraph in text.split("\n\n")[:3]:
        match = _DATELINE.match(paragraph.strip())
        if match:
            return match.group(1).strip()
    sources = _SOURCE_LINE.findall(text)
    if sources:
        return clean_line(sources[-1].split(",")[0])
    if _WIRE_CREDIT.search(text):
        return "Reuters"
    domain = _domain(url) if url else None
    if domain:
        return domain
    credit = _PHOTO_CREDIT.search(text)
    if credit:
        return clean_line(credit.group(1).split("/")[-1])
    return None


def _first_url(url: str | None, text: str) -> str | None:
    if url:
        return url
    match = _URL.search(text)
    return match.group(0) if match else None


def _domain(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")
