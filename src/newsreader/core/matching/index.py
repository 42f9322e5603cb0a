"""Stages 2-3: index sentences by rare features and find the candidate pairs to align.

Each sentence contributes its content-word stems and its word bigrams as features
(computed in :mod:`.compact`). A feature found in too many sentences (``said the``,
``president``) says nothing about shared passages and would make the pair count
quadratic, so postings longer than a fixed cap are dropped, and so are features found
once: the work then grows with the number of sentences, not its square. Two sentences
become a candidate pair when they share enough features.

The index is a handful of integer arrays (postings in one flat array), so forked workers
share it without copying. Pairs are never all materialised: :func:`candidates` lists
one sentence's later partners by counting its features' postings, and the engine aligns
them straight away, sentence range by sentence range, in parallel.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, compress, pairwise, repeat

from newsreader.core.matching.compact import Encoded

POSTING_CAP = 48
"""Features in more sentences than this are ignored (see the module docstring)."""
MIN_SHARED = 3
"""Features two sentences must share to be aligned at all."""


@dataclass(frozen=True, slots=True)
class Index:
    """Sentences and the postings of their kept features, as flat arrays."""

    article: array[int]
    """Article of each sentence (sentences are numbered in input order)."""
    first: array[int]
    """First token of each sentence."""
    last: array[int]
    """One past the last token of each sentence."""
    offsets: array[int]
    """Sentence ``s``'s kept features are entries ``offsets[s]:offsets[s + 1]`` of
    :attr:`later_from` and :attr:`later_to`."""
    later_from: array[int]
    """Per kept feature of a sentence: where the later sentences of its posting begin..."""
    later_to: array[int]
    """...and end, in :attr:`members` (so listing them needs no search)."""
    members: array[int]
    """Sentences of every posting, each posting in increasing order, one after another."""

    def __len__(self) -> int:
        return len(self.article)


def build_index(
    articles: Sequence[Encoded], features: array[int], counts: array[int], tally: Counter[int]
) -> Index:
    """The index of ``articles`` from their sentences' ``features`` (see :class:`.Chunk`),
    given ``tally``, the number of sentences each feature is found in (emptied here)."""
    per_article = [len(encoded.bounds) - 1 for encoded in articles]
    article = array("i", chain.from_iterable(map(repeat, range(len(articles)), per_article)))
    first = array("i", chain.from_iterable(encoded.bounds[:-1] for encoded in articles))
    last = array("i", chain.from_iterable(encoded.bounds[1:] for encoded in articles))
    # Only features in 2..POSTING_CAP sentences get a posting; the rest become -1 at once.
    dense: dict[int, int] = {}
    sizes: array[int] = array("i")
    for key, count in tally.items():
        if 1 < count <= POSTING_CAP:
            dense[key] = len(sizes)
            sizes.append(count)
    tally.clear()
    keys = array("i", map(dense.get, features, repeat(-1)))
    del dense
    starts = array("q", accumulate(sizes, initial=0))
    del sizes
    members = array("i", bytes(4 * starts[-1]))
    cursor = array("q", starts[:-1])
    later_from: array[int] = array("i")
    later_to: array[int] = array("i")
    owners = chain.from_iterable(map(repeat, range(len(counts)), counts))
    kept = array("i", bytes(4 * len(counts)))
    # Sentences arrive in increasing order, so each posting fills up sorted, and the entries
    # after a sentence's own place in a posting are exactly its later partners.
    for key, sentence in compress(zip(keys, owners, strict=True), map((-1).__ne__, keys)):
        at = cursor[key]
        members[at] = sentence
        cursor[key] = at + 1
        later_from.append(at + 1)
        later_to.append(starts[key + 1])
        kept[sentence] += 1
    offsets = array("q", accumulate(kept, initial=0))
    return Index(article, first, last, offsets, later_from, later_to, members)


def candidates(index: Index, sentence: int) -> list[int]:
    """Later sentences sharing at least :data:`MIN_SHARED` features with ``sentence``."""
    lo, hi = index.offsets[sentence], index.offsets[sentence + 1]
    if hi - lo < MIN_SHARED:
        return []
    runs = map(slice, index.later_from[lo:hi], index.later_to[lo:hi])
    tally = Counter(chain.from_iterable(map(index.members.__getitem__, runs)))
    return sorted(compress(tally.keys(), map(MIN_SHARED.__le__, tally.values())))


def repeated_pairs(repeats: array[int], words: Callable[[int], bytes]) -> list[tuple[int, int]]:
    """Pairs of sentences with the same repeat key, each copy chained to the next.

    The candidate index drops features found everywhere (that keeps it linear), which
    would also drop a paragraph or footer repeated across dozens of articles. Identical
    sentences need no alignment: grouping them by a hash of their folded words and
    chaining each copy to the next costs one pass and one pair per copy. Copies are
    grouped again by ``words(sentence)`` so a hash collision cannot link different ones.
    """
    tally = Counter(repeats)
    shared = {key for key, count in tally.items() if count > 1 and key}
    del tally
    groups: dict[int, list[int]] = {}
    for sentence in compress(range(len(repeats)), map(shared.__contains__, repeats)):
        groups.setdefault(repeats[sentence], []).append(sentence)
    pairs: list[tuple[int, int]] = []
    for members in groups.values():
        same: dict[bytes, list[int]] = {}
        for sentence in members:
            same.setdefault(words(sentence), []).append(sentence)
        pairs.extend(pair for copies in same.values() for pair in pairwise(copies))
    return pairs
