"""The one-line status bar under the panes: counts, skipped inputs, progress."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class StatusBar(Static):
    """Shows a short status line; built from ``Text`` so outside strings are never markup."""

    def say(self, *parts: str) -> None:
        """Show the non-empty ``parts`` joined by a separator."""
        self.update(Text(" · ".join(part for part in parts if part)))
