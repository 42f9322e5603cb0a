"""Sort-based grouping of 64-bit keys, the step under every index posting.

A 20,000-article corpus lists over 20 million sentence features; grouping them by key
with Python dicts takes minutes and gigabytes. Here it is a value sort in numpy. Memory
is the other constraint (the whole run must fit in 2 GiB), so positions are 32-bit where
they fit and no more than two full-length arrays are alive beside the keys.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any

import numpy as np
from numpy.typing import NDArray

Keys = NDArray[np.int64]
"""64-bit keys (feature hashes, pair keys)."""
Positions = NDArray[np.signedinteger[Any]]
"""Positions or sentence numbers: 32-bit unless there are more than 2**31 of them."""

BLOCK = 1 << 20
"""Entries compared at a time when looking for clashes (bounds the temporary arrays)."""


def position_type(count: int) -> type[np.signedinteger[Any]]:
    """The narrowest integer type holding positions ``0..count``."""
    return np.int32 if count < 2**31 else np.int64


def grouped(keys: Keys, *, reuse: bool = False) -> tuple[Positions, Keys]:
    """Positions of ``keys`` ordered by key, and by position among equal keys; and the
    keys in that order.

    A stable argsort does this but is several times slower than sorting values, so each
    key's low bits are replaced by its position and the values are sorted instead. Two keys
    that differ only in those low bits then interleave; the rare runs where that happened
    are put right with a stable argsort of their own.

    With ``reuse``, the sort happens in ``keys``' own buffer, which is returned holding the
    sorted keys: at 20 million features that saves a 180 MiB copy, the index's peak.
    """
    count = len(keys)
    bits = max(1, (count - 1).bit_length())
    if bits > 40:
        order = np.argsort(keys, kind="stable")
        return order, keys[order]
    kind = position_type(count)
    low = (1 << bits) - 1
    if reuse:
        saved = np.empty(count, dtype=kind)  # the low bits the packing overwrites
        np.bitwise_and(keys, low, out=saved, casting="unsafe")
        packed = keys
        packed &= ~low
    else:
        packed = keys & ~low
    packed |= np.arange(count, dtype=kind)
    packed.sort()
    order = np.empty(count, dtype=kind)
    np.bitwise_and(packed, low, out=order, casting="unsafe")
    if reuse:
        values = packed
        for start in range(0, count, BLOCK):  # in blocks: no full-length temporary
            part = values[start : start + BLOCK]
            part &= ~low
            part |= saved[order[start : start + BLOCK]]
        del saved
    else:
        del packed
        values = keys[order]
    for lo, hi in _clashing_runs(values, low):
        part = np.argsort(values[lo:hi], kind="stable")
        order[lo:hi] = order[lo:hi][part]
        values[lo:hi] = values[lo:hi][part]
    return order, values


def _clashing_runs(values: Keys, low: int) -> list[tuple[int, int]]:
    """Ranges of ``values`` (sorted by high bits) whose members differ in low bits only."""
    runs: list[tuple[int, int]] = []
    high = ~low
    for start in range(0, max(len(values) - 1, 0), BLOCK):
        stop = min(start + BLOCK, len(values) - 1)
        later, earlier = values[start + 1 : stop + 1], values[start:stop]
        clash = np.flatnonzero((later != earlier) & ((later & high) == (earlier & high)))
        for at in (clash + start).tolist():
            if runs and runs[-1][1] > at:
                continue  # that run was already found
            # Keys are sorted by their high bits, so the run's ends are a binary search away.
            top = int(values[at]) & high
            lo = bisect_left(values, top, hi=at, key=lambda value: int(value) & high)
            hi = bisect_right(values, top, lo=at, key=lambda value: int(value) & high)
            runs.append((lo, hi))
    return runs


def run_starts(values: Keys) -> Positions:
    """Where each run of equal values begins."""
    if not len(values):
        return np.zeros(0, dtype=np.int32)
    fresh = np.empty(len(values), dtype=bool)
    fresh[0] = True
    np.not_equal(values[1:], values[:-1], out=fresh[1:])
    return np.flatnonzero(fresh).astype(position_type(len(values)))


def owners_of(counts: Positions, entries: Positions) -> Positions:
    """The sentence of each of ``entries`` when sentence ``s`` has the next ``counts[s]``
    entries: where it falls among their running totals (no full-length array of owners)."""
    ends = np.cumsum(counts, dtype=np.int64)
    found = np.empty(len(entries), dtype=position_type(len(counts)))
    for start in range(0, len(entries), BLOCK):
        part = entries[start : start + BLOCK]
        found[start : start + BLOCK] = np.searchsorted(ends, part, side="right")
    return found


class Column:
    """An append-only column of numbers in one buffer that doubles when full.

    Collecting the parts and concatenating them would hold everything twice for a moment
    and leave the freed parts scattered over the heap, where they stay part of the process.
    """

    def __init__(self, dtype: type[np.signedinteger[Any]]) -> None:
        self._data: NDArray[np.signedinteger[Any]] = np.zeros(0, dtype=dtype)
        self._size = 0

    def extend(self, part: NDArray[np.signedinteger[Any]]) -> None:
        """Append ``part``."""
        need = self._size + len(part)
        if need > len(self._data):
            grown = np.empty(max(need, 2 * len(self._data), 1 << 16), dtype=self._data.dtype)
            grown[: self._size] = self._data[: self._size]
            self._data = grown
        self._data[self._size : need] = part
        self._size = need

    def values(self) -> NDArray[np.signedinteger[Any]]:
        """Everything appended so far (a view: later appends may or may not show in it)."""
        return self._data[: self._size]

    def take(self) -> NDArray[np.signedinteger[Any]]:
        """Everything appended so far, leaving the column empty: the taker then holds the
        only reference and can free the buffer as soon as it is done with it."""
        values = self.values()
        self._data, self._size = np.zeros(0, dtype=self._data.dtype), 0
        return values
