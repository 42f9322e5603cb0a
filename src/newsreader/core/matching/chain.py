"""Measuring chains of matching blocks for :func:`.align.align`: the densest chain, its growth.

Blocks are ``(a, b, size)`` runs of tokens with equal stems (absolute positions in the two
token sequences); a chain is a run of consecutive blocks. Weights are the tokens' content
weights (see :attr:`.normalize.Tokens.weights`).
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Sequence
from itertools import repeat

FUNCTION_CREDIT = 0.2
"""What a matched function word adds to a chain of matches: enough to bridge, never to
decide (``of the`` is in every sentence)."""
GAP_COST = 0.5
"""Cost of each unit of unmatched content inside a chain, relative to a matched unit."""
EXTEND_SIMILARITY = 0.45
"""A chain grows by a further matching block while the content similarity of the grown
region stays at least this (translations share scattered words, not runs)."""


def matched_weights(
    chain: list[tuple[int, int, int]], wa: Sequence[float], wb: Sequence[float]
) -> list[float]:
    """The weight each matched token pair counts for (the lower of the two), in order.

    Built by C-level ``map`` (alignment runs hundreds of thousands of times); summed in
    order, it gives the same float as adding the weights one by one.
    """
    return list(
        itertools.chain.from_iterable(
            map(min, wa[ia : ia + size], wb[ib : ib + size]) for ia, ib, size in chain
        )
    )


def extend(
    blocks: list[tuple[int, int, int]],
    first: int,
    last: int,
    wa: Sequence[float],
    wb: Sequence[float],
) -> tuple[int, int]:
    """Grow the chain ``blocks[first:last+1]`` while the region stays similar enough."""

    def dice(lo: int, hi: int) -> float:
        chain = blocks[lo : hi + 1]
        matched = sum(matched_weights(chain, wa, wb))
        sa, sb = chain[0][0], chain[0][1]
        ea, eb = chain[-1][0] + chain[-1][2], chain[-1][1] + chain[-1][2]
        total = sum(wa[sa:ea]) + sum(wb[sb:eb])
        return 2 * matched / total if total else 0.0

    # Walk outwards block by block; only a block with content may become the new edge, so a
    # chain never ends on a stray "the", and the walk stops once the region has grown too thin.
    for k in range(last + 1, len(blocks)):
        value = dice(first, k)
        if value < EXTEND_SIMILARITY - 0.15:
            break
        if value >= EXTEND_SIMILARITY and _content(blocks[k], wa, wb) >= 0.5:
            last = k
    for k in range(first - 1, -1, -1):
        value = dice(k, last)
        if value < EXTEND_SIMILARITY - 0.15:
            break
        if value >= EXTEND_SIMILARITY and _content(blocks[k], wa, wb) >= 0.5:
            first = k
    return first, last


def _content(block: tuple[int, int, int], wa: Sequence[float], wb: Sequence[float]) -> float:
    ia, ib, size = block
    return sum(map(min, wa[ia : ia + size], wb[ib : ib + size]))


def longest_identical(
    fa: Sequence[Hashable], ia: int, fb: Sequence[Hashable], ib: int, size: int
) -> int:
    """Longest run of identical folded forms inside one matched block of stems."""
    if fa[ia : ia + size] == fb[ib : ib + size]:
        return size  # the usual case, compared in C
    best = current = 0
    for k in range(size):
        current = current + 1 if fa[ia + k] == fb[ib + k] else 0
        best = max(best, current)
    return best


def best_chain(
    blocks: list[tuple[int, int, int]], wa: Sequence[float], wb: Sequence[float]
) -> tuple[int, int]:
    """The run of consecutive matching blocks with the highest matched-minus-gap value.

    Kadane's maximum subarray over blocks: a block is worth its matched content, a gap
    between two blocks costs the unmatched content on both sides, so isolated stray matches
    (a lone ``Putin`` five words away) fall off the ends.
    """
    best_value = 0.0
    best: tuple[int, int] = (0, -1)
    credit = repeat(FUNCTION_CREDIT)
    value = 0.0
    start = 0
    for index, (ia, ib, size) in enumerate(blocks):
        worth = sum(map(max, map(min, wa[ia : ia + size], wb[ib : ib + size]), credit))
        if index > start:
            pa, pb, ps = blocks[index - 1]
            gap = sum(wa[pa + ps : ia]) + sum(wb[pb + ps : ib])
            value -= GAP_COST * gap
        if value <= 0:
            value = 0.0
            start = index
        value += worth
        if value > best_value:
            best_value = value
            best = (start, index)
    return best
