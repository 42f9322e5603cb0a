"""Comparing predicted passages with an annotation: recall per kind, precision, look-alikes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsreader.core.matching.evaluate.annotation import Group, Negative
from newsreader.core.matching.model import Passage, Span

COVERED = 0.5
"""A copy is found when a predicted span covers at least this share of it."""
TOUCHED = 0.2
"""A look-alike span is linked when a predicted span covers at least this share of it."""


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Quality figures for one set of predicted passages."""

    recall: dict[str, float]
    """Share of required annotated pairs found, per kind that has pairs and for ``all``."""
    pairs: dict[str, int]
    """Number of required annotated pairs per kind and for ``all``."""
    precision: float
    """Share of predicted non-space characters that lie inside annotated material of the same
    group as a place they are linked with (1.0 when nothing is predicted). Text in no group,
    or linked with a place of a different group, counts against it."""
    negatives_linked: tuple[str, ...]
    """Note of each look-alike pair that some passage links (should be empty)."""
    negative_pairs: int
    """Number of look-alike pairs checked."""
    missed: tuple[str, ...]
    """``kind: note [article / article]`` for each required pair not found."""


def evaluate(
    passages: Sequence[Passage],
    groups: Sequence[Group],
    negatives: Sequence[Negative],
    texts: Mapping[str, str],
) -> Evaluation:
    """Compare ``passages`` with the annotation (see :class:`Evaluation`)."""
    by_article: dict[str, list[Passage]] = {}
    for passage in passages:
        for article in {span.article for span in passage.spans}:
            by_article.setdefault(article, []).append(passage)
    found: dict[str, int] = {}
    total: dict[str, int] = {}
    missed: list[str] = []
    for group in groups:
        for i, j in group.required_pairs():
            first, second = group.spans[i], group.spans[j]
            hit = any(
                links(p, a, b, COVERED)
                for a in first
                for b in second
                for p in by_article.get(a.article, ())
            )
            for key in (group.kind, "all"):
                total[key] = total.get(key, 0) + 1
                found[key] = found.get(key, 0) + hit
            if not hit:
                missed.append(
                    f"{group.kind}: {group.note} [{first[0].article} / {second[0].article}]"
                )
    linked = tuple(
        n.note
        for n in negatives
        if any(
            links(p, a, b, TOUCHED)
            for a in n.first
            for b in n.second
            for p in by_article.get(a.article, ())
        )
    )
    return Evaluation(
        recall={key: found[key] / total[key] for key in total},
        pairs=dict(total),
        precision=_precision(passages, groups, texts),
        negatives_linked=linked,
        negative_pairs=len(negatives),
        missed=tuple(missed),
    )


def _precision(
    passages: Sequence[Passage], groups: Sequence[Group], texts: Mapping[str, str]
) -> float:
    """Share of predicted characters the annotation justifies (:attr:`Evaluation.precision`)."""
    places = [(*group.spans, *group.extra) for group in groups]
    good = seen = 0
    for passage in passages:
        for index, span in enumerate(passage.spans):
            others = [s for k, s in enumerate(passage.spans) if k != index]
            # A character is justified when it lies in an annotated place whose group also
            # holds a different place that this passage links it with.
            allowed = [
                copy
                for group in places
                for x, place in enumerate(group)
                for copy in place
                if _overlap(copy, span) > 0
                and any(
                    _overlap(o, other) > 0
                    for y, elsewhere in enumerate(group)
                    if y != x
                    for o in elsewhere
                    for other in others
                )
            ]
            text = texts.get(span.article, "")
            for offset in range(span.start, min(span.end, len(text))):
                if not text[offset].isspace():
                    seen += 1
                    good += any(place.start <= offset < place.end for place in allowed)
    return good / seen if seen else 1.0


def _overlap(a: Span, b: Span) -> int:
    if a.article != b.article:
        return 0
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def links(passage: Passage, first: Span, second: Span, share: float) -> bool:
    """Whether two different copies of ``passage`` cover ``share`` of ``first`` and ``second``."""
    spans = passage.spans
    for x, one in enumerate(spans):
        if _overlap(one, first) < share * (first.end - first.start):
            continue
        for y, other in enumerate(spans):
            if y != x and _overlap(other, second) >= share * (second.end - second.start):
                return True
    return False


_links = links
"""The former private name, kept for scripts written against it."""
