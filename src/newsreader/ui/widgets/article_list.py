"""The article list: one row per article, drawn lazily so that 20,000 rows stay instant."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from newsreader.ui.widgets.lines import meta_text, text_strip

ROW_HEIGHT = 2
"""Screen lines per article: the title, then its source and date."""


@dataclass(frozen=True, slots=True)
class ListRow:
    """What one row of the list shows."""

    article_id: str
    """The article this row opens."""
    title: str
    """Headline (already clean: it comes from the core)."""
    source: str
    """Outlet."""
    date: str
    """``YYYY-MM-DD`` or empty."""
    file_date: bool = False
    """``date`` is only the file's modification time: drawn dimmed and marked (see
    :func:`.lines.meta_text`)."""
    shared: int | None = None
    """Passages shared with other articles (None until matching is done)."""
    originality: float | None = None
    """Share (0-1) of the text found in no other article (None until matching is done)."""
    unread: bool = False
    """Not opened yet (saved state)."""
    starred: bool = False
    """Starred by the user (saved state)."""
    heading: bool = False
    """A story heading, not an article: ``title`` is the story's, ``source`` its outlets and
    ``date`` its size; the cursor steps over it."""


class ArticleList(ScrollView, can_focus=True):
    """A keyboard- and mouse-driven list of articles with a cursor."""

    BINDINGS = [
        Binding("j,down", "cursor(1)", "Down", show=False),
        Binding("k,up", "cursor(-1)", "Up", show=False),
        Binding("g,home", "cursor_to(0)", "Top", show=False),
        Binding("G,end", "cursor_to(-1)", "Bottom", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup,b", "page(-1)", "Page up", show=False),
        Binding("enter,l", "open", "Open"),
    ]
    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--dim",
        "article-list--empty",
        "article-list--heading",
    }

    class Highlighted(Message):
        """The cursor moved to another article."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    class Opened(Message):
        """The user asked to read the article under the cursor."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: tuple[ListRow, ...] = ()
        self._cursor = 0
        self._empty_message = "Loading articles..."
        self._base = Style()

    @property
    def rows(self) -> tuple[ListRow, ...]:
        """The rows as shown, in order."""
        return self._rows

    @property
    def cursor(self) -> int:
        """Index of the row under the cursor."""
        return self._cursor

    @property
    def current(self) -> ListRow | None:
        """The row under the cursor, if any."""
        return self._rows[self._cursor] if self._rows else None

    def set_rows(self, rows: Sequence[ListRow], *, keep: str | None = None) -> None:
        """Show ``rows``; keep the cursor on article ``keep`` when it is still listed."""
        self._rows = tuple(rows)
        ids = [row.article_id for row in self._rows]
        self._cursor = ids.index(keep) if keep in ids else self._article_row(0, 1)
        self.virtual_size = Size(0, len(self._rows) * ROW_HEIGHT)
        self.refresh()
        self._announce()

    def set_empty_message(self, message: str) -> None:
        """What to say when there are no rows."""
        self._empty_message = message
        self.refresh()

    def select(self, article_id: str) -> None:
        """Move the cursor to ``article_id`` if it is listed."""
        for index, row in enumerate(self._rows):
            if row.article_id == article_id:
                self._move_to(index)
                return

    def action_cursor(self, delta: int) -> None:
        self._move_to(self._cursor + delta, delta)

    def action_cursor_to(self, index: int) -> None:
        self._move_to(index if index >= 0 else len(self._rows) - 1, 1 if index >= 0 else -1)

    def action_page(self, direction: int) -> None:
        rows = max(1, self.scrollable_content_region.height // ROW_HEIGHT - 1)
        self._move_to(self._cursor + direction * rows, direction)

    def action_open(self) -> None:
        if self.current is not None and not self.current.heading:
            self.post_message(self.Opened(self.current.article_id))

    def _move_to(self, index: int, direction: int = 1) -> None:
        if not self._rows:
            return
        index = self._article_row(max(0, min(index, len(self._rows) - 1)), direction or 1)
        if index == self._cursor:
            return
        # Only the two rows whose cursor mark changes are redrawn (scrolling redraws all).
        self.refresh_lines(self._cursor * ROW_HEIGHT, ROW_HEIGHT)
        self.refresh_lines(index * ROW_HEIGHT, ROW_HEIGHT)
        self._cursor = index
        self._announce()

    def _article_row(self, index: int, direction: int) -> int:
        """The nearest article row from ``index`` going ``direction`` (then back), not a heading."""
        for step in (direction, -direction):
            probe = index
            while 0 <= probe < len(self._rows):
                if not self._rows[probe].heading:
                    return probe
                probe += step
        return index

    def _announce(self) -> None:
        self.scroll_to_region_of(self._cursor)
        if self.current is not None and not self.current.heading:
            self.post_message(self.Highlighted(self.current.article_id))

    def scroll_to_region_of(self, index: int) -> None:
        """Scroll just enough to keep row ``index`` (both of its lines) in view."""
        height = max(ROW_HEIGHT, self.scrollable_content_region.height)
        top = int(self.scroll_offset.y)
        first = index * ROW_HEIGHT
        if first < top:
            self.scroll_to(y=first, animate=False)
        elif first + ROW_HEIGHT > top + height:
            self.scroll_to(y=first + ROW_HEIGHT - height, animate=False)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(0, len(self._rows) * ROW_HEIGHT)
        self.scroll_to_region_of(self._cursor)

    def on_click(self, event: events.Click) -> None:
        index = (event.y + int(self.scroll_offset.y)) // ROW_HEIGHT
        if 0 <= index < len(self._rows):
            self._move_to(index)
            if event.chain >= 2:
                self.action_open()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._base = self.rich_style  # once per repaint, not once per row
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = y + int(self.scroll_offset.y)
        index, part = divmod(line, ROW_HEIGHT)
        base = self._base
        if not self._rows:
            message = Text(self._empty_message if line == 0 else "")
            return text_strip(self.app.console, message, width, base)
        if index >= len(self._rows):
            return Strip.blank(width, base)
        style = base
        if index == self._cursor:
            style = base + self.get_component_rich_style("article-list--cursor")
        row = self._rows[index]
        if row.heading:
            heading = self.get_component_rich_style("article-list--heading")
            text = Text(f"▾ {row.title}", style=heading) if part == 0 else self._meta_text(row)
        elif part == 0:
            flags = ("★" if row.starred else " ") + ("•" if row.unread else " ")
            text = Text(flags, style=Style(bold=True)).append(row.title)
        else:
            text = Text("  ").append_text(self._meta_text(row))
        return text_strip(self.app.console, text, width, style)

    def _meta_text(self, row: ListRow) -> Text:
        figures = ""
        if row.shared is not None and row.originality is not None:
            figures = f"⇄{row.shared} · {row.originality:.0%} own"
        # Only the colour: the component's background would hide the cursor row's.
        dim = Style(color=self.get_component_rich_style("article-list--dim").color)
        return meta_text(row.source, row.date, row.file_date, figures, dim)
