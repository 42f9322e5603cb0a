"""A modal list of the inputs that could not be loaded, each with its reason."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from newsreader.core.article import Skipped


class SkippedScreen(ModalScreen[None]):
    """Shows skipped inputs; Esc or q closes it."""

    BINDINGS = [Binding("escape,q,exclamation_mark", "dismiss", "Close")]

    def __init__(self, skipped: Sequence[Skipped]) -> None:
        super().__init__()
        self._skipped = tuple(skipped)

    def compose(self) -> ComposeResult:
        table = Table(title=f"{len(self._skipped)} skipped", expand=True, show_edge=False)
        table.add_column("Path", overflow="fold")
        table.add_column("Reason", overflow="fold")
        for item in self._skipped:
            table.add_row(Text(item.path), Text(item.reason))
        if not self._skipped:
            table.add_row(Text("Nothing was skipped."), Text(""))
        with VerticalScroll(id="skipped-body"):
            yield Static(table)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
