"""Stage 4: align one candidate pair of sentences and decide whether they share a passage.

Alignment is an LCS over light stems (rapidfuzz, in C). The matched tokens are then clipped
to the densest chain of matches, so that a span is exactly as long as the shared material:
a shared clause inside two otherwise different sentences yields just that clause. Whether
the pair is *the same statement* is judged on content words: function words are free, and
names and numbers weigh little, because different sentences about one event share those.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import Literal, Protocol

from rapidfuzz.distance import Indel

Kind = Literal["verbatim", "near", "paraphrase"]

FUNCTION_CREDIT = 0.2
"""What a matched function word adds to a chain of matches: enough to bridge, never to
decide (``of the`` is in every sentence)."""
GAP_COST = 0.5
"""Cost of each unit of unmatched content inside a chain, relative to a matched unit."""
EXACT_RUN = 8
"""A run of this many identical tokens is shared material whatever surrounds it."""
EXTEND_SIMILARITY = 0.45
"""A chain grows by a further matching block while the content similarity of the grown
region stays at least this (translations share scattered words, not runs)."""
EDGE_HEAD = 2
"""Words changed at the start of both copies (``All the`` / ``Any``) are part of the passage
when no more than this many differ on each side."""
EDGE_TAIL = 3
"""Likewise at the end (``new leadership`` / ``new government``)."""


class Tokens(Protocol):
    """What alignment reads of a token sequence (``normalize.Tokens`` or ``compact.View``)."""

    @property
    def forms(self) -> Sequence[Hashable]:
        """Folded forms (compared for equality only)."""

    @property
    def stems(self) -> Sequence[Hashable]:
        """Light stems (compared for equality only)."""

    @property
    def weights(self) -> Sequence[float]:
        """Content weights."""

    @property
    def breaks(self) -> Sequence[object]:
        """Truthy where a clause break follows the token."""


@dataclass(frozen=True, slots=True)
class Link:
    """Two token ranges (in one or two articles) that carry the same passage."""

    a: int
    """Index of the first article in the engine's input order."""
    a_start: int
    """First token of the shared material in article ``a``."""
    a_end: int
    """One past the last token of the shared material in article ``a``."""
    b: int
    """Index of the second article (may equal ``a`` for a repeat within one article)."""
    b_start: int
    """First token of the shared material in article ``b``."""
    b_end: int
    """One past the last token of the shared material in article ``b``."""
    kind: Kind
    """How close the two copies are."""
    score: float
    """Closeness, 0-100 (100: the same words)."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When an alignment counts as a shared passage (see :func:`judge`)."""

    min_content: float = 3.0
    """Matched content weight needed (names and numbers count a fraction of a word)."""
    min_tokens: int = 8
    """Shortest region (in tokens, each copy) that can be a passage without identical words:
    shorter overlaps are shared phrases (``disputed election last month``), not passages."""
    min_words: int = 3
    """Matched ordinary content words (not names, numbers or function words) needed."""
    min_content_similarity: float = 0.45
    """Dice similarity of content weight over the clipped regions."""
    min_token_similarity: float = 0.55
    """Dice similarity of all tokens over the clipped regions."""
    near_score: float = 72.0
    """Score from which a non-verbatim copy is ``near`` rather than ``paraphrase``."""


@dataclass(frozen=True, slots=True)
class Alignment:
    """The measured overlap of two token ranges, before any decision."""

    a_start: int
    """Clipped region start in the first token sequence (absolute token index)."""
    a_end: int
    """Clipped region end in the first token sequence."""
    b_start: int
    """Clipped region start in the second token sequence."""
    b_end: int
    """Clipped region end in the second token sequence."""
    matched: int
    """Tokens matched inside the regions."""
    content: float
    """Matched content weight inside the regions."""
    words: int
    """Matched ordinary content words (weight 1)."""
    content_similarity: float
    """``2 * content / (content weight of region a + of region b)``."""
    token_similarity: float
    """``2 * matched / (tokens in region a + in region b)``."""
    core_matched: int
    """Tokens matched in the densest chain of matches (before extension)."""
    core_words: int
    """Ordinary content words matched in that chain."""
    core_content: float
    """Content weight matched in that chain."""
    core_run: int
    """Longest run of identical folded tokens in that chain."""
    verbatim: bool
    """Whether the regions have exactly the same folded tokens."""


