"""Dump records to articles: which key is the text, the title, the source... learnt per file.

Dumps come from scrapers and datasets with their own field names, so the names are detected
per file from a list of common ones (``text``/``body``/``content``, ``source``/``outlet``/
``publisher``, ``date``/``published``/``publishedAt``, ``url``/``link``, ``id``). Every string
taken from a record is sanitised here, whichever way it is read.

:func:`previews` is the quick way through the same records, for a list that should show
before every text is cleaned: the same ids, titles, sources and dates, without the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from newsreader.core.article import PENDING_NOTE, UNKNOWN_SOURCE, Article, Skipped, SourceFrom
from newsreader.core.sanitize import clean_line
from newsreader.core.sources.common import (
    NotArticles,
    body,
    domain,
    fragment_text,
    iso_date,
    safe_url,
    slug,
)
from newsreader.core.sources.outlets import is_domain

MAX_LINE_REPORTS = 50
"""Malformed lines reported one by one; beyond this they are counted in one summary."""

_ROLES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "fulltext", "articletext", "article", "maintext",
             "articlebody", "story", "contents"),
    "summary": ("summary", "description", "abstract", "excerpt", "snippet", "lead"),
    "title": ("title", "headline", "heading", "subject"),
    "source": ("source", "outlet", "publisher", "sourcename", "sitename", "site", "publication",
               "newspaper", "domain", "sourceurl"),
    "date": ("date", "published", "publishedat", "publishdate", "publisheddate",
             "datepublished", "pubdate", "createdat", "created", "timestamp", "time", "dateraw"),
    "url": ("url", "link", "href", "canonicalurl", "weburl", "articleurl"),
    "id": ("id", "_id", "uuid", "guid", "articleid", "docid", "key"),
}  # fmt: skip

Numbered = tuple[int, Any]
"""A record (or the :class:`Skipped` describing why a line is not one) and its 1-based number."""


class Malformed(str):
    """A reason for a line that is not JSON (told apart from JSON strings by its type)."""


def from_records(records: Iterable[Numbered], shown: str, name: str) -> Iterator[Article | Skipped]:
    """Turn numbered records into articles, reporting bad lines and summarising textless ones."""
    fields = _Fields()
    stem = _stem(name)
    good = malformed = textless = 0
    first_textless = 0
    for number, record in records:
        if isinstance(record, Skipped):
            yield record
            continue
        if isinstance(record, Malformed):
            malformed += 1
            if malformed <= MAX_LINE_REPORTS:
                yield Skipped(shown, clean_line(record))
            elif good == 0 and malformed > MAX_LINE_REPORTS:
                yield Skipped(shown, f"not JSON lines: the first {malformed - 1} lines are bad")
                return
            continue
        article = (
            _article(record, fields, shown, f"{stem}-{number}")
            if isinstance(record, dict)
            else None
        )
        if article is None:
            textless += 1
            first_textless = first_textless or number
            continue
        good += 1
        yield article
    if malformed > MAX_LINE_REPORTS:
        yield Skipped(shown, f"{malformed - MAX_LINE_REPORTS} more malformed lines not listed")
    if good == 0 and malformed == 0:
        raise NotArticles("no record has an article text field (text, body, content …)")
    if textless:
        yield Skipped(shown, f"{textless} records without text skipped (first: #{first_textless})")


def previews(records: Iterable[Numbered], shown: str, name: str) -> list[Article]:
    """What :func:`from_records` will give, listed early: each article without its text.

    Cleaning the texts is most of a dump's reading time; a list needs only the id, title,
    source and date. A record without a title is titled from its text, so it is read whole
    here. A record whose text turns out empty is listed and then dropped by the real read.
    """
    fields = _Fields()
    stem = _stem(name)
    shown_articles: list[Article] = []
    for number, record in records:
        if not isinstance(record, dict):
            continue
        raw = _normalised(record)
        if fields.get(raw, "text") is None and fields.get(raw, "summary") is None:
            continue
        title = clean_line(_text(fields.get(raw, "title")))
        if not title:  # titled from the text: read it as the real read will
            article = _article(record, fields, shown, f"{stem}-{number}")
            if article is not None:
                shown_articles.append(replace(article, text="", notes=(PENDING_NOTE,)))
            continue
        url = safe_url(fields.get(raw, "url"))
        identifier = clean_line(str(fields.get(raw, "id") or ""))[:100] or f"{stem}-{number}"
        date = iso_date(fields.get(raw, "date"))
        named = _source(fields.get(raw, "source"))
        shown_articles.append(
            Article(
                id=identifier,
                path=shown,
                title=title,
                source=named or domain(url) or UNKNOWN_SOURCE,
                date=date,
                url=url,
                text="",
                notes=(PENDING_NOTE,),
                date_source="metadata" if date else None,
                source_from=_site(named),
            )
        )
    return shown_articles


def _stem(name: str) -> str:
    return slug(name.split(".", maxsplit=1)[0]) or "dump"


class _Fields:
    """Which key plays which role, learnt from the first record that has it (per file)."""

    def __init__(self) -> None:
        self.keys: dict[str, str] = {}

    def get(self, record: dict[str, Any], role: str) -> Any:
        key = self.keys.get(role)
        if key is not None and record.get(key) not in (None, "", []):
            return record[key]
        for candidate in _ROLES[role]:
            value = record.get(candidate)
            if value not in (None, "", [], {}):
                self.keys.setdefault(role, candidate)
                return value
        return None


def _article(raw: dict[str, Any], fields: _Fields, shown: str, fallback_id: str) -> Article | None:
    record = _normalised(raw)
    notes: tuple[str, ...] = ()
    text = _text(fields.get(record, "text"))
    if not text:
        text = _text(fields.get(record, "summary"))
        notes = ("summary only: the dump has no full text for this article",)
    if not text:
        return None
    title = clean_line(_text(fields.get(record, "title")))
    url = safe_url(fields.get(record, "url"))
    text = body(text, title)
    if not title:
        first, _, rest = text.partition("\n\n")
        title, text = (first, rest) if len(first) <= 150 and rest else (first[:80] + "…", text)
    if not text:
        return None
    identifier = clean_line(str(fields.get(record, "id") or ""))[:100] or fallback_id
    date = iso_date(fields.get(record, "date"))
    named = _source(fields.get(record, "source"))
    return Article(
        id=identifier,
        path=shown,
        title=clean_line(title),
        source=named or domain(url) or UNKNOWN_SOURCE,
        date=date,
        url=url,
        text=text,
        notes=notes,
        date_source="metadata" if date else None,
        source_from=_site(named),
    )


def _site(named: str | None) -> SourceFrom | None:
    """A dump's outlet field names the site, unless it only holds a domain."""
    return "site" if named and not is_domain(named) else None


