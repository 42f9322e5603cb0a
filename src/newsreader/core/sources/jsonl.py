"""Article dumps: a JSON array (or an object holding one), JSON lines, gzip-compressed or not.

Dumps come from scrapers and datasets with their own field names, so the names are detected
per file from a list of common ones (``text``/``body``/``content``, ``source``/``outlet``/
``publisher``, ``date``/``published``/``publishedAt``, ``url``/``link``, ``id``). JSON lines are
streamed one line at a time, so memory grows with the articles kept, not with the file; a
malformed line is skipped with its number and the rest still load.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any, cast

from newsreader.core.article import Article, Skipped
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

DUMP_SUFFIXES = (".jsonl.gz", ".ndjson.gz", ".json.gz", ".jsonl", ".ndjson", ".json")
"""File endings read as article dumps (longest first, so ``.jsonl.gz`` wins over ``.gz``)."""
MAX_LINE_BYTES = 32 * 1024 * 1024
"""A longer JSON line is skipped unread: no article is that long, and holding it costs memory."""
MAX_DECOMPRESSED_BYTES = 4 * 1024**3
"""Reading stops past this much decompressed data (a gzip bomb expands without end)."""
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024
"""A single JSON document must be parsed whole, so larger ones are refused."""
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
_LISTS = ("articles", "items", "data", "results", "entries", "posts", "documents", "records")


def dump_suffix(path: Path) -> str | None:
    """The dump ending of ``path`` (``.jsonl.gz`` …) or ``None`` when it is not a dump."""
    name = path.name.lower()
    return next((suffix for suffix in DUMP_SUFFIXES if name.endswith(suffix)), None)


def read_dump(path: Path, shown: str) -> Iterator[Article | Skipped]:
    """Yield the articles of the dump at ``path`` and a :class:`Skipped` per bad record.

    Raises :class:`NotArticles` when the file is JSON but holds no article records (a
    ``manifest.json``), and :class:`OSError` when it cannot be read at all.
    """
    suffix = (dump_suffix(path) or ".json").removesuffix(".gz")
    with path.open("rb") as probe:
        compressed = probe.read(2) == b"\x1f\x8b"  # by content: names can be wrong
    opener = gzip.open if compressed else open
    with opener(path, "rb") as raw:
        stream = cast(IO[bytes], raw)
        head = _peek(stream)
        if suffix == ".json" and head in (b"[", b"{"):
            data = stream.read(MAX_DOCUMENT_BYTES + 1)
            if len(data) > MAX_DOCUMENT_BYTES:
                yield Skipped(shown, "JSON document larger than 256 MiB; use JSON lines")
                return
            yield from read_document(data, shown, path.name)
            return
        yield from _from_records(_lines(stream, shown), shown, path.name)


def read_document(data: bytes, origin: str, name: str) -> Iterator[Article | Skipped]:
    """Articles of one whole JSON document (an array, ``{"articles": [...]}``, or JSON lines)."""
    try:
        document = json.loads(data.decode("utf-8", "replace").lstrip("\ufeff"))
    except ValueError as error:
        if b"\n{" in data:  # JSON lines served or saved under a .json name
            yield from _from_records(_lines_of(data.split(b"\n")), origin, name)
            return
        yield Skipped(origin, f"not valid JSON ({_short(error)})")
        return
    records = _records_in(document)
    if records is None:
        raise NotArticles("JSON holds no list of articles")
    yield from _from_records(((n, r) for n, r in enumerate(records, 1)), origin, name)


def _peek(stream: IO[bytes]) -> bytes:
    """The first non-blank byte, without consuming it (gzip and plain files both seek)."""
    try:
        start = stream.read(4096)
    except (EOFError, zlib.error):
        start = b""  # gzip damaged early: the line reader reports it and keeps what it can
    stream.seek(0)
    stripped = start.lstrip(b"\xef\xbb\xbf \t\r\n")
    return stripped[:1]


def _records_in(document: Any) -> list[Any] | None:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in _LISTS:
            if isinstance(document.get(key), list):
                return list(document[key])
        return [document]  # one article on its own
    return None


Numbered = tuple[int, Any]
"""A record (or the :class:`Skipped` describing why a line is not one) and its 1-based number."""


def _lines(stream: IO[bytes], shown: str) -> Iterator[Numbered]:
    """Numbered JSON values, one per line, stopping cleanly at damaged gzip data."""
    total = 0
    number = 0
    try:
        while True:
            line = stream.readline(MAX_LINE_BYTES + 1)
            if not line:
                return
            number += 1
            total += len(line)
            if total > MAX_DECOMPRESSED_BYTES:
                limit = MAX_DECOMPRESSED_BYTES // 2**20
                yield number, Skipped(shown, f"stopped at line {number}: over {limit} MiB of data")
                return
            if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # drop the rest of the long line
                    line = stream.readline(1024 * 1024)
                    total += len(line)
                limit = MAX_LINE_BYTES // 2**20
                yield number, Skipped(shown, f"line {number}: longer than {limit} MiB; skipped")
                continue
            yield from _lines_of([line], number - 1)
    except (EOFError, OSError, zlib.error) as error:
        yield number + 1, Skipped(shown, f"stopped after line {number}: damaged data ({error})")


def _lines_of(lines: Iterable[bytes], offset: int = 0) -> Iterator[Numbered]:
    for number, line in enumerate(lines, offset + 1):
        text = line.decode("utf-8", "replace").strip().lstrip("\ufeff")
        if not text:
            continue
        try:
            yield number, json.loads(text)
        except ValueError as error:
            yield number, _Malformed(f"line {number}: not valid JSON ({_short(error)})")


class _Malformed(str):
    """A reason for a line that is not JSON (told apart from JSON strings by its type)."""


def _from_records(
    records: Iterable[Numbered], shown: str, name: str
) -> Iterator[Article | Skipped]:
    """Turn numbered records into articles, reporting bad lines and summarising textless ones."""
    fields = _Fields()
    stem = slug(name.split(".", maxsplit=1)[0]) or "dump"
    good = malformed = textless = 0
    first_textless = 0
    for number, record in records:
        if isinstance(record, Skipped):
            yield record
            continue
        if isinstance(record, _Malformed):
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
    record = {_norm(key): value for key, value in raw.items() if isinstance(key, str)}
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
    return Article(
        id=identifier,
        path=shown,
        title=clean_line(title),
        source=_source(fields.get(record, "source")) or domain(url) or "unknown",
        date=iso_date(fields.get(record, "date")),
        url=url,
        text=text,
        notes=notes,
    )


def _norm(key: str) -> str:
    return key.lower().replace("-", "").replace("_", "") if key != "_id" else key


def _text(value: Any) -> str:
    """A string field as text: lists of paragraphs joined, HTML bodies reduced to their text."""
    if isinstance(value, list):
        value = "\n\n".join(part for part in value if isinstance(part, str))
    if not isinstance(value, str):
        return ""
    return fragment_text(value) if "</" in value or "<br" in value else value


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


def _short(error: BaseException) -> str:
    return clean_line(str(error))[:120]
