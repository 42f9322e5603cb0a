"""Load a big input in a child process, and build its search index there too.

Reading and cleaning 20,000 articles takes seconds of CPU and indexing them for search many
more; in the reader's process that work holds the GIL, and every key waits for it. Here it
runs in a child started with ``spawn`` (the reader is multi-threaded: forking could copy a
held lock), which sends back, in order: a listing of a big dump's articles without their
text (:func:`.sources.records.previews`), the articles in batches as they are read, the
final result, and then the index's plain arrays, from which the caller rebuilds the index
over its own copy of the articles. The child writes only the caches it always writes.

The child exits when the caller closes the pipe or dies (a thread in it waits for that), so
quitting the reader never leaves it running.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
import traceback
from array import array
from collections.abc import Sequence
from dataclasses import replace
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from newsreader.core.article import Article, LoadResult

if TYPE_CHECKING:
    from newsreader.core.early import EarlyCallback
    from newsreader.core.progress import ProgressCallback
    from newsreader.core.search.index import SearchIndex

BATCH = 1000
"""Articles per message: neither side holds a pickle of all of them at once."""
POLL = 0.05
"""Seconds between checks of the cancel flag while waiting for the child."""
PROGRESS_EVERY = 0.1
"""Seconds between progress messages (a folder of 100,000 files steps 100,000 times)."""
INDEX_NICENESS = 10
"""How much lower the child's priority is while it indexes: the reader's keys come first."""


class ChildError(RuntimeError):
    """The child failed (the message holds its traceback) or went away."""


class LibraryProcess:
    """One child loading ``paths`` (as given to :func:`.loader.load_paths`), then indexing."""

    def __init__(
        self,
        paths: Sequence[str],
        *,
        cancel: threading.Event | None = None,
        prune_days: float | None = None,
    ) -> None:
        """Start the child; it first drops fetched pages older than ``prune_days`` (None:
        keeps them all), as the load must not read them."""
        context = multiprocessing.get_context("spawn")
        self._conn, theirs = context.Pipe()
        self._cancel = cancel
        self._child = context.Process(
            target=_child,
            args=(theirs, tuple(paths), prune_days),
            name="newsreader-load",
            daemon=True,
        )
        self._child.start()
        theirs.close()

    def load(
        self,
        *,
        progress: ProgressCallback | None = None,
        early: EarlyCallback | None = None,
        preview: EarlyCallback | None = None,
    ) -> LoadResult | None:
        """Wait for the load; None when cancelled. The callbacks run in the calling thread.

        ``early`` hears the articles read so far, ``preview`` a big dump's listing (see
        :func:`.loader.load_paths`).
        """
        received: list[Article] = []
        while True:
            message = self._receive()
            if message is None:
                return None
            kind, *payload = message
            if kind == "progress" and progress is not None:
                progress(*payload)
            elif kind == "preview" and preview is not None:
                preview(payload[0])
            elif kind == "more":
                received.extend(payload[0])
                if early is not None:
                    early(received)
            elif kind == "done":
                kept, renamed, count, skipped = payload
                return self._final(received[:kept], renamed, count, skipped)

    def index(self, articles: Sequence[Article]) -> SearchIndex | None:
        """Wait for the search index of ``articles`` (the loaded ones); None when cancelled."""
        from newsreader.core.search.index import SearchIndex

        try:
            message = self._receive()
            if message is None:
                return None
            _, words, offsets, postings, surfaces = message
            return SearchIndex(articles, words, _integers(offsets), _integers(postings), surfaces)
        finally:
            self.close()

    def close(self) -> None:
        """Stop the child (if still running) and free the pipe."""
        self._conn.close()
        if self._child.is_alive():
            self._child.terminate()
        self._child.join()

    def _final(
        self, articles: list[Article], renamed: dict[int, str], count: int, skipped: Any
    ) -> LoadResult | None:
        for position, new_id in renamed.items():
            articles[position] = replace(articles[position], id=new_id)
        while count > 0:
            message = self._receive()
            if message is None:
                return None
            batch: list[Article] = message[1]
            articles.extend(batch)
            count -= len(batch)
        return LoadResult(tuple(articles), tuple(skipped))

    def _receive(self) -> tuple[Any, ...] | None:
        """The child's next message; None when cancelled. Raises :class:`ChildError`."""
        try:
            while not self._conn.poll(POLL):
                if self._cancel is not None and self._cancel.is_set():
                    self.close()
                    return None
                if not self._child.is_alive() and not self._conn.poll(0):
                    raise ChildError(f"loading process died (exit code {self._child.exitcode})")
            message: tuple[Any, ...] = self._conn.recv()
        except (EOFError, OSError) as error:
            raise ChildError(f"loading process went away ({error})") from error
        if message[0] == "error":
            self.close()
            raise ChildError(message[1])
        return message


