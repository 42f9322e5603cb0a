"""The search index over a set of articles, and ranked search with character offsets.

The index is built once per set of articles and records, for every folded word, which
articles contain it (an inverted index at article level). A query is first turned into the
vocabulary words each of its words may stand for (:mod:`variants`: a keystroke compares
against the vocabulary, never the text), which gives the candidate articles and a bound on
how well each can score. Only then are candidate articles read, best bound first, to find
the exact offsets, stopping as soon as ``limit`` hits are certain to be the best ones. That
keeps the index small (no per-word positions for millions of words) and a keystroke fast.

Ranking: exact hits always come first (every word the query word itself, after folding),
then by score, then in article order and position.
"""

from __future__ import annotations

import threading
from array import array
from bisect import insort
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from newsreader.core.article import Article
from newsreader.core.search.fold import tokens, word_set
from newsreader.core.search.query import QueryWord, parse_query
from newsreader.core.search.variants import Candidate, Vocabulary, prefix_score


@dataclass(frozen=True, slots=True)
class Hit:
    """One place in one article where the query matched."""

    article: str
    """The :attr:`Article.id` of the article the hit is in."""
    start: int
    """Offset in the article's ``text`` of the first matched character."""
    end: int
    """Offset just past the last matched character: ``text[start:end]`` is what matched."""
    score: float
    """1.0 for an exact hit; below 1 (0.5 to 0.9) for typos, variants and prefixes."""
    exact: bool
    """True when every word matched as typed (ignoring case and accents)."""


_Key = tuple[bool, float, int, int]
"""Sort key of a hit: not exact, minus score, article position, start offset."""
_TOKEN_CACHE_SIZE = 512
"""Articles whose words stay tokenised: the ones a reader is searching in, typing away."""


