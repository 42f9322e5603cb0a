"""Article dumps: a JSON array (or an object holding one), JSON lines, gzip-compressed or not.

JSON lines are streamed one line at a time, so memory grows with the articles kept, not with
the file; a malformed line is skipped with its number and the rest still load. How a record
becomes an article (field names detected per file) is :mod:`.records`.

Big dumps are what this reader spends its time on, so the common case takes fast paths:
gzip is inflated by ISA-L (``isal``, about three times zlib's speed) and each line parsed by
``orjson`` (about twice the standard library's); a line orjson refuses (invalid UTF-8, a lone
surrogate, ``NaN``) goes through the standard library as before, so what loads is unchanged.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, cast

import orjson
from isal import igzip, igzip_lib

from newsreader.core.article import Article, Skipped
from newsreader.core.sanitize import clean_line
from newsreader.core.sources.common import NotArticles, dump_suffix
from newsreader.core.sources.records import Malformed, Numbered, from_records, previews

MAX_LINE_BYTES = 32 * 1024 * 1024
"""A longer JSON line is skipped unread: no article is that long, and holding it costs memory."""
MAX_DECOMPRESSED_BYTES = 4 * 1024**3
"""Reading stops past this much decompressed data (a gzip bomb expands without end)."""
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024
"""A single JSON document must be parsed whole, so larger ones are refused."""
_LISTS = ("articles", "items", "data", "results", "entries", "posts", "documents", "records")


Preview = Callable[[list[Article]], None]
"""Receives a dump's articles without their text, before the texts are read (see
:func:`.records.previews`)."""
# isal's stubs type its error as an instance, not a class.
_DAMAGED = (EOFError, OSError, zlib.error, cast(type[Exception], igzip_lib.IsalError))
"""What reading damaged (cut, corrupted) gzip data raises."""


def read_dump(
    path: Path, shown: str, *, preview: Preview | None = None
) -> Iterator[Article | Skipped]:
    """Yield the articles of the dump at ``path`` and a :class:`Skipped` per bad record.

    ``preview``, when given, hears the articles of a JSON-lines dump without their text as
    soon as every line is parsed, before the texts are cleaned (the dump's lines are then
    held in memory at once rather than streamed). Raises :class:`NotArticles` when the file
    is JSON but holds no article records (a ``manifest.json``), and :class:`OSError` when it
    cannot be read at all.
    """
    suffix = (dump_suffix(path) or ".json").removesuffix(".gz")
    with path.open("rb") as probe:
        compressed = probe.read(2) == b"\x1f\x8b"  # by content: names can be wrong
    opener = igzip.open if compressed else open
    with contextlib.ExitStack() as stack:
        stream = cast(IO[bytes], stack.enter_context(opener(path, "rb")))
        head = _peek(stream)
        if suffix == ".json" and head in (b"[", b"{"):
            data = stream.read(MAX_DOCUMENT_BYTES + 1)
            if len(data) > MAX_DOCUMENT_BYTES:
                yield Skipped(shown, "JSON document larger than 256 MiB; use JSON lines")
                return
            yield from read_document(data, shown, path.name)
            return

        def standard() -> IO[bytes]:
            return cast(IO[bytes], stack.enter_context(gzip.open(path, "rb")))

        records: Iterable[Numbered] = _lines(stream, shown, standard if compressed else None)
        if preview is not None:
            records = list(records)
            preview(previews(records, shown, path.name))
        yield from from_records(records, shown, path.name)


def read_document(data: bytes, origin: str, name: str) -> Iterator[Article | Skipped]:
    """Articles of one whole JSON document (an array, ``{"articles": [...]}``, or JSON lines)."""
    try:
        document = json.loads(data.decode("utf-8", "replace").lstrip("\ufeff"))
    except ValueError as error:
        if b"\n{" in data:  # JSON lines served or saved under a .json name
            yield from from_records(_lines_of(data.split(b"\n")), origin, name)
            return
        yield Skipped(origin, f"not valid JSON ({_short(error)})")
        return
    records = _records_in(document)
    if records is None:
        raise NotArticles("JSON holds no list of articles")
    yield from from_records(((n, r) for n, r in enumerate(records, 1)), origin, name)


def _peek(stream: IO[bytes]) -> bytes:
    """The first non-blank byte, without consuming it (gzip and plain files both seek)."""
    try:
        start = stream.read(4096)
    except _DAMAGED:
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


def _lines(
    stream: IO[bytes], shown: str, fallback: Callable[[], IO[bytes]] | None = None
) -> Iterator[Numbered]:
    """Numbered JSON values, one per line, stopping cleanly at damaged gzip data.

    ISA-L inflates in large blocks, so at damaged data it gives up on lines that the
    standard library could still have read; ``fallback`` opens the file with the latter,
    which then carries on from the same place and keeps every line before the damage.
    """
    total = 0
    number = 0
    resume: Callable[[], IO[bytes]] | None = None
    while True:
        try:
            if resume is not None:
                stream, resume = resume(), None
                stream.seek(total)
            while True:
                line = stream.readline(MAX_LINE_BYTES + 1)
                if not line:
                    return
                number += 1
                total += len(line)
                if total > MAX_DECOMPRESSED_BYTES:
                    limit = MAX_DECOMPRESSED_BYTES // 2**20
                    yield (
                        number,
                        Skipped(shown, f"stopped at line {number}: over {limit} MiB of data"),
                    )
                    return
                if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                    while line and not line.endswith(b"\n"):  # drop the rest of the long line
                        line = stream.readline(1024 * 1024)
                        total += len(line)
                    limit = MAX_LINE_BYTES // 2**20
                    yield number, Skipped(shown, f"line {number}: longer than {limit} MiB; skipped")
                    continue
                yield from _lines_of([line], number - 1)
        except _DAMAGED as error:
            if fallback is not None:
                resume, fallback = fallback, None
                continue
            yield number + 1, Skipped(shown, f"stopped after line {number}: damaged data ({error})")
            return


def _lines_of(lines: Iterable[bytes], offset: int = 0) -> Iterator[Numbered]:
    for number, line in enumerate(lines, offset + 1):
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError:
            value = _standard(line, number)  # blank, a BOM, bad UTF-8, NaN...: as before
        if value is not _BLANK:
            yield number, value


_BLANK = object()
"""What :func:`_standard` returns for a blank line (``None`` is a JSON value)."""


def _standard(line: bytes, number: int) -> Any:
    """A line as the standard library reads it: bad UTF-8 replaced, a BOM dropped."""
    text = line.decode("utf-8", "replace").strip().lstrip("\ufeff")
    if not text:
        return _BLANK
    try:
        return json.loads(text)
    except ValueError as error:
        return Malformed(f"line {number}: not valid JSON ({_short(error)})")


def _short(error: BaseException) -> str:
    return clean_line(str(error))[:120]
