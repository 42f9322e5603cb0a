"""The public result of matching: passages shared by two or more places, as plain values.

These are what the CLI prints, the cache stores and the reader highlights, so they hold
only strings, numbers and tuples (no references into engine state).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["verbatim", "near", "paraphrase"]
"""How close the copies of a passage are (see :class:`Passage`)."""

KINDS: tuple[Kind, ...] = ("verbatim", "near", "paraphrase")
"""Every kind, closest first."""

Role = Literal["quote", "narration", "mixed"]
"""Whose words a passage is (see :attr:`Passage.role`)."""

ROLES: tuple[Role, ...] = ("quote", "narration", "mixed")
"""Every role."""


@dataclass(frozen=True, slots=True)
class Span:
    """Where one copy of a passage sits: ``article.text[start:end]``, on word boundaries."""

    article: str
    """The ``Article.id`` of the article holding this copy."""
    start: int
    """Offset of the first character (Python code points)."""
    end: int
    """Offset one past the last character."""


@dataclass(frozen=True, slots=True)
class Pair:
    """How close two particular copies of a passage are (for "also in" lists)."""

    a: int
    """Index of one copy in :attr:`Passage.spans`."""
    b: int
    """Index of the other copy in :attr:`Passage.spans`."""
    kind: Kind
    """How close these two copies are."""
    score: float
    """Closeness of these two copies, 0-100."""


@dataclass(frozen=True, slots=True)
class Passage:
    """One passage carried in two or more places (articles, or twice in one article)."""

    id: str
    """Stable identifier: the same input always gives the same id."""
    kind: Kind
    """``verbatim``: the same words (whitespace, quote marks and case aside); ``near``: the
    same sentence with small edits; ``paraphrase``: the same statement lightly rewritten.
    For three or more copies, the kind of the closest pair."""
    score: float
    """How close the copies are, 0-100 (the closest pair's score)."""
    quote: str
    """Short display text of the passage (from its first copy)."""
    spans: tuple[Span, ...]
    """Every copy, in input order of articles and then by offset; at least two."""
    pairs: tuple[Pair, ...] = field(default=())
    """The aligned pairs of copies that made this passage, each with its own kind and score."""
    role: Role = "narration"
    """``quote``: someone's words (inside quotation marks, or reported speech attributed to
    someone); ``narration``: the outlet's own telling (copied narration is wire copy or
    churnalism); ``mixed``: both."""
    first: str | None = None
    """The ``Article.id`` of the earliest article carrying the passage, or ``None`` when the
    publication dates cannot tell (missing, only file dates, or a tie)."""
