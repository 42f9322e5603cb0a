"""Word wrapping that keeps character offsets, so a reader can map any offset to a screen line.

The UI draws each line as ``text[start:end]``; highlights, search hits and jumps all speak
in offsets, and this is where offsets meet screen rows.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence

_TOKENS = re.compile(r"\S+| +")
_NOT_PLAIN = re.compile(r"[^\x20-\x7e]")
"""Anything but printable ASCII: such a paragraph takes the general, word-by-word path."""


def wrap_offsets(
    text: str, width: int, *, measure: Callable[[str], int] = len
) -> tuple[tuple[int, int], ...]:
    """Split ``text`` into screen lines no wider than ``width``, as ``(start, end)`` offsets.

    Lines break at spaces where they can and inside a word only when the word alone is wider
    than ``width``. Newlines always break; an empty line is ``(i, i)``. Spaces at a break are
    dropped from both lines. ``measure`` gives a string's width in cells (``len`` by default;
    the UI passes a cell-width function for wide characters).
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        if not _NOT_PLAIN.search(paragraph) and measure(paragraph) == len(paragraph):
            lines.extend(_wrap_plain(paragraph, offset, width))
        else:
            lines.extend(_wrap_line(paragraph, offset, width, measure))
        offset += len(paragraph) + 1
    return tuple(lines)


def _wrap_plain(line: str, base: int, width: int) -> list[tuple[int, int]]:
    """:func:`_wrap_line` for printable ASCII, one cell a character: a step per screen line.

    Stepping word by word costs a second for a 5 MB paragraph; jumping ``width`` characters
    and looking back for a space gives the same lines in a fraction of that.
    """
    lines: list[tuple[int, int]] = []
    size = len(line)
    position = size - len(line.lstrip(" "))
    if position == size:
        return [(base, base)]
    last = len(line.rstrip(" "))
    while position < last:
        limit = position + width
        if limit >= last:
            lines.append((base + position, base + last))
            break
        if line[limit] == " ":
            end = limit  # the last word ends exactly at the width
        else:
            space = line.rfind(" ", position, limit)
            if space == -1:  # one word wider than the line: cut it
                lines.append((base + position, base + limit))
                position = limit
                continue
            end = space
        end = len(line[position:end].rstrip(" ")) + position
        lines.append((base + position, base + end))
        position = end
        while line[position] == " ":
            position += 1
    return lines


def _wrap_line(
    line: str, base: int, width: int, measure: Callable[[str], int]
) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    used = 0
    for match in _TOKENS.finditer(line):
        token = match.group()
        if token[0] == " ":
            continue
        gap = match.start() - end if start is not None else 0
        size = measure(token)
        if start is not None and used + gap + size <= width:
            end = match.end()
            used += gap + size
            continue
        if start is not None:
            lines.append((base + start, base + end))
        start, end, used = _place_word(
            line, match.start(), match.end(), width=width, measure=measure, lines=lines, base=base
        )
    if start is None:
        return lines or [(base, base)]
    lines.append((base + start, base + end))
    return lines


def _place_word(
    line: str,
    start: int,
    end: int,
    *,
    width: int,
    measure: Callable[[str], int],
    lines: list[tuple[int, int]],
    base: int,
) -> tuple[int, int, int]:
    """Start a new line with the word ``line[start:end]``, splitting it if it is too wide."""
    size = measure(line[start:end])
    while size > width:
        cut = start + 1
        used = measure(line[start])
        while cut < end and used + measure(line[cut]) <= width:
            used += measure(line[cut])
            cut += 1
        lines.append((base + start, base + cut))
        start = cut
        size = measure(line[start:end])
    return start, end, size


def line_of_offset(starts: Sequence[int], offset: int) -> int:
    """Index of the line holding ``offset``, given the lines' sorted start offsets.

    Callers keep ``starts`` (``[start for start, _ in lines]``) beside their lines, so each
    look-up is a bisection, not a pass over every line.
    """
    if not starts:
        return 0
    return max(0, bisect_right(starts, offset) - 1)


def lines_of_spans(
    starts: Sequence[int], spans: Iterable[tuple[int, int]]
) -> dict[int, tuple[int, ...]]:
    """The spans touching each line: line index -> indices of its spans, in the given order.

    A span ``(start, end)`` touches the lines from the one holding ``start`` to the one
    holding ``end - 1`` (an empty span, the one holding ``start``); lines no span touches are
    left out. With this a reader draws any one line from its own spans alone, instead of
    styling a whole article to show one screen of it.
    """
    found: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(spans):
        first = line_of_offset(starts, start)
        for row in range(first, line_of_offset(starts, max(start, end - 1)) + 1):
            found.setdefault(row, []).append(index)
    return {row: tuple(indices) for row, indices in found.items()}
