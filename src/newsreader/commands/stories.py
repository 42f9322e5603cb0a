"""``newsreader stories``: group articles into stories (reports of the same event).

Contract (other programs read it): ``newsreader stories [PATH ...] [--format json|text]
[--threshold T]``. JSON is ``{"version": 1, "stories": [{"id", "title", "articles": [ids]}],
"articles": [...]}``, the articles as ``matches`` gives them; every article is in exactly one
story, biggest story first. Exit 0 when it ran, 2 on bad usage, 1 when nothing could be
loaded. Progress goes to stderr only, never to stdout.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from newsreader.commands import add_paths_argument, fail, load_or_report, number_between
from newsreader.core.article import Article, Skipped
from newsreader.core.stories import THRESHOLD, Story

VERSION = 1
"""The ``version`` field of the JSON output: bumped only for incompatible changes."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``stories`` options."""
    add_paths_argument(parser)
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default): each story with its outlets and articles; json: for programs",
    )
    parser.add_argument(
        "--threshold",
        default=str(THRESHOLD),
        metavar="T",
        help=f"how alike (0-1) articles must be on average to share a story (default {THRESHOLD})",
    )
    parser.add_argument(
        "--no-passages",
        action="store_true",
        help="group by wording alone, without running the shared-passage engine (faster)",
    )


def run(args: argparse.Namespace) -> int:
    """Load, (match,) group, print; see the module docstring for exit codes."""
    from newsreader.core.stories import group_stories

    threshold = number_between(args.threshold, 0, 1)
    if threshold is None:
        return fail("stories", "--threshold must be a number from 0 to 1", 2)
    loaded = load_or_report("stories", args.paths)
    if isinstance(loaded, int):
        return loaded
    passages = None
    if not args.no_passages:
        from newsreader.commands.progress import Meter
        from newsreader.core.matching.cache import cached_passages

        with Meter(sys.stderr, len(loaded.articles)) as meter:
            passages = cached_passages(loaded.articles, progress=meter)
    stories = group_stories(loaded.articles, passages=passages, threshold=threshold)
    render = render_json if args.format == "json" else render_text
    if args.format == "json":
        for skip in loaded.skipped:  # the JSON contract has no place for them
            print(f"skipped {skip.path}: {skip.reason}", file=sys.stderr)
    sys.stdout.write(render(stories, loaded.articles, loaded.skipped))
    return 0


def render_json(
    stories: Sequence[Story], articles: Sequence[Article], skipped: Sequence[Skipped]
) -> str:
    """The documented JSON object, on one line (``run`` reports skipped inputs on stderr)."""
    from newsreader.core.report import article_data

    data = {
        "version": VERSION,
        "stories": [
            {"id": story.id, "title": story.title, "articles": list(story.articles)}
            for story in stories
        ],
        "articles": [article_data(article) for article in articles],
    }
    return json.dumps(data, ensure_ascii=False) + "\n"


def render_text(
    stories: Sequence[Story], articles: Sequence[Article], skipped: Sequence[Skipped]
) -> str:
    """Each story: headline, size and outlets, then one line per article."""
    by_id = {article.id: article for article in articles}
    grouped = sum(1 for story in stories if len(story.articles) > 1)
    lines = [
        f"{len(stories)} stor{'ies' if len(stories) != 1 else 'y'} in {len(articles)} "
        f"article{'s' if len(articles) != 1 else ''} ({grouped} with more than one article)"
    ]
    for number, story in enumerate(stories, start=1):
        members = [by_id[article_id] for article_id in story.articles]
        outlets = sorted({article.source for article in members})
        size = len(members)
        lines += [
            "",
            f"{number}. {story.title}",
            f"   {size} article{'s' if size != 1 else ''} · {len(outlets)} "
            f"outlet{'s' if len(outlets) != 1 else ''}: {', '.join(outlets)} · {story.id}",
        ]
        for article in members:
            when = article.published or "----------"
            lines.append(f"   - {when}  {article.source}: {article.title} [{article.id}]")
    if skipped:
        lines += ["", f"Skipped {len(skipped)} input{'s' if len(skipped) != 1 else ''}:"]
        lines += [f"   - {s.path}: {s.reason}" for s in skipped]
    return "\n".join(lines) + "\n"
