"""The help screen: every key and what it does."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from newsreader.ui.keys import KEYS, MARKS


class HelpScreen(ModalScreen[None]):
    """A modal table of keys; any of Esc, q or ? closes it."""

    BINDINGS = [Binding("escape,q,question_mark", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        table = Table(title="newsreader keys", expand=True, show_edge=False)
        table.add_column("Keys", no_wrap=True, style="bold")
        table.add_column("Where", no_wrap=True)
        table.add_column("What it does")
        for keys, where, what in KEYS:
            table.add_row(Text(keys), Text(where), Text(what))
        marks = Table(title="marks", expand=True, show_edge=False, show_header=False)
        marks.add_column("Mark", no_wrap=True, style="bold")
        marks.add_column("What it means")
        for mark, meaning in MARKS:
            marks.add_row(Text(mark), Text(meaning))
        with VerticalScroll(id="help-body"):
            yield Static(table)
            yield Static(marks)
            yield Static(Text("Esc, q or ? closes this screen.", style="dim"))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
