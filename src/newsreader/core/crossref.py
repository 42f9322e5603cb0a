"""Passages seen from one article: what the reader highlights, lists and counts.

The engine answers "what is shared across the set"; the reader asks "what in *this* article
is shared, with whom, and how closely". :class:`CrossRef` indexes passages by article once
so that each of those questions costs only that article's passages, even for 20,000 articles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsreader.core.article import Article
from newsreader.core.matching import Kind, Passage
from newsreader.core.matching.coverage import originality, own_words


@dataclass(frozen=True, slots=True)
class Mark:
    """One shared stretch of an article's text, as the reader highlights it."""

    passage: str
    """Id of the passage this stretch belongs to."""
    start: int
    """Offset of the first character in the article's text."""
    end: int
    """Offset one past the last character."""
    kind: Kind
    """The closest kind among this copy's links to other copies."""
    others: int
    """How many *other* articles carry the passage (0 for a repeat within this article only)."""
    repeat: bool
    """True when the passage also appears elsewhere in this same article."""


@dataclass(frozen=True, slots=True)
class Copy:
    """Another place that carries a passage: an entry of the reader's "Also in" panel."""

    article: str
    """Id of the article holding this copy."""
    start: int
    """Offset of the copy's first character in that article's text."""
    end: int
    """Offset one past its last character."""
    kind: Kind
    """How close this copy is to the one being read."""
    score: float
    """Closeness of the two copies, 0-100."""


@dataclass(frozen=True, slots=True)
class ArticleStats:
    """The figures the article list shows for one article."""

    shared: int
    """Passages this article shares with at least one other article."""
    originality: float
    """Share (0-1) of its text found in no other article."""


class CrossRef:
    """Passages indexed by article, filtered by a minimum score."""

    def __init__(
        self, articles: Sequence[Article], passages: Iterable[Passage], *, min_score: float = 0
    ) -> None:
        self.min_score = min_score
        self._texts = {article.id: article.text for article in articles}
        self._passages = {p.id: p for p in passages if p.score >= min_score}
        self._by_article: dict[str, list[Passage]] = defaultdict(list)
        for passage in self._passages.values():
            for article_id in dict.fromkeys(span.article for span in passage.spans):
                self._by_article[article_id].append(passage)
        self._stats: dict[str, ArticleStats] = {}

    @property
    def count(self) -> int:
        """Passages at or above the minimum score."""
        return len(self._passages)

    def passages_of(self, article_id: str) -> tuple[Passage, ...]:
        """Every passage with a copy in the article."""
        return tuple(self._by_article.get(article_id, ()))

    def marks(self, article_id: str) -> tuple[Mark, ...]:
        """The article's shared stretches, in text order."""
        marks = [
            _mark(passage, index)
            for passage in self._by_article.get(article_id, ())
            for index, span in enumerate(passage.spans)
            if span.article == article_id
        ]
        return tuple(sorted(marks, key=lambda mark: (mark.start, mark.end)))

    def also_in(self, passage_id: str, article_id: str, start: int) -> tuple[Copy, ...]:
        """Every other copy of a passage, seen from the copy at ``start`` in ``article_id``.

        Copies in other articles come first, closest first; a repeat in the same article last.
        """
        passage = self._passages.get(passage_id)
        if passage is None:
            return ()
        here = _span_index(passage, article_id, start)
        copies = [
            Copy(span.article, span.start, span.end, *_closeness(passage, here, index))
            for index, span in enumerate(passage.spans)
            if index != here
        ]
        copies.sort(key=lambda c: (c.article == article_id, -c.score, c.article, c.start))
        return tuple(copies)

    def stats(self, article_id: str) -> ArticleStats:
        """Shared-passage count and originality of an article (computed once, then kept)."""
        cached = self._stats.get(article_id)
        if cached is None:
            across = self._across(article_id)
            text = self._texts.get(article_id, "")
            cached = ArticleStats(len(across), originality(article_id, text, across))
            self._stats[article_id] = cached
        return cached

    def own_words(self, article_id: str) -> tuple[tuple[int, int], ...]:
        """Stretches of the article that no other article carries, in text order."""
        text = self._texts.get(article_id, "")
        return tuple(own_words(article_id, text, self._across(article_id)))

    def partners(self, article_id: str) -> tuple[tuple[str, int], ...]:
        """Other articles sharing passages with this one, as ``(id, count)``, most first."""
        counts: dict[str, int] = defaultdict(int)
        for passage in self._by_article.get(article_id, ()):
            for other in {span.article for span in passage.spans} - {article_id}:
                counts[other] += 1
        return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def anchors(self, left: str, right: str) -> tuple[tuple[int, int], ...]:
        """Pairs of offsets ``(left_start, right_start)`` of passages both articles carry."""
        pairs = []
        for passage in self._by_article.get(left, ()):
            lefts = [span.start for span in passage.spans if span.article == left]
            rights = [span.start for span in passage.spans if span.article == right]
            if lefts and rights:
                pairs.append((lefts[0], rights[0]))
        return tuple(sorted(pairs))

    def _across(self, article_id: str) -> list[Passage]:
        """Passages that reach at least one other article (repeats alone do not count)."""
        return [
            passage
            for passage in self._by_article.get(article_id, ())
            if any(span.article != article_id for span in passage.spans)
        ]


def _mark(passage: Passage, index: int) -> Mark:
    span = passage.spans[index]
    articles = {s.article for s in passage.spans}
    linked = [pair for pair in passage.pairs if index in (pair.a, pair.b)]
    kind = min((pair.kind for pair in linked), key=_KIND_ORDER.index, default=passage.kind)
    repeat = sum(1 for s in passage.spans if s.article == span.article) > 1
    return Mark(passage.id, span.start, span.end, kind, len(articles) - 1, repeat)


def _span_index(passage: Passage, article_id: str, start: int) -> int:
    """Index of the copy in ``article_id`` closest to ``start`` (-1 when there is none)."""
    candidates = [
        (abs(span.start - start), index)
        for index, span in enumerate(passage.spans)
        if span.article == article_id
    ]
    return min(candidates)[1] if candidates else -1


def _closeness(passage: Passage, here: int, there: int) -> tuple[Kind, float]:
    """Kind and score of the link between two copies (the passage's own when not linked)."""
    for pair in passage.pairs:
        if {pair.a, pair.b} == {here, there}:
            return pair.kind, pair.score
    return passage.kind, passage.score


_KIND_ORDER: tuple[Kind, ...] = ("verbatim", "near", "paraphrase")
