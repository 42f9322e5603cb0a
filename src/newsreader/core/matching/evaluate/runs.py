"""Exact shared runs of words: the ground truth for wire copy, and how many are linked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsreader.core.matching.evaluate.score import COVERED, links
from newsreader.core.matching.model import Passage, Span


@dataclass(frozen=True, slots=True)
class Run:
    """A maximal run of identical folded words shared by two different articles."""

    first: Span
    """The run in the first article."""
    second: Span
    """The same run in the second article."""
    words: int
    """Its length in words."""


def exact_runs(articles: Sequence[Any], min_words: int) -> list[Run]:
    """Every maximal shared run of ``min_words``+ identical folded words between two articles.

    The ground truth for wire copy: whatever else differs, such a run is shared material.
    """
    from newsreader.core.matching.normalize import tokenize

    tokens = [tokenize(a.text) for a in articles]
    postings: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for index, toks in enumerate(tokens):
        forms = toks.forms
        for pos in range(len(forms) - min_words + 1):
            postings.setdefault(forms[pos : pos + min_words], []).append((index, pos))
    diagonals: dict[tuple[int, int, int], list[int]] = {}
    for places in postings.values():
        if len(places) < 2 or len(places) > 50:
            continue
        for x, (a, pa) in enumerate(places):
            for b, pb in places[x + 1 :]:
                if a != b:
                    diagonals.setdefault((a, b, pa - pb), []).append(pa)
    runs: list[Run] = []
    for (a, b, shift), starts in diagonals.items():
        starts.sort()
        begin = previous = starts[0]
        for pos in [*starts[1:], -1]:
            if pos == previous + 1:
                previous = pos
                continue
            end = previous + min_words
            ta, tb = tokens[a], tokens[b]
            runs.append(
                Run(
                    Span(articles[a].id, ta.starts[begin], ta.ends[end - 1]),
                    Span(articles[b].id, tb.starts[begin - shift], tb.ends[end - 1 - shift]),
                    end - begin,
                )
            )
            begin = previous = pos
    return runs


def runs_linked(runs: Sequence[Run], passages: Sequence[Passage]) -> int:
    """How many runs some passage links (each copy covered by at least half)."""
    by_article: dict[str, list[Passage]] = {}
    for passage in passages:
        for article in {span.article for span in passage.spans}:
            by_article.setdefault(article, []).append(passage)
    return sum(
        any(links(p, run.first, run.second, COVERED) for p in by_article.get(run.first.article, ()))
        for run in runs
    )
