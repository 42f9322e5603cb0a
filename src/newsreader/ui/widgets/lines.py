"""Turning Rich ``Text`` lines into Textual strips, and the meta line (source and date),
shared by the list and the reader."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

FILE_DATE_MARK = "†"
"""Follows a date that is only a file's modification time (when a copy was saved, not when
the article was published); the help screen and README explain it."""


def text_strip(console: Console, text: Text, width: int, base: Style) -> Strip:
    """One screen line of ``width`` cells showing ``text`` (cropped, padded) over ``base``.

    ``text`` is left as it is. A line is drawn for every row of every repaint, so it makes
    one strip (each one sets up its own caches), not one per step.
    """
    length = cell_len(text.plain)
    if length > width:
        text = text.copy()
        text.truncate(width, overflow="ellipsis")
        length = cell_len(text.plain)
    segments = list(text.render(console, end=""))
    if length > width:  # narrower than the ellipsis itself
        return Strip(segments).adjust_cell_length(width, base).apply_style(base)
    if length < width:
        segments.append(Segment(" " * (width - length), base))
    return Strip(Segment.apply_style(segments, base), width)


def meta_text(source: str, date: str, file_date: bool, figures: str, style: Style) -> Text:
    """``source · date · figures`` in ``style``; a file's date dimmed further and marked."""
    text = Text(source, style=style)
    if date:
        text.append(" · " if text else "")
        if file_date:
            text.append(date + FILE_DATE_MARK, style=style + Style(dim=True, italic=True))
        else:
            text.append(date)
    if figures:
        text.append(" · " if text else "")
        text.append(figures)
    return text
