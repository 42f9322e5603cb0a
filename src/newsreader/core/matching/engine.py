"""The matching pipeline: normalise → index → candidates → align → group.

Stages pass plain data (arrays of ints, tuples), so any of them can be sharded. Large inputs
tokenise in a process pool on every core (workers return compact chunks, see
:mod:`.compact`), then, once the index is built, candidates are listed and aligned sentence
range by sentence range in a second pool forked from the finished index, so workers share
it copy-on-write and no list of all pairs ever exists. Small inputs (such as the bundled
sample) stay in-process, where starting workers would cost more than the work.
"""

from __future__ import annotations

import multiprocessing
import os
from array import array
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TypeVar

import numpy as np

from newsreader.core.article import Article
from newsreader.core.matching.align import Link, Thresholds, compare
from newsreader.core.matching.compact import Chunk, Corpus, View, encode_chunk
from newsreader.core.matching.group import group, grown, join_adjacent
from newsreader.core.matching.grouping import Column, Positions
from newsreader.core.matching.index import Index, build_index, candidate_pairs, repeated_pairs
from newsreader.core.matching.model import KINDS, Passage
from newsreader.core.matching.packed import ids_of, texts_of
from newsreader.core.memory import give_back

Progress = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while the engine works."""
Result = TypeVar("Result")

ENGINE_VERSION = "2"
"""Bumped whenever a change alters results, so cached results from older code are ignored."""

PARALLEL_FROM = 400
"""Articles from which the pool pays for itself (below, the work takes well under a second)."""
ENCODE_CHUNK = 64
"""Articles per tokenising task."""
ALIGN_CHUNK = 2000
"""Sentences per candidate-and-align task."""
AHEAD = 2
"""Tasks per worker submitted ahead of the result awaited (see :func:`_in_order`)."""
TRIM_EVERY = 4
"""Tokenising tasks between two hand-backs of a worker's freed memory (:mod:`.memory`)."""
VIEW_CACHE = 20_000
"""Sentence views an aligning worker keeps before starting afresh (bounds its memory)."""


class _Shared:
    """Worker state: set by the parent just before it forks a pool and inherited by the
    workers, so tasks travel as small int pairs and the corpus is never pickled."""

    texts: Sequence[str] = ()
    encoded = 0
    """Tokenising tasks this worker has done."""
    corpus: Corpus | None = None
    index: Index | None = None


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
    texts = texts_of(articles)  # read on access: the engine holds no list of them
    corpus, features, counts, repeats = _encode(
        texts, parallel=parallel, count=count, report=report
    )
    give_back()  # the chunks' buffers, before the index doubles the features for a sort
    report("index", 0, len(counts))
    index = build_index(corpus.articles, features, counts)
    del features, counts
    give_back()  # the sort's arrays, before a pool forks and each worker maps them
    report("index", len(index), len(index))
    links = _repeat_links(corpus, index, repeats)
    del repeats
    links += _align_all(corpus, index, parallel=parallel, count=count, report=report)
    give_back()
    report("group", 0, len(links))
    joined = join_adjacent(links, corpus.articles)
    passages = group(joined, ids_of(articles), texts, corpus.articles)
    report("group", len(links), len(links))
    return sort_passages(p for p in passages if p.score >= min_score)


def sort_passages(passages: object) -> tuple[Passage, ...]:
    """Strongest first: score, then closeness of kind, then more copies, then id."""
    items: list[Passage] = list(passages)  # type: ignore[call-overload]
    items.sort(key=lambda p: (-p.score, KINDS.index(p.kind), -len(p.spans), p.id))
    return tuple(items)


def _encode(
    texts: Sequence[str], *, parallel: bool, count: int, report: Progress
) -> tuple[Corpus, Column, Positions, array[int]]:
    """Tokenise every text: the corpus, every sentence's features (in a column, for
    :func:`.build_index` to take and free) with their number per sentence, and per sentence
    its repeat key."""
    corpus = Corpus()
    features, counts = Column(np.int64), Column(np.int32)
    repeats: array[int] = array("q")
    ranges = [(lo, min(lo + ENCODE_CHUNK, len(texts))) for lo in range(0, len(texts), ENCODE_CHUNK)]
    report("normalise", 0, len(texts))
    chunks = _chunks(texts, ranges, parallel=parallel, count=count)
    for (_, hi), chunk in zip(ranges, chunks, strict=True):
        corpus.add(chunk)
        features.extend(chunk.features)
        counts.extend(chunk.counts)
        repeats.extend(chunk.repeats)
        report("normalise", hi, len(texts))
    report("normalise", len(texts), len(texts))
    return corpus, features, counts.values(), repeats


def _chunks(
    texts: Sequence[str], ranges: list[tuple[int, int]], *, parallel: bool, count: int
) -> Iterator[Chunk]:
    if not parallel:
        yield from (encode_chunk(texts[lo:hi]) for lo, hi in ranges)
        return
    _Shared.texts = texts
    try:
        with _pool(count) as pool:
            yield from _in_order(pool, _encode_range, ranges, ahead=AHEAD * count)
    finally:
        _Shared.texts = ()


