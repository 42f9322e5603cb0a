"""The on-disk cache of fetched bodies: one file per URL, written atomically.

Each file holds one JSON header line (final URL, ETag, Last-Modified, content type, body
length) and then the body. A file is written to a temporary name in the same folder and moved
into place with ``os.replace``, so a crash or ``kill -9`` mid-write leaves either the old entry
or the new one, never half of one. A file that does not parse (foreign, truncated, damaged) is
set aside as ``<name>.corrupt`` (see :func:`set_aside`, shared by every cache), a warning is
logged, and the next successful fetch writes a fresh entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_path

ENV_VAR = "NEWSREADER_CACHE_DIR"
"""When set, the folder used for the cache instead of the platform's cache folder."""
_MAGIC = "newsreader-cache/1"
log = logging.getLogger("newsreader.cache")
CORRUPT_SUFFIX = ".corrupt"
"""Appended to the name of a cache file that was found damaged or foreign."""


def set_aside(path: Path, why: str) -> Path | None:
    """Rename a damaged or foreign cache file to ``<name>.corrupt`` and log why.

    The file is kept (for a bug report) but never read again; one set-aside copy per name, so
    a file that keeps getting damaged cannot fill the disk. Returns the new path, or ``None``
    when the file could not be moved (it is then simply overwritten by the rebuilt entry).
    """
    aside = path.with_name(path.name + CORRUPT_SUFFIX)
    try:
        os.replace(path, aside)
    except OSError:
        return None
    log.warning("cache file %s was %s; set aside as %s and rebuilt", path, why, aside.name)
    return aside


def cache_dir() -> Path:
    """The folder for fetched pages: ``$NEWSREADER_CACHE_DIR`` or the platform cache folder."""
    override = os.environ.get(ENV_VAR)
    return Path(override) if override else user_cache_path("newsreader") / "http"


@dataclass(frozen=True, slots=True)
class Entry:
    """One cached response."""

    url: str
    """The URL the body finally came from (after redirects)."""
    etag: str | None
    """The ``ETag`` the server sent, for ``If-None-Match``."""
    last_modified: str | None
    """The ``Last-Modified`` the server sent, for ``If-Modified-Since``."""
    content_type: str
    """The media type, lower-cased without parameters."""
    body: bytes
    """The decompressed body."""


class Cache:
    """Cached responses in ``folder``, keyed by the requested URL."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, url: str) -> Path:
        digest = hashlib.sha256(url.encode("utf-8", "replace")).hexdigest()
        return self.folder / digest[:2] / f"{digest}.cache"

    def touch(self, url: str) -> None:
        """Mark the entry for ``url`` as just confirmed fresh (a 304), for :func:`prune`."""
        with contextlib.suppress(OSError):
            os.utime(self._file(url))

    def get(self, url: str) -> Entry | None:
        """The entry for ``url``, or ``None`` when there is none or it is damaged."""
        path = self._file(url)
        try:
            with path.open("rb") as stream:
                header = json.loads(stream.readline(64 * 1024))
                body = stream.read()
        except ValueError:
            set_aside(path, "not a cache entry")
            return None
        except OSError:
            return None  # absent (the usual case) or unreadable
        if not isinstance(header, dict) or header.get("magic") != _MAGIC:
            set_aside(path, "foreign")
            return None
        if header.get("length") != len(body):
            set_aside(path, "truncated or damaged")
            return None
        if header.get("url_requested") != url:
            return None  # a hash collision: a sound entry for another URL
        return Entry(
            url=str(header.get("url") or url),
            etag=_optional(header.get("etag")),
            last_modified=_optional(header.get("last_modified")),
            content_type=str(header.get("content_type") or ""),
            body=body,
        )

    def put(self, url: str, entry: Entry) -> None:
        """Store ``entry`` for ``url`` atomically; a cache that cannot be written is skipped."""
        target = self._file(url)
        header = {
            "magic": _MAGIC,
            "url_requested": url,
            "url": entry.url,
            "etag": entry.etag,
            "last_modified": entry.last_modified,
            "content_type": entry.content_type,
            "length": len(entry.body),
        }
        try:
            target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".tmp")
        except OSError:
            return  # a read-only or full disk costs the cache, not the articles
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(json.dumps(header).encode() + b"\n")
                stream.write(entry.body)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, target)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def prune(folder: Path, *, max_age_days: float, now: float | None = None) -> int:
    """Delete fetched pages not refreshed for ``max_age_days``; return how many went.

    Only this cache's own entry files (``??/<sha256>.cache``) are touched, judged by their
    modification time, which every fetch and revalidation renews.
    """
    cutoff = (time.time() if now is None else now) - max_age_days * 86_400
    removed = 0
    for path in folder.glob("??/*.cache"):
        try:
            if not path.is_symlink() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except OSError:
            continue  # another instance removed or renewed it: nothing to do
    return removed


def _optional(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
