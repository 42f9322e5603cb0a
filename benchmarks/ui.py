"""UI latency: key press to the next paint, with 2,000 real articles loading and matching.

The app runs headless (Textual's Pilot) over 2,000 articles of allsides-20k written to a
JSONL file, with a fresh cache so that matching really runs in the background. For each key
(``j`` next article, ``]`` next shared passage, ``c`` compare and back) the time from the
press until the app is idle again with the screen refreshed is measured, first while
matching runs and then once it is done. Then the time to lay out and paint a long article
with 100+ highlights.

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
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "allsides-20k.jsonl.gz"


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def summary(name: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    if not ms:
        return f"{name:<34} (no samples)"
    return (
        f"{name:<34} n={len(ms):3d}  median {statistics.median(ms):6.1f} ms  "
        f"p95 {p95(ms):6.1f} ms  max {max(ms):6.1f} ms"
    )


def write_sample(count: int, folder: Path) -> Path:
    path = folder / "articles.jsonl"
    with gzip.open(CORPUS, "rt", encoding="utf-8") as source, path.open("w") as target:
        for line in itertools.islice(source, count):
            target.write(line)
    return path


async def timed(pilot: object, *keys: str) -> float:
    start = time.perf_counter()
    await pilot.press(*keys)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return time.perf_counter() - start


async def measure(path: Path) -> None:
    from newsreader.ui.app import create_app
    from newsreader.ui.screens.reader import ReaderScreen
    from newsreader.ui.widgets.article_list import ArticleList

    app = create_app([str(path)])
    async with app.run_test(size=(140, 45)) as pilot:
        started = time.perf_counter()
        while not app.screen.query(ArticleList) or not app.screen.query_one(ArticleList).rows:
            await pilot.pause(0.02)
        print(f"list usable after {time.perf_counter() - started:.2f} s")
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        phases: dict[str, dict[str, list[float]]] = {"matching": {}, "matched": {}}
        for phase in ("matching", "matched"):
            if phase == "matched":
                while screen.crossref is None:
                    await pilot.pause(0.2)
                print(f"matching finished after {time.perf_counter() - started:.1f} s")
            samples = phases[phase]
            for _ in range(30 if phase == "matched" else 15):
                samples.setdefault("j (next article)", []).append(await timed(pilot, "j"))
                samples.setdefault("] (next shared passage)", []).append(
                    await timed(pilot, "right_square_bracket")
                )
            for _ in range(5):
                samples.setdefault("c (compare picker) + Esc", []).append(await timed(pilot, "c"))
                await pilot.press("escape")
                await pilot.pause()
            for name, values in samples.items():
                print(summary(f"[{phase}] {name}", values))
        await paint_long_article(pilot, screen)


async def paint_long_article(pilot: object, screen: object) -> None:
    """Show the article with the most highlights and time its layout and first paint."""
    from newsreader.ui.widgets.reader_pane import ReaderPane

    crossref = screen.crossref  # type: ignore[attr-defined]
    library = screen.library  # type: ignore[attr-defined]
    best = max(library.articles, key=lambda a: len(crossref.marks(a.id)))
    pane = screen.query_one(ReaderPane)  # type: ignore[attr-defined]
    times = []
    for _ in range(5):
        pane.show(None)
        await pilot.pause()  # type: ignore[attr-defined]
        start = time.perf_counter()
        pane.show(best)
        await pilot.pause()  # type: ignore[attr-defined]
        times.append(time.perf_counter() - start)
    marks = len(crossref.marks(best.id))
    print(summary(f"paint article: {len(best.text)} chars, {marks} marks", times))


def main() -> None:
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not found")
        return
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    print(f"command: {sys.executable} {' '.join(sys.argv)}")
    with tempfile.TemporaryDirectory() as folder:
        os.environ["NEWSREADER_CACHE_DIR"] = str(Path(folder) / "cache")
        os.environ["NEWSREADER_DATA_DIR"] = str(Path(folder) / "data")
        path = write_sample(count, Path(folder))
        print(f"{count} articles from allsides-20k; fresh cache")
        asyncio.run(measure(path))


if __name__ == "__main__":
    main()
