"""Memo tables: dicts that compute what they miss, bounded for hostile input.

The tokeniser's per-token work is C-level ``map`` over such tables (see :mod:`.normalize`);
the feature and chunk encoders share them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

MEMO_LIMIT = 500_000
"""Entries a memo table may hold: hostile input with endless distinct words cannot grow
memory without bound (the table is emptied and refilled)."""

K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V]):
    """A dict that computes missing values, so ``map(memo.__getitem__, ...)`` stays in C."""

    def __init__(self, compute: Callable[[K], V]) -> None:
        super().__init__()
        self.compute = compute

    def __missing__(self, key: K) -> V:
        value = self[key] = self.compute(key)
        return value

    def trim(self) -> None:
        """Empty the table once it holds more than :data:`MEMO_LIMIT` entries."""
        if len(self) > MEMO_LIMIT:
            self.clear()
