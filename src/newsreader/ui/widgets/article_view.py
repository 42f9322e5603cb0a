"""The reader pane: an article's title, metadata and text, wrapped by offsets and scrollable.

Lines are computed by the core's :func:`wrap_offsets`, so any character offset (a shared
passage, a search hit) maps to a screen row and can be styled or scrolled into view.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.core.article import Article
from newsreader.core.layout import line_of_offset, wrap_offsets
from newsreader.ui.widgets.lines import text_strip


@dataclass(frozen=True, slots=True)
class Mark:
    """A styled stretch of the article text."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset just past the last character."""
    component: str
    """Component class (defined in the stylesheet) whose style the stretch takes."""


class ArticleView(ScrollView, can_focus=True):
    """Shows one article; scrolls like ``less``."""

    BINDINGS = [
        Binding("j,down", "scroll_lines(1)", "Down", show=False),
        Binding("k,up", "scroll_lines(-1)", "Up", show=False),
        Binding("space,pagedown", "page(1)", "Page down", key_display="space"),
        Binding("b,pageup", "page(-1)", "Page up", key_display="b"),
        Binding("g,home", "top", "Top", show=False),
        Binding("G,end", "bottom", "Bottom", show=False),
    ]
    COMPONENT_CLASSES = {"article-view--title", "article-view--meta", "article-view--note"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._article: Article | None = None
        self._message = "Select an article."
        self._marks: tuple[Mark, ...] = ()
        self._header: list[Text] = []
        self._body: list[Text] = []
        self._offsets: tuple[tuple[int, int], ...] = ()
        self._width = 0

    @property
    def article(self) -> Article | None:
        """The article shown, if any."""
        return self._article

    @property
    def header_height(self) -> int:
        """Rows taken by the title and metadata above the text."""
        return len(self._header)

    def show(self, article: Article | None, *, message: str = "") -> None:
        """Show ``article`` from the top (or ``message`` when there is none)."""
        self._article = article
        self._message = message or "Select an article."
        self._marks = ()
        self._layout(force=True)
        self.scroll_to(y=0, animate=False)

    def set_marks(self, marks: Sequence[Mark]) -> None:
        """Style these stretches of the text (replacing earlier marks)."""
        self._marks = tuple(marks)
        self._layout(force=True)

    def row_of_offset(self, offset: int) -> int:
        """The screen row (in the scrolled document) that shows text offset ``offset``."""
        return self.header_height + line_of_offset(self._offsets, offset)

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so that ``offset`` sits a few rows below the top, with context above it."""
        self.scroll_to(y=max(0, self.row_of_offset(offset) - 3), animate=False)

    def action_scroll_lines(self, delta: int) -> None:
        self.scroll_to(y=self.scroll_offset.y + delta, animate=False)

    def action_page(self, direction: int) -> None:
        step = max(1, self.scrollable_content_region.height - 2)
        self.scroll_to(y=self.scroll_offset.y + direction * step, animate=False)

    def action_top(self) -> None:
        self.scroll_to(y=0, animate=False)

    def action_bottom(self) -> None:
        self.scroll_to(y=self.max_scroll_y, animate=False)

    def on_resize(self, event: events.Resize) -> None:
        self._layout()

    def _layout(self, *, force: bool = False) -> None:
        width = max(10, self.scrollable_content_region.width - 1)
        if width == self._width and not force:
            return
        self._width = width
        self._header = self._build_header(width)
        self._body = self._build_body(width)
        self.virtual_size = Size(0, len(self._header) + len(self._body))
        self.refresh()

    def _build_header(self, width: int) -> list[Text]:
        article = self._article
        if article is None:
            return self._wrapped(Text(self._message), width)
        title_style = self.get_component_rich_style("article-view--title")
        meta_style = self.get_component_rich_style("article-view--meta")
        note_style = self.get_component_rich_style("article-view--note")
        meta = " · ".join(part for part in (article.source, article.date or "") if part)
        lines = self._wrapped(Text(article.title, style=title_style), width)
        lines += self._wrapped(Text(meta, style=meta_style), width)
        if article.url:
            lines += self._wrapped(Text(article.url, style=meta_style), width)
        for note in article.notes:
            lines += self._wrapped(Text(note, style=note_style), width)
        return [*lines, Text("─" * min(width, 40), style=meta_style), Text()]

    def _build_body(self, width: int) -> list[Text]:
        if self._article is None:
            self._offsets = ()
            return []
        text = Text(self._article.text)
        for mark in self._marks:
            text.stylize(self.get_component_rich_style(mark.component), mark.start, mark.end)
        self._offsets = wrap_offsets(self._article.text, width, measure=cell_len)
        return _slice_lines(text, self._offsets)

    @staticmethod
    def _wrapped(text: Text, width: int) -> list[Text]:
        return _slice_lines(text, wrap_offsets(text.plain, width, measure=cell_len))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_offset.y)
        base: Style = self.rich_style
        if index < len(self._header):
            line = self._header[index]
        elif index - len(self._header) < len(self._body):
            line = self._body[index - len(self._header)]
        else:
            return Strip.blank(width, base)
        return text_strip(self.app.console, line, width, base)


def _slice_lines(text: Text, offsets: Sequence[tuple[int, int]]) -> list[Text]:
    """``text[start:end]`` for every line, in one pass (slicing line by line is quadratic)."""
    cuts = [offset for pair in offsets for offset in pair]
    pieces = text.divide(cuts)
    return [pieces[2 * index + 1] for index in range(len(offsets))]
