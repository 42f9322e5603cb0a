"""The in-article search bar: type to search, ``Enter`` keeps the search, ``Esc`` clears it."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static


class SearchBar(Horizontal):
    """A one-line query box with a live ``current/total`` count beside it."""

    BINDINGS = [Binding("escape", "clear", "Clear search", show=False)]

    class Changed(Message):
        """The query changed (on every keystroke)."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Kept(Message):
        """The user pressed Enter: keep the search and go back to reading."""

    class Cleared(Message):
        """The user pressed Esc: drop the search."""

    def compose(self) -> ComposeResult:
        yield Static(Text("/"), id="search-slash")
        yield Input(placeholder="search this article", id="search-input")
        yield Static(id="search-count")

    @property
    def query(self) -> str:
        """The query as typed."""
        return self.query_one(Input).value

    def open(self) -> None:
        """Show the bar and put the cursor in it (keeping any earlier query to edit)."""
        self.display = True
        self.query_one(Input).focus()

    def set_count(self, current: int | None, total: int) -> None:
        """Show ``current/total`` (``current`` 1-based), or ``0/0`` and "no match"."""
        if not self.query.strip():
            label = ""
        elif total == 0:
            label = "no match"
        else:
            label = f"{current or 0}/{total}"
        self.query_one("#search-count", Static).update(Text(label))

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted)
    def _kept(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Kept())

    def action_clear(self) -> None:
        self.query_one(Input).value = ""
        self.display = False
        self.post_message(self.Cleared())
