"""On-disk cache of matching results, keyed by content, so reopening a corpus is instant.

The key is a hash of the engine version and every article's id and text: any change to the
set gives a new key (old entries are simply never read again). Files are written to a
temporary name and renamed into place, so a crash never leaves half a file; a file that is
truncated, damaged or written by something else is set aside (``<name>.corrupt``, with a
logged warning) and rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import platformdirs

from newsreader.core.article import Article
from newsreader.core.cache import set_aside
from newsreader.core.matching.engine import ENGINE_VERSION, Progress, find_passages, sort_passages
from newsreader.core.matching.model import KINDS, Pair, Passage, Span
from newsreader.core.matching.packed import ids_of, texts_of

CACHE_ENV = "NEWSREADER_CACHE_DIR"
"""Environment variable that moves the cache (tests point it at a temporary folder)."""
FORMAT = "newsreader-matches"
"""Marker inside every cache file: a file without it is not ours."""


def cache_dir() -> Path:
    """Where matching results are kept: ``$NEWSREADER_CACHE_DIR`` or the platform cache."""
    override = os.environ.get(CACHE_ENV)
    base = Path(override) if override else platformdirs.user_cache_path("newsreader")
    return base / "matches"


def content_key(articles: Sequence[Article]) -> str:
    """A hash of the engine version and of every article's id and text, in order."""
    digest = hashlib.sha256(f"engine {ENGINE_VERSION}\n".encode())
    for article_id, text in zip(ids_of(articles), texts_of(articles), strict=True):
        text_hash = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        digest.update(
            f"{len(article_id)}:{article_id}:{text_hash}\n".encode("utf-8", "surrogatepass")
        )
    return digest.hexdigest()


def cached_passages(
    articles: Sequence[Article],
    *,
    min_score: float = 0,
    workers: int | None = None,
    progress: Progress | None = None,
    use_cache: bool = True,
) -> tuple[Passage, ...]:
    """:func:`find_passages`, answered from the cache when this exact set was seen before."""
    if not use_cache:
        return find_passages(articles, min_score=min_score, workers=workers, progress=progress)
    key = content_key(articles)
    path = cache_dir() / f"{key}.json"
    passages = load(path, key)
    if passages is None:
        passages = find_passages(articles, workers=workers, progress=progress)
        store(path, key, passages)
    return tuple(p for p in passages if p.score >= min_score)


def load(path: Path, key: str) -> tuple[Passage, ...] | None:
    """The passages stored at ``path`` for ``key``, or ``None`` if absent or not valid."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None  # absent (the usual case) or unreadable
    try:
        data = json.loads(raw.decode("utf-8"))
        if data.get("format") != FORMAT or data.get("key") != key:
            set_aside(path, "foreign")
            return None
        return sort_passages(_passage(item) for item in data["passages"])
    except (ValueError, KeyError, TypeError, AttributeError):
        set_aside(path, "damaged")
        return None


def store(path: Path, key: str, passages: Sequence[Passage]) -> None:
    """Write atomically (temporary file + rename); a cache that cannot be written is skipped."""
    data = {
        "format": FORMAT,
        "engine": ENGINE_VERSION,
        "key": key,
        "passages": [_plain(p) for p in passages],
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(data, stream, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return


def _plain(passage: Passage) -> dict[str, Any]:
    return {
        "id": passage.id,
        "kind": passage.kind,
        "score": passage.score,
        "quote": passage.quote,
        "spans": [[s.article, s.start, s.end] for s in passage.spans],
        "pairs": [[p.a, p.b, p.kind, p.score] for p in passage.pairs],
    }


def _passage(item: dict[str, Any]) -> Passage:
    """Rebuild one passage, checking every field: a foreign file must not get through."""
    spans = tuple(Span(_str(a), _int(s), _int(e)) for a, s, e in item["spans"])
    pairs = tuple(Pair(_int(a), _int(b), _kind(k), _num(sc)) for a, b, k, sc in item["pairs"])
    if len(spans) < 2 or any(span.end <= span.start or span.start < 0 for span in spans):
        raise ValueError("bad span")
    if any(not (0 <= p.a < len(spans) and 0 <= p.b < len(spans)) for p in pairs):
        raise ValueError("bad pair")
    return Passage(
        id=_str(item["id"]),
        kind=_kind(item["kind"]),
        score=_num(item["score"]),
        quote=_str(item["quote"]),
        spans=spans,
        pairs=pairs,
    )


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("expected an integer")
    return value


def _num(value: object) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 100:
        raise ValueError("expected a score")
    return float(value)


def _kind(value: object) -> Any:
    if value not in KINDS:
        raise ValueError("unknown kind")
    return value
