"""The matching pipeline: normalise → index → candidates → align → group.

Stages pass plain data (tuples of ints and strings), so any of them can be sharded: large
inputs tokenise and align in a process pool on every core, small ones (such as the bundled
sample) stay in-process, where starting workers would cost more than the work.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import pairwise

from newsreader.core.article import Article
from newsreader.core.matching.align import Link, Thresholds, align, judge
from newsreader.core.matching.group import group, join_adjacent
from newsreader.core.matching.index import Sentence, candidate_pairs, sentences_of
from newsreader.core.matching.model import KINDS, Passage
from newsreader.core.matching.normalize import Tokens, tokenize

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while the engine works."""

ENGINE_VERSION = "2"
"""Bumped whenever a change alters results, so cached results from older code are ignored."""

PARALLEL_FROM = 400
"""Articles from which the pool pays for itself (below, the work takes well under a second)."""
CHUNK = 4000
"""Candidate pairs per task sent to a worker."""

_tokens: Sequence[Tokens] = ()
_sentences: Sequence[Sentence] = ()
"""Worker state: inherited from the parent at fork, so pairs travel as small int tuples."""


def find_passages(
    articles: Sequence[Article],
    *,
    min_score: float = 0,
    workers: int | None = None,
    progress: Progress | None = None,
) -> tuple[Passage, ...]:
    """Every passage that two or more places in ``articles`` share, strongest first.

    ``min_score`` drops weaker passages; ``workers`` caps the processes used (default: all
    cores, and only for large inputs); ``progress`` is told how far each stage has got.
    """
    report = progress or _silent
    count = workers if workers is not None else (os.cpu_count() or 1)
    parallel = count > 1 and len(articles) >= PARALLEL_FROM and _can_fork()
    report("normalise", 0, len(articles))
    if parallel:
        with _pool(count) as pool:
            tokens = list(pool.map(tokenize, (a.text for a in articles), chunksize=64))
    else:
        tokens = [tokenize(article.text) for article in articles]
    report("normalise", len(articles), len(articles))
    sentences = sentences_of(tokens)
    report("index", 0, len(sentences))
    pairs = candidate_pairs(tokens, sentences)
    report("index", len(sentences), len(sentences))
    links = repeated_sentences(tokens, sentences)
    links += _align_all(tokens, sentences, pairs, parallel=parallel, count=count, report=report)
    report("group", 0, len(links))
    passages = group(join_adjacent(links, tokens), articles, tokens)
    report("group", len(links), len(links))
    return sort_passages(p for p in passages if p.score >= min_score)


def sort_passages(passages: object) -> tuple[Passage, ...]:
    """Strongest first: score, then closeness of kind, then more copies, then id."""
    items: list[Passage] = list(passages)  # type: ignore[call-overload]
    items.sort(key=lambda p: (-p.score, KINDS.index(p.kind), -len(p.spans), p.id))
    return tuple(items)


REPEAT_MIN_TOKENS = 6
"""Shortest sentence whose identical repeats are linked without alignment."""


def repeated_sentences(tokens: Sequence[Tokens], sentences: Sequence[Sentence]) -> list[Link]:
    """Link identical sentences by hashing, however many articles carry them.

    The candidate index drops features found everywhere (that keeps it linear), which
    would also drop a paragraph or footer repeated across dozens of articles. Identical
    sentences need no alignment: grouping them by their folded words and chaining each
    copy to the next costs one pass and one link per copy.
    """
    groups: dict[tuple[str, ...], list[int]] = {}
    for index, sentence in enumerate(sentences):
        if sentence.last - sentence.first >= REPEAT_MIN_TOKENS:
            forms = tokens[sentence.article].forms[sentence.first : sentence.last]
            groups.setdefault(forms, []).append(index)
    links: list[Link] = []
    for members in groups.values():
        for left, right in pairwise(members):
            first, second = sentences[left], sentences[right]
            links.append(
                Link(
                    first.article,
                    first.first,
                    first.last,
                    second.article,
                    second.first,
                    second.last,
                    "verbatim",
                    100.0,
                )
            )
    return links


def align_pairs(
    tokens: Sequence[Tokens],
    sentences: Sequence[Sentence],
    pairs: Sequence[tuple[int, int]],
    thresholds: Thresholds | None = None,
) -> list[Link]:
    """Align candidate sentence pairs; keep those judged to share a passage."""
    limits = thresholds or Thresholds()
    links: list[Link] = []
    for i, j in pairs:
        first, second = sentences[i], sentences[j]
        ta, tb = tokens[first.article], tokens[second.article]
        alignment = align(ta, (first.first, first.last), tb, (second.first, second.last))
        if alignment is None:
            continue
        verdict = judge(alignment, limits)
        if verdict is None:
            continue
        kind, score = verdict
        links.append(
            Link(
                first.article,
                alignment.a_start,
                alignment.a_end,
                second.article,
                alignment.b_start,
                alignment.b_end,
                kind,
                score,
            )
        )
    return links


def _align_all(
    tokens: Sequence[Tokens],
    sentences: Sequence[Sentence],
    pairs: list[tuple[int, int]],
    *,
    parallel: bool,
    count: int,
    report: Progress,
) -> list[Link]:
    report("align", 0, len(pairs))
    if not parallel or len(pairs) < 2 * CHUNK:
        links = align_pairs(tokens, sentences, pairs)
        report("align", len(pairs), len(pairs))
        return links
    global _tokens, _sentences
    _tokens, _sentences = tokens, sentences
    try:
        chunks = [pairs[k : k + CHUNK] for k in range(0, len(pairs), CHUNK)]
        links = []
        with _pool(count) as pool:
            for done, part in enumerate(pool.map(_align_chunk, chunks), start=1):
                links.extend(part)
                report("align", min(done * CHUNK, len(pairs)), len(pairs))
        return links
    finally:
        _tokens, _sentences = (), ()


def _align_chunk(pairs: list[tuple[int, int]]) -> list[Link]:
    return align_pairs(_tokens, _sentences, pairs)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _pool(count: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork"))


def _silent(stage: str, done: int, total: int) -> None:
    """The default progress callback: says nothing."""
