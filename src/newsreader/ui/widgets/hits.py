"""Search hits in the article being read, and which one is current.

Kept apart from the reader pane so the pane only wires keys and widgets to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from newsreader.core.article import Article
from newsreader.core.ordering import hit_to_show, next_index

if TYPE_CHECKING:
    from newsreader.core.search import SearchIndex


class Hits:
    """The hits of one query in one article, in reading order, with a current one."""

    def __init__(self) -> None:
        self.spans: tuple[tuple[int, int], ...] = ()
        """``(start, end)`` of every hit, in reading order."""
        self.current: int | None = None
        """Index of the current hit in :attr:`spans`."""
        self._index: tuple[str, SearchIndex] | None = None

    def clear(self) -> None:
        """No search: no hits."""
        self.spans, self.current = (), None

    def find(
        self, article: Article, query: str, *, prefix: bool, row_of: Callable[[int], int], top: int
    ) -> None:
        """Search ``article`` for ``query``; keep the current hit if the hits are unchanged."""
        hits = self._index_of(article).search(query, article_id=article.id, prefix=prefix)
        found = tuple(sorted({(hit.start, hit.end) for hit in hits}))
        # The same hits again (new passages arrived, a redraw): stay on the current one.
        if found != self.spans or self.current is None:
            start = self.spans[self.current][0] if self.current is not None and self.spans else None
            self.current = hit_to_show(found, start, row_of, top)
        self.spans = found

    def step(self, direction: int) -> None:
        """Make the next (1) or previous (-1) hit current, wrapping around."""
        self.current = next_index([start for start, _ in self.spans], self.current, direction)

    def nearest(self, offset: int) -> None:
        """Make the hit closest to ``offset`` current."""
        if self.spans:
            self.current = min(range(len(self.spans)), key=lambda i: abs(self.spans[i][0] - offset))

    def count(self) -> tuple[int | None, int]:
        """``(current, total)`` for the ``3/12`` count, ``current`` counted from 1."""
        return (None if self.current is None else self.current + 1), len(self.spans)

    def _index_of(self, article: Article) -> SearchIndex:
        """A one-article index, built once per article shown (cheap, and fast per keystroke)."""
        if self._index is None or self._index[0] != article.id:
            from newsreader.core.search import SearchIndex  # first search: not at start-up

            self._index = (article.id, SearchIndex.build([article]))
        return self._index[1]
