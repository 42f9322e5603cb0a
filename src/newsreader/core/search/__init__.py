"""Search across articles and within one: tolerant of case, accents, typos and
transliteration, ranked exact-first, with character offsets for highlighting.

Typical use (build in a worker, then search on every keystroke)::

    index = load_or_build(articles)              # or SearchIndex.build(articles)
    hits = index.search("Tikhanovsk", prefix=True, limit=200)
    spans = index.search("Lukashenka", article_id=article.id)
"""

from __future__ import annotations

from newsreader.core.search.cache import cache_dir, load_or_build
from newsreader.core.search.display import context_line, context_parts, filter_articles
from newsreader.core.search.index import Hit, SearchIndex
from newsreader.core.search.query import QueryWord, parse_query

__all__ = [
    "Hit",
    "QueryWord",
    "SearchIndex",
    "cache_dir",
    "context_line",
    "context_parts",
    "filter_articles",
    "find_in_text",
    "load_or_build",
    "parse_query",
]


def find_in_text(text: str, query: str, *, prefix: bool = False) -> tuple[tuple[int, int], ...]:
    """The ``(start, end)`` spans of ``query`` in one text, in reading order.

    For a text that is not in an index; it is indexed on the spot (cheap for one article).
    """
    from newsreader.core.article import Article

    article = Article(id="text", path="", title="", source="", date=None, url=None, text=text)
    hits = SearchIndex.build([article]).search(query, article_id="text", prefix=prefix)
    return tuple(sorted((hit.start, hit.end) for hit in hits))
