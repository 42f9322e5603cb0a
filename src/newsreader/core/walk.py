"""Which files a path the user gave stands for, without leaving where the user pointed.

Folders are walked in name order; symbolic links are followed only while they stay inside the
folder the user gave, so a link can neither loop forever nor lead to files the user did not
point at. Problems come back as short, clean reasons rather than exceptions.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from newsreader.core.sanitize import clean_line


def walk(root: Path, wanted: Callable[[Path], bool]) -> Iterator[tuple[Path, str | None]]:
    """Yield ``(file, None)`` for each readable candidate, ``(path, reason)`` for problems.

    ``root`` itself is yielded if it is a file; inside folders, only files ``wanted`` accepts
    (the ones whose names say they hold articles) are.
    """
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
        yield root, reason(error)
        return
    yield from _walk_folder(root, boundary, {boundary}, wanted)


def _walk_folder(
    folder: Path, boundary: Path, seen: set[Path], wanted: Callable[[Path], bool]
) -> Iterator[tuple[Path, str | None]]:
    """Depth first in name order, with an explicit stack: nesting depth cannot overflow it.

    ``seen`` holds the real paths of the folders being walked (the ancestors), so a link back
    to one of them is a loop. A real folder's real path is its parent's plus its name, so
    nothing is resolved but symbolic links.
    """
    listing = _listing(folder)
    if isinstance(listing, str):
        yield folder, listing
        return
    (key,) = seen
    stack: list[tuple[Iterator[os.DirEntry[str]], Path]] = [(iter(listing), key)]
    while stack:
        entries, parent = stack[-1]
        entry = next(entries, None)
        if entry is None:
            stack.pop()
            seen.discard(parent)
            continue
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
            real = path.resolve(strict=True) if entry.is_symlink() else None
        except (OSError, RuntimeError) as error:
            yield path, reason(error)
            continue
        if real is not None and not real.is_relative_to(boundary):
            yield path, "symbolic link leads outside the folder given; not followed"
            continue
        if is_dir:
            key = real or parent / entry.name
            if key in seen:
                yield path, "symbolic link loop; not followed"
                continue
            listing = _listing(path)
            if isinstance(listing, str):
                yield path, listing
                continue
            seen.add(key)
            stack.append((iter(listing), key))
        elif is_file and wanted(path):
            yield path, None


def _listing(folder: Path) -> list[os.DirEntry[str]] | str:
    """The entries of ``folder`` sorted by name, or the reason it cannot be listed."""
    try:
        with os.scandir(folder) as scan:
            return sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        return reason(error)


def reason(error: BaseException) -> str:
    """A short, clean sentence for an OS error (no traceback, no raw bytes from the path)."""
    if isinstance(error, RuntimeError) or getattr(error, "errno", None) == 40:
        return "symbolic link loop; not followed"
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, OSError) and error.strerror:
        return clean_line(error.strerror.lower())
    return clean_line(str(error)) or type(error).__name__
