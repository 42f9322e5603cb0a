"""``newsreader matches``: print every passage two or more places share (text, JSON, Markdown).

Contract (other programs read it): ``newsreader matches [PATH ...] [--format json|text|markdown]
[--min-score N]``. Exit 0 when it ran, 2 on bad usage, 1 when nothing could be loaded.
Progress goes to stderr only (a bar when stderr is a terminal), never to stdout.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from typing import TextIO

NAME = "matches"
HELP = "list the passages that articles share (verbatim, near copies, paraphrases)"

PROGRESS_FROM = 200
"""Inputs from which a run is long enough to report progress when stderr is not a terminal."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``matches`` options."""
    parser.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="article files or folders (read recursively); default: the bundled sample",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "markdown"),
        default="text",
        help="text (default): a readable report; json: one object for programs; "
        "markdown: each article with its shared passages marked and footnoted",
    )
    parser.add_argument(
        "--min-score",
        default="0",
        metavar="N",
        help="drop passages scoring below N (0-100; default 0)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="recompute instead of reusing cached results for an unchanged set of articles",
    )


def run(args: argparse.Namespace) -> int:
    """Load, match, print; see the module docstring for exit codes."""
    from newsreader.core.loader import load_paths
    from newsreader.core.matching.cache import cached_passages
    from newsreader.core.report import render
    from newsreader.core.sample import sample_path

    min_score = _score(args.min_score)
    if min_score is None:
        return _fail("--min-score must be a number from 0 to 100", 2)
    paths = args.paths or [sample_path()]
    loaded = load_paths(paths)
    if not loaded.articles:
        for skip in loaded.skipped:
            print(f"skipped {skip.path}: {skip.reason}", file=sys.stderr)
        return _fail(f"no articles could be loaded ({len(loaded.skipped)} skipped)", 1)
    meter = _Meter(sys.stderr, len(loaded.articles))
    try:
        passages = cached_passages(
            loaded.articles, min_score=min_score, progress=meter, use_cache=not args.no_cache
        )
    finally:
        meter.close()
    sys.stdout.write(render(args.format, loaded.articles, loaded.skipped, passages))
    return 0


def _score(value: str) -> float | None:
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) and 0 <= number <= 100 else None


def _fail(message: str, status: int) -> int:
    print(f"newsreader {NAME}: error: {message}", file=sys.stderr)
    return status


class _Meter:
    """Progress on stderr: a redrawn bar on a terminal, a line per stage otherwise."""

    def __init__(self, stream: TextIO, articles: int) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.active = self.tty or articles >= PROGRESS_FROM
        self.stage = ""
        self.drawn = 0.0
        self.dirty = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.active:
            return
        if not self.tty:
            if stage != self.stage:
                self.stage = stage
                print(f"matching: {stage} ({total:,})", file=self.stream, flush=True)
            return
        now = time.monotonic()
        if stage == self.stage and done < total and now - self.drawn < 0.1:
            return
        self.stage, self.drawn, self.dirty = stage, now, True
        width = 30
        filled = width * done // total if total else width
        bar = "█" * filled + "░" * (width - filled)
        self.stream.write(f"\r{stage:<10} {bar} {done:,}/{total:,}\x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.dirty:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
