"""The reader pane: an article's title, metadata and text, wrapped by offsets and scrollable.

Lines are computed by the core's :func:`wrap_offsets`, so any character offset (a shared
passage, a search hit) maps to a screen row and can be styled or scrolled into view. Only
the rows on screen are drawn: showing an article or moving a mark wraps the text and files
the marks by line (:func:`lines_of_spans`), and each row is styled when it is painted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.core.article import Article
from newsreader.core.layout import line_of_offset, lines_of_spans, wrap_offsets
from newsreader.ui.widgets.lines import meta_text, text_strip


@dataclass(frozen=True, slots=True)
class Mark:
    """A styled stretch of the article text."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset just past the last character."""
    component: str
    """Component class (defined in the stylesheet) whose style the stretch takes."""
    gutter: str = ""
    """Up to two cells drawn in the margin beside every line the stretch touches, so that
    the mark survives a monochrome terminal; empty for none."""


GUTTER = 3
"""Cells left of the text for margin marks (two for the glyph, one space)."""
KEPT_ROWS = 128
"""Drawn rows kept for repaints (scrolling redraws every row on screen): about three
screens; each kept strip also keeps what Textual derives from it, all scanned by the GC."""


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
    COMPONENT_CLASSES = {
        "article-view--title",
        "article-view--meta",
        "article-view--note",
        "article-view--verbatim",
        "article-view--near",
        "article-view--paraphrase",
        "article-view--repeat",
        "article-view--current",
        "article-view--hit",
        "article-view--hit-current",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._article: Article | None = None
        self._message = "Select an article."
        self._marks: tuple[Mark, ...] = ()
        self._legend: Text | None = None
        self._body_text: str | None = None
        self._header: list[Text] = []
        self._offsets: tuple[tuple[int, int], ...] = ()
        self._starts: list[int] = []
        self._by_line: dict[int, tuple[int, ...]] = {}
        self._styles: dict[str, Style] = {}
        self._width = 0
        self._base = Style()
        self._drawn: LRUCache[int, Strip] = LRUCache(KEPT_ROWS)
        self._drawn_for: tuple[int, Style] | None = None

    @property
    def article(self) -> Article | None:
        """The article shown, if any."""
        return self._article

    @property
    def message(self) -> str:
        """What is said when no article is shown."""
        return self._message

    @property
    def header_height(self) -> int:
        """Rows taken by the title and metadata above the text."""
        return len(self._header)

    @property
    def text(self) -> str:
        """The text drawn under the header (the article's, or a derived view of it)."""
        if self._body_text is not None:
            return self._body_text
        return self._article.text if self._article else ""

    def show(
        self,
        article: Article | None,
        *,
        message: str = "",
        body: str | None = None,
        marks: Sequence[Mark] = (),
        legend: Text | None = None,
    ) -> None:
        """Show ``article`` from the top (or ``message`` when there is none).

        ``body`` replaces the article's text with a derived view of it (such as its own
        words only); offsets given to the other methods then index ``body``. ``marks`` and
        ``legend`` are as for :meth:`set_marks`, given here to lay the article out once.
        """
        self._article = article
        self._message = message or "Select an article."
        self._body_text = body
        self._marks = tuple(marks)
        self._legend = legend
        self._layout(force=True)
        self.scroll_to(y=0, animate=False)

    def set_marks(self, marks: Sequence[Mark], *, legend: Text | None = None) -> None:
        """Style these stretches of the text (replacing earlier marks), with a legend line."""
        self._marks = tuple(marks)
        self._legend = legend
        if self._width == 0 or self._article is None:
            self._layout(force=True)
            return
        # Same text, same width: the lines stay where they are; only their styles change.
        self._styles = {}  # a theme may have changed since the last layout
        height = len(self._header)
        self._header = self._build_header(self._width)
        self._file_marks()
        if len(self._header) != height:
            self.virtual_size = Size(0, len(self._header) + len(self._offsets))
        self._redraw()

    def scroll_to_show(self, start: int, end: int) -> None:
        """Scroll only if the stretch ``start:end`` is not wholly in view."""
        first, last = self.row_of_offset(start), self.row_of_offset(max(start, end - 1))
        top = int(self.scroll_offset.y)
        height = max(1, self.scrollable_content_region.height)
        if first < top or last >= top + height:
            self.scroll_to_offset(start)

    def row_of_offset(self, offset: int) -> int:
        """The screen row (in the scrolled document) that shows text offset ``offset``."""
        return self.header_height + line_of_offset(self._starts, offset)

    def scroll_to_offset(self, offset: int, *, margin: int = 3) -> None:
        """Scroll so that ``offset`` sits ``margin`` rows below the top (context above it)."""
        self.scroll_to(y=max(0, self.row_of_offset(offset) - margin), animate=False)

    def top_offset(self) -> int:
        """Offset of the first text line in view (0 while the header is in view)."""
        row = int(self.scroll_offset.y) - len(self._header)
        if row <= 0 or not self._offsets:
            return 0
        return self._offsets[min(row, len(self._offsets) - 1)][0]

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

    def _style(self, component: str) -> Style:
        """A component's style, looked up once per layout (the CSS lookup is not free)."""
        style = self._styles.get(component)
        if style is None:
            style = self._styles[component] = self.get_component_rich_style(component)
        return style

    def _layout(self, *, force: bool = False) -> None:
        width = max(10, self.scrollable_content_region.width - 1 - GUTTER)
        if width == self._width and not force:
            return
        self._width = width
        self._styles = {}
        self._header = self._build_header(width)
        if self._article is None:
            self._offsets, self._starts = (), []
        else:
            self._offsets = wrap_offsets(self.text, width, measure=cell_len)
            self._starts = [start for start, _ in self._offsets]
        self._file_marks()
        self.virtual_size = Size(0, len(self._header) + len(self._offsets))
        self._redraw()

    def _redraw(self) -> None:
        self._drawn.clear()
        self.refresh()

    def _build_header(self, width: int) -> list[Text]:
        article = self._article
        if article is None:
            return self._wrapped(Text(self._message), width)
        title_style = self.get_component_rich_style("article-view--title")
        meta_style = self.get_component_rich_style("article-view--meta")
        note_style = self.get_component_rich_style("article-view--note")
        file_date = article.date_source == "file"
        meta = meta_text(article.source, article.date or "", file_date, "", meta_style)
        lines = self._wrapped(Text(article.title, style=title_style), width)
        lines += self._wrapped(meta, width)
        if article.url:
            lines += self._wrapped(Text(article.url, style=meta_style), width)
        for note in article.notes:
            lines += self._wrapped(Text(note, style=note_style), width)
        if self._legend is not None:
            lines += self._wrapped(self._legend, width)
        return [*lines, Text("─" * min(width, 40), style=meta_style), Text()]

    def _file_marks(self) -> None:
        """File the marks under the lines they touch, so that a row is drawn on its own."""
        self._by_line = lines_of_spans(self._starts, ((m.start, m.end) for m in self._marks))

    def _body_line(self, row: int) -> Text:
        """Body line ``row`` with its margin glyph and the marks' styles clipped to it.

        The same spans, in the same order, as styling the whole text and cutting it into
        lines; the glyph is that of the earliest-starting mark on the line that has one.
        """
        start, end = self._offsets[row]
        body = Text(self.text[start:end])
        gutter: tuple[int, int, Mark] | None = None
        for index in self._by_line.get(row, ()):
            mark = self._marks[index]
            if mark.gutter and (gutter is None or (mark.start, index) < gutter[:2]):
                gutter = (mark.start, index, mark)
            style = self._style(mark.component)
            if style and max(mark.start, start) < min(mark.end, end):
                body.stylize(style, max(mark.start, start) - start, min(mark.end, end) - start)
        line = Text()
        if gutter is not None:
            # A span, not the Text's base style: that would colour the whole line.
            line.append(gutter[2].gutter[:2], self._style(gutter[2].component))
        line.pad_right(GUTTER - line.cell_len)
        return line.append_text(body)

    @staticmethod
    def _wrapped(text: Text, width: int) -> list[Text]:
        return _slice_lines(text, wrap_offsets(text.plain, width, measure=cell_len))

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base = self.rich_style  # once per repaint, not once per row
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = y + int(self.scroll_offset.y)
        base = self._base
        if self._drawn_for != (width, base):
            self._drawn.clear()
            self._drawn_for = (width, base)
        strip = self._drawn.get(index)
        if strip is not None:
            return strip
        body_row = index - len(self._header)
        if index < len(self._header):
            line = Text(" " * GUTTER).append_text(self._header[index])
        elif body_row < len(self._offsets):
            line = self._body_line(body_row)
        else:
            return Strip.blank(width, base)
        strip = self._drawn[index] = text_strip(self.app.console, line, width, base)
        return strip


def _slice_lines(text: Text, offsets: Sequence[tuple[int, int]]) -> list[Text]:
    """``text[start:end]`` for every line, in one pass (slicing line by line is quadratic)."""
    cuts = [offset for pair in offsets for offset in pair]
    pieces = text.divide(cuts)
    return [pieces[2 * index + 1] for index in range(len(offsets))]
