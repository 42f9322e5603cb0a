"""Run matching in a separate process, so the caller neither holds the engine's memory nor
competes with it for the GIL.

Matching 20,000 articles takes most of a gigabyte and a minute of CPU; the reader must stay
responsive and small meanwhile. :func:`passages_in_background` starts a child with the
``spawn`` method (the reader is a multi-threaded Textual app, and forking a threaded process
can copy a lock held by another thread and deadlock), streams the articles to it in
batches, relays its progress, and returns the passages it sends back. The child runs
:func:`.cache.cached_passages`, so results land in the on-disk cache as usual, and it may
fork its own worker pool (it is single-threaded). When the caller's process dies, the
pipe closes and the child exits at its next message; :func:`passages_in_background` also
stops the child when cancelled or on any error of its own.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection

from newsreader.core.article import Article
from newsreader.core.matching.model import Passage
from newsreader.core.memory import give_back, map_big_blocks

BATCH = 500
"""Articles per message to the child: the caller never holds a pickle of all of them."""
Progress = Callable[[str, int, int], None]
"""As :data:`.engine.Progress` (not imported from there: this module must not load the engine
into the caller's process)."""
POLL = 0.1
"""Seconds between checks of the cancel flag while waiting for the child."""


class BackgroundError(RuntimeError):
    """Matching failed in the child process (the message holds the child's traceback)."""


def passages_in_background(
    articles: Sequence[Article],
    *,
    progress: Progress | None = None,
    min_score: float = 0,
    workers: int | None = None,
    use_cache: bool = True,
    cancel: threading.Event | None = None,
) -> tuple[Passage, ...] | None:
    """:func:`.cache.cached_passages` of ``articles``, computed in a child process.

    Blocks until done, so call it from a worker thread. ``progress(stage, done, total)`` is
    called in the calling thread as the child reports. Returns ``None`` if ``cancel`` is set
    before the child finishes (the child is then terminated); raises
    :class:`BackgroundError` if matching fails in the child.
    """
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    child = context.Process(
        target=_child,
        args=(theirs, min_score, workers, use_cache),
        name="newsreader-matching",
        # Not a daemon: a daemonic process may not start the engine's worker pool (from 400
        # articles). The child still ends with the caller: the pipe closes and it exits.
        daemon=False,
    )
    child.start()
    theirs.close()
    try:
        for start in range(0, len(articles), BATCH):
            if cancel is not None and cancel.is_set():
                return None
            ours.send(list(articles[start : start + BATCH]))
        ours.send(None)
        while True:
            if cancel is not None and cancel.is_set():
                return None
            if not ours.poll(POLL):
                if not child.is_alive() and not ours.poll(0):
                    raise BackgroundError(f"matching process died (exit code {child.exitcode})")
                continue
            kind, *payload = ours.recv()
            if kind == "progress" and progress is not None:
                progress(*payload)
            elif kind == "done":
                result: tuple[Passage, ...] = payload[0]
                return result
            elif kind == "error":
                raise BackgroundError(payload[0])
    except (EOFError, BrokenPipeError, ConnectionResetError) as error:
        raise BackgroundError(f"matching process went away (exit code {child.exitcode})") from error
    finally:
        ours.close()
        if child.is_alive():
            _stop(child)
        child.join()


def _stop(child: multiprocessing.process.BaseProcess) -> None:
    """End the child and the worker pool it may have forked.

    Terminating the child alone orphans its pool's workers, blocked for good on a queue
    nobody reads; they share the child's process group (see :func:`_child`), so the whole
    group is signalled. Before the child has made its group, it has no workers yet.
    """
    pid = child.pid
    try:
        if pid is None or os.getpgid(pid) != pid:
            raise ProcessLookupError
        os.killpg(pid, signal.SIGTERM)
    except (AttributeError, ProcessLookupError, PermissionError):
        child.terminate()


def _child(conn: Connection, min_score: float, workers: int | None, use_cache: bool) -> None:
    """The child's main: receive articles, match them, send progress and the result."""
    with contextlib.suppress(AttributeError, OSError):  # its pool joins this group (_stop)
        os.setpgid(0, 0)
    _silence()
    _lower_priority()
    map_big_blocks()
    try:
        from newsreader.core.matching.packed import PackedArticles

        # Packed as they arrive: the texts as strings would stay beside the engine's
        # arrays all through the run (see :mod:`.packed`).
        articles = PackedArticles()
        while (batch := conn.recv()) is not None:
            articles.extend(batch)
            del batch
        give_back()
        from newsreader.core.matching.cache import cached_passages

        def report(stage: str, done: int, total: int) -> None:
            conn.send(("progress", stage, done, total))

        passages = cached_passages(
            articles, min_score=min_score, workers=workers, progress=report, use_cache=use_cache
        )
        conn.send(("done", passages))
    except (EOFError, BrokenPipeError, ConnectionResetError):
        return  # the caller is gone: nobody to tell
    except Exception:
        try:
            conn.send(("error", traceback.format_exc()))
        except (BrokenPipeError, ConnectionResetError):
            return
    finally:
        conn.close()


def _silence() -> None:
    """Point the child's stdout and stderr at /dev/null: they are the reader's terminal,
    and a stray warning from a library would be drawn over the app."""
    null = os.open(os.devnull, os.O_WRONLY)
    for descriptor in (1, 2):
        os.dup2(null, descriptor)
    os.close(null)


def _lower_priority() -> None:
    """Run below the reader: the child (and the worker pool it forks) competes with it for
    the CPU, and a key press should win."""
    with contextlib.suppress(AttributeError, OSError):  # no nice() here: same priority
        os.nice(10)
