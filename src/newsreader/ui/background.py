"""The app's background work: load, then index for search and match, then group stories.

Everything here runs in worker threads and reports to the screen with ``call_from_thread``.
A big input is loaded and indexed for search in a child process, and matched in another
(:mod:`.core.library_process`, :mod:`.core.matching.background`): their CPU and memory stay
out of the UI process, whose GIL the keys need. A big dump is listed whole as soon as it is
parsed, before its texts are cleaned. A small set loads, indexes and matches in-process,
where starting a process would cost more than the work. Story grouping of a large set
waits until asked for.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from newsreader.core.article import Article
from newsreader.core.library import Library
from newsreader.core.matching import Passage
from newsreader.core.memory import give_back

if TYPE_CHECKING:
    from textual.app import App

    from newsreader.core.library_process import LibraryProcess
    from newsreader.core.search import SearchIndex
    from newsreader.ui.screens.reader import ReaderScreen

IN_PROCESS_UP_TO = 300
"""Articles matched in the UI process; larger sets match in a child process."""
IN_PROCESS_CHARS = 1_000_000
"""Characters of text matched in the UI process at most: a few huge articles also go to the
child, which can be stopped when the user quits (a thread cannot)."""
LOAD_IN_CHILD = True
"""Whether inputs too big to load before the first paint load in a child process (else in
a thread of this one, as small ones do)."""
MATCHING_WORKERS = 3
"""Worker processes a big set's matching may use, at most (fewer on fewer cores). Each one
holds 60-70 MiB of its own at 20,000 articles; with the reader beside them, three kept the
whole tree's peak at 1,345 MiB (``benchmarks/bigload.py --cores 8``), under the 1.5 GiB it
must stay within. Matching runs in the background, at a low priority: more cores would finish it
sooner but not make the reader any quicker."""
POLL = 0.1
"""Seconds between checks of the cancel flag while matching waits for the index."""
EAGER_STORIES_UP_TO = 2000
"""Articles grouped into stories as soon as matching is done; larger sets wait for ``t``."""


class Background:
    """Background work for one reader screen."""

    def __init__(self, app: App[None], screen: ReaderScreen) -> None:
        self.app = app
        self.screen = screen
        self.cancel = threading.Event()
        """Set when the app exits: a child process matching is stopped."""
        self.library: Library | None = None
        self.passages: tuple[Passage, ...] | None = None
        self.process: LibraryProcess | None = None
        """The child that loaded the library and is indexing it, if one did."""
        self.loaded: tuple[Article, ...] | None = None
        """The articles that child loaded (its index is for them only)."""
        self.indexed = threading.Event()
        """Set once :meth:`index` is over (done or failed): a big set's matching waits for
        it, so that the indexing child and the matching one are never both at their peak."""

    def _say(self, method: Callable[..., object], *args: object) -> None:
        if not self.cancel.is_set():
            self.app.call_from_thread(method, *args)

    def start(self, paths: tuple[str, ...], *, cache_max_age_days: float | None = None) -> None:
        """Start the child that will load ``paths`` now, if they are big: :meth:`load` then
        waits for it. Called before the first paint, so that both go on at once."""
        if self.process is not None or not LOAD_IN_CHILD or Library.is_quick(paths):
            return
        from newsreader.core.library_process import LibraryProcess

        _start_resource_tracker()
        try:
            self.process = LibraryProcess(
                Library.given(paths), cancel=self.cancel, prune_days=cache_max_age_days
            )
        except OSError:
            self.process = None  # no child to be had: :meth:`load` reads here

    def load(self, paths: tuple[str, ...], *, cache_max_age_days: float | None = None) -> Library:
        """Load ``paths`` (the sample when empty) and show the list.

        Fetched pages older than ``cache_max_age_days`` are dropped from the cache first.
        """
        self.start(paths, cache_max_age_days=cache_max_age_days)
        if self.process is None:
            self.prune(cache_max_age_days)  # else the child has done it, before it reads

        def progress(done: int, total: int, label: str) -> None:
            self._say(self.screen.show_progress, "loading", done, total)

        listed = 0  # articles the screen lists already (a preview is longer than the load)

        def early(articles: Sequence[Article]) -> None:
            # A long load: list what is read so far; the full library replaces it at the end.
            if len(articles) > listed:
                self._say(self.screen.show_library, Library(tuple(articles), (), paths), True)

        def preview(articles: Sequence[Article]) -> None:
            nonlocal listed
            listed = len(articles)
            self._say(self.screen.show_library, Library(tuple(articles), (), paths), True)

        if self.process is not None:
            from newsreader.core.library_process import ChildError

            try:
                result = self.process.load(progress=progress, early=early, preview=preview)
            except ChildError:
                self.process = None  # the child failed: load here, as small sets do
                self.prune(cache_max_age_days)
            else:
                given = Library.given(paths)
                library = Library.from_result(result, given) if result else Library((), (), given)
                self.loaded = library.articles
                give_back()  # the batches' pickles: 20,000 articles leave 100 MiB free
                self._say(self.screen.show_library, library)
                return library
        library = Library.load(paths, progress=progress, early=early)
        self._say(self.screen.show_library, library)
        return library

    @staticmethod
    def prune(max_age_days: float | None) -> None:
        """Drop fetched pages older than ``max_age_days`` from the cache (None: keep all)."""
        if max_age_days is not None:
            from newsreader.core.cache import cache_dir, prune

            prune(cache_dir(), max_age_days=max_age_days)

    def import_modules(self) -> None:
        """Import what the parallel steps need, here, one thread at a time.

        Indexing and matching then run in two threads; if both imported the same modules for
        the first time at once, Python's per-module import locks could report a deadlock.
        """
        import newsreader.core.matching.background
        import newsreader.core.matching.cache
        import newsreader.core.search
        import newsreader.core.stories  # noqa: F401

    def index(self, library: Library) -> None:
        """Build (or read from the cache) the search index."""
        from newsreader.core.search import load_or_build

        try:
            index = self._index_from_child(library)
            if index is None and not self.cancel.is_set():
                index = load_or_build(library.articles)
        except Exception as error:
            self._say(self.screen.show_failure, "Search index failed", _describe(error))
            return
        finally:
            give_back()  # what receiving or building it left free, before matching starts
            self.indexed.set()
        if index is not None:
            self._say(self.screen.set_search_index, index)

    def _index_from_child(self, library: Library) -> SearchIndex | None:
        """The index the loading child built (None: there is none, or it failed)."""
        from newsreader.core.library_process import ChildError

        if self.process is None or library.articles is not self.loaded:
            return None
        try:
            return self.process.index(library.articles)
        except ChildError:
            return None

    def match(self, library: Library, passages: tuple[Passage, ...] | None = None) -> None:
        """Find shared passages (unless given), then group stories if the set is small."""
        self.library = library
        if passages is None:
            try:
                passages = self._find(library)
            except Exception as error:  # the reader stays usable without passages
                self._say(self.screen.show_failure, "Matching failed", _describe(error))
                return
            if passages is None:
                return  # cancelled
        self.passages = passages
        self._say(self.screen.show_passages, passages)
        if len(library.articles) <= EAGER_STORIES_UP_TO:
            self.stories()

    def stories(self) -> None:
        """Group the loaded articles into stories and hand them to the screen."""
        if self.library is None:
            return
        from newsreader.core.stories import group_stories

        self._say(self.screen.show_progress, "grouping stories", 0, 0)
        try:
            stories = group_stories(self.library.articles, passages=self.passages)
        except Exception as error:
            self._say(self.screen.show_failure, "Grouping stories failed", _describe(error))
            return
        self._say(self.screen.show_stories, stories)

    def _find(self, library: Library) -> tuple[Passage, ...] | None:
        def progress(stage: str, done: int, total: int) -> None:
            self._say(self.screen.show_progress, f"matching: {stage}", done, total)

        small = len(library.articles) <= IN_PROCESS_UP_TO
        if small and sum(len(a.text) for a in library.articles) <= IN_PROCESS_CHARS:
            from newsreader.core.matching.cache import cached_passages

            return cached_passages(library.articles, progress=progress)
        from newsreader.core.matching.background import passages_in_background

        # Indexing a big set in a child takes as much memory as the reader itself: matching,
        # which takes more, starts once it is over (search comes first; it is quicker).
        while not self.indexed.wait(POLL):
            if self.cancel.is_set():
                return None
        _start_resource_tracker()
        workers = min(os.cpu_count() or 1, MATCHING_WORKERS)
        return passages_in_background(
            library.articles, progress=progress, cancel=self.cancel, workers=workers
        )


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with a real stderr to hand it.

    Inside the app, ``sys.stderr`` is Textual's capture object with no file descriptor, and
    starting a child then fails ("bad value(s) in fds_to_keep"); the tracker gets
    ``/dev/null`` instead, so nothing it says can reach the screen either.
    """
    from multiprocessing import resource_tracker

    saved = sys.stderr
    with open(os.devnull, "w") as null:
        sys.stderr = null
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = saved


def _describe(error: BaseException) -> str:
    """The error's type and message (a bare message such as a path can say too little)."""
    return f"{type(error).__name__}: {error}"
