"""How shared passages look: the mapping from the core's marks to styles, glyphs and a legend.

Colour is never the only carrier: each kind has its own text style (set in app.tcss) and
its own margin glyph, and the margin shows how many other outlets carry the line's passage.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.style import Style
from rich.text import Text

from newsreader.core.crossref import Mark as Shared
from newsreader.ui.widgets.article_view import Mark

GLYPHS = {"verbatim": "█", "near": "▓", "paraphrase": "░"}
"""Margin glyph per kind, densest for the closest copies."""
REPEAT_GLYPH = "↻"
"""Margin glyph for a passage repeated within the same article only."""


def view_marks(marks: Sequence[Shared], *, current: int | None = None) -> list[Mark]:
    """View marks for the core's shared stretches; ``current`` is the index of the marked one."""
    result = [_mark(mark) for mark in marks]
    if current is not None and 0 <= current < len(marks):
        chosen = marks[current]
        result.append(Mark(chosen.start, chosen.end, "article-view--current"))
    return result


def hit_marks(hits: Sequence[tuple[int, int]], *, current: int | None = None) -> list[Mark]:
    """View marks for search hits (drawn over passage marks); the current one stands out."""
    marks = [Mark(start, end, "article-view--hit", "/") for start, end in hits]
    if current is not None and 0 <= current < len(hits):
        start, end = hits[current]
        marks.append(Mark(start, end, "article-view--hit-current", "»"))
    return marks


def _mark(mark: Shared) -> Mark:
    if mark.others == 0:
        return Mark(mark.start, mark.end, "article-view--repeat", REPEAT_GLYPH)
    count = str(mark.others) if mark.others < 10 else "+"
    return Mark(mark.start, mark.end, f"article-view--{mark.kind}", GLYPHS[mark.kind] + count)


def legend(styles: dict[str, Style], marks: Sequence[Shared]) -> Text:
    """One line saying what each style and glyph means, with counts for this article."""
    text = Text()
    for kind in ("verbatim", "near", "paraphrase"):
        count = sum(1 for m in marks if m.kind == kind and m.others)
        text.append(f"{GLYPHS[kind]} {kind} {count}", style=styles[kind])
        text.append("  ")
    repeats = sum(1 for m in marks if not m.others)
    if repeats:
        text.append(f"{REPEAT_GLYPH} repeated here {repeats}", style=styles["repeat"])
        text.append("  ")
    text.append("digit: other outlets")
    return text
