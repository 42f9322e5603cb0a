"""The one object the UI talks to: the loaded articles and what the core knows about them."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsreader.core.article import Article, LoadResult, Skipped
from newsreader.core.sample import sample_path

if TYPE_CHECKING:
    from newsreader.core.early import EarlyCallback
    from newsreader.core.fetch import ProgressCallback


@dataclass(frozen=True, slots=True)
class Library:
    """A loaded set of articles with fast lookup by id."""

    articles: tuple[Article, ...]
    """The articles, in load order."""
    skipped: tuple[Skipped, ...]
    """Inputs that could not be loaded, with reasons."""
    sources: tuple[str, ...]
    """The paths or URLs the user gave (the sample folder when none were given)."""
    _by_id: dict[str, Article] = field(init=False, repr=False, compare=False)

    @classmethod
    def load(
        cls,
        paths: Sequence[str | os.PathLike[str]] = (),
        *,
        progress: ProgressCallback | None = None,
        early: EarlyCallback | None = None,
    ) -> Library:
        """Load ``paths``, or the bundled sample when there are none.

        ``progress(done, total, label)`` hears about each file and fetch, for a progress bar.
        """
        # Imported here, in the loading thread: readers and fetching are not needed to paint.
        from newsreader.core.loader import load_paths

        given = tuple(str(path) for path in paths) or (str(sample_path()),)
        return cls.from_result(load_paths(given, progress=progress, early=early), given)

    @classmethod
    def from_result(cls, result: LoadResult, sources: Iterable[str] = ()) -> Library:
        """Wrap an existing load result."""
        return cls(result.articles, result.skipped, tuple(sources))

    def __post_init__(self) -> None:
        # Frozen for callers; the lookup table is derived once here rather than per call.
        object.__setattr__(self, "_by_id", {article.id: article for article in self.articles})

    def get(self, article_id: str) -> Article | None:
        """The article with ``article_id``, or None."""
        return self._by_id.get(article_id)
