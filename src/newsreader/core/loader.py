"""Turn the paths a user gives into articles, skipping (with a reason) whatever cannot be read.

Folders are read recursively in name order. Symbolic links are followed only while they stay
inside the folder the user gave, so a link can neither loop forever nor lead the reader to
files the user did not point at. Nothing here writes anything.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from newsreader.core.article import Article, LoadResult, Skipped
from newsreader.core.decode import DecodeError, decode
from newsreader.core.sanitize import clean_line
from newsreader.core.sources.text import parse_text

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
"""File endings read as plain-text or Markdown articles."""
MAX_FILE_BYTES = 20 * 1024 * 1024
"""Larger files are skipped: no news article is this long, and reading one would stall the app."""


def load_paths(paths: Iterable[str | os.PathLike[str]]) -> LoadResult:
    """Load every article under ``paths`` (files or folders), in the order given."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    ids: set[str] = set()
    for given in paths:
        for path, problem in _walk(Path(given)):
            if problem is not None:
                skipped.append(Skipped(clean_line(str(path)), problem))
                continue
            result = _load_file(path)
            if isinstance(result, Skipped):
                skipped.append(result)
                continue
            article = _with_unique_id(result, ids)
            ids.add(article.id)
            articles.append(article)
    return LoadResult(tuple(articles), tuple(skipped))


def _walk(root: Path) -> Iterator[tuple[Path, str | None]]:
    """Yield ``(file, None)`` for each readable candidate, ``(path, reason)`` for problems."""
    try:
        if not root.exists():
            yield root, "no such file or folder"
            return
        if root.is_file():
            yield root, None
            return
        if not root.is_dir():
            yield root, "not a regular file or folder"
            return
        boundary = root.resolve(strict=True)
    except (OSError, RuntimeError) as error:
        yield root, _reason(error)
        return
    yield from _walk_folder(root, boundary, {boundary})


def _walk_folder(
    folder: Path, boundary: Path, seen: set[Path]
) -> Iterator[tuple[Path, str | None]]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield folder, _reason(error)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
            real = path.resolve(strict=True) if entry.is_symlink() else None
        except (OSError, RuntimeError) as error:
            yield path, _reason(error)
            continue
        if real is not None and not real.is_relative_to(boundary):
            yield path, "symbolic link leads outside the folder given; not followed"
            continue
        if is_dir:
            key = real or path.resolve()
            if key in seen:
                yield path, "symbolic link loop; not followed"
                continue
            yield from _walk_folder(path, boundary, seen | {key})
        elif is_file and path.suffix.lower() in TEXT_SUFFIXES:
            yield path, None


def _load_file(path: Path) -> Article | Skipped:
    shown = clean_line(str(path))
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return Skipped(shown, f"unsupported file type {clean_line(path.suffix) or '(none)'!r}")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return Skipped(shown, f"file too large ({size // (1024 * 1024)} MiB; limit 20 MiB)")
        data = path.read_bytes()
        raw = decode(data)
    except DecodeError as error:
        return Skipped(shown, str(error))
    except OSError as error:
        return Skipped(shown, _reason(error))
    parsed = parse_text(raw, markdown=path.suffix.lower() != ".txt")
    if not parsed.title and not parsed.text:
        return Skipped(shown, "empty file")
    return Article(
        id=clean_line(path.stem) or "article",
        path=shown,
        title=parsed.title or clean_line(path.stem),
        source=parsed.source or _folder_source(path),
        date=parsed.date or _file_date(path),
        url=parsed.url,
        text=parsed.text,
    )


def _folder_source(path: Path) -> str:
    parent = path.resolve().parent.name
    return clean_line(parent) or "unknown"


def _file_date(path: Path) -> str | None:
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return None
    return datetime.fromtimestamp(stamp, tz=UTC).strftime("%Y-%m-%d")


def _with_unique_id(article: Article, taken: set[str]) -> Article:
    if article.id not in taken:
        return article
    number = 2
    while f"{article.id}-{number}" in taken:
        number += 1
    return _replace_id(article, f"{article.id}-{number}")


def _replace_id(article: Article, new_id: str) -> Article:
    from dataclasses import replace

    return replace(article, id=new_id)


def _reason(error: BaseException) -> str:
    """A short, clean sentence for an OS error (no traceback, no raw bytes from the path)."""
    if isinstance(error, RuntimeError) or getattr(error, "errno", None) == 40:
        return "symbolic link loop; not followed"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, OSError) and error.strerror:
        return clean_line(error.strerror.lower())
    return clean_line(str(error)) or type(error).__name__
