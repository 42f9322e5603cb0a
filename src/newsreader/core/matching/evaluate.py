"""Score passages against a hand annotation: per-kind recall, character precision, and
whether any pair of merely-similar sentences was linked.

Used by the quality test and ``benchmarks/quality.py``. An annotation names spans by
quoting the article text (``{"article", "text", "occurrence"?}``), so it stays readable
and survives re-tokenisation; see ``tests/data/sample_annotation.json`` for the format.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsreader.core.matching.model import Passage, Span

COVERED = 0.5
"""A copy is found when a predicted span covers at least this share of it."""
TOUCHED = 0.2
"""A negative span is linked when a predicted span covers at least this share of it."""


@dataclass(frozen=True, slots=True)
class Group:
    """Annotated places that say the same thing."""

    kind: str
    """``verbatim``, ``near``, ``paraphrase``, or ``optional`` (linking allowed, not required)."""
    note: str
    """What the annotator saw."""
    spans: tuple[Span, ...]
    """The copies that must be linked to each other."""
    extra: tuple[Span, ...] = field(default=())
    """Copies that may be linked too (counted as precise, not required)."""


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Quality figures for one set of predicted passages."""

    recall: dict[str, float]
    """Share of required annotated pairs found, per kind and for ``all``."""
    pairs: dict[str, int]
    """Number of required annotated pairs per kind and for ``all``."""
    precision: float
    """Share of predicted non-space characters inside annotated material they were linked with."""
    negatives_linked: tuple[str, ...]
    """Notes of negative pairs that some passage links (should be empty)."""
    missed: tuple[str, ...]
    """Notes of required pairs not found."""


def resolve(spec: Mapping[str, Any], texts: Mapping[str, str]) -> list[Span]:
    """Every place ``spec`` names: one occurrence if given, otherwise all of them."""
    article, quoted = spec["article"], spec["text"]
    text = texts[article]
    found: list[Span] = []
    start = text.find(quoted)
    while start >= 0:
        found.append(Span(article, start, start + len(quoted)))
        start = text.find(quoted, start + 1)
    if not found:
        raise ValueError(f"annotation text not in {article}: {quoted[:60]!r}")
    if "occurrence" in spec:
        return [found[int(spec["occurrence"])]]
    return found


def load_annotation(
    data: Mapping[str, Any], texts: Mapping[str, str]
) -> tuple[list[Group], list[tuple[str, list[Span], list[Span]]]]:
    """Groups (required and optional) and negative pairs from annotation data."""

    def one(spec: Mapping[str, Any]) -> Span:
        places = resolve(spec, texts)
        if len(places) != 1:
            raise ValueError(f"ambiguous annotation span: {spec['text'][:60]!r}")
        return places[0]

    groups = [
        Group(
            g["kind"],
            g.get("note", ""),
            tuple(one(s) for s in g["spans"]),
            tuple(one(s) for s in g.get("optional_spans", ())),
        )
        for g in data.get("passages", ())
    ]
    groups += [
        Group("optional", g.get("note", ""), (), tuple(one(s) for s in g["spans"]))
        for g in data.get("optional", ())
    ]
    negatives = [
        (n.get("note", ""), resolve(n["spans"][0], texts), resolve(n["spans"][1], texts))
        for n in data.get("negatives", ())
    ]
    return groups, negatives


def evaluate(
    passages: Sequence[Passage],
    groups: Sequence[Group],
    negatives: Sequence[tuple[str, list[Span], list[Span]]],
    texts: Mapping[str, str],
) -> Evaluation:
    """Compare ``passages`` with the annotation (see :class:`Evaluation`)."""
    found: dict[str, int] = {}
    total: dict[str, int] = {}
    missed: list[str] = []
    for group in groups:
        spans = group.spans
        for i in range(len(spans)):
            for j in range(i + 1, len(spans)):
                hit = any(_links(p, spans[i], spans[j], COVERED) for p in passages)
                for key in (group.kind, "all"):
                    total[key] = total.get(key, 0) + 1
                    found[key] = found.get(key, 0) + hit
                if not hit:
                    missed.append(group.note)
    good = 0
    seen = 0
    for passage in passages:
        for span in passage.spans:
            others = [s for s in passage.spans if s is not span]
            allowed = [
                place
                for group in groups
                for place in (*group.spans, *group.extra)
                if _overlap(place, span) > 0
                and any(
                    _overlap(o, other) > 0
                    for o in (*group.spans, *group.extra)
                    if o is not place
                    for other in others
                )
            ]
            text = texts.get(span.article, "")
            for offset in range(span.start, span.end):
                if offset < len(text) and not text[offset].isspace():
                    seen += 1
                    good += any(place.start <= offset < place.end for place in allowed)
    linked = tuple(
        note
        for note, first, second in negatives
        if any(_links(p, a, b, TOUCHED) for p in passages for a in first for b in second)
    )
    return Evaluation(
        recall={key: found[key] / total[key] for key in total},
        pairs=dict(total),
        precision=good / seen if seen else 1.0,
        negatives_linked=linked,
        missed=tuple(missed),
    )


def _overlap(a: Span, b: Span) -> int:
    if a.article != b.article:
        return 0
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _links(passage: Passage, first: Span, second: Span, share: float) -> bool:
    """Whether two different copies of ``passage`` cover ``first`` and ``second``."""
    spans = passage.spans
    for x, one in enumerate(spans):
        if _overlap(one, first) < share * (first.end - first.start):
            continue
        for y, other in enumerate(spans):
            if y != x and _overlap(other, second) >= share * (second.end - second.start):
                return True
    return False


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
        any(
            _links(p, run.first, run.second, COVERED) for p in by_article.get(run.first.article, ())
        )
        for run in runs
    )
