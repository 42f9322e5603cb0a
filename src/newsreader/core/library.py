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
    from newsreader.core.progress import ProgressCallback


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
        Big inputs are better loaded by :mod:`.library_process`, away from a reader's keys.
        """
        # Imported here, in the loading thread: readers and fetching are not needed to paint.
        from newsreader.core.loader import load_paths

        given = cls.given(paths)
        return cls.from_result(load_paths(given, progress=progress, early=early), given)

    @staticmethod
    def given(paths: Sequence[str | os.PathLike[str]] = ()) -> tuple[str, ...]:
        """What :meth:`load` reads for ``paths``: them, or the bundled sample when none."""
        return tuple(str(path) for path in paths) or (str(sample_path()),)

    @staticmethod
    def is_quick(
        paths: Sequence[str | os.PathLike[str]] = (),
        *,
        max_files: int = 200,
        max_bytes: int = 4_000_000,
    ) -> bool:
        """Whether ``paths`` are few small local files, quicker to load than to start a thread.

        Nothing is opened: folders are listed (without following links) and files sized, and
        the scan stops as soon as a bound is passed, so asking costs little even for a huge
        tree. URLs and anything unusual answer False: the background load handles them.
        """
        pending = [os.fspath(path) for path in paths] or [str(sample_path())]
        files = size = 0
        while pending:
            path = pending.pop()
            if "://" in path:
                return False
            try:
                if os.path.isdir(path):
                    with os.scandir(path) as entries:
                        for entry in entries:
                            if entry.is_symlink():
                                return False  # its target's size is not known without a look
                            if entry.is_dir(follow_symlinks=False):
                                pending.append(entry.path)
                            else:
                                files += 1
                                size += entry.stat(follow_symlinks=False).st_size
                            if files > max_files or size > max_bytes:
                                return False
                else:
                    files += 1
                    size += os.stat(path).st_size
            except OSError:
                return False  # the background load reports it properly
            if files > max_files or size > max_bytes:
                return False
        return True

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
