"""Reading a hand annotation: groups of places that say the same thing, and look-alike pairs.

A span is named in one of two forms. Quoted: ``{"article", "text", "occurrence"?}`` where
``occurrence`` is which copy when the text repeats, or ``"any"`` when any copy will do.
Located: ``{"article", "start", "end", "sha1"}``, offsets into ``Article.text`` plus a prefix of
the SHA-1 of the span's text, for corpora whose text must not be copied into the annotation;
a changed loader then fails loudly instead of scoring the wrong words.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsreader.core.matching.model import Span

KINDS: tuple[str, ...] = ("verbatim", "near", "retold")
"""Kinds of required group, closest first: the same words; the same sentence with small edits;
the same statement in other words (translations, reported speech, paraphrased facts)."""

WITHIN_ARTICLE: frozenset[str] = frozenset({"verbatim", "near"})
"""Kinds whose pairs inside one article are required: a page repeating itself is a copy, but
a standfirst retelling its own lede is not how a story travels between outlets."""

DIGEST_MIN = 6
"""Shortest accepted SHA-1 prefix of a located span."""

Place = tuple[Span, ...]
"""One annotated place: its copies, any one of which counts (usually exactly one)."""


@dataclass(frozen=True, slots=True)
class Group:
    """Annotated places that say the same thing."""

    kind: str
    """One of :data:`KINDS`, or ``optional`` (linking allowed, never required)."""
    note: str
    """What the annotator saw, in words a reader understands."""
    spans: tuple[Place, ...]
    """The places that must be linked to each other."""
    extra: tuple[Place, ...] = field(default=())
    """Places that may be linked too (counted as precise, never required)."""

    def required_pairs(self) -> list[tuple[int, int]]:
        """Index pairs into :attr:`spans` that must be linked (see :data:`WITHIN_ARTICLE`)."""
        return [
            (i, j)
            for i in range(len(self.spans))
            for j in range(i + 1, len(self.spans))
            if self.kind in WITHIN_ARTICLE or self.spans[i][0].article != self.spans[j][0].article
        ]


@dataclass(frozen=True, slots=True)
class Negative:
    """A look-alike pair: shares names, numbers or topic, but states different things."""

    note: str
    """Why the two look alike and how they differ."""
    first: Place
    """One side (every copy counts)."""
    second: Place
    """The other side; linking any copy of it with any copy of :attr:`first` is an error."""


def span_digest(text: str) -> str:
    """The SHA-1 prefix a located span records for its text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]


def resolve(spec: Mapping[str, Any], texts: Mapping[str, str]) -> list[Span]:
    """Every place ``spec`` names: the given occurrence, else all of them."""
    article = str(spec["article"])
    if article not in texts:
        raise ValueError(f"annotation names an article that is not loaded: {article!r}")
    text = texts[article]
    if "start" in spec:
        return [_located(spec, article, text)]
    quoted = str(spec["text"])
    found: list[Span] = []
    start = text.find(quoted)
    while start >= 0:
        found.append(Span(article, start, start + len(quoted)))
        start = text.find(quoted, start + 1)
    if not found:
        raise ValueError(f"annotation text not in {article}: {quoted[:60]!r}")
    occurrence = spec.get("occurrence", "any")
    if occurrence == "any":
        return found
    if not isinstance(occurrence, int) or not 0 <= occurrence < len(found):
        raise ValueError(f"no occurrence {occurrence!r} of {quoted[:60]!r} in {article}")
    return [found[occurrence]]


def _located(spec: Mapping[str, Any], article: str, text: str) -> Span:
    start, end, digest = spec["start"], spec["end"], str(spec.get("sha1", ""))
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        raise ValueError(f"annotation offsets {start!r}-{end!r} do not fit {article}")
    if len(digest) < DIGEST_MIN:
        raise ValueError(f"located span in {article} needs a sha1 prefix of {DIGEST_MIN}+ digits")
    if not span_digest(text[start:end]).startswith(digest[:10]):
        raise ValueError(
            f"annotation span {start}-{end} of {article} no longer holds the annotated text "
            "(the loader changed?)"
        )
    return Span(article, start, end)


def load_annotation(
    data: Mapping[str, Any], texts: Mapping[str, str]
) -> tuple[list[Group], list[Negative]]:
    """Groups (required and optional) and look-alike pairs from annotation data.

    ``texts`` maps each article name the annotation uses to that article's text.
    """

    def place(spec: Mapping[str, Any]) -> Place:
        places = resolve(spec, texts)
        if len(places) > 1 and "occurrence" not in spec:
            raise ValueError(
                f"ambiguous annotation span (give an occurrence): {str(spec.get('text'))[:60]!r}"
            )
        return tuple(places)

    groups: list[Group] = []
    for item in data.get("passages", ()):
        kind = str(item["kind"])
        if kind not in KINDS:
            raise ValueError(f"unknown annotation kind {kind!r} (expected one of {KINDS})")
        if len(item["spans"]) < 2:
            raise ValueError(f"a group needs two or more spans: {item.get('note', '')!r}")
        groups.append(
            Group(
                kind,
                str(item.get("note", "")),
                tuple(place(s) for s in item["spans"]),
                tuple(place(s) for s in item.get("optional_spans", ())),
            )
        )
    groups += [
        Group("optional", str(g.get("note", "")), (), tuple(place(s) for s in g["spans"]))
        for g in data.get("optional", ())
    ]
    negatives = [
        Negative(str(item.get("note", "")), tuple(resolve(a, texts)), tuple(resolve(b, texts)))
        for item in data.get("negatives", ())
        for a, b in _sides(item)
    ]
    return groups, negatives


def _sides(item: Mapping[str, Any]) -> list[tuple[Mapping[str, Any], Mapping[str, Any]]]:
    """The look-alike pairs one negative entry stands for: a pair, or every pair across sides."""
    if "sides" in item:
        first, second = item["sides"]
        return [(a, b) for a in first for b in second]
    spans: Sequence[Mapping[str, Any]] = item["spans"]
    if len(spans) != 2:
        raise ValueError(f"a negative names two spans: {item.get('note', '')!r}")
    return [(spans[0], spans[1])]
