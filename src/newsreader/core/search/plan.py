"""Which articles a query must read, grouped by the best score a hit in them can reach.

The index knows, per word, which articles contain it, not where. So a search reads articles
to find hits, and a keystroke is fast only if it reads few. Each query word contributes
*tiers*: sets of articles in which the word can match with a given score (the word itself
1.0, completions of a word being typed :data:`PREFIX_SCORE`, each typo or variant its own
score). A phrase's tiers combine into *groups*: for each choice of one tier per word, the
articles in all chosen tiers, whose hits score at most the mean of the chosen scores. The
search reads groups best bound first and, inside a group, articles in order, which is
exactly the ranking order, so it can stop at the first article that cannot beat the hits
already kept. No per-article bound is ever computed in Python, and nothing is sorted but
the (usually small) groups actually reached.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Callable, Sequence
from itertools import product
from typing import Generic, TypeVar

from newsreader.core.search.query import QueryWord
from newsreader.core.search.variants import PREFIX_SCORE, Candidate

T = TypeVar("T")
Key = tuple[bool, float, int, int]
"""Sort key of a hit: not exact, minus score, article position, start offset."""
Articles = set[int] | None
"""Positions of articles, or None for *every* article (cheaper than a set of all of them)."""
Tier = tuple[float, Articles]
"""A score and the articles in which a query word can match with that score."""

MAX_GROUPS = 64
"""Beyond this many tier combinations, each word's fuzzy tiers are merged into one (at their
best score, still an upper bound), so a long misspelt phrase does not cost thousands of
intersections."""


def word_tiers(
    word: QueryWord,
    matcher: dict[str, Candidate],
    articles_of: Callable[[Sequence[str]], set[int]],
    completions: Callable[[str], Articles],
) -> list[Tier]:
    """The tiers of one query word, best score first.

    ``articles_of`` gives the articles containing any of some words; ``completions`` the
    articles containing a word beginning with a prefix (None when that is most of them).
    """
    by_score: dict[float, list[str]] = {}
    for other, candidate in matcher.items():
        by_score.setdefault(candidate.score, []).append(other)
    tiers: dict[float, Articles] = {
        score: articles_of(others) for score, others in by_score.items()
    }
    if word.prefix:
        # Every completion of the typed word, not only the vocabulary's best few: the
        # search then finds "Supreme Court" in every article saying it, from "Supreme C".
        prefixed = completions(word.folded)
        already = tiers.get(PREFIX_SCORE)
        tiers[PREFIX_SCORE] = None if prefixed is None else prefixed | (already or set())
    return sorted(tiers.items(), key=lambda tier: -tier[0])


def groups(tiers: Sequence[list[Tier]]) -> list[Tier]:
    """The phrase's groups: an upper bound on hit score and the articles it applies to,
    best bound first; equal bounds share one group so articles come in order within it."""
    if any(not word for word in tiers):
        return []
    size = 1
    for word in tiers:
        size *= len(word)
    if size > MAX_GROUPS:
        tiers = [_merged(word) for word in tiers]
    found: dict[float, Articles] = {}
    for combination in product(*tiers):
        # Summed in word order and rounded like a hit's score, so a hit never exceeds it.
        bound = round(sum(score for score, _ in combination) / len(combination), 4)
        chosen = sorted((arts for _, arts in combination if arts is not None), key=len)
        articles: Articles = None
        if chosen:
            articles = chosen[0].intersection(*chosen[1:])
            if not articles:
                continue
        if bound in found:
            earlier = found[bound]
            found[bound] = None if earlier is None or articles is None else earlier | articles
        else:
            found[bound] = articles
    return sorted(found.items(), key=lambda group: -group[0])


def _merged(word: list[Tier]) -> list[Tier]:
    """At most two tiers: the best one, and all others as one at the second-best score."""
    if len(word) <= 2:
        return word
    rest = [arts for _, arts in word[1:]]
    union: Articles = None if any(arts is None for arts in rest) else set().union(*rest)  # type: ignore[arg-type]
    return [word[0], (word[1][0], union)]


class Best(Generic[T]):
    """The best ``limit`` keyed items offered (all of them for no limit), in key order."""

    def __init__(self, limit: int | None) -> None:
        """Keep at most ``limit`` items; None keeps every one."""
        self.limit = limit
        self.items: list[tuple[Key, T]] = []

    def add(self, keyed: tuple[Key, T]) -> None:
        """Offer one item; kept only if it ranks among the best ``limit`` so far."""
        if self.limit is None:
            self.items.append(keyed)  # sorted once at the end: no quadratic insertion
        elif len(self.items) < self.limit or keyed[0] < self.items[-1][0]:
            insort(self.items, keyed, key=_key)
            del self.items[self.limit :]

    def beats(self, ceiling: Key) -> bool:
        """True when ``limit`` items are kept and all rank before ``ceiling``: nothing
        ranking at or after it can change the result."""
        return (
            self.limit is not None and len(self.items) >= self.limit and ceiling > self.items[-1][0]
        )

    def result(self) -> tuple[T, ...]:
        """The kept items, best first."""
        if self.limit is None:
            self.items.sort(key=_key)
        return tuple(item for _, item in self.items)


def _key(keyed: tuple[Key, T]) -> Key:
    return keyed[0]
