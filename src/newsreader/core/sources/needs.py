"""Telling a broken install from a bad input.

The readers of pages, feeds and dumps import their libraries when an input needs them. When
such an import fails, newsreader itself is installed without something (an older pip that
leaves out a dependency's dependency, say), and the message must say so plainly instead of
blaming the input. Only the standard library is imported here: the loader uses this module
before it knows whether any reader is needed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from newsreader.core.sanitize import clean_line


class BrokenInstall(RuntimeError):
    """A module a reader needs cannot be imported: newsreader's own install is broken, not
    the input, so the message says so."""


@contextlib.contextmanager
def needs(purpose: str) -> Iterator[None]:
    """Run a reader's lazy imports: an :class:`ImportError` becomes :class:`BrokenInstall`
    naming the missing module and ``purpose`` (what it is needed for)."""
    try:
        yield
    except ImportError as error:
        raise BrokenInstall(
            f"newsreader is installed without {_missing(error)} (needed for {purpose}): "
            "reinstall newsreader"
        ) from error


def _missing(error: BaseException) -> str:
    """The module an import failed for: libraries that re-raise with a message of their own
    (lxml about ``lxml_html_clean``) keep the original error as the context."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ImportError) and seen.name:
            return seen.name.split(".")[0]
        seen = seen.__cause__ or seen.__context__
    return clean_line(str(error).split("\n")[0])[:80] or "a module it needs"
