"""Stage 5: turn pairwise links into passages across all the articles that carry them.

Links from consecutive sentences are first joined (a repeated paragraph is one passage, not
one per sentence). Each link then contributes two spans; spans in the same article that
mostly overlap are the same copy, and copies connected by links form one passage
(union-find, linear in the number of links).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from newsreader.core.matching.align import Link
from newsreader.core.matching.compact import Encoded as Tokens
from newsreader.core.matching.model import KINDS, Pair, Passage, Span

JOIN_GAP = 2
"""Links whose regions are at most this many tokens apart in both articles are joined."""
SAME_COPY = 0.5
"""Two spans in one article are one copy when they overlap by this share of the shorter."""
QUOTE_CHARS = 160
"""Longest display quote; longer passages are cut at a word and end with an ellipsis."""


def join_adjacent(links: Sequence[Link], tokens: Sequence[Tokens]) -> list[Link]:
    """Join links that continue each other in both articles (same pair, same order).

    Each link is first grown over identical words on both sides: a short sentence that
    was never a candidate on its own ("He declined to comment.") still belongs to a copied
    paragraph, and growing over it lets the sentences around it join into one passage.
    """
    ordered = sorted(
        (grown(_oriented(link), tokens) for link in links),
        key=lambda k: (k.a, k.b, k.a_start, k.b_start),
    )
    joined: list[Link] = []
    for link in ordered:
        if joined:
            last = joined[-1]
            if (
                last.a == link.a
                and last.b == link.b
                and last.a_start <= link.a_start
                and last.b_start <= link.b_start
                and link.a_start - last.a_end <= JOIN_GAP
                and link.b_start - last.b_end <= JOIN_GAP
            ):
                joined[-1] = _merge(last, link)
                continue
        joined.append(link)
    # A repeat within one article must not be its own copy.
    return [
        link
        for link in joined
        if link.a != link.b or link.b_start >= link.a_end or link.a_start >= link.b_end
    ]


def _oriented(link: Link) -> Link:
    if (link.a, link.a_start) <= (link.b, link.b_start):
        return link
    return Link(
        link.b, link.b_start, link.b_end, link.a, link.a_start, link.a_end, link.kind, link.score
    )


def grown(link: Link, tokens: Sequence[Tokens]) -> Link:
    """``link`` (oriented: ``a`` first) stretched over identical folded words before and
    after it; a link grown once stays as it is."""
    fa, fb = tokens[link.a].forms, tokens[link.b].forms
    behind = _same_run(
        fa, link.a_start, fb, link.b_start, min(link.a_start, link.b_start), back=True
    )
    a_start, b_start = link.a_start - behind, link.b_start - behind
    room = min(len(fa) - link.a_end, len(fb) - link.b_end)
    if link.a == link.b:
        room = min(room, max(b_start - link.a_end, 0))  # a repeat must not grow into itself
    ahead = _same_run(fa, link.a_end, fb, link.b_end, room)
    if not behind and not ahead:
        return link
    return Link(
        link.a,
        a_start,
        link.a_end + ahead,
        link.b,
        b_start,
        link.b_end + ahead,
        link.kind,
        link.score,
    )


def _same_run(
    fa: Sequence[int], a: int, fb: Sequence[int], b: int, room: int, *, back: bool = False
) -> int:
    """How many tokens agree going forwards from ``a`` and ``b`` (or, with ``back``,
    backwards from just before them), at most ``room``.

    Copied paragraphs make runs of hundreds of tokens that every link in them walks, so
    blocks of doubling size are compared as slices, in C, halving on a mismatch.
    """
    done, step = 0, 1
    while done < room:
        size = min(step, room - done)
        if back:
            same = fa[a - done - size : a - done] == fb[b - done - size : b - done]
        else:
            same = fa[a + done : a + done + size] == fb[b + done : b + done + size]
        if same:
            done += size
            step = 2 * size
        elif size == 1:
            break
        else:
            step = size // 2
    return done


def _merge(first: Link, second: Link) -> Link:
    size_1 = first.a_end - first.a_start
    size_2 = second.a_end - second.a_start
    score = round((first.score * size_1 + second.score * size_2) / (size_1 + size_2), 1)
    kind = max(first.kind, second.kind, key=KINDS.index)
    if kind == "verbatim" and score < 100:
        kind = "near"
    return Link(
        first.a,
        first.a_start,
        max(first.a_end, second.a_end),
        first.b,
        first.b_start,
        max(first.b_end, second.b_end),
        kind,
        score,
    )


def group(
    links: Sequence[Link], ids: Sequence[str], texts: Sequence[str], tokens: Sequence[Tokens]
) -> list[Passage]:
    """Passages from joined links (see the module docstring), between the articles whose
    ids and texts are given (in the order the links number them)."""
    # Every link end becomes a span instance: (article, start char, end char).
    ends: list[tuple[int, int, int]] = []
    for link in links:
        ta, tb = tokens[link.a], tokens[link.b]
        ends.append((link.a, ta.starts[link.a_start], ta.ends[link.a_end - 1]))
        ends.append((link.b, tb.starts[link.b_start], tb.ends[link.b_end - 1]))
    parent = list(range(len(ends)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: int, y: int) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    for index in range(0, len(ends), 2):
        union(index, index + 1)
    # Overlapping spans of one article are one copy: sweep each article's spans by start.
    # A passage in n articles has n - 1 identical spans in each of them (one per link):
    # those are one copy at once, and sweeping only distinct spans keeps the sweep linear
    # in copies rather than quadratic (identical spans overlap everything alike).
    order: list[int] = []
    for i in sorted(range(len(ends)), key=ends.__getitem__):
        if order and ends[order[-1]] == ends[i]:
            union(order[-1], i)
        else:
            order.append(i)
    # Indexed, not ``order[position + 1:]``: slicing copies the rest of the list for every
    # span, which made grouping quadratic in the number of links (minutes at 20k articles).
    for position, i in enumerate(order):
        article, start, end = ends[i]
        for later in range(position + 1, len(order)):
            j = order[later]
            other, other_start, other_end = ends[j]
            if other != article or other_start >= end:
                break
            overlap = min(end, other_end) - other_start
            if overlap >= SAME_COPY * min(end - start, other_end - other_start):
                union(i, j)
    components: dict[int, list[int]] = {}
    for index in range(len(ends)):
        components.setdefault(find(index), []).append(index)
    passages = [_passage(members, ends, links, ids, texts) for members in components.values()]
    return [passage for passage in passages if passage is not None]


def _passage(
    members: list[int],
    ends: list[tuple[int, int, int]],
    links: Sequence[Link],
    ids: Sequence[str],
    texts: Sequence[str],
) -> Passage | None:
    """One passage from the span instances of a component: overlapping ones become hulls."""
    copies: list[list[int]] = []  # [article, start, end]
    owner: dict[int, int] = {}
    for index in sorted(members, key=lambda i: ends[i]):
        article, start, end = ends[index]
        if copies and copies[-1][0] == article and start < copies[-1][2]:
            copies[-1][2] = max(copies[-1][2], end)
        else:
            copies.append([article, start, end])
        owner[index] = len(copies) - 1
    if len(copies) < 2:
        return None
    pairs: dict[tuple[int, int], Pair] = {}
    for index in members:
        if index % 2:
            continue
        link = links[index // 2]
        a, b = sorted((owner[index], owner[index + 1]))
        if a == b:
            continue
        known = pairs.get((a, b))
        if known is None or link.score > known.score:
            pairs[(a, b)] = Pair(a, b, link.kind, link.score)
    if not pairs:
        return None
    best = max(pairs.values(), key=lambda pair: (pair.score, -KINDS.index(pair.kind)))
    spans = tuple(Span(ids[a], start, end) for a, start, end in copies)
    first = copies[0]
    return Passage(
        id=passage_id(spans),
        kind=best.kind,
        score=best.score,
        quote=make_quote(texts[first[0]][first[1] : first[2]]),
        spans=spans,
        pairs=tuple(sorted(pairs.values(), key=lambda pair: (pair.a, pair.b))),
    )


def passage_id(spans: Sequence[Span]) -> str:
    """A stable id from the copies' places (same input, same id; no randomness)."""
    key = "|".join(f"{span.article}:{span.start}:{span.end}" for span in spans)
    return "p" + hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()


def make_quote(text: str) -> str:
    """Collapse whitespace and cut long text at a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= QUOTE_CHARS:
        return flat
    cut = flat.rfind(" ", 0, QUOTE_CHARS - 1)
    return flat[: cut if cut > 0 else QUOTE_CHARS - 1] + "…"
