"""Stages 2-3: index sentences by rare features and find the candidate pairs to align.

Each sentence contributes its content-word stems and its word bigrams as features
(computed in :mod:`.features`). A feature found in too many sentences (``said the``,
``president``) says nothing about shared passages and would make the pair count
quadratic, so postings longer than a fixed cap are dropped, and so are features found
once: the work then grows with the number of sentences, not its square. Two sentences
become a candidate pair when they share enough features.

The index is a handful of numpy arrays (postings in one flat array), so forked workers
share it without copying. It is built by sorting, never by a Python loop per feature: a
20,000-article corpus has over 20 million feature occurrences. Pairs are never all
materialised: :func:`candidate_pairs` lists the pairs of one range of sentences by
sorting the keys of their shared postings' entries and counting runs, and the engine
aligns them straight away, range by range, in parallel.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain, compress, pairwise, repeat

import numpy as np

from newsreader.core.matching.compact import Encoded
from newsreader.core.matching.grouping import (
    Column,
    Keys,
    Positions,
    grouped,
    owners_of,
    position_type,
    run_starts,
)

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
    offsets: Positions
    """Sentence ``s``'s kept features are entries ``offsets[s]:offsets[s + 1]`` of
    :attr:`later_from` and :attr:`later_to`."""
    later_from: Positions
    """Per kept feature of a sentence: where the later sentences of its posting begin..."""
    later_to: Positions
    """...and end, in :attr:`members` (so listing them needs no search)."""
    members: Positions
    """Sentences of every posting, each posting in increasing order, one after another."""

    def __len__(self) -> int:
        return len(self.article)


def build_index(articles: Sequence[Encoded], features: Keys | Column, counts: Positions) -> Index:
    """The index of ``articles`` from their sentences' ``features`` (see :class:`.Chunk`):
    ``counts[s]`` of them belong to sentence ``s``, which has each one once however often
    it lists it.

    Given as a :class:`.Column`, the features are taken from it and freed once sorted: at
    20,000 articles they are 180 MiB, and the sort's own arrays are as big again.
    """
    per_article = [len(encoded.bounds) - 1 for encoded in articles]
    article = array("i", chain.from_iterable(map(repeat, range(len(articles)), per_article)))
    first = array("i", chain.from_iterable(encoded.bounds[:-1] for encoded in articles))
    last = array("i", chain.from_iterable(encoded.bounds[1:] for encoded in articles))
    taken = isinstance(features, Column)
    keys = features.take() if isinstance(features, Column) else features
    del features
    total = len(keys)
    kind = position_type(total)
    order, values = grouped(keys, reuse=taken)  # taken: nobody else holds them
    del keys
    # Each full-length array costs 90-180 MiB at 20,000 articles, so the sorted keys go
    # before the sentences come: never more than three are alive at once.
    starts = run_starts(values)
    # A feature listed twice by one sentence has its copies side by side: count it once.
    once = np.ones(len(order), dtype=bool)
    np.not_equal(values[1:], values[:-1], out=once[1:])
    del values
    sentences = owners_of(counts, order)
    once[1:] |= sentences[1:] != sentences[:-1]
    runs = np.diff(starts, append=len(order))
    # Repeats within a sentence are rare: subtract them per run rather than summing ``once``
    # over each run (which would convert it all to wide integers first).
    repeats = np.flatnonzero(~once)
    sizes = runs - np.bincount(
        np.searchsorted(starts, repeats, side="right") - 1, minlength=len(starts)
    ).astype(runs.dtype)
    del repeats
    # Only features in 2..POSTING_CAP sentences get a posting.
    posting = (sizes > 1) & (sizes <= POSTING_CAP)
    keep = np.repeat(posting, runs)
    del runs
    keep &= once
    kept, members = order[keep], sentences[keep]
    del order, sentences, keep, once
    # Within a posting, entries are in occurrence order, so its sentences are increasing and
    # the entries after a sentence's own place in a posting are exactly its later partners.
    posting_sizes = sizes[posting]
    ends = np.repeat(np.cumsum(posting_sizes, dtype=kind), posting_sizes)
    # Back to occurrence (so sentence) order, by scattering each entry's place in members:
    # numbered from 1, it is where the entry's later partners begin.
    later_from = np.zeros(total, dtype=kind)
    later_from[kept] = np.arange(1, len(kept) + 1, dtype=kind)
    later_from = later_from[later_from > 0]
    kept_per_sentence = np.bincount(members[later_from - 1], minlength=len(counts))
    offsets = np.zeros(len(counts) + 1, dtype=kind)
    np.cumsum(kept_per_sentence, out=offsets[1:])
    return Index(article, first, last, offsets, later_from, ends[later_from - 1], members)


def candidate_pairs(index: Index, lo: int, hi: int) -> tuple[list[int], list[int]]:
    """Pairs ``(i, j)``, ``lo <= i < hi``, ``i < j``, of sentences sharing at least
    :data:`MIN_SHARED` features, ordered by ``i`` and then ``j``, as two lists."""
    start, stop = int(index.offsets[lo]), int(index.offsets[hi])
    froms = index.later_from[start:stop].astype(np.int64)
    sizes = index.later_to[start:stop] - froms
    total = int(sizes.sum())
    if total < MIN_SHARED:
        return [], []
    mine = np.repeat(np.arange(hi - lo, dtype=np.int64), np.diff(index.offsets[lo : hi + 1]))
    # The later partners of every entry, side by side: one ragged range of members each.
    shift = np.repeat(froms - (np.cumsum(sizes) - sizes), sizes)
    partners = index.members[np.arange(total, dtype=np.int64) + shift]
    keys = np.repeat(mine, sizes) * len(index) + partners
    keys.sort()
    starts = run_starts(keys)
    shared = np.diff(starts, append=len(keys))
    chosen = keys[starts[shared >= MIN_SHARED]]
    return (chosen // len(index) + lo).tolist(), (chosen % len(index)).tolist()


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