def align(
    ta: Tokens, a_range: tuple[int, int], tb: Tokens, b_range: tuple[int, int]
) -> Alignment | None:
    """Align ``ta[a_range]`` with ``tb[b_range]``; ``None`` when nothing at all matches."""
    a0, a1 = a_range
    b0, b1 = b_range
    blocks = [
        (block.a + a0, block.b + b0, block.size)
        for block in Indel.opcodes(ta.stems[a0:a1], tb.stems[b0:b1]).as_matching_blocks()
        if block.size
    ]
    if not blocks:
        return None
    first, last = _best_chain(blocks, ta.weights, tb.weights)
    if last < first:
        return None
    core_run = max(
        _longest_identical(ta.forms, ia, tb.forms, ib, size)
        for ia, ib, size in blocks[first : last + 1]
    )
    core = _measure(ta, tb, blocks[first : last + 1])
    # The core is the densest shared material; sparser matches around it still belong to
    # the passage (a translated quote shares words, not runs) while the region stays similar.
    first, last = _extend(blocks, first, last, ta.weights, tb.weights)
    chain = blocks[first : last + 1]
    sa, sb = chain[0][0], chain[0][1]
    ea, eb = chain[-1][0] + chain[-1][2], chain[-1][1] + chain[-1][2]
    # Words changed at both edges are substitutions inside the same passage, unless a clause
    # break (quote mark, colon, bracket, dash) separates them: ``..." she said`` is not.
    if (
        0 < sa - a0 <= EDGE_HEAD
        and 0 < sb - b0 <= EDGE_HEAD
        and not any(ta.breaks[a0:sa])
        and not any(tb.breaks[b0:sb])
    ):
        sa, sb = a0, b0
    if (
        0 < a1 - ea <= EDGE_TAIL
        and 0 < b1 - eb <= EDGE_TAIL
        and not any(ta.breaks[ea - 1 : a1 - 1])
        and not any(tb.breaks[eb - 1 : b1 - 1])
    ):
        ea, eb = a1, b1
    matched, content, words = _measure(ta, tb, chain)
    total = sum(ta.weights[sa:ea]) + sum(tb.weights[sb:eb])
    return Alignment(
        a_start=sa,
        a_end=ea,
        b_start=sb,
        b_end=eb,
        matched=matched,
        content=content,
        words=words,
        content_similarity=2 * content / total if total else 0.0,
        token_similarity=2 * matched / ((ea - sa) + (eb - sb)),
        core_matched=core[0],
        core_words=core[2],
        core_content=core[1],
        core_run=core_run,
        verbatim=ta.forms[sa:ea] == tb.forms[sb:eb],
    )


def judge(al: Alignment, thresholds: Thresholds) -> tuple[Kind, float] | None:
    """Kind and score of an alignment, or ``None`` if it is not a shared passage."""
    if al.verbatim and al.matched >= EXACT_RUN - 2 and al.words >= 3:
        return "verbatim", 100.0
    identical_core = al.core_run >= al.core_matched - 1 and (
        (al.core_matched >= EXACT_RUN - 2 and al.core_words >= 3)
        or (al.core_matched >= EXACT_RUN and al.core_content >= 2.0)
    )
    if not identical_core and (
        min(al.a_end - al.a_start, al.b_end - al.b_start) < thresholds.min_tokens
        or al.content < thresholds.min_content
        or al.words < thresholds.min_words
        or al.content_similarity < thresholds.min_content_similarity
        or al.token_similarity < thresholds.min_token_similarity
    ):
        return None
    if al.verbatim:
        return "verbatim", 100.0
    score = round(100 * (0.5 * al.token_similarity + 0.5 * al.content_similarity), 1)
    score = min(score, 99.0)
    return ("near" if score >= thresholds.near_score else "paraphrase"), score


def _measure(ta: Tokens, tb: Tokens, chain: list[tuple[int, int, int]]) -> tuple[int, float, int]:
    """Matched tokens, matched content weight and matched ordinary words of a chain."""
    weights = _matched(chain, ta.weights, tb.weights)
    return sum(size for _, _, size in chain), sum(weights), weights.count(1.0)


def _matched(
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


def _extend(
    blocks: list[tuple[int, int, int]],
    first: int,
    last: int,
    wa: Sequence[float],
    wb: Sequence[float],
) -> tuple[int, int]:
    """Grow the chain ``blocks[first:last+1]`` while the region stays similar enough."""

    def dice(lo: int, hi: int) -> float:
        chain = blocks[lo : hi + 1]
        matched = sum(_matched(chain, wa, wb))
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


def _longest_identical(
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


def _best_chain(
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
