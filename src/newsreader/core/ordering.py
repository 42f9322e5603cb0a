"""Orders of the article list and the stepping through marks, as pure functions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from newsreader.core.article import Article
from newsreader.core.crossref import ArticleStats

SortMode = Literal["list", "date", "source", "originality", "shared"]
"""How the article list is ordered."""

SORT_MODES: tuple[SortMode, ...] = ("list", "date", "source", "originality", "shared")
"""The cycle of orders the ``s`` key steps through."""


def sort_articles(
    articles: Sequence[Article],
    mode: SortMode,
    *,
    stats: Callable[[str], ArticleStats] | None = None,
) -> tuple[Article, ...]:
    """``articles`` in the order ``mode`` names; ties keep load order.

    ``date``: newest first, undated last. ``source``: by outlet name. ``originality``: most
    original first. ``shared``: most shared passages first. The last two need ``stats`` and
    fall back to load order without it (matching not done yet).
    """
    items = list(articles)
    if mode == "date":
        dated = sorted((a for a in items if a.date), key=lambda a: a.date or "", reverse=True)
        return (*dated, *(a for a in items if not a.date))
    if mode == "source":
        return tuple(sorted(items, key=lambda a: a.source.casefold()))
    if stats is not None and mode == "originality":
        return tuple(sorted(items, key=lambda a: -stats(a.id).originality))
    if stats is not None and mode == "shared":
        return tuple(sorted(items, key=lambda a: -stats(a.id).shared))
    return tuple(items)


def next_index(starts: Sequence[int], position: int | None, direction: int) -> int | None:
    """Index of the next (``direction`` 1) or previous (-1) item after ``position``, wrapping.

    ``starts`` are the items' sorted offsets; ``position`` is the current item's index, or
    None before the first move (then 1 goes to the first item and -1 to the last).
    """
    if not starts:
        return None
    if position is None:
        return 0 if direction > 0 else len(starts) - 1
    return (position + direction) % len(starts)
