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

import re
from array import array
from bisect import insort
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from newsreader.core.article import Article
from newsreader.core.search.fold import WORD_RE, fold, tokens
from newsreader.core.search.pattern import find_phrases, phrase_pattern, word_pattern
from newsreader.core.search.query import QueryWord, parse_query
from newsreader.core.search.variants import EXACT, PREFIX, Candidate, Vocabulary


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


class SearchIndex:
    """Which articles contain which words, for fast ranked search as the user types.

    Immutable after construction and safe to share between threads, so the UI can build
    it in a worker and search from the event loop.
    """

    def __init__(
        self,
        articles: Sequence[Article],
        words: Sequence[str],
        offsets: array[int],
        postings: array[int],
        surfaces: Mapping[str, Sequence[str]],
    ) -> None:
        """Wrap built data; use :meth:`build` (or the cache) rather than calling this.

        ``postings[offsets[i]:offsets[i + 1]]`` are the positions in ``articles`` (ascending)
        of the articles containing ``words[i]``; ``surfaces`` the non-ASCII spellings of
        words (ASCII ones differ from the folded word only by case).
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
        self.surfaces: dict[str, tuple[str, ...]] = {
            word: tuple(sorted(spellings)) for word, spellings in surfaces.items()
        }
        """Non-ASCII spellings of each folded word that has any (``cafe``: ``café``)."""
        self._word_ids = {word: number for number, word in enumerate(self.words)}
        self._positions: dict[str, int] = {}
        for position, article in enumerate(self.articles):
            self._positions.setdefault(article.id, position)
        self.vocabulary = Vocabulary(
            self.words,
            {word: offsets[number + 1] - offsets[number] for number, word in enumerate(self.words)},
        )
        """The words arranged for fuzzy and prefix look-ups."""

    @classmethod
    def build(cls, articles: Sequence[Article]) -> SearchIndex:
        """Index ``articles`` (their ``text``; titles are matched by :func:`filter_articles`)."""
        lists: dict[str, list[int]] = {}
        surfaces: dict[str, set[str]] = {}
        for position, article in enumerate(articles):
            folded: set[str] = set()
            for spelling in set(WORD_RE.findall(article.text)):
                word = fold(spelling)
                if word:
                    folded.add(word)
                    if not spelling.isascii():
                        surfaces.setdefault(word, set()).add(spelling)
            for word in folded:
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
        return cls(articles, words, offsets, postings, {w: sorted(s) for w, s in surfaces.items()})

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
        pattern = _Patterns(
            [
                word_pattern(matcher, self.surfaces, word.folded if word.prefix else "")
                for word, matcher in zip(words, matchers, strict=True)
            ]
        )
        if article_id is not None:
            position = self._positions.get(article_id)
            if position is None:
                return ()
            ranked = sorted(self._scan(position, words, matchers, pattern), key=_hit_key)
            return tuple(hit for _, hit in ranked[:limit])
        return self._search_all(words, matchers, pattern, limit)

    def _search_all(
        self,
        words: Sequence[QueryWord],
        matchers: list[dict[str, Candidate]],
        pattern: _Patterns,
        limit: int | None,
    ) -> tuple[Hit, ...]:
        bound, maybe_exact = self._bounds(words, matchers)
        order = sorted(
            bound, key=lambda position: (position not in maybe_exact, -bound[position], position)
        )
        if limit is None:
            found = [keyed for p in order for keyed in self._scan(p, words, matchers, pattern)]
            return tuple(hit for _, hit in sorted(found, key=_hit_key))
        best_keys: list[tuple[_Key, Hit]] = []
        exact_only = _Patterns([word_pattern({w.folded: EXACT}, self.surfaces, "") for w in words])
        exact_matchers = [{w.folded: EXACT} for w in words]
        for position in order:
            if position not in maybe_exact or len(best_keys) >= limit:
                break
            # First pass: exact hits only, the cheapest to find and always ranked first.
            best_keys.extend(self._scan(position, words, exact_matchers, exact_only))
        if len(best_keys) >= limit:
            return tuple(hit for _, hit in sorted(best_keys, key=_hit_key)[:limit])
        best_keys.clear()
        for position in order:
            if len(best_keys) >= limit:
                ceiling = (position not in maybe_exact, -bound[position], position, -1)
                if ceiling > best_keys[-1][0]:
                    break  # No later article can beat the hits already kept.
            for keyed in self._scan(position, words, matchers, pattern):
                if len(best_keys) < limit or keyed[0] < best_keys[-1][0]:
                    insort(best_keys, keyed, key=_hit_key)
                    del best_keys[limit:]
        return tuple(hit for _, hit in best_keys)

    def _bounds(
        self, words: Sequence[QueryWord], matchers: list[dict[str, Candidate]]
    ) -> tuple[dict[int, float], set[int]]:
        """Candidate articles with the best score each can reach, and those that contain
        every query word exactly (the only ones that can hold an exact hit)."""
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
        return bound, maybe_exact

    def _postings_of(self, word: str) -> array[int]:
        number = self._word_ids.get(word)
        if number is None:
            return array("I")
        return self.postings[self.offsets[number] : self.offsets[number + 1]]

    def _scan(
        self,
        position: int,
        words: Sequence[QueryWord],
        matchers: list[dict[str, Candidate]],
        pattern: _Patterns,
    ) -> list[tuple[_Key, Hit]]:
        """Every phrase hit in one article, keyed for ranking.

        The pattern finds where the phrase may be; each place is then read word by word,
        exactly as the index folds words, to keep only true hits and to score them.
        """
        text = self.articles[position].text
        article_id = self.articles[position].id
        found: list[tuple[_Key, Hit]] = []
        for start, end in pattern.find(text):
            spans = list(tokens(text[start:end]))
            if len(spans) != len(words):
                continue
            total = 0.0
            exact = True
            for (_, _, folded), word, matcher in zip(spans, words, matchers, strict=True):
                candidate = _match(word, matcher, folded)
                if candidate is None:
                    break
                total += candidate.score
                exact = exact and candidate.exact
            else:
                score = round(total / len(words), 4)
                hit = Hit(article_id, start + spans[0][0], start + spans[-1][1], score, exact)
                found.append(((not exact, -score, position, hit.start), hit))
        return found


class _Patterns:
    """A query's expression, compiled for lower-cased text and, lazily, for the rare text
    whose lower-casing changes its length (offsets would shift), matched ignoring case."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.lower = phrase_pattern(words)
        self._any_case: re.Pattern[str] | None = None

    def find(self, text: str) -> list[tuple[int, int]]:
        lowered = _lowered(text)
        if len(lowered) == len(text):
            return list(find_phrases(self.lower, lowered))
        if self._any_case is None:
            self._any_case = phrase_pattern(self.words, ignore_case=True)
        return list(find_phrases(self._any_case, text))


@lru_cache(maxsize=4096)
def _lowered(text: str) -> str:
    # Lower-casing is most of the cost of reading an article, and while the user types,
    # each keystroke reads mostly the same articles again. A string caches its own hash,
    # so a look-up costs nothing like the lower-casing it saves.
    return text.lower()


def _match(word: QueryWord, matcher: dict[str, Candidate], folded: str) -> Candidate | None:
    candidate = matcher.get(folded)
    if candidate is None and word.prefix and folded.startswith(word.folded):
        # Prefixes beyond the vocabulary's cap are still found inside a read article.
        return PREFIX
    return candidate


def _hit_key(keyed: tuple[_Key, Hit]) -> _Key:
    return keyed[0]