_KEYS: dict[tuple[object, ...], tuple[str, ...]] = {}
"""Normalised names of each set of keys seen (a dump's records mostly share one)."""


def _normalised(record: dict[Any, Any]) -> dict[str, Any]:
    """``record`` with its keys compared the way :data:`_ROLES` names them."""
    keys = tuple(record)
    names = _KEYS.get(keys)
    if names is None:
        if not all(isinstance(key, str) for key in keys):
            return {_norm(k): v for k, v in record.items() if isinstance(k, str)}
        names = _KEYS[keys] = tuple(_norm(key) for key in keys)
        if len(_KEYS) > 1024:  # records of ever-changing shapes: do not hold them all
            _KEYS.clear()
    return dict(zip(names, record.values(), strict=True))


def _norm(key: str) -> str:
    return key.lower().replace("-", "").replace("_", "") if key != "_id" else key


def _text(value: Any) -> str:
    """A string field as text: lists of paragraphs joined, HTML bodies reduced to their text."""
    if isinstance(value, list):
        value = "\n\n".join(part for part in value if isinstance(part, str))
    if not isinstance(value, str):
        return ""
    # One search for "<" first: most texts hold none, and it is cheaper than two searches.
    if "<" in value and ("</" in value or "<br" in value):
        return fragment_text(value)
    return value


def _source(value: Any) -> str | None:
    """An outlet name from a string, a domain-like string or a nested ``{"name": ...}``."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("title") or value.get("id")
    if not isinstance(value, str):
        return None
    name = clean_line(value)
    if "/" in name or (name.count(".") >= 1 and " " not in name and name.startswith("www.")):
        return domain(name)
    return name[:100] or None
