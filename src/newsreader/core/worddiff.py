"""Word-level differences between two copies of a passage, for the "Also in" panel."""

from __future__ import annotations

import re
from typing import Literal

Op = Literal["same", "added", "dropped"]
"""``same``: in both copies; ``added``: only in the other copy; ``dropped``: only in ours."""

_WORD = re.compile(r"\S+")


def word_diff(ours: str, theirs: str) -> tuple[tuple[Op, str], ...]:
    """How ``theirs`` differs from ``ours``, word by word, as ``(op, text)`` runs.

    Words compare case- and quote-insensitively so that restyled quote marks do not show up
    as changes; each run's text is taken verbatim from the copy it belongs to.
    """
    from rapidfuzz.distance import Levenshtein  # only when a panel is drawn, not at start-up

    a = _WORD.findall(ours)
    b = _WORD.findall(theirs)
    runs: list[tuple[Op, str]] = []
    for op in Levenshtein.opcodes([_key(w) for w in a], [_key(w) for w in b]):
        a0, a1, b0, b1 = op.src_start, op.src_end, op.dest_start, op.dest_end
        if op.tag == "equal":
            runs.append(("same", " ".join(b[b0:b1])))
            continue
        if a1 > a0:
            runs.append(("dropped", " ".join(a[a0:a1])))
        if b1 > b0:
            runs.append(("added", " ".join(b[b0:b1])))
    return tuple(runs)


def _key(word: str) -> str:
    return word.casefold().strip("\"'“”‘’«».,;:!?()[]")
