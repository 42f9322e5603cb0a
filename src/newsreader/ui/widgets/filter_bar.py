"""The list filter: narrows the article list by title, source and date as you type."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class FilterBar(Input):
    """A one-line filter box above the list; ``Esc`` clears it, ``Enter`` returns to the list."""

    BINDINGS = [Binding("escape", "clear", "Clear filter", show=False)]

    class Filtered(Message):
        """The filter text changed (empty when cleared)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Done(Message):
        """The user is done typing (Enter or Esc): the list may take the focus back."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder="filter by title, source, date", id=id)

    def open(self) -> None:
        """Show the box and focus it."""
        self.display = True
        self.focus()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Filtered(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.value:
            self.display = False
        self.post_message(self.Done())

    def action_clear(self) -> None:
        self.value = ""
        self.display = False
        self.post_message(self.Done())
