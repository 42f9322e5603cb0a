"""``newsreader search QUERY [PATH ...]``: print where a word, name or phrase occurs.

Tolerant like the reader's search (case, accents, typos, transliterated names); exact hits
first. ``--format json`` prints a stable contract (``version`` 1) for scripts; the text
format prints one readable hit per line. Exit status: 0 when the search ran (with or
without hits), 1 when no article could be loaded, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from newsreader.commands import add_paths_argument, fail
from newsreader.core.article import Article
from newsreader.core.loader import load_paths
from newsreader.core.sample import sample_path
from newsreader.core.sanitize import clean_line
from newsreader.core.search import Hit, context_parts, load_or_build, parse_query

JSON_VERSION = 1
"""Version of the ``--format json`` output; bumped only for incompatible changes."""
CONTEXT_WIDTH = 120
"""Characters of context shown around each hit."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``search`` subcommand's arguments."""
    parser.add_argument(
        "query",
        metavar="QUERY",
        help='words to find; "double quotes" match a phrase exactly',
    )
    add_paths_argument(parser)
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--limit",
        type=_positive,
        default=None,
        metavar="N",
        help="show at most N hits (best first)",
    )


def run(args: argparse.Namespace) -> int:
    """Search and print; see the module docstring for the exit status."""
    query: str = args.query
    if not parse_query(query):
        return fail("search", f"the query {query!r} has no words to search for", 2)
    paths = args.paths or [sample_path()]
    result = load_paths(paths)
    for skipped in result.skipped:
        print(f"newsreader search: skipped {skipped.path}: {skipped.reason}", file=sys.stderr)
    if not result.articles:
        return fail("search", "no articles loaded", 1)
    index = load_or_build(result.articles)
    hits = index.search(query, limit=args.limit)
    by_id = {article.id: article for article in result.articles}
    if args.format == "json":
        document = {
            "version": JSON_VERSION,
            "query": query,
            "hits": [_hit_json(hit, by_id[hit.article]) for hit in hits],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        for hit in hits:
            print(_hit_line(hit, by_id[hit.article]))
        if not hits:
            print(f"newsreader search: no hits for {clean_line(query)!r}", file=sys.stderr)
    return 0


def _hit_json(hit: Hit, article: Article) -> dict[str, Any]:
    return {
        "article": article.id,
        "path": article.path,
        "title": article.title,
        "start": hit.start,
        "end": hit.end,
        "text": article.text[hit.start : hit.end],
        "context": "".join(context_parts(article.text, hit.start, hit.end, width=CONTEXT_WIDTH)),
        "score": hit.score,
        "exact": hit.exact,
    }


def _hit_line(hit: Hit, article: Article) -> str:
    """``id  start-end  exact|~score  context with the [hit] in brackets``."""
    before, middle, after = context_parts(article.text, hit.start, hit.end, width=CONTEXT_WIDTH)
    kind = "exact" if hit.exact else f"~{hit.score:.2f}"
    return f"{article.id}  {hit.start}-{hit.end}  {kind:<5}  {before}[{middle}]{after}"


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value!r}")
    return number
