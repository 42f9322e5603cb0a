"""Stage 4: align one candidate pair of sentences and decide whether they share a passage.

Alignment is an LCS over light stems (rapidfuzz, in C). The matched tokens are then clipped
to the densest chain of matches, so that a span is exactly as long as the shared material:
a shared clause inside two otherwise different sentences yields just that clause. Whether
the pair is *the same statement* is judged on content words: function words are free, and
names and numbers weigh little, because different sentences about one event share those.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from rapidfuzz.distance import Indel

from newsreader.core.matching.chain import (
    best_chain,
    extend,
    longest_identical,
    matched_weights,
)

Kind = Literal["verbatim", "near", "paraphrase"]

EXACT_RUN = 8
"""A run of this many identical tokens is shared material whatever surrounds it."""
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
    blocks = _blocks(ta, a_range, tb, b_range)
    return _aligned(ta, a_range, tb, b_range, blocks) if blocks else None


def compare(
    ta: Tokens, a_range: tuple[int, int], tb: Tokens, b_range: tuple[int, int], limits: Thresholds
) -> tuple[Alignment, tuple[Kind, float]] | None:
    """:func:`align` and then :func:`judge`: the alignment and its verdict, or ``None``.

    Most candidate pairs share a phrase, not a passage, and fail; a pair whose matches hold
    too few ordinary words and too few tokens for any way of passing is dropped before the
    chain is measured (the same verdicts, about half the work on real news).
    """
    blocks = _blocks(ta, a_range, tb, b_range)
    if not blocks or _hopeless(blocks, ta.weights, tb.weights, limits):
        return None
    alignment = _aligned(ta, a_range, tb, b_range, blocks)
    verdict = None if alignment is None else judge(alignment, limits)
    return None if alignment is None or verdict is None else (alignment, verdict)


def _blocks(
    ta: Tokens, a_range: tuple[int, int], tb: Tokens, b_range: tuple[int, int]
) -> list[tuple[int, int, int]]:
    """The LCS matching blocks of the two ranges' stems, as absolute ``(a, b, size)``."""
    a0, a1 = a_range
    b0, b1 = b_range
    return [
        (block.a + a0, block.b + b0, block.size)
        for block in Indel.opcodes(ta.stems[a0:a1], tb.stems[b0:b1]).as_matching_blocks()
        if block.size
    ]


def _hopeless(
    blocks: list[tuple[int, int, int]], wa: Sequence[float], wb: Sequence[float], limits: Thresholds
) -> bool:
    """Whether no chain of ``blocks`` can pass :func:`judge`, whatever its shape.

    Every way of passing needs matched ordinary words (3 for a verbatim copy or an
    identical core, ``min_words`` otherwise) or, for an identical core of names and
    numbers, :data:`EXACT_RUN` matched tokens; a chain matches no more than all blocks do.
    """
    if sum(size for _, _, size in blocks) >= EXACT_RUN:
        return False
    return matched_weights(blocks, wa, wb).count(1.0) < min(3, limits.min_words)


def _aligned(
    ta: Tokens,
    a_range: tuple[int, int],
    tb: Tokens,
    b_range: tuple[int, int],
    blocks: list[tuple[int, int, int]],
) -> Alignment | None:
    """The alignment of two ranges from their (non-empty) matching blocks."""
    a0, a1 = a_range
    b0, b1 = b_range
    first, last = best_chain(blocks, ta.weights, tb.weights)
    if last < first:
        return None
    core_run = max(
        longest_identical(ta.forms, ia, tb.forms, ib, size)
        for ia, ib, size in blocks[first : last + 1]
    )
    core = _measure(ta, tb, blocks[first : last + 1])
    # The core is the densest shared material; sparser matches around it still belong to
    # the passage (a translated quote shares words, not runs) while the region stays similar.
    first, last = extend(blocks, first, last, ta.weights, tb.weights)
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
    weights = matched_weights(chain, ta.weights, tb.weights)
    return sum(size for _, _, size in chain), sum(weights), weights.count(1.0)