class SearchIndex:
    """Which articles contain which words, for fast ranked search as the user types.

    Immutable after construction and safe to share between threads (the token cache is
    locked), so the UI can build it in a worker and search from the event loop.
    """

    def __init__(
        self,
        articles: Sequence[Article],
        words: Sequence[str],
        offsets: array[int],
        postings: array[int],
    ) -> None:
        """Wrap built data; use :meth:`build` (or the cache) rather than calling this.

        ``postings[offsets[i]:offsets[i + 1]]`` are the positions in ``articles`` (ascending)
        of the articles containing ``words[i]``.
        """
        if len(offsets) != len(words) + 1 or (offsets and offsets[-1] != len(postings)):
            raise ValueError("inconsistent search index data")
        self.articles: tuple[Article, ...] = tuple(articles)
        """The articles searched, in the order hits are ranked among equals."""
        self.words: tuple[str, ...] = tuple(words)
        """Every distinct folded word of the articles' text."""
        self.offsets = offsets
        """Where each word's article list starts in :attr:`postings` (one more than words)."""
        self.postings = postings
        """Positions in :attr:`articles` of the articles containing each word, word by word."""
        self._word_ids = {word: number for number, word in enumerate(self.words)}
        self._positions: dict[str, int] = {}
        for position, article in enumerate(self.articles):
            self._positions.setdefault(article.id, position)
        self.vocabulary = Vocabulary(
            self.words,
            {word: offsets[number + 1] - offsets[number] for number, word in enumerate(self.words)},
        )
        """The words arranged for fuzzy and prefix look-ups."""
        self._tokens: OrderedDict[int, tuple[list[str], list[int], list[int]]] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def build(cls, articles: Sequence[Article]) -> SearchIndex:
        """Index ``articles`` (their ``text``; titles are matched by :func:`filter_articles`)."""
        lists: dict[str, list[int]] = {}
        for position, article in enumerate(articles):
            for word in word_set(article.text):
                found = lists.get(word)
                if found is None:
                    lists[word] = [position]
                else:
                    found.append(position)
        words = sorted(lists)
        offsets = array("I", [0])
        postings = array("I")
        for word in words:
            postings.extend(lists[word])
            offsets.append(len(postings))
        return cls(articles, words, offsets, postings)

    def article(self, article_id: str) -> Article | None:
        """The indexed article with this id, if any."""
        position = self._positions.get(article_id)
        return None if position is None else self.articles[position]

    def search(
        self,
        query: str,
        *,
        limit: int | None = None,
        article_id: str | None = None,
        prefix: bool = False,
    ) -> tuple[Hit, ...]:
        """The hits for ``query``, best first (exact before fuzzy, then score, then order).

        ``limit`` keeps only the best hits (and reads only the articles needed to find
        them); ``article_id`` searches one article; ``prefix`` lets the last word match the
        beginning of a longer word, for results as the user types. A query with no words,
        or an unknown ``article_id``, gives no hits.
        """
        if limit is not None and limit <= 0:
            return ()
        words = parse_query(query, prefix=prefix)
        if not words:
            return ()
        matchers = [
            self.vocabulary.expand(word.folded, fuzzy=not word.exact_only, prefix=word.prefix)
            for word in words
        ]
        if article_id is not None:
            position = self._positions.get(article_id)
            if position is None:
                return ()
            ranked = sorted(self._scan(position, words, matchers), key=_hit_key)
            return tuple(hit for _, hit in ranked[:limit])
        return self._search_all(words, matchers, limit)

    def _search_all(
        self, words: Sequence[QueryWord], matchers: list[dict[str, Candidate]], limit: int | None
    ) -> tuple[Hit, ...]:
        bounds: list[dict[int, float]] = []
        exact_sets: list[set[int]] = []
        for word, matcher in zip(words, matchers, strict=True):
            best: dict[int, float] = {}
            # Best candidates first, so each article keeps the best score it can reach.
            for other, candidate in sorted(matcher.items(), key=lambda item: -item[1].score):
                new = set(self._postings_of(other)).difference(best)
                best.update(dict.fromkeys(new, candidate.score))
            bounds.append(best)
            exact_sets.append(set(self._postings_of(word.folded)))
        if len(bounds) == 1:
            bound = bounds[0]
        else:
            shared = set(bounds[0]).intersection(*bounds[1:])
            bound = {
                position: sum(b[position] for b in bounds) / len(bounds) for position in shared
            }
        maybe_exact = set(bound).intersection(*exact_sets)
        order = sorted(
            bound, key=lambda position: (position not in maybe_exact, -bound[position], position)
        )
        best_keys: list[tuple[_Key, Hit]] = []
        for position in order:
            if limit is not None and len(best_keys) >= limit:
                ceiling = (position not in maybe_exact, -bound[position], position, -1)
                if ceiling > best_keys[limit - 1][0]:
                    break  # No later article can beat the hits already kept.
            for keyed in self._scan(position, words, matchers):
                insort(best_keys, keyed, key=_hit_key)
            if limit is not None:
                del best_keys[limit:]
        return tuple(hit for _, hit in best_keys)

    def _postings_of(self, word: str) -> array[int]:
        number = self._word_ids.get(word)
        if number is None:
            return array("I")
        return self.postings[self.offsets[number] : self.offsets[number + 1]]

    def _scan(
        self, position: int, words: Sequence[QueryWord], matchers: list[dict[str, Candidate]]
    ) -> list[tuple[_Key, Hit]]:
        """Every phrase hit in one article, keyed for ranking."""
        folded, starts, ends = self._tokenised(position)
        article_id = self.articles[position].id
        count = len(words)
        found: list[tuple[_Key, Hit]] = []
        for index in range(len(folded) - count + 1):
            scores: list[float] = []
            exact = True
            for offset, (word, matcher) in enumerate(zip(words, matchers, strict=True)):
                candidate = _match(word, matcher, folded[index + offset])
                if candidate is None:
                    break
                scores.append(candidate.score)
                exact = exact and candidate.exact
            else:
                score = round(sum(scores) / count, 4)
                hit = Hit(article_id, starts[index], ends[index + count - 1], score, exact)
                found.append(((not exact, -score, position, hit.start), hit))
        return found

    def _tokenised(self, position: int) -> tuple[list[str], list[int], list[int]]:
        with self._lock:
            cached = self._tokens.get(position)
            if cached is not None:
                self._tokens.move_to_end(position)
                return cached
        folded: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        for start, end, word in tokens(self.articles[position].text):
            folded.append(word)
            starts.append(start)
            ends.append(end)
        result = (folded, starts, ends)
        with self._lock:
            self._tokens[position] = result
            while len(self._tokens) > _TOKEN_CACHE_SIZE:
                self._tokens.popitem(last=False)
        return result


def _match(word: QueryWord, matcher: dict[str, Candidate], folded: str) -> Candidate | None:
    candidate = matcher.get(folded)
    if candidate is None and word.prefix and folded.startswith(word.folded):
        # Prefixes beyond the vocabulary's cap are still found inside a read article.
        return Candidate(prefix_score(word.folded, folded), False)
    return candidate


def _hit_key(keyed: tuple[_Key, Hit]) -> _Key:
    return keyed[0]