def _encode_range(bounds: tuple[int, int]) -> Chunk:
    chunk = encode_chunk(_Shared.texts[bounds[0] : bounds[1]])
    # Tokenising frees lists and strings by the megabyte, and glibc keeps what was freed
    # within its heap: each worker would end at the high-water mark of its tasks. Giving
    # it back costs a few milliseconds, so it is done every few tasks.
    _Shared.encoded += 1
    if _Shared.encoded % TRIM_EVERY == 0:
        give_back()
    return chunk


def _repeat_links(corpus: Corpus, index: Index, repeats: array[int]) -> list[Link]:
    """Links between identical sentences (see :func:`.index.repeated_pairs`)."""

    def words(sentence: int) -> bytes:
        forms = corpus.articles[index.article[sentence]].forms
        return forms[index.first[sentence] : index.last[sentence]].tobytes()

    article, first, last = index.article, index.first, index.last
    return [
        Link(article[i], first[i], last[i], article[j], first[j], last[j], "verbatim", 100.0)
        for i, j in repeated_pairs(repeats, words)
    ]


def align_range(
    corpus: Corpus, index: Index, lo: int, hi: int, thresholds: Thresholds | None = None
) -> list[Link]:
    """Align every sentence in ``[lo, hi)`` with its later candidates; keep shared passages."""
    limits = thresholds or Thresholds()
    views: dict[int, View] = {}
    article, first, last = index.article, index.first, index.last

    def view(sentence: int) -> View:
        found = views.get(sentence)
        if found is None:
            if len(views) > VIEW_CACHE:
                views.clear()
            found = views[sentence] = corpus.view(
                article[sentence], first[sentence], last[sentence]
            )
        return found

    links: list[Link] = []
    for i, j in zip(*candidate_pairs(index, lo, hi), strict=True):
        va, vb = view(i), view(j)
        found = compare(va, (0, len(va.forms)), vb, (0, len(vb.forms)), limits)
        if found is None:
            continue
        alignment, verdict = found
        a0, b0 = first[i], first[j]
        link = Link(
            article[i],
            a0 + alignment.a_start,
            a0 + alignment.a_end,
            article[j],
            b0 + alignment.b_start,
            b0 + alignment.b_end,
            *verdict,
        )
        # Grown here, in parallel, so the parent's join finds nothing left to grow
        # (copied paragraphs make that walk cost seconds at 20k articles).
        links.append(grown(link, corpus.articles))
    return links


def _align_all(
    corpus: Corpus, index: Index, *, parallel: bool, count: int, report: Progress
) -> list[Link]:
    total = len(index)
    report("align", 0, total)
    ranges = [(lo, min(lo + ALIGN_CHUNK, total)) for lo in range(0, total, ALIGN_CHUNK)]
    if not parallel:
        # Range by range here too: one range of everything lists every candidate pair at
        # once (2.3 GiB at 20,000 articles on one core).
        links = []
        for lo, hi in ranges:
            links += align_range(corpus, index, lo, hi)
            report("align", hi, total)
        report("align", total, total)
        return links
    _Shared.corpus, _Shared.index = corpus, index
    try:
        links = []
        with _pool(count) as pool:
            parts = _in_order(pool, _align_task, ranges, ahead=AHEAD * count)
            for (_, hi), part in zip(ranges, parts, strict=True):
                links.extend(part)
                report("align", hi, total)
        return links
    finally:
        _Shared.corpus, _Shared.index = None, None


def _align_task(bounds: tuple[int, int]) -> list[Link]:
    assert _Shared.corpus is not None and _Shared.index is not None
    return align_range(_Shared.corpus, _Shared.index, bounds[0], bounds[1])


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _in_order(
    pool: ProcessPoolExecutor,
    function: Callable[[tuple[int, int]], Result],
    tasks: Sequence[tuple[int, int]],
    *,
    ahead: int,
) -> Iterator[Result]:
    """``pool.map(function, tasks)`` with at most ``ahead`` tasks submitted and not yet
    consumed. ``map`` submits every task at once, and results finished before their turn
    wait in this process: with a few more workers than cores, hundreds of megabytes of
    token chunks piled up while the parent was busy adding earlier ones to the corpus."""
    pending: deque[Future[Result]] = deque()
    for task in tasks[:ahead]:
        pending.append(pool.submit(function, task))
    following = iter(tasks[ahead:])
    while pending:
        done = pending.popleft()
        for task in islice(following, 1):  # keep the workers busy while this one is used
            pending.append(pool.submit(function, task))
        yield done.result()


def _pool(count: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork"))


def _silent(stage: str, done: int, total: int) -> None:
    """The default progress callback: says nothing."""
