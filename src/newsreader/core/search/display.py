"""Showing hits: a one-line window of context, and the list filter by title, source and date."""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsreader.core.article import Article
from newsreader.core.search.fold import folded_words

_SPACES = re.compile(r"\s+")
ELLIPSIS = "…"
"""Marks a context line cut short at either end."""


def context_line(text: str, start: int, end: int, *, width: int = 120) -> str:
    """About ``width`` characters of ``text`` around ``text[start:end]``, on one line.

    The window stays inside the hit's paragraph, breaks at spaces where it can, turns every
    run of whitespace into one space (so the result never contains a newline) and marks cut
    ends with ``…``. The whole hit is always included, however long.
    """
    return "".join(context_parts(text, start, end, width=width))


def context_parts(text: str, start: int, end: int, *, width: int = 120) -> tuple[str, str, str]:
    """:func:`context_line` in three parts: before the hit, the hit, after it (to highlight)."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    left_limit = text.rfind("\n\n", 0, start)
    left_limit = 0 if left_limit < 0 else left_limit + 2
    right_limit = text.find("\n\n", end)
    right_limit = len(text) if right_limit < 0 else right_limit
    spare = max(0, width - (end - start))
    # Centre the hit, giving one side's unused room to the other side.
    left = max(left_limit, start - spare // 2)
    right = min(right_limit, end + (spare - (start - left)))
    left = max(left_limit, start - (spare - (right - end)))
    # Break at a space rather than in the middle of a word.
    if left > left_limit:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < right_limit:
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    before = _SPACES.sub(" ", text[left:start]).lstrip()
    middle = _SPACES.sub(" ", text[start:end])
    after = _SPACES.sub(" ", text[end:right]).rstrip()
    if left > left_limit:
        before = ELLIPSIS + before
    if right < right_limit:
        after += ELLIPSIS
    return before, middle, after


def filter_articles(articles: Iterable[Article], query: str) -> tuple[Article, ...]:
    """The articles whose title, source or publication date match ``query``, in their order.

    Every word of the query must begin some word of the title, source or date (folded:
    case and accents do not matter), so the list narrows as the user types; ``2020-09``
    keeps September 2020. An empty query keeps every article.
    """
    wanted = folded_words(query)
    kept: list[Article] = []
    for article in articles:
        fields = " ".join((article.title, article.source, article.published or ""))
        have = folded_words(fields)
        if all(any(word.startswith(part) for word in have) for part in wanted):
            kept.append(article)
    return tuple(kept)
