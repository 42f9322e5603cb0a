"""UI latency: key press to the next paint, with 2,000 real articles loading and matching.

The app runs headless (Textual's Pilot) over 2,000 articles of allsides-20k written to a
JSONL file, with a fresh cache so that matching really runs in the background. For each key
(``j`` next article in the list, ``]`` next shared passage in the reader, ``c`` compare
picker) the time from sending the key to the end of the first paint that shows its result is
measured, first while matching runs and then once matching (and story grouping) is done.
Then the time from showing a long article with many highlights to its first paint.

How: every paint is timed where the screen hands it to the terminal (the headless driver
skips encoding it, so the benchmark encodes it as a terminal would). Pilot's own waits
(``press``/``pause``, at least 60 ms of idle detection per key) are kept out of the figures:
they only settle the app between keys. Each figure is wall time and, beside it, the UI
thread's CPU time over the same span; the gap is waiting (another thread holding the GIL,
other processes, the 60 fps refresh timer).

Run: ``.venv/bin/python benchmarks/ui.py [COUNT]``. Skips cleanly when the corpus is absent.
"""

from __future__ import annotations

import asyncio
import gzip
import itertools
import os
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "allsides-20k.jsonl.gz"
TIMEOUT = 30.0
"""Seconds to wait for a key's paint before calling the run broken."""

Sample = tuple[float, float]
"""(wall seconds, UI-thread CPU seconds) from the key to its paint."""


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def summary(name: str, samples: list[Sample]) -> str:
    if not samples:
        return f"{name:<40} (no samples)"
    wall = [w * 1000 for w, _ in samples]
    cpu = [c * 1000 for _, c in samples]
    return (
        f"{name:<40} n={len(wall):3d}  median {statistics.median(wall):6.1f} ms  "
        f"p95 {p95(wall):6.1f} ms  max {max(wall):6.1f} ms  | UI CPU median "
        f"{statistics.median(cpu):5.1f} p95 {p95(cpu):5.1f} ms"
    )


def load() -> str:
    return "load average " + " ".join(f"{v:.2f}" for v in os.getloadavg())


def write_sample(count: int, folder: Path) -> Path:
    path = folder / "articles.jsonl"
    with gzip.open(CORPUS, "rt", encoding="utf-8") as source, path.open("w") as target:
        for line in itertools.islice(source, count):
            target.write(line)
    return path


