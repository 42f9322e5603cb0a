"""Articles handed out while a load is still going, so a reader can list them early.

A 20,000-article dump takes seconds to read; the list should not stay empty meanwhile.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence

from newsreader.core.article import Article, Skipped

EarlyCallback = Callable[[Sequence[Article]], None]
"""Receives every article loaded so far (in order; ids not yet made unique)."""

FIRST_AFTER = 500
"""Articles gathered before the first hand-out (a small load finishes before it)."""
EVERY = 1.0
"""Seconds between later hand-outs: each one makes the reader rebuild its list."""


class EarlyArticles:
    """Collects articles as they load and passes them on now and then."""

    def __init__(
        self, callback: EarlyCallback | None, preview: EarlyCallback | None = None
    ) -> None:
        self.callback = callback
        self.preview_callback = preview
        self.articles: list[Article] = []
        self.handed = 0.0
        self._streamed = 0

    def add(self, items: Iterable[Article | Skipped]) -> None:
        """Note ``items`` (skipped ones are ignored) and hand out if it is time."""
        if self.callback is None and self.preview_callback is None:
            return
        self.articles.extend(item for item in items if isinstance(item, Article))
        if self.callback is None:
            return
        due = self.handed == 0.0 and len(self.articles) >= FIRST_AFTER
        if due or (self.handed and time.monotonic() - self.handed >= EVERY):
            self.handed = time.monotonic()
            self.callback(tuple(self.articles))

    def through(self, items: Iterable[Article | Skipped]) -> Iterable[Article | Skipped]:
        """Pass ``items`` on unchanged, noting each (for a dump read record by record)."""
        for item in items:
            self._streamed += 1
            self.add((item,))
            yield item

    def preview(self, coming: Sequence[Article]) -> None:
        """A dump lists what it will give (articles without text, see
        :func:`.sources.records.previews`): pass on everything so far with them."""
        if self.preview_callback is not None:
            self.preview_callback((*self.articles, *coming))

    def settle(self, results: Sequence[Article | Skipped]) -> None:
        """One input is done: note those of its ``results`` not already streamed."""
        self.add(results[self._streamed :])
        self._streamed = 0
