"""Keep built search indexes on disk, so a set of articles is indexed once, not every start.

Indexes live in ``search/`` under newsreader's cache folder (the user cache directory from
platformdirs, or ``$NEWSREADER_CACHE_DIR``), one file per set of articles, named by a hash
of the articles' text: the same text finds the same file, any edit makes a new one. Files
are written to a temporary name and renamed into place, so a reader never sees half a file.
The format is plain data (no pickle): a JSON header, the words, the non-ASCII spellings
(JSON), and two arrays of integers.
Anything wrong with a file (truncated, corrupt, another version or machine) sets it aside
(``<name>.corrupt``, with a logged warning) and the index is rebuilt; failing to write is
never an error either.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import sys
import tempfile
from array import array
from collections.abc import Sequence
from pathlib import Path

from platformdirs import user_cache_dir

from newsreader.core.article import Article
from newsreader.core.cache import set_aside
from newsreader.core.search.index import SearchIndex

FORMAT = 2
"""Bumped whenever the file layout or the way words are folded changes."""
KEEP_FILES = 8
"""Index files kept; older ones are removed when a new one is written."""
_MAGIC = b"newsreader-search\n"
_LENGTH = struct.Struct("<Q")


def cache_dir() -> Path:
    """Where search indexes are kept: ``$NEWSREADER_CACHE_DIR/search`` or the user cache."""
    base = os.environ.get("NEWSREADER_CACHE_DIR") or user_cache_dir("newsreader")
    return Path(base) / "search"


def content_key(articles: Sequence[Article]) -> str:
    """A hash of the articles' text, in order, and of the format: names the index file."""
    digest = hashlib.sha256(f"newsreader-search {FORMAT} {len(articles)}\n".encode())
    for article in articles:
        data = article.text.encode("utf-8", "surrogatepass")
        digest.update(_LENGTH.pack(len(data)))
        digest.update(data)
    return digest.hexdigest()


def load_or_build(articles: Sequence[Article], directory: Path | None = None) -> SearchIndex:
    """The index of ``articles``: read from the cache when there, else built and saved."""
    folder = cache_dir() if directory is None else directory
    key = content_key(articles)
    path = folder / f"{key}.idx"
    index = load(path, articles, key)
    if index is None:
        index = SearchIndex.build(articles)
        save(index, path, key)
    return index


def load(path: Path, articles: Sequence[Article], key: str) -> SearchIndex | None:
    """The index stored at ``path`` for ``articles``, or None if missing or unusable."""
    try:
        data = path.read_bytes()
    except OSError:
        return None  # absent (the usual case) or unreadable
    try:
        index = _decode(data, articles, key)
    except Exception:
        index = None  # a cache must never stop the reader: whatever is wrong, rebuild
    if index is None:
        set_aside(path, "damaged or foreign")
    return index


def save(index: SearchIndex, path: Path, key: str) -> bool:
    """Write ``index`` to ``path`` atomically; False (and nothing left behind) on failure."""
    header = {
        "format": FORMAT,
        "key": key,
        "articles": len(index.articles),
        "words": len(index.words),
        "postings": len(index.postings),
        "byteorder": sys.byteorder,
        "itemsize": index.postings.itemsize,
    }
    words = "\n".join(index.words).encode("ascii")
    spellings = json.dumps(index.surfaces, ensure_ascii=False).encode("utf-8", "surrogatepass")
    head = json.dumps(header).encode()
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "wb", dir=path.parent, prefix=".tmp-", suffix=".idx", delete=False
        ) as handle:
            temporary = handle.name
            handle.write(_MAGIC)
            for blob in (head, words, spellings):
                handle.write(_LENGTH.pack(len(blob)))
                handle.write(blob)
            handle.write(index.offsets.tobytes())
            handle.write(index.postings.tobytes())
        os.replace(temporary, path)
        temporary = None
        _prune(path.parent)
        return True
    except OSError:
        return False
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _decode(data: bytes, articles: Sequence[Article], key: str) -> SearchIndex | None:
    if not data.startswith(_MAGIC):
        return None
    cursor = len(_MAGIC)
    (size,) = _LENGTH.unpack_from(data, cursor)
    cursor += _LENGTH.size
    header = json.loads(data[cursor : cursor + size])
    cursor += size
    expected = {"format": FORMAT, "key": key, "articles": len(articles)}
    expected |= {"byteorder": sys.byteorder, "itemsize": array("I").itemsize}
    if any(header.get(name) != value for name, value in expected.items()):
        return None
    (size,) = _LENGTH.unpack_from(data, cursor)
    cursor += _LENGTH.size
    blob = data[cursor : cursor + size].decode("ascii")
    cursor += size
    words = blob.split("\n") if blob else []
    if len(words) != header["words"]:
        return None
    (size,) = _LENGTH.unpack_from(data, cursor)
    cursor += _LENGTH.size
    surfaces = json.loads(data[cursor : cursor + size].decode("utf-8", "surrogatepass"))
    cursor += size
    if not isinstance(surfaces, dict):
        return None
    itemsize = array("I").itemsize
    offsets = array("I")
    offsets.frombytes(data[cursor : cursor + (len(words) + 1) * itemsize])
    cursor += (len(words) + 1) * itemsize
    postings = array("I")
    postings.frombytes(data[cursor:])
    if len(postings) != header["postings"] or any(p >= len(articles) for p in postings[-1:]):
        return None
    return SearchIndex(articles, words, offsets, postings, surfaces)


def _prune(folder: Path) -> None:
    """Remove all but the :data:`KEEP_FILES` most recently written index files."""
    try:
        files = sorted(folder.glob("*.idx"), key=lambda file: file.stat().st_mtime, reverse=True)
        for old in files[KEEP_FILES:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
