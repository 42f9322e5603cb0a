"""The search index over a set of articles, and ranked search with character offsets.

The index is built once per set of articles and records, for every folded word, which
articles contain it (an inverted index at article level). A query is first turned into the
vocabulary words each of its words may stand for (:mod:`variants`: a keystroke compares
against the vocabulary, never the text), which gives the candidate articles grouped by how
well a hit in them can score (:mod:`plan`). Only then are candidate articles read, in
ranking order, to find the exact offsets, stopping as soon as ``limit`` hits are certain to
be the best ones. That keeps the index small (no per-word positions for millions of words)
and a keystroke fast.

Ranking: exact hits always come first (every word the query word itself, after folding),
then by score, then in article order and position.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsreader.core.article import Article
from newsreader.core.search.fold import indexed_words, tokens
from newsreader.core.search.pattern import PhraseFinder, word_pattern
from newsreader.core.search.plan import Articles, Best, Key, groups, word_tiers
from newsreader.core.search.query import QueryWord, parse_query
from newsreader.core.search.variants import EXACT, PREFIX, PREFIX_SCORE, Candidate, Vocabulary


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


COMPLETION_SET_FACTOR = 3
"""A typed prefix whose words have more than this many postings per article is taken to
occur everywhere: reading articles in order finds its hits at once, cheaper than building
the set of articles that hold it."""
MAX_COMPLETION_SPELLINGS = 64
"""Non-ASCII spellings of completions put into a keystroke's expression, at most."""


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
        # Sorted like ``words``, so the completions of a prefix are one run (bisect).
        self._spelled = sorted(self.surfaces)
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
        lists: defaultdict[str, list[int]] = defaultdict(list)
        surfaces: dict[str, set[str]] = {}
        for position, article in enumerate(articles):
            folded, spellings = indexed_words(article.text)
            for word in folded:
                lists[word].append(position)
            for word, spelling in spellings:
                surfaces.setdefault(word, set()).add(spelling)
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
        # Completions are not vocabulary candidates: the expression matches any of them and
        # the plan reads every article holding one, so the prefix costs one bisection.
        matchers = [
            self.vocabulary.expand(word.folded, fuzzy=not word.exact_only) for word in words
        ]
        pattern = PhraseFinder(
            [
                word_pattern(
                    [*matcher, *self._spelled_completions(word)],
                    self.surfaces,
                    word.folded if word.prefix else "",
                )
                for word, matcher in zip(words, matchers, strict=True)
            ]
        )
        if article_id is not None:
            position = self._positions.get(article_id)
            if position is None:
                return ()
            best: Best[Hit] = Best(limit)
            for keyed in self._scan(position, words, matchers, pattern):
                best.add(keyed)
            return best.result()
        return self._search_all(words, matchers, pattern, limit)

    def _search_all(
        self,
        words: Sequence[QueryWord],
        matchers: list[dict[str, Candidate]],
        pattern: PhraseFinder,
        limit: int | None,
    ) -> tuple[Hit, ...]:
        tiers = [
            word_tiers(word, matcher, self._articles_of, self._completions)
            for word, matcher in zip(words, matchers, strict=True)
        ]
        best: Best[Hit] = Best(limit)
        scanned: set[int] = set()  # read for all hits
        exact_scanned: set[int] = set()  # read for exact hits only
        for bound, articles in groups(tiers):
            # Only a group whose every word is the query word itself can hold exact hits.
            fuzzy = bound < 1.0
            if best.beats((fuzzy, -bound, -1, -1)):
                break  # No article left can beat the hits kept: groups come best first.
            done = scanned if fuzzy else exact_scanned
            scan_words, scan_pattern = matchers, pattern
            if not fuzzy:
                # Exact hits first with an expression for the words themselves: reading
                # "l" must not build a hit for every word beginning with "l" in articles
                # the exact hits alone may fill. Their other hits come in a later group.
                scan_words = [{word.folded: EXACT} for word in words]
                scan_pattern = PhraseFinder(
                    [word_pattern(m, self.surfaces, "") for m in scan_words]
                )
            order = range(len(self.articles)) if articles is None else sorted(articles - done)
            for position in order:
                if position in done:
                    continue
                if best.beats((fuzzy, -bound, position, -1)):
                    break  # Nor can any later article of this group (article order).
                done.add(position)
                seen_exact = fuzzy and position in exact_scanned
                for keyed in self._scan(position, words, scan_words, scan_pattern):
                    # An exact hit of an article read twice was kept the first time.
                    if not (seen_exact and keyed[1].exact):
                        best.add(keyed)
        return best.result()

    def _articles_of(self, words: Sequence[str]) -> set[int]:
        """Positions of the articles containing any of ``words``."""
        found: set[int] = set()
        for word in words:
            found.update(self._postings_of(word))
        return found

    def _completion_range(self, prefix: str) -> tuple[int, int]:
        # Folded words are [a-z0-9] only and "{" sorts after "z", so every word beginning
        # with ``prefix`` lies in [prefix, prefix + "{"): two bisections, no scan.
        start = bisect_left(self.words, prefix)
        return start, bisect_left(self.words, prefix + "{", start)

    def _completions(self, prefix: str) -> Articles:
        """Articles holding a word that begins with ``prefix``, or None for "most of them"."""
        start, end = self._completion_range(prefix)
        low, high = self.offsets[start], self.offsets[end]
        if high - low > COMPLETION_SET_FACTOR * len(self.articles):
            return None
        # The words' postings are one contiguous slice: one set built in C.
        return set(self.postings[low:high])

    def _spelled_completions(self, word: QueryWord) -> list[str]:
        """Completions of a typed word that have non-ASCII spellings, which the expression
        must name (its prefix part only reads ASCII)."""
        if not word.prefix:
            return []
        start = bisect_left(self._spelled, word.folded)
        end = bisect_left(self._spelled, word.folded + "{", start)
        return self._spelled[start : min(end, start + MAX_COMPLETION_SPELLINGS)]

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
        pattern: PhraseFinder,
    ) -> list[tuple[Key, Hit]]:
        """Every phrase hit in one article, keyed for ranking.

        The pattern finds where the phrase may be; each place is then read word by word,
        exactly as the index folds words, to keep only true hits and to score them.
        """
        text = self.articles[position].text
        article_id = self.articles[position].id
        found: list[tuple[Key, Hit]] = []
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


def _match(word: QueryWord, matcher: dict[str, Candidate], folded: str) -> Candidate | None:
    candidate = matcher.get(folded)
    # A completion of the word being typed beats a typo of it (but not the word itself).
    completes = word.prefix and folded.startswith(word.folded)
    if completes and (candidate is None or candidate.score < PREFIX_SCORE):
        return PREFIX
    return candidate