class Paints:
    """Times the paints of a running app; ``until`` waits for the first one showing a result."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._wanted: tuple[Callable[[Any], bool], asyncio.Future[Sample]] | None = None
        self._start: Sample = (0.0, 0.0)
        display = app._display

        def timed_display(screen: Any, renderable: Any) -> None:
            display(screen, renderable)
            if renderable is not None and hasattr(renderable, "render_segments"):
                renderable.render_segments(app.console)  # what a real terminal is sent
            wanted = self._wanted
            if wanted is not None and not wanted[1].done() and wanted[0](screen):
                wall, cpu = self._start
                wanted[1].set_result((time.perf_counter() - wall, time.thread_time() - cpu))

        app._display = timed_display

    async def until(self, shown: Callable[[Any], bool], act: Callable[[], None]) -> Sample:
        """Run ``act`` and time it to the end of the first paint for which ``shown`` holds."""
        future: asyncio.Future[Sample] = asyncio.get_running_loop().create_future()
        self._wanted = (shown, future)
        self._start = (time.perf_counter(), time.thread_time())
        act()
        try:
            return await asyncio.wait_for(future, TIMEOUT)
        finally:
            self._wanted = None

    async def press(self, key: str, shown: Callable[[Any], bool]) -> Sample:
        """Send ``key`` as the terminal driver would and time it to the paint showing it."""
        from textual import events
        from textual.keys import _get_unicode_name_from_key

        try:
            char: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(self.app)
        return await self.until(shown, lambda: self.app._driver.send_message(event))


async def measure(path: Path) -> None:
    from textual.widgets._toast import Toast

    from newsreader.ui.app import create_app
    from newsreader.ui.screens.compare import PickScreen
    from newsreader.ui.screens.reader import ReaderScreen
    from newsreader.ui.widgets.article_list import ArticleList
    from newsreader.ui.widgets.reader_pane import ReaderPane

    app = create_app([str(path)])
    # Notifications on, as in the real app: `]` on an article without passages says so.
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        paints = Paints(app)
        started = time.perf_counter()
        while not app.screen.query(ArticleList) or not app.screen.query_one(ArticleList).rows:
            await pilot.pause(0.02)
        print(f"list usable after {time.perf_counter() - started:.2f} s")
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        pane = screen.query_one(ReaderPane)
        steps = [0]
        step = pane.action_step

        def counted_step(direction: int) -> None:
            step(direction)
            steps[0] += 1

        pane.action_step = counted_step  # type: ignore[method-assign]

        def next_article() -> Callable[[Any], bool]:
            before = pane.view.article
            return lambda _: pane.view.article is not before

        def next_passage() -> Callable[[Any], bool]:
            done, toasts = steps[0], set(screen.query(Toast))
            # The step is drawn once it has run; with no passage here, once the toast shows.
            return lambda _: (
                steps[0] > done
                and (pane.current is not None or bool(set(screen.query(Toast)) - toasts))
            )

        for phase in ("matching", "matched"):
            if phase == "matched":
                while screen.crossref is None:
                    await pilot.pause(0.2)
                print(f"matching finished after {time.perf_counter() - started:.1f} s")
                while screen.list_pane.stories is None:
                    await pilot.pause(0.2)
                print(f"stories grouped after {time.perf_counter() - started:.1f} s; {load()}")
            samples: dict[str, list[Sample]] = {}
            for _ in range(30 if phase == "matched" else 15):
                await pilot.pause()
                samples.setdefault("j (next article)", []).append(
                    await paints.press("j", next_article())
                )
                await pilot.press("tab")  # into the reader, where `]` steps through passages
                await pilot.pause()
                name = "] (next shared passage)" if pane.marks else "] (none here: the toast)"
                samples.setdefault(name, []).append(
                    await paints.press("right_square_bracket", next_passage())
                )
                await pilot.press("tab")
            for _ in range(5):
                await pilot.pause()
                samples.setdefault("c (compare picker)", []).append(
                    await paints.press("c", lambda shown: isinstance(shown, PickScreen))
                )
                await pilot.pause()
                await pilot.press("escape")
            for name, values in samples.items():
                print(summary(f"[{phase}] {name}", values))
        print(load())
        await paint_long_article(pilot, paints, screen, pane)


async def paint_long_article(pilot: Any, paints: Paints, screen: Any, pane: Any) -> None:
    """Show the article with the most highlights and time it to its first paint.

    Its shared passages alone number fewer than 100 in 2,000 articles, so it is timed a
    second time with a kept search for a frequent word, whose hits are highlights too.
    """
    crossref = screen.crossref
    best = max(screen.library.articles, key=lambda a: len(crossref.marks(a.id)))
    passages = len(crossref.marks(best.id))
    for query in ("", "the"):
        if query:
            pane.search_for(query)
        times = []
        for _ in range(5):
            pane.show(None)
            await pilot.pause()
            times.append(
                await paints.until(lambda _: pane.view.article is best, lambda: pane.show(best))
            )
        hits = f" + {len(pane.hits)} search hits ({query!r})" if query else ""
        print(summary(f"paint article: {len(best.text)} chars, {passages} passages{hits}", times))


def main() -> None:
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found")
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    print(f"command: {sys.executable} {' '.join(sys.argv)}")
    print(load())
    with tempfile.TemporaryDirectory() as folder:
        os.environ["NEWSREADER_CACHE_DIR"] = str(Path(folder) / "cache")
        os.environ["NEWSREADER_DATA_DIR"] = str(Path(folder) / "data")
        path = write_sample(count, Path(folder))
        print(f"{count} articles from allsides-20k; fresh cache")
        asyncio.run(measure(path))


if __name__ == "__main__":
    main()
