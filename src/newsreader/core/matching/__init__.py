"""Find the passages that articles share: verbatim copies, near copies and light rewrites.

The public entry is :func:`find_passages`; results are :class:`Passage` values made of
:class:`Span` offsets into each ``Article.text``. :mod:`.coverage` turns them into the
per-article figures the reader shows (originality, own words).
"""

from newsreader.core.matching.engine import ENGINE_VERSION, find_passages, sort_passages
from newsreader.core.matching.model import KINDS, Kind, Pair, Passage, Span

__all__ = [
    "ENGINE_VERSION",
    "KINDS",
    "Kind",
    "Pair",
    "Passage",
    "Span",
    "find_passages",
    "sort_passages",
]
