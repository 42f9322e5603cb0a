"""Turning Rich ``Text`` lines into Textual strips, shared by the list and the reader."""

from __future__ import annotations

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual.strip import Strip


def text_strip(console: Console, text: Text, width: int, base: Style) -> Strip:
    """One screen line of ``width`` cells showing ``text`` (cropped, padded) over ``base``."""
    text = text.copy()
    text.no_wrap = True
    text.overflow = "ellipsis"
    text.truncate(width, overflow="ellipsis")
    segments = list(text.render(console, end=""))
    return Strip(segments).adjust_cell_length(width, base).apply_style(base)
