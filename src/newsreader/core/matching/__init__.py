"""Find the passages that articles share: verbatim copies, near copies and light rewrites.

The public entry is :func:`find_passages`; results are :class:`Passage` values made of
:class:`Span` offsets into each ``Article.text``. :mod:`.coverage` turns them into the
per-article figures the reader shows (originality, own words).

The engine (and rapidfuzz behind it) is imported on first use, not with the package: the
reader needs the result types to start, and the engine only once matching begins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsreader.core.matching.model import KINDS, Kind, Pair, Passage, Span

if TYPE_CHECKING:
    from newsreader.core.matching.engine import ENGINE_VERSION, find_passages, sort_passages

__all__ = [
    "ENGINE_VERSION",
    "KINDS",
    "Kind",
    "Pair",
    "Passage",
    "Span",
    "find_passages",
    "sort_passages",
]

_ENGINE_NAMES = frozenset({"ENGINE_VERSION", "find_passages", "sort_passages"})


def __getattr__(name: str) -> Any:
    if name in _ENGINE_NAMES:
        from newsreader.core.matching import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
