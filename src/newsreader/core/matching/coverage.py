"""What the reader shows per article: which parts are shared, which are its own words.

Pure functions over passages and an article's text, so the UI only draws their results.
"""

from __future__ import annotations

from collections.abc import Iterable

from newsreader.core.matching.model import Passage


def shared_ranges(article_id: str, passages: Iterable[Passage]) -> list[tuple[int, int]]:
    """The article's characters that lie in some passage, as sorted, disjoint ranges.

    Overlapping and touching spans are merged; spans of other articles are ignored.
    """
    spans = sorted(
        (span.start, span.end)
        for passage in passages
        for span in passage.spans
        if span.article == article_id and span.end > span.start
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def own_words(article_id: str, text: str, passages: Iterable[Passage]) -> list[tuple[int, int]]:
    """Ranges of ``text`` found in no passage, trimmed of surrounding whitespace.

    Ranges that would hold only whitespace or punctuation are left out, so the reader
    never shows an empty fragment.
    """
    own: list[tuple[int, int]] = []
    position = 0
    for start, end in [*shared_ranges(article_id, passages), (len(text), len(text))]:
        piece = _trim(text, position, min(start, len(text)))
        if piece is not None:
            own.append(piece)
        position = max(position, min(end, len(text)))
    return own


def originality(article_id: str, text: str, passages: Iterable[Passage]) -> float:
    """Share (0-1) of the article's non-space characters that are in no passage.

    An article with no text counts as wholly original (1.0): it shares nothing.
    """
    total = sum(1 for char in text if not char.isspace())
    if total == 0:
        return 1.0
    shared = sum(
        1
        for start, end in shared_ranges(article_id, passages)
        for char in text[start:end]
        if not char.isspace()
    )
    return max(0.0, 1.0 - shared / total)


_CLOSERS = frozenset(".,;:!?)]}»”’")
"""Punctuation that ends the shared sentence before a range: never the start of own words."""


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (text[start].isspace() or text[start] in _CLOSERS):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not any(char.isalnum() for char in text[start:end]):
        return None
    return start, end
