"""``newsreader matches``: print every passage two or more places share (text, JSON, Markdown).

Contract (other programs read it): ``newsreader matches [PATH ...] [--format json|text|markdown]
[--min-score N]``. Exit 0 when it ran, 2 on bad usage, 1 when nothing could be loaded.
Progress goes to stderr only (a bar when stderr is a terminal), never to stdout.
"""

from __future__ import annotations

import argparse
import sys

from newsreader.commands import add_paths_argument, fail, load_or_report, number_between


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``matches`` options."""
    add_paths_argument(parser)
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
    from newsreader.commands.progress import Meter
    from newsreader.core.matching.cache import cached_passages
    from newsreader.core.report import render

    min_score = number_between(args.min_score, 0, 100)
    if min_score is None:
        return fail("matches", "--min-score must be a number from 0 to 100", 2)
    loaded = load_or_report("matches", args.paths)
    if isinstance(loaded, int):
        return loaded
    with Meter(sys.stderr, len(loaded.articles)) as meter:
        passages = cached_passages(
            loaded.articles, min_score=min_score, progress=meter, use_cache=not args.no_cache
        )
    sys.stdout.write(render(args.format, loaded.articles, loaded.skipped, passages))
    return 0
