"""Orders of the article list, stepping through marks and hits, as pure functions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
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

    ``date``: newest first by publication date; undated articles and those with only a
    file's date (when a copy was saved, see :attr:`Article.published`) last. ``source``: by
    outlet name. ``originality``: most original first. ``shared``: most shared passages
    first. The last two need ``stats`` and fall back to load order without it (matching not
    done yet).
    """
    items = list(articles)
    if mode == "date":
        dated = sorted(
            (a for a in items if a.published), key=lambda a: a.published or "", reverse=True
        )
        return (*dated, *(a for a in items if not a.published))
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


def hit_to_show(
    hits: Sequence[tuple[int, int]],
    previous: int | None,
    row_of: Callable[[int], int],
    top: int,
) -> int | None:
    """Which search hit becomes current after the hits change (as the query is typed).

    The first hit at or after the previous current one, so refining a query does not jump
    back; without one, the first hit on or below screen row ``top``.
    """
    if not hits:
        return None
    if previous is not None:
        for index, (start, _) in enumerate(hits):
            if start >= previous:
                return index
    for index, (start, _) in enumerate(hits):
        if row_of(start) >= top:
            return index
    return 0


def own_words_text(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """The article's own words only: paragraphs kept apart, gaps within one shown as "…"."""
    if not spans:
        return "(Every passage of this article is also carried by another article.)"
    parts = [text[spans[0][0] : spans[0][1]]]
    for (_, end), (start, stop) in pairwise(spans):
        parts.append("\n\n" if "\n\n" in text[end:start] else " … ")
        parts.append(text[start:stop])
    return "".join(parts)