def _integers(data: bytes) -> array[int]:
    values = array("I")
    values.frombytes(data)
    return values


def _child(conn: Connection, paths: tuple[str, ...], prune_days: float | None) -> None:
    """The child's main: load, send the articles, index, send the index, exit."""
    _silence()
    threading.Thread(target=_exit_with_caller, args=(conn,), daemon=True).start()
    try:
        if prune_days is not None:
            from newsreader.core.cache import cache_dir, prune

            prune(cache_dir(), max_age_days=prune_days)
        result = _load(conn, paths)
        _lower_priority()
        from newsreader.core.search import load_or_build

        index = load_or_build(result.articles)
        offsets, postings = index.offsets.tobytes(), index.postings.tobytes()
        conn.send(("index", list(index.words), offsets, postings, index.surfaces))
    except (BrokenPipeError, ConnectionResetError, EOFError):
        return  # the caller is gone: nobody to tell
    except Exception:
        try:
            conn.send(("error", traceback.format_exc()))
        except OSError:
            return


def _load(conn: Connection, paths: tuple[str, ...]) -> LoadResult:
    from newsreader.core.loader import load_paths

    sent: list[Article] = []
    last = 0.0

    def progress(done: int, total: int, label: str) -> None:
        nonlocal last
        if time.monotonic() - last >= PROGRESS_EVERY or done == total:
            last = time.monotonic()
            conn.send(("progress", done, total, label))

    def early(articles: Sequence[Article]) -> None:
        for start in range(len(sent), len(articles), BATCH):
            conn.send(("more", list(articles[start : start + BATCH])))
        sent.extend(articles[len(sent) :])

    def preview(articles: Sequence[Article]) -> None:
        conn.send(("preview", list(articles)))

    result = load_paths(paths, progress=progress, early=early, preview=preview)
    kept, renamed = _reusable(sent, result.articles)
    tail = result.articles[kept:]
    conn.send(("done", kept, renamed, len(tail), result.skipped))
    for start in range(0, len(tail), BATCH):
        conn.send(("tail", list(tail[start : start + BATCH])))
    return result


def _reusable(sent: Sequence[Article], final: Sequence[Article]) -> tuple[int, dict[int, str]]:
    """How many of the articles already sent begin the final list (ids aside), and the new
    ids of those the loader renamed to make ids unique: only the rest need sending."""
    renamed: dict[int, str] = {}
    kept = 0
    for before, after in zip(sent, final, strict=False):
        if before is not after:
            if replace(before, id=after.id) != after:
                break
            renamed[kept] = after.id
        kept += 1
    return kept, renamed


def _exit_with_caller(conn: Connection) -> None:
    """Wait for the caller to close the pipe (it never writes to it), then stop at once."""
    with contextlib.suppress(EOFError, OSError):
        conn.recv()
    os._exit(0)


def _lower_priority() -> None:
    # Where there is no nice(), indexing still works, at the same priority.
    with contextlib.suppress(AttributeError, OSError):
        os.nice(INDEX_NICENESS)


def _silence() -> None:
    """Point the child's stdout and stderr at /dev/null: they are the reader's terminal."""
    null = os.open(os.devnull, os.O_WRONLY)
    for descriptor in (1, 2):
        os.dup2(null, descriptor)
    os.close(null)
